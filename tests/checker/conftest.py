"""Builders for the checker tests: a small scenario from a few dicts, a schedule from a
few strings such as ``"d2 10:00-10:45 @small #t1"``.

The base event runs two days (2024-05-06 and 2024-05-07), 09:00-18:00, in Asia/Bishkek,
with rooms ``big`` (50 seats, hybrid), ``small`` (20) and ``bus`` (30, offsite), tracks
``t1`` and ``t2`` and three people. Sessions default to a 60-minute lecture for 10.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from typing import Any

import pytest
import yaml

from scheduler.checker import CheckReport, check
from scheduler.scenario import Scenario, parse_scenario
from scheduler.schedule import Schedule, ScheduledBreak, ScheduledSession, SolveStatus
from scheduler.timeparse import parse_clock

D1, D2 = dt.date(2024, 5, 6), dt.date(2024, 5, 7)

BASE: dict[str, Any] = {
    "event": {"name": "Проверка", "timezone": "Asia/Bishkek", "first-day": "2024-05-06",
              "last-day": "2024-05-07", "day-start": "09:00", "day-end": "18:00"},
    "rooms": [
        {"id": "big", "name": "Большой зал", "capacity": 50, "tags": ["hybrid"]},
        {"id": "small", "name": "Малый зал", "capacity": 20},
        {"id": "bus", "name": "Автобус", "capacity": 30, "tags": ["offsite"]},
    ],
    "tracks": [{"id": "t1", "name": "Первый"}, {"id": "t2", "name": "Второй"}],
    "people": [
        {"id": "aigul", "name": "Айгуль", "organisation": "A"},
        {"id": "bakyt", "name": "Бакыт", "organisation": "B"},
        {"id": "chyngyz", "name": "Чынгыз", "organisation": "A"},
    ],
}


def session(sid: str, **fields: Any) -> dict[str, Any]:
    """A session dict: a 60-minute lecture for 10 titled 'Сессия <id>' unless told."""
    return {"id": sid, "title": f"Сессия {sid}", "instrument": "lecture", "participants": 10,
            **fields}


def make_scenario(*sessions: dict[str, Any], **sections: Any) -> Scenario:
    """The base scenario with these sessions; each keyword replaces (``event``: updates)
    a top-level section."""
    data = copy.deepcopy(BASE)
    data["event"].update(sections.pop("event", {}))
    data.update(sections)
    data["sessions"] = list(sessions)
    return parse_scenario(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


_WHERE = re.compile(
    r"^(?:d(?P<day>\d)\s+)?(?P<start>\d\d:\d\d)(?:-(?P<end>\d\d:\d\d))?"
    r"(?:\s+@(?P<room>\S+))?(?:\s+#(?P<track>\S+))?$"
)


def entry(scenario: Scenario, sid: str, where: str) -> ScheduledSession:
    """A schedule line for a session: ``[dN ]HH:MM[-HH:MM][ @room|@-][ #track|#-]``.

    Day 1 unless ``dN``; the end is start + duration unless given; the room is the first
    room when the session needs one and none is given (``@-`` for none); the track is the
    session's first track unless given (``#-`` for none). Everything else is copied from
    the scenario, as a solver would write it.
    """
    match = _WHERE.match(where)
    assert match, f"bad placement {where!r}"
    definition = scenario.session(sid)
    day = scenario.days[int(match["day"] or 1) - 1]
    start = parse_clock(match["start"])
    end = parse_clock(match["end"]) if match["end"] else start + scenario.duration(definition)
    needs_room = definition.format != "online" and scenario.instrument(definition).needs_room
    room = match["room"] or (scenario.rooms[0].id if needs_room else None)
    track = match["track"] or (definition.tracks[0] if definition.tracks else None)
    return ScheduledSession(
        id=sid, title=definition.title, instrument=definition.instrument, day=day,
        start=start, end=end, room=None if room == "-" else room,
        track=None if track == "-" else track, format=definition.format,
        people=copy.deepcopy(definition.people), participants=definition.participants,
        series=definition.series,
    )


def make_schedule(scenario: Scenario, where: dict[str, str],
                  breaks: dict[str, str | list[str]] | None = None,
                  dropped: list[str] | None = None, **fields: Any) -> Schedule:
    """A schedule placing each session id as ``where`` says; ``breaks`` maps a break id to
    ``"dN HH:MM[-HH:MM]"`` or a list of them (placed breaks: end = start + duration)."""
    placed_breaks = {b.id: b for b in scenario.breaks.placed}
    listed = []
    for bid, text in [(bid, text) for bid, texts in (breaks or {}).items()
                      for text in ([texts] if isinstance(texts, str) else texts)]:
        match = _WHERE.match(text)
        assert match, f"bad break {text!r}"
        day = scenario.days[int(match["day"] or 1) - 1]
        start = parse_clock(match["start"])
        definition = placed_breaks.get(bid)
        end = (parse_clock(match["end"]) if match["end"]
               else start + (definition.duration if definition else 15))
        listed.append(ScheduledBreak(id=f"{bid}@{day}", title=definition.title or bid
                                     if definition else bid, kind="coffee", day=day,
                                     start=start, end=end, fixed=definition is None))
    data: dict[str, Any] = {
        "event": scenario.event.name, "timezone": scenario.event.timezone,
        "status": SolveStatus.FEASIBLE,
        "sessions": [entry(scenario, sid, text) for sid, text in where.items()],
        "dropped": dropped or [], "breaks": listed,
    }
    return Schedule(**{**data, **fields})


def base_rooms() -> list[dict[str, Any]]:
    """A fresh copy of the base rooms, to change one."""
    return copy.deepcopy(BASE["rooms"])


def base_people(**changes: dict[str, Any]) -> list[dict[str, Any]]:
    """The base people, with fields changed for those named: ``aigul={"timezone": ...}``."""
    out = copy.deepcopy(BASE["people"])
    for person in out:
        person.update(changes.get(person["id"], {}))
    return out


def broken(report: CheckReport) -> set[str]:
    """Names of the rules the report finds broken."""
    return {v.rule for v in report.violations}


def messages(report: CheckReport, rule: str) -> list[str]:
    return [v.message for v in report.violations if v.rule == rule]


def checked(scenario: Scenario, where: dict[str, str], **kw: Any) -> CheckReport:
    """Check a schedule built with :func:`make_schedule`."""
    return check(scenario, make_schedule(scenario, where, **kw))


class Build:
    """The builders above, handed to tests by the ``build`` fixture."""

    D1, D2 = D1, D2
    session = staticmethod(session)
    scenario = staticmethod(make_scenario)
    schedule = staticmethod(make_schedule)
    entry = staticmethod(entry)
    rooms = staticmethod(base_rooms)
    people = staticmethod(base_people)
    check = staticmethod(checked)
    broken = staticmethod(broken)
    messages = staticmethod(messages)


@pytest.fixture
def build() -> type[Build]:
    return Build
