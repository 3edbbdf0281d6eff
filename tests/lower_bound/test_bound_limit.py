"""fix1: ``confsched bound`` keeps to its limit. The room-fit LPs ran whatever the limit
(198 CPU s and 2.9 GiB for ``--time-limit 30`` at 10,000 sessions, built a session at a
time); now sessions alike are merged (the same LP) and each LP has a share of the limit
in GLOP's deterministic units: one stopped says so, and the bound stays a bound."""

from __future__ import annotations

from typing import Any

import pytest
from ortools.linear_solver import pywraplp

from scheduler.facts import FactBuilder
from scheduler.generate import generate_yaml, params_for
from scheduler.lower_bound import lower_bound
from scheduler.lower_bound.tracks import _room_minutes, room_fit_transport
from scheduler.scenario import parse_scenario
from tests.lower_bound.cases import THREE_SMALL_AROUND_LUNCH, checked_optimum


def per_session_lp(scenario: Any, facts: dict[str, Any]) -> float:
    """The frames' room-fit LP as it was written before: a variable per session and room."""
    capacity = {r.id: r.capacity for r in scenario.rooms}
    solver = pywraplp.Solver.CreateSolver("GLOP")
    load: dict[str, Any] = {room: 0 for room in capacity}
    cost: Any = 0
    for f in facts.values():
        if not f.needs_room or not f.rooms or f.optional:
            continue
        length = min(f.durations.values()) if f.durations else 0
        xs = {o.room: solver.NumVar(0.0, 1.0, "") for o in f.rooms}
        solver.Add(sum(xs.values()) == 1)
        for room, x in xs.items():
            load[room] += length * x
            cost += max(0, (capacity[room] - f.session.participants) // 10) * x
    for expression in load.values():
        if not isinstance(expression, int):
            solver.Add(expression <= _room_minutes(scenario))
    solver.Minimize(cost)
    assert solver.Solve() == pywraplp.Solver.OPTIMAL
    return float(solver.Objective().Value())


@pytest.mark.parametrize(("shape", "seed"), [("euro", 1), ("pycon", 2)])
def test_the_merged_lp_is_the_per_session_lp(shape: str, seed: int) -> None:
    scenario = parse_scenario(generate_yaml(params_for(shape), seed), "e.yaml")
    facts = FactBuilder(scenario).build()
    solved = room_fit_transport(scenario, facts)
    assert solved is not None
    assert solved[0] == pytest.approx(per_session_lp(scenario, facts))


def test_a_limit_too_small_for_the_lp_is_said_and_the_bound_stays_below_the_optimum() -> None:
    """Three small sessions around lunch: the LP gives the room-fit floor 9 (the checked
    optimum's). With no units for it, the LP is stopped: the part says so, the bound is
    incomplete, and lower, never above the optimum."""
    scenario = parse_scenario(THREE_SMALL_AROUND_LUNCH, "lunch.yaml")
    stopped: list[bool] = []
    assert room_fit_transport(scenario, FactBuilder(scenario).build(), units=0.0,
                              stopped=stopped) is None
    assert stopped == [True]
    full = lower_bound(scenario, time_limit=10, clock=False)
    cut = lower_bound(scenario, time_limit=0.0, clock=False)
    assert full.complete and "room-fit LP stopped" not in full.parts[0].note
    assert not cut.complete
    assert "room-fit LP" in cut.cut_short
    assert cut.value <= full.value <= checked_optimum(scenario).objective
