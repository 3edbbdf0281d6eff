"""Reading one cell: what a spreadsheet gives (text, numbers, dates, times) becomes the
value a scenario file would hold.

Spreadsheet programs turn what the organiser typed into their own types: ``09:30`` into
a time, ``2024-09-16`` into a date (or a date-time), ``25`` into ``25.0``. Each reader
below takes any of those and gives the scenario's plain value (text for clock times and
durations, which the scenario itself parses and checks). What cannot be read raises
:class:`CellError` with what is wrong and how to write it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from confsched_sheets.layout import Kind

_SPLIT = re.compile(r"[;,\n]")
_WINDOW = re.compile(
    r"^\s*(?:(?P<day>\d{4}-\d{2}-\d{2})\s+)?(?P<start>\d{1,2}[:.]\d{2})\s*[-–—]\s*"
    r"(?P<end>\d{1,2}[:.]\d{2})\s*$")
_TRUE = {"true", "yes", "y", "1", "да", "д", "x", "✓"}
_FALSE = {"false", "no", "n", "0", "нет", "н", ""}


class CellError(ValueError):
    """A cell that cannot be read: ``message; hint``."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_text(value: Any) -> str:
    """Text as the organiser sees it: ``25.0`` is ``25``, a date is ``2024-09-16``."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return str(value).strip()


def _int(value: Any) -> Any:
    if isinstance(value, bool):
        raise CellError(f"{as_text(value)!r} is not a whole number", "write a number, e.g. 25")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = as_text(value).replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    raise CellError(f"{as_text(value)!r} is not a whole number", "write a number, e.g. 25")


def _number(value: Any) -> Any:
    """A whole or decimal number (``4``, ``4.5``, ``4,5``)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value) if float(value).is_integer() else value
    text = as_text(value).replace(" ", "").replace("\u00a0", "").replace(",", ".")
    if re.fullmatch(r"[+-]?\d+(\.\d+)?", text):
        number = float(text)
        return int(number) if number.is_integer() else number
    raise CellError(f"{as_text(value)!r} is not a number", "write a number, e.g. 4.5")


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = as_text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(f"{as_text(value)!r} is not yes or no", "write yes or no (да или нет)")


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0, 0):
            raise CellError(f"{as_text(value)!r} is a date with a time",
                            "write the date alone, e.g. 2024-09-16")
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = as_text(value)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            pass
    raise CellError(f"{text!r} is not a date", "write it like 2024-09-16 (or 16.09.2024)")


def _clock(value: Any) -> str:
    if isinstance(value, dt.datetime):
        value = value.time()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and 0 <= value < 1:
        # A time typed into a cell formatted as a number: a fraction of a day.
        minutes = round(value * 24 * 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    return as_text(value)


def _duration(value: Any) -> Any:
    if isinstance(value, dt.timedelta):
        return int(value.total_seconds() // 60)
    if isinstance(value, dt.datetime):
        value = value.time()
    if isinstance(value, dt.time):
        # 1:30 typed into a time-formatted cell: one hour thirty.
        return value.hour * 60 + value.minute
    if isinstance(value, bool):
        raise CellError(f"{as_text(value)!r} is not a duration", "write 90min or 1h30")
    if isinstance(value, int | float):
        return _int(value)
    return as_text(value)


def _list(value: Any) -> list[str]:
    return [part.strip() for part in _SPLIT.split(as_text(value)) if part.strip()]


def _dates(value: Any) -> list[dt.date]:
    if isinstance(value, dt.date):
        return [_date(value)]
    return [_date(part) for part in _list(value)]


def _track(value: Any) -> str | list[str]:
    ids = _list(value)
    return ids[0] if len(ids) == 1 else ids


def _windows(value: Any) -> list[dict[str, Any]]:
    windows: list[dict[str, Any]] = []
    for part in re.split(r"[;\n]", as_text(value)):
        if not part.strip():
            continue
        match = _WINDOW.match(part)
        if match is None:
            raise CellError(f"{part.strip()!r} is not a time window",
                            "write 09:00-13:00, or 2024-09-17 10:00-12:00 for one day; "
                            "separate windows with ;")
        window: dict[str, Any] = {}
        if match["day"]:
            window["day"] = _date(match["day"])
        window["start"] = match["start"].replace(".", ":")
        window["end"] = match["end"].replace(".", ":")
        windows.append(window)
    return windows


def _frames(value: Any) -> dict[dt.date, dict[str, str]]:
    frames: dict[dt.date, dict[str, str]] = {}
    for window in _windows(value):
        if "day" not in window:
            raise CellError("each frame needs its day",
                            "write 2024-09-20 09:00-13:00; separate days with ;")
        frames[window["day"]] = {"start": window["start"], "end": window["end"]}
    return frames


def _counts(value: Any) -> dict[str, Any]:
    counts: dict[str, Any] = {}
    for part in _list(value):
        name, colon, number = part.partition(":")
        if not colon or not name.strip():
            raise CellError(f"{part!r} is not 'role: number'",
                            "write e.g. facilitator: 1, broker: 1")
        counts[name.strip()] = _int(number.strip())
    return counts


def _links(value: Any) -> list[str] | dict[str, list[str]]:
    text = as_text(value)
    if ":" not in text:
        return _list(text)
    links: dict[str, list[str]] = {}
    for part in re.split(r"[;\n]", text):
        if not part.strip():
            continue
        role, colon, ids = part.partition(":")
        if not colon or not role.strip():
            raise CellError(f"{part.strip()!r} is not 'role: session ids'",
                            "write e.g. facilitator: session-1; broker: jam-1 jam-2, or "
                            "only session ids for every role")
        links[role.strip()] = [x for x in re.split(r"[\s,]+", ids) if x]
    return links


READERS: dict[Kind, Callable[[Any], Any]] = {
    "text": as_text, "int": _int, "bool": _bool, "date": _date, "clock": _clock,
    "duration": _duration, "list": _list, "dates": _dates, "windows": _windows,
    "track": _track, "frames": _frames, "counts": _counts,
    "number": _number, "links": _links,
}


def read_cell(value: Any, kind: Kind) -> Any:
    """The scenario value of a non-empty cell of ``kind``."""
    return READERS[kind](value)


def write_cell(value: Any, kind: Kind) -> Any:
    """The cell a scenario value is written as (the inverse of :func:`read_cell`)."""
    if value is None:
        return None
    if kind in ("list", "dates"):
        return ", ".join(as_text(v) for v in value)
    if kind == "track":
        return value if isinstance(value, str) else ", ".join(value)
    if kind == "windows":
        return "; ".join(_window_text(w) for w in value)
    if kind == "frames":
        return "; ".join(_window_text({"day": day, **frame}) for day, frame in value.items())
    if kind == "bool":
        return "yes" if value else "no"
    if kind == "counts":
        return ", ".join(f"{name}: {count}" for name, count in value.items())
    if kind == "links":
        if isinstance(value, list):
            return ", ".join(value) or None
        return "; ".join(f"{role}: {' '.join(ids)}" for role, ids in value.items()) or None
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _window_text(window: dict[str, Any]) -> str:
    span = f"{window['start']}-{window['end']}"
    day = window.get("day")
    return f"{as_text(day)} {span}" if day else span
