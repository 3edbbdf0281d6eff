"""Reading a CoSPLib instance workbook (.xlsx) into plain Python data.

CoSPLib's words differ from confsched's: a *track* is a topical group of submissions
(talks), a *session* is a block of time slots, and a *room* holds one track per session.
The workbook has the sheets ``parameters``, ``submissions``, ``tracks``, ``sessions``,
``rooms`` and four penalty matrices. Empty penalty cells mean 0, as in CoSPLib's own
reader. Anything we cannot read is reported with the sheet, the cell and how to fix it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from scheduler.errors import InputError, Problem

REQUIRED_SHEETS = (
    "parameters", "submissions", "tracks", "sessions", "rooms",
    "tracks_sessions|penalty", "tracks_rooms|penalty", "similar tracks",
    "sessions_rooms|penalty",
)

#: The 16 weights of the ``parameters`` sheet (column E, rows 2-17), in sheet order.
WEIGHT_NAMES = (
    "tracks_sessions", "tracks_rooms", "sessions_rooms", "similar_tracks",
    "rooms_per_track", "parallel_tracks", "consecutive_tracks", "submissions_timezones",
    "submissions_order", "submissions_sessions", "submissions_rooms",
    "presenters_conflicts", "attendees_conflicts", "chairs_conflicts",
    "presenters_conflicts_timeslot", "attendees_conflicts_timeslot",
)


@dataclass
class Submission:
    """A talk: its track, how many consecutive time slots it needs, and who is involved."""

    name: str
    track: int
    slots: int
    order: int
    timezone: str
    presenters: list[str]
    attendees: list[str]


@dataclass
class Session:
    """A block of time: ``slots`` time slots from ``start`` to ``end`` on ``date``."""

    name: str
    slots: int
    date: dt.date | None
    start: dt.time
    end: dt.time


@dataclass
class Instance:
    """One CoSPLib instance, indexed by position in each sheet."""

    name: str
    submissions: list[Submission]
    tracks: list[str]
    chairs: list[list[str]]
    sessions: list[Session]
    rooms: list[str]
    weights: dict[str, int]
    local_timezone: str
    suitable: tuple[dt.time, dt.time]
    less_suitable: tuple[dt.time, dt.time]
    small_tz_penalty: int
    big_tz_penalty: int
    sub_session: list[list[int]]
    """Penalty of each submission in each session (submissions sheet)."""
    sub_room: list[list[int]]
    track_session: list[list[int]]
    track_room: list[list[int]]
    track_track: list[list[int]]
    """Symmetric similar-tracks penalty, as CoSPLib's reader builds it (upper triangle)."""
    session_room: list[list[int]]
    sub_timezone: list[list[int]] = field(default_factory=list)
    """Time-zone penalty of each submission in each session (derived, see timezones)."""
    attendee_conflicts: list[set[int]] = field(default_factory=list)
    """Submissions each submission is in attendee conflict with (derived, symmetric)."""
    presenter_conflicts: list[set[int]] = field(default_factory=list)
    """Submissions each submission is in presenter conflict with (derived, symmetric)."""
    track_chair_conflicts: list[set[int]] = field(default_factory=list)
    """Tracks each track shares a chair with (derived, symmetric)."""

    @property
    def track_index(self) -> dict[str, int]:
        return {name: k for k, name in enumerate(self.tracks)}

    @property
    def submission_index(self) -> dict[str, int]:
        return {sub.name: i for i, sub in enumerate(self.submissions)}

    def track_submissions(self, track: int) -> list[int]:
        return [i for i, sub in enumerate(self.submissions) if sub.track == track]


# --------------------------------------------------------------------------- reading


