"""Daylight-saving clock changes inside the hours of a day.

Times in a scenario and a schedule are wall-clock times of the event's timezone. Where the
clocks go forward (Europe/Berlin, 2025-03-30: 02:00 becomes 03:00) the times in between
do not exist; where they go back (2025-10-26: 03:00 becomes 02:00) an hour happens twice.
A session placed across such a change would be published an hour shorter or longer than
planned (a calendar computes its length from real instants), so the hours in which
sessions may run must not contain one. This module finds the change, if any, in a
stretch of wall-clock time of one day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

DAY = 24 * 60


@dataclass(frozen=True)
class ClockChange:
    """A change of the wall clock: wall times ``start``..``end`` (minutes after midnight)
    do not exist (``forward``) or happen twice (not ``forward``)."""

    day: dt.date
    timezone: str
    start: int
    end: int
    forward: bool

    def describe(self) -> str:
        """In words: when, which way, and what it does to a session across it."""
        frm, to = _hhmm(self.start), _hhmm(self.end)
        if self.forward:
            return (f"on {self.day} the clocks in {self.timezone} go forward at {frm} to "
                    f"{to}: times from {frm} to {to} do not exist, and a session or break "
                    "across them would be published shorter than planned")
        return (f"on {self.day} the clocks in {self.timezone} go back at {to} to {frm}: "
                f"times from {frm} to {to} happen twice, and a session or break across them "
                "would be published longer than planned")

    def fix(self) -> str:
        """How to keep sessions off the change."""
        return (f"let that day's sessions start at {_hhmm(self.end)} or later, or end by "
                f"{_hhmm(self.start)} (event.day-frames sets the hours of one day)")


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _odd(zone: ZoneInfo, day: dt.date, minute: int) -> tuple[bool, bool]:
    """Whether the wall time ``minute`` of ``day`` (does not exist, happens twice)."""
    naive = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minute)
    first = naive.replace(tzinfo=zone)
    missing = first.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) != naive
    twice = first.utcoffset() != naive.replace(tzinfo=zone, fold=1).utcoffset()
    return missing, twice


@lru_cache(maxsize=4096)
def day_changes(timezone: str, day: dt.date) -> tuple[ClockChange, ...]:
    """The clock changes of ``day`` in ``timezone`` (none on almost every day)."""
    zone = ZoneInfo(timezone)
    midnight = dt.datetime.combine(day, dt.time(), tzinfo=zone)
    following = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=zone)
    before = (midnight - dt.timedelta(minutes=1)).utcoffset()
    if midnight.utcoffset() == following.utcoffset() == before:
        return ()
    changes: list[ClockChange] = []
    run: tuple[int, bool] | None = None
    for minute in range(DAY + 1):
        missing, twice = _odd(zone, day, minute) if minute < DAY else (False, False)
        if (missing or twice) and run is None:
            run = (minute, missing)
        elif not (missing or twice) and run is not None:
            changes.append(ClockChange(day, timezone, run[0], minute, run[1]))
            run = None
    return tuple(changes)


def change_within(timezone: str, day: dt.date, start: int, end: int) -> ClockChange | None:
    """The clock change that a session running from ``start`` to ``end`` (wall-clock
    minutes of ``day``) could straddle: one whose odd times meet ``start`` to ``end``.

    Ending exactly where the clocks go forward, or starting exactly where the odd hour
    ends, is fine: only the wall times a session is running at count (``start`` up to,
    not including, ``end``).
    """
    for change in day_changes(timezone, day):
        if change.start < end and start < change.end:
            return change
    return None
