"""Can a schedule be published at all? Refuse entries no calendar or page can show.

A schedule file may have been edited by hand. Breaking a rule by hand (two sessions of one
person at once) is the organiser's call, and ``confsched check`` reports it; but an entry
that ends before it starts, lies on a day that is not a day of the event or across a
daylight-saving clock change, sits in a room the scenario does not have, or is listed
twice cannot be published: the exporters would write an event whose end precedes its
start (invalid iCalendar), one of the wrong length, a room or day that exists nowhere, or
two events with one UID. :func:`ensure_publishable` refuses such a schedule
before anything is written, naming the file, line and column of each bad entry.
"""

from __future__ import annotations

from pathlib import Path

from scheduler.errors import ConfschedError, InputError, Problem
from scheduler.scenario import Scenario
from scheduler.scenario.clockchange import change_within
from scheduler.schedule import Schedule
from scheduler.yamlsafe import Positions, load_yaml_text, read_text

HINT_TIMES = "write the entry's start before its end (HH:MM), or solve again"
HINT_DAY = "use a day of the event, from first-day to last-day, or solve again"
HINT_ROOM = "use a room id from the scenario's rooms:, or solve again"
HINT_CLOCK = "move the entry off the clock change, or solve again"


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _positions(path: Path) -> Positions:
    """Where each value of the schedule file is (none for JSON: only the file is named)."""
    if path.suffix == ".json":
        return Positions(str(path))
    try:
        _, positions = load_yaml_text(read_text(path), str(path))
    except ConfschedError:
        return Positions(str(path))
    return positions


def publishable_problems(scenario: Scenario, schedule: Schedule, path: Path) -> list[Problem]:
    """Every entry of ``schedule`` that cannot be published, placed in the file at ``path``.

    The rule: each session and break is listed once, ends after it starts and lies on a
    day of the event, not across a daylight-saving clock change (a calendar would show it
    an hour shorter or longer); each session's room, when it has one, is a room of the
    scenario.
    """
    days = set(scenario.days)
    rooms = {room.id for room in scenario.rooms}
    positions: Positions | None = None
    found: list[tuple[tuple[str | int, ...], str, str]] = []
    entries = [("sessions", i, s.id, s.day, s.start, s.end, s.room)
               for i, s in enumerate(schedule.sessions)]
    entries += [("breaks", i, b.id, b.day, b.start, b.end, None)
                for i, b in enumerate(schedule.breaks)]
    seen: set[tuple[str, str]] = set()
    for kind, index, ident, day, start, end, room in entries:
        if (kind, ident) in seen:
            found.append(((kind, index, "id"), f"{ident!r} is placed twice",
                          "keep one entry per id, or solve again"))
        seen.add((kind, ident))
        if end <= start:
            found.append(((kind, index, "end"), f"{ident!r} ends before it starts "
                          f"({start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d})",
                          HINT_TIMES))
        if day not in days:
            found.append(((kind, index, "day"), f"{ident!r}: {day} is not a day of the event "
                          f"{scenario.event.name!r}", HINT_DAY))
        change = (change_within(scenario.event.timezone, day, start, end)
                  if day in days and start < end else None)
        if change is not None:
            found.append(((kind, index, "start"), f"{ident!r} runs {_hhmm(start)}-{_hhmm(end)} "
                          f"across a clock change: {change.describe()}", HINT_CLOCK))
        if room is not None and room not in rooms:
            found.append(((kind, index, "room"), f"{ident!r}: {room!r} is not a room of the "
                          "scenario", HINT_ROOM))
    if not found:
        return []
    positions = _positions(path)
    return [positions.problem(where, message, hint) for where, message, hint in found]


def ensure_publishable(scenario: Scenario, schedule: Schedule, path: Path | str) -> None:
    """Raise :class:`InputError` (exit 2) when an entry of the schedule cannot be published."""
    problems = publishable_problems(scenario, schedule, Path(path))
    if problems:
        raise InputError(problems)