def text(value: Any) -> str:
    """A cell as text: empty for blank cells, whole numbers without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _col(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class _Reader:
    """Collects problems with their sheet and cell so all are reported at once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def fail(self, sheet: str, row: int, col: int, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(
            message=message, file=str(self.path), path=f"sheet {sheet!r} cell {_col(col)}{row + 1}",
            hint=hint,
        ))

    def number(self, sheet: str, row: int, col: int, value: Any, default: int = 0) -> int:
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        try:
            return int(str(value).strip())
        except ValueError:
            self.fail(sheet, row, col, f"{value!r} is not a whole number",
                      "write a whole number or leave the cell empty (0)")
            return default

    def zone(self, sheet: str, row: int, col: int, name: str) -> str:
        """``name`` if it is a time zone CoSPLib's reader accepts, else a problem at the cell."""
        try:
            zone(name)
        except InputError as exc:
            for problem in exc.problems:
                self.fail(sheet, row, col, problem.message, problem.hint)
        return name

    def clock(self, sheet: str, row: int, col: int, value: Any) -> dt.time:
        if isinstance(value, dt.datetime):
            return value.time()
        if isinstance(value, dt.time):
            return value
        try:
            hours, minutes, *_ = str(value).split(":")
            return dt.time(int(hours), int(minutes))
        except (ValueError, TypeError):
            self.fail(sheet, row, col, f"{value!r} is not a time of day", "write it as 09:30")
            return dt.time(0, 0)


def _rows(workbook: Any, sheet: str) -> list[tuple[Any, ...]]:
    rows = list(workbook[sheet].iter_rows(values_only=True))
    while rows and all(cell is None or cell == "" for cell in rows[-1]):
        rows.pop()
    return rows


def load_instance(path: str | Path) -> Instance:
    """Read a CoSPLib workbook; raise :class:`InputError` naming every bad cell."""
    import openpyxl

    path = Path(path)
    if not path.is_file():
        what = "this is not a regular file" if path.exists() else "file not found"
        raise InputError([Problem(what, file=str(path), hint="give the path of a .xlsx file")])
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a non-workbook
        raise InputError([Problem(
            f"not an Excel workbook ({type(exc).__name__}: {exc})", file=str(path),
            hint="CoSPLib instances are .xlsx files such as N2OR.xlsx",
        )]) from None
    try:
        missing = [name for name in REQUIRED_SHEETS if name not in workbook.sheetnames]
        if missing:
            raise InputError([Problem(
                f"missing sheet(s): {', '.join(missing)}", file=str(path),
                hint="a CoSPLib instance has the sheets " + ", ".join(REQUIRED_SHEETS),
            )])
        return _parse(path, workbook)
    finally:
        workbook.close()


def _names(reader: _Reader, rows: list[tuple[Any, ...]], sheet: str) -> list[str]:
    names: list[str] = []
    for r, row in enumerate(rows[1:], start=1):
        name = text(row[0]) if row else ""
        if not name:
            continue
        if name in names:
            reader.fail(sheet, r, 0, f"{name!r} appears twice", "give each row a unique name")
        names.append(name)
    return names


