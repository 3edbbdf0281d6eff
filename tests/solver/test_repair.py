"""Placing what the greedy left out (``repair.py``): the neighbourhood re-solves."""

from __future__ import annotations

import datetime as dt
import random
import time

from scheduler.facts import FactBuilder
from scheduler.scenario import Scenario
from scheduler.schedule import Schedule, ScheduledSession, SolveStatus
from scheduler.solver.model import ScheduleModel
from scheduler.solver.repair import _focused, _left_out, _two_days, place_left_out
from tests.solver.helpers import build, clock, scenario_data, talk

DAY1, DAY2 = dt.date(2026, 6, 1), dt.date(2026, 6, 2)


def _scenario() -> Scenario:
    """Two mornings 09:00-11:00, two rooms; a plenary, an award ceremony and four talks
    held on the second day, and two more talks."""
    sessions = [
        {"id": "key", "title": "Пленарная", "instrument": "plenary", "duration": "1h"},
        {"id": "award", "title": "Награждение", "instrument": "award-ceremony",
         "days": [DAY2.isoformat()]},
        *(talk(f"t{i}", days=[DAY2.isoformat()]) for i in range(4)),
        talk("t4"), talk("t5"),
    ]
    return build(scenario_data(
        event={"last-day": DAY2.isoformat(), "day-end": "11:00"}, sessions=sessions))


def _item(scenario: Scenario, sid: str, day: dt.date, start: str, room: str
          ) -> ScheduledSession:
    s = next(x for x in scenario.sessions if x.id == sid)
    begin = clock(start)
    return ScheduledSession(id=sid, title=s.title, instrument=s.instrument, day=day,
                            start=begin, end=begin + scenario.duration(s), room=room,
                            format=s.format, people=dict(s.people),
                            participants=s.participants)


def _stuck_start(scenario: Scenario) -> ScheduleModel:
    """An elastic model hinted with a start that leaves the award out: the plenary and four
    talks fill the second morning; the talks cannot leave it, so the plenary must."""
    placed = [_item(scenario, "key", DAY2, "09:00", "big"),
              *(_item(scenario, f"t{i}", DAY2, at, room)
                for i, (at, room) in enumerate([("10:00", "small"), ("10:00", "big"),
                                                ("10:30", "small"), ("10:30", "big")])),
              _item(scenario, "t4", DAY1, "09:00", "small"),
              _item(scenario, "t5", DAY1, "09:00", "big")]
    start = Schedule(event=scenario.event.name, timezone=scenario.event.timezone,
                     status=SolveStatus.FEASIBLE, sessions=placed, breaks=[])
    facts = FactBuilder(scenario).build()
    built = ScheduleModel(scenario, facts=facts, elastic=True)
    built.add_hint(start, time_limit=5.0, deterministic=True)
    assert built.hint_complete and built.hint_values is not None
    assert [sv.id for sv in _left_out(built, built.hint_values)] == ["award"]
    return built


def test_repair_places_a_session_that_needs_a_plenary_moved_to_another_day() -> None:
    built = _stuck_start(_scenario())
    # Counted re-solves on deterministic time: the outcome does not depend on the load
    # (the deadline is only a safety net).
    assert place_left_out(built, deadline=time.monotonic() + 300.0, seed=0,
                          deterministic=True) == 0
    values = built.hint_values
    assert values is not None
    key, award = built.vars.sessions["key"], built.vars.sessions["award"]
    per_day = built.vars.grid.per_day
    assert values[award.start.index] // per_day == 1
    assert values[key.start.index] // per_day == 0  # the plenary moved to the first day
    # Placed stays placed: every talk is still in the timetable.
    assert not _left_out(built, values)
    assert all(values[built.vars.sessions[f"t{i}"].placed.index] for i in range(6))  # type: ignore[union-attr]


def test_focused_neighbourhood_frees_what_is_in_the_way() -> None:
    built = _stuck_start(_scenario())
    assert built.hint_values is not None
    tried: set[int] = set()
    freed = _focused(built, built.hint_values, built.vars.sessions["award"],
                     random.Random(0), tried)
    assert freed is not None and len(tried) == 1
    # Exclusive: whatever runs at the chosen start is in the way, the plenary included
    # (the least crowded start on day 2 still overlaps the plenary or two talks).
    assert "key" in freed or {"t0", "t1"} <= freed or {"t2", "t3"} <= freed


def test_two_day_neighbourhood_frees_whole_days() -> None:
    built = _stuck_start(_scenario())
    assert built.hint_values is not None
    freed = _two_days(built, built.hint_values, built.vars.sessions["award"], 0)
    assert freed == {"key", *(f"t{i}" for i in range(6))}
