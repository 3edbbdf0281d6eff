"""After a failed solve, the conflicting rules are named (never a bare INFEASIBLE)."""

from __future__ import annotations

from scheduler.facts import FactBuilder
from scheduler.solver.run import explain_conflicts
from tests.solver.helpers import build, run, scenario_data, talk


def explain(data):
    scenario = build(data)
    return explain_conflicts(scenario, FactBuilder(scenario).build(), time_limit=10)


def test_two_pinned_sessions_in_one_room_at_one_time() -> None:
    data = scenario_data(sessions=[talk("a", pin={"start": "10:00", "room": "small"}),
                                   talk("b", pin={"start": "10:00", "room": "small"})])
    lines = explain(data)
    assert lines[0].startswith("these rules cannot all hold at once")
    text = "\n".join(lines)
    assert "room-overlap (room small)" in text
    assert "pinned (session 'a'" in text and "pinned (session 'b'" in text


def test_after_chain_longer_than_the_day() -> None:
    data = scenario_data(sessions=[talk("a", duration="90min"),
                                   talk("b", duration="60min", after=["a"]),
                                   talk("c", duration="60min", after=["b"])])
    text = "\n".join(explain(data))
    assert "after (session 'b'" in text and "after (session 'c'" in text


def test_exclusive_and_track_rules_are_named() -> None:
    data = scenario_data(
        event={"day-end": "10:00"},
        sessions=[{"id": "open", "title": "Открытие", "instrument": "opening",
                   "duration": "60min"},
                  talk("a", duration="60min", not_parallel_with=[])],
    )
    text = "\n".join(explain(data))
    assert "exclusive (session 'open' (Открытие))" in text


def test_solve_returns_the_explanation() -> None:
    data = scenario_data(hybrid={"licences": 1},
                         sessions=[talk("a", format="online", duration="2h"),
                                   talk("b", format="online", duration="2h")])
    result = run(data)
    assert result.schedule is None and result.status.value == "infeasible"
    assert any("licences (the whole event)" in line for line in result.diagnosis)