def _parse(path: Path, workbook: Any) -> Instance:
    reader = _Reader(path)
    rooms = _names(reader, _rows(workbook, "rooms"), "rooms")

    sessions: list[Session] = []
    for r, row in enumerate(_rows(workbook, "sessions")[1:], start=1):
        row = tuple(row) + (None,) * 5
        if not text(row[0]):
            continue
        date = row[2].date() if isinstance(row[2], dt.datetime) else (
            row[2] if isinstance(row[2], dt.date) else None)
        slots = reader.number("sessions", r, 1, row[1])
        if slots < 1:
            reader.fail("sessions", r, 1, "a session needs at least one time slot")
        sessions.append(Session(
            name=text(row[0]), slots=max(slots, 1), date=date,
            start=reader.clock("sessions", r, 3, row[3]),
            end=reader.clock("sessions", r, 4, row[4]),
        ))
    session_names = [s.name for s in sessions]
    if len(set(session_names)) != len(session_names):
        reader.fail("sessions", 0, 0, "two sessions have the same name")

    track_rows = _rows(workbook, "tracks")
    tracks: list[str] = []
    chairs: list[list[str]] = []
    for r, row in enumerate(track_rows[1:], start=1):
        row = tuple(row) + (None, None)
        name = text(row[0])
        if not name:
            continue
        if name in tracks:
            reader.fail("tracks", r, 0, f"track {name!r} appears twice")
        tracks.append(name)
        chairs.append([c for c in text(row[1]).split(", ") if c])
    track_index = {name: k for k, name in enumerate(tracks)}
    room_index = {name: k for k, name in enumerate(rooms)}
    session_index = {name: k for k, name in enumerate(session_names)}

    sub_rows = _rows(workbook, "submissions")
    header = [text(cell) for cell in sub_rows[0]] if sub_rows else []
    if len(header) > 2 and header[2].strip().isdigit():
        # A number under "Required Timeslots": the first row is a submission, not the header.
        reader.fail("submissions", 0, 0, f"the first row is not the header (it reads like the "
                    f"submission {header[0]!r})",
                    "restore the header row: Reference, Track, Required Timeslots, Order, "
                    "Time Zone, Presenters, Attendees, then one column per session and room")
    session_cols: dict[int, int] = {}
    room_cols: dict[int, int] = {}
    for c, name in enumerate(header[7:], start=7):
        if name in session_index and c < 7 + len(sessions):
            session_cols[session_index[name]] = c
        elif name in room_index:
            room_cols[room_index[name]] = c
        elif name:
            reader.fail("submissions", 0, c, f"column {name!r} is neither a session nor a room",
                        "after column G come one column per session, then one per room")
    submissions: list[Submission] = []
    sub_session: list[list[int]] = []
    sub_room: list[list[int]] = []
    seen: set[str] = set()
    total_slots = sum(session.slots for session in sessions)
    for r, row in enumerate(sub_rows[1:], start=1):
        row = tuple(row) + (None,) * (len(header) + 7)
        name = text(row[0])
        if not name:
            continue
        if name in seen:
            reader.fail("submissions", r, 0, f"submission {name!r} appears twice")
        seen.add(name)
        track = text(row[1])
        if track not in track_index:
            reader.fail("submissions", r, 1, f"unknown track {track!r}",
                        "add it to the tracks sheet or fix the spelling")
        slots = reader.number("submissions", r, 2, row[2], default=1)
        if slots < 1:
            reader.fail("submissions", r, 2, "a submission needs at least one time slot")
        elif slots > total_slots:
            reader.fail("submissions", r, 2, f"{slots} time slots are more than all sessions "
                        f"together hold ({total_slots})", "check the number of time slots")
        submissions.append(Submission(
            name=name, track=track_index.get(track, 0), slots=max(slots, 1),
            order=reader.number("submissions", r, 3, row[3]),
            timezone=reader.zone("submissions", r, 4, text(row[4]) or "GMT+0"),
            presenters=[p for p in text(row[5]).split(", ") if p],
            attendees=[a for a in text(row[6]).split(", ") if a],
        ))
        sub_session.append([
            reader.number("submissions", r, session_cols[s], row[session_cols[s]])
            if s in session_cols else 0 for s in range(len(sessions))
        ])
        sub_room.append([
            reader.number("submissions", r, room_cols[k], row[room_cols[k]])
            if k in room_cols else 0 for k in range(len(rooms))
        ])
    # A track without submissions (none yet, or all withdrawn) is valid: it holds no talk,
    # costs nothing, and the import says so (it was refused, which stopped the scorer too).

    track_session = _matrix(reader, workbook, "tracks_sessions|penalty", track_index,
                            session_index)
    track_room = _matrix(reader, workbook, "tracks_rooms|penalty", track_index, room_index)
    session_room = _matrix(reader, workbook, "sessions_rooms|penalty", session_index,
                           room_index)
    track_track = _similar(reader, workbook, track_index)

    params = _rows(workbook, "parameters")
    weights, extra = _parameters(reader, params)
    if reader.problems:
        raise InputError(reader.problems)
    instance = Instance(
        name=path.stem, submissions=submissions, tracks=tracks, chairs=chairs,
        sessions=sessions, rooms=rooms, weights=weights,
        local_timezone=extra["local"], suitable=extra["suitable"],
        less_suitable=extra["less"], small_tz_penalty=extra["small"],
        big_tz_penalty=extra["big"], sub_session=sub_session, sub_room=sub_room,
        track_session=track_session, track_room=track_room, track_track=track_track,
        session_room=session_room,
    )
    derive(instance)
    return instance


def derive(instance: Instance) -> None:
    """Fill the data CoSPLib's reader derives: time-zone penalties and conflict lists
    (computed by the core's rules, :func:`confsched_cosplib.problem.derive`)."""
    from confsched_cosplib.problem import derive as derive_on_the_core

    derive_on_the_core(instance)


