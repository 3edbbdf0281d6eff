"""Parsing of the human-friendly durations and clock times used in scenario files.

Durations: ``90`` (minutes), ``90min``, ``90m``, ``1h``, ``1h30``, ``1h30min``, ``1.5h``,
``2d`` is not accepted (sessions are placed inside one day).
Clock times: ``09:30``, ``9:30``, ``9.30`` (also unquoted, which YAML reads as the number
9.3); ``0930`` and a bare number (``9``) are not.
"""

from __future__ import annotations

import re

_DURATION = re.compile(
    r"^\s*(?:(?P<hours>\d{1,6}(?:\.\d{1,6})?)\s*h(?:ours?|rs?)?)?\s*"
    r"(?:(?P<minutes>\d{1,8})\s*(?:m|min|mins|minutes?)?)?\s*$",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"^\s*(?P<h>\d{1,2})[:.](?P<m>\d{2})\s*$")


def _show(value: str) -> str:
    """A value quoted for an error message, cut short when long."""
    return repr(value if len(value) <= 40 else value[:37] + "...")


def parse_duration(value: object) -> int:
    """Return a duration in whole minutes; raise ValueError with a fix hint otherwise."""
    if isinstance(value, bool):
        raise ValueError("a duration must be a length of time; write it like 90min or 1h30")
    if isinstance(value, int):
        minutes = value
    elif isinstance(value, float) and value.is_integer():
        minutes = int(value)
    elif isinstance(value, str):
        match = _DURATION.match(value)
        if not match or not (match.group("hours") or match.group("minutes")):
            raise ValueError(
                f"{_show(value)} is not a duration; write it like 90min, 45m, 1h or 1h30"
            )
        hours = float(match.group("hours") or 0)
        minutes = round(hours * 60) + int(match.group("minutes") or 0)
    else:
        raise ValueError("a duration must be a length of time; write it like 90min or 1h30")
    if minutes < 0:
        raise ValueError(
            f"a duration cannot be negative (got {minutes} minutes); write it like 90min"
        )
    if minutes > 7 * 24 * 60:
        raise ValueError(f"{minutes} minutes is longer than a week; check the unit (90min, 1h30)")
    return minutes


class Sexagesimal(int):
    """A number YAML 1.1 read from a base-60 scalar: an unquoted ``9:30`` or ``10:30`` is
    the integer 570 or 630 (``09:30``, with its leading zero, stays text). The loader
    (:mod:`scheduler.yamlsafe`) marks such numbers so that a clock written with a colon is
    still a clock, and a bare number is not."""


def parse_clock(value: object) -> int:
    """Return a clock time as minutes after midnight (``24:00`` allowed as day end).

    Text such as ``09:30``, ``9:30`` or ``9.30``, or a base-60 number the YAML loader made
    of an unquoted ``9:30``. A bare number (``9``, ``930``) is refused: it would silently
    mean minutes after midnight (``9`` is 00:09), which is never what an organiser means.
    """
    if isinstance(value, Sexagesimal):
        if 0 <= value <= 24 * 60:
            return int(value)
        raise ValueError(f"{value // 60}:{value % 60:02d} is not a time of day between 00:00 "
                         "and 24:00; write it like 09:30")
    if isinstance(value, float):
        value = _clock_from_float(value)
    if isinstance(value, int) and not isinstance(value, bool):
        example = f"{value:02d}:00" if 0 <= value <= 24 else "09:30"
        raise ValueError(f"{value} is a bare number, not a time of day; write it with a "
                         f"colon, like {example}")
    if not isinstance(value, str):
        raise ValueError("a time of day must be written like 09:30")
    match = _CLOCK.match(value)
    if not match:
        raise ValueError(f"{_show(value)} is not a time of day; write it like 09:30")
    hours, minutes = int(match.group("h")), int(match.group("m"))
    if minutes >= 60 or hours > 24 or (hours == 24 and minutes):
        raise ValueError(
            f"{value!r} is not a time of day between 00:00 and 24:00; write it like 09:30"
        )
    return hours * 60 + minutes


def _clock_from_float(value: float) -> str:
    """An unquoted ``9.30`` (``H.MM``), which YAML reads as the number 9.3, back as text.

    YAML keeps no final zero, so ``9.30`` and ``9.3`` are the same number and both mean
    09:30, and ``9.5`` means 09:50 like ``9.50``: a time of day is hours and minutes, not
    a fraction of an hour. A number with more than two decimals is no ``H.MM``.
    """
    text = f"{value:.2f}"
    if value < 0 or float(text) != value:
        raise ValueError(f"{value!r} is not a time of day; write it like 09:30")
    return text


def format_clock(minutes: int) -> str:
    """Format minutes after midnight as ``HH:MM``."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def format_duration(minutes: int) -> str:
    """Format a duration the way organisers write it: ``45min``, ``1h``, ``1h30``."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest}min"
    return f"{hours}h{rest:02d}" if rest else f"{hours}h"
