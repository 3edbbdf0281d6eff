"""The greedy start: whatever it places keeps every hard rule (the checker says so)."""

from __future__ import annotations

import pytest

from scheduler.checker import check
from scheduler.facts import FactBuilder
from scheduler.generate import generate_yaml, params_for
from scheduler.scenario import parse_scenario
from scheduler.solver.greedy import greedy_schedule
from scheduler.solver.model import ScheduleModel
from tests.solver.helpers import build, scenario_data, talk


@pytest.mark.parametrize("shape", ["seminar", "pycon"])
def test_greedy_placement_breaks_no_rule(shape: str) -> None:
    scenario = parse_scenario(generate_yaml(params_for(shape), seed=2))
    schedule = greedy_schedule(scenario, FactBuilder(scenario).build(), time_budget=3)
    assert schedule is not None
    assert len(schedule.sessions) >= 0.9 * len(scenario.sessions)
    placed = {s.id for s in schedule.sessions}
    report = check(scenario, schedule)
    # Only the sessions it could not place are reported, nothing else.
    assert {v.rule for v in report.violations} <= {"placement"}
    assert all(set(v.sessions) - placed for v in report.violations)


def test_greedy_orders_after_and_keeps_apart() -> None:
    data = scenario_data(sessions=[
        talk("b", after=["a"], people={"speaker": ["ann"]}),
        talk("a", people={"speaker": ["ann"]}),
        talk("c", not_parallel_with=["a"]),
    ])
    scenario = build(data)
    schedule = greedy_schedule(scenario, FactBuilder(scenario).build())
    assert schedule is not None
    a, b, c = (schedule.session(x) for x in "abc")
    assert b.start >= a.end
    assert c.start >= a.end or c.end <= a.start
    assert check(scenario, schedule).ok


def test_a_completed_hint_is_complete() -> None:
    data = scenario_data(sessions=[talk("a"), talk("b", rooms=["small"])])
    scenario = build(data)
    facts = FactBuilder(scenario).build()
    greedy = greedy_schedule(scenario, facts)
    assert greedy is not None
    built = ScheduleModel(scenario, facts=facts)
    built.add_hint(greedy, time_limit=2, deterministic=True)
    assert built.hint_complete
    assert built.hint_values is not None
    assert len(built.hint_values) == len(built.model.proto.variables)