def zone(name: str) -> dt.tzinfo:
    """A CoSPLib time zone: ``GMT+2`` means two hours ahead of UTC (``Etc/GMT-2``)."""
    label = name.strip()
    if label.upper().startswith("GMT") and label[3:4] in ("+", "-"):
        try:
            hours = int(label[4:])
        except ValueError:
            hours = None
        if hours is not None and 0 <= hours <= 14:
            if hours == 0:
                return ZoneInfo("Etc/GMT")
            flipped = "-" if label[3] == "+" else "+"
            return ZoneInfo(f"Etc/GMT{flipped}{hours}")
    try:
        return ZoneInfo(label)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError([Problem(
            f"unknown time zone {name!r}", hint="write it as GMT+2, GMT-5 or an IANA name",
        )]) from None


def _matrix(
    reader: _Reader, workbook: Any, sheet: str, rows_index: dict[str, int],
    cols_index: dict[str, int],
) -> list[list[int]]:
    """A penalty matrix sheet: row names in column A, column names in row 1."""
    out = [[0] * len(cols_index) for _ in rows_index]
    rows = _rows(workbook, sheet)
    if not rows:
        return out
    header = [text(cell) for cell in rows[0]]
    for c, name in enumerate(header[1:], start=1):
        if name and name not in cols_index:
            reader.fail(sheet, 0, c, f"unknown name {name!r}", "fix the spelling")
    for r, row in enumerate(rows[1:], start=1):
        name = text(row[0]) if row else ""
        if not name:
            continue
        if name not in rows_index:
            reader.fail(sheet, r, 0, f"unknown name {name!r}", "fix the spelling")
            continue
        for c, cell in enumerate(row[1:], start=1):
            if c < len(header) and header[c] in cols_index:
                out[rows_index[name]][cols_index[header[c]]] = reader.number(sheet, r, c, cell)
    return out


def _similar(reader: _Reader, workbook: Any, track_index: dict[str, int]) -> list[list[int]]:
    """The similar-tracks matrix the way CoSPLib's reader builds it.

    CoSPLib reads only the upper triangle by *row position*: the penalty of the tracks in
    rows ``a < b`` is the cell in row ``a`` and value column ``b``, whatever the column
    header says. The lower triangle and the diagonal are ignored.
    """
    n = len(track_index)
    out = [[0] * n for _ in range(n)]
    rows = [row for row in _rows(workbook, "similar tracks")[1:] if row and text(row[0])]
    names = [text(row[0]) for row in rows]
    for r, name in enumerate(names):
        if name not in track_index:
            reader.fail("similar tracks", r + 1, 0, f"unknown track {name!r}", "fix the spelling")
    if reader.problems:
        return out
    for a in range(len(rows)):
        for b in range(a + 1, len(rows)):
            row = tuple(rows[a]) + (None,) * (b + 2)
            value = reader.number("similar tracks", a + 1, b + 1, row[b + 1])
            ka, kb = track_index[names[a]], track_index[names[b]]
            out[ka][kb] = out[kb][ka] = value
    return out


def _parameters(
    reader: _Reader, rows: list[tuple[Any, ...]]
) -> tuple[dict[str, int], dict[str, Any]]:
    """Weights from column E rows 2-17; time-zone settings from column B."""
    grid = [tuple(row) + (None,) * 5 for row in rows] + [(None,) * 5] * 20
    weights = {
        name: reader.number("parameters", 1 + i, 4, grid[1 + i][4])
        for i, name in enumerate(WEIGHT_NAMES)
    }
    extra = {
        "local": reader.zone("parameters", 1, 1, text(grid[1][1]) or "GMT+0"),
        "suitable": (reader.clock("parameters", 3, 1, grid[3][1]),
                     reader.clock("parameters", 4, 1, grid[4][1])),
        "less": (reader.clock("parameters", 6, 1, grid[6][1]),
                 reader.clock("parameters", 7, 1, grid[7][1])),
        "small": reader.number("parameters", 8, 1, grid[8][1]),
        "big": reader.number("parameters", 10, 1, grid[10][1]),
    }
    return weights, extra
