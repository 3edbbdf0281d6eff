"""Rules of the greedy start that keep it from painting itself into a corner."""

from __future__ import annotations

from scheduler.checker import check
from scheduler.facts import FactBuilder
from scheduler.solver.greedy import greedy_schedule
from scheduler.solver.greedy.placement import one_round
from scheduler.solver.greedy.placement import order as greedy_order
from tests.solver.helpers import build, scenario_data, talk


def test_a_room_some_session_can_use_alone_is_taken_last() -> None:
    # 'a' fills the whole morning and fits in either room; 'b' can only use the small
    # one. Smallest-room-first alone would put 'a' in the small room and leave 'b' out.
    data = scenario_data(sessions=[
        talk("a", duration=180),
        talk("b", rooms=["small"]),
    ])
    scenario = build(data)
    facts = FactBuilder(scenario).build()
    order = greedy_order(scenario, facts)
    assert [f.id for f in order] == ["a", "b"]  # 'a' (fixed in time) goes first
    placed, _, _ = one_round(scenario, order, facts)
    assert placed["a"].room == "big"
    assert placed["b"].room == "small"


def test_an_exclusive_session_leaves_the_only_hour_of_a_tight_session_free() -> None:
    # The plenary may run any time; 'early' must end by 09:45 (start 09:00 or 09:15), and
    # six talks may only start from 09:45, so the late morning looks more crowded than
    # the early one. The plenary (placed first: it stops everything else) must still not
    # take the early window, where 'early' would have nowhere else to go.
    data = scenario_data(sessions=[
        talk("key", instrument="plenary", duration=30),
        talk("early", latest="09:45", people={"speaker": ["ann"]}),
        *[talk(f"t{i}", earliest="09:45") for i in range(6)],
    ])
    scenario = build(data)
    facts = FactBuilder(scenario).build()
    order = greedy_order(scenario, facts)
    assert order[0].id == "key"
    placed, _, _ = one_round(scenario, order, facts)
    assert "early" in placed
    schedule = greedy_schedule(scenario, facts)
    assert schedule is not None
    assert {s.id for s in schedule.sessions} == {s.id for s in scenario.sessions}
    assert check(scenario, schedule).ok
