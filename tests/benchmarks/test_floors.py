"""benchmarks.floors: each analytic floor is a lower bound (never above a feasible
schedule's term, here the generator's planted timetable), and the room-fit LP is at least
the per-session floor that ignores how many minutes a room holds."""

from __future__ import annotations

from typing import Any

import pytest

from benchmarks.floors import (
    compact_days_energy,
    cp_sat_floor,
    floors,
    instrument_spread_flow,
    preferences_per_session,
    render,
    room_fit_lp,
)
from scheduler.checker import check
from scheduler.facts import FactBuilder
from scheduler.generate import generate_with_plan, params_for, to_yaml
from scheduler.scenario import parse_scenario
from scheduler.scenario.model import Scenario
from scheduler.schedule import Schedule, SolveStatus
from scheduler.solver import SolveOptions, solve


def _planted(shape: str, seed: int, **overrides: Any) -> tuple[Scenario, Schedule]:
    data, plan = generate_with_plan(params_for(shape, **overrides), seed)
    return parse_scenario(to_yaml(data), f"{shape}-{seed}.yaml"), plan


@pytest.mark.parametrize(("shape", "seed", "overrides"), [
    ("euro", 1, {"sessions": 60, "rooms": 8, "tracks": 6}),
    ("large", 2, {"sessions": 80, "rooms": 6, "tracks": 5, "registrations": 100}),
])
def test_analytic_floors_never_exceed_a_feasible_schedule(
        shape: str, seed: int, overrides: dict[str, int]) -> None:
    scenario, plan = _planted(shape, seed, **overrides)
    report = check(scenario, plan)
    assert report.ok
    facts = FactBuilder(scenario).build()
    room_fit = room_fit_lp(scenario, facts)
    compact = compact_days_energy(scenario, facts)
    preferences = preferences_per_session(scenario, facts)
    spread = instrument_spread_flow(scenario, facts)
    assert 0 < spread <= report.terms["instrument_spread"].value
    assert 0 < room_fit <= report.terms["room_fit"].value
    assert 0 < compact <= report.terms["compact_days"].value
    assert 0 <= preferences <= report.terms["preferences"].value
    # the LP is at least each session's best-fitting room on its own (rooms unlimited)
    capacity = {r.id: r.capacity for r in scenario.rooms}
    alone = sum(min(max(0, (capacity[o.room] - f.session.participants) // 10)
                    for o in f.rooms) for f in facts.values() if f.needs_room and f.rooms)
    assert room_fit >= alone


def test_room_fit_lp_counts_the_minutes_a_room_holds() -> None:
    """When a room holds fewer minutes the small rooms fill up and some sessions must
    waste seats in larger ones: the floor rises."""
    scenario, _ = _planted("euro", 1, sessions=60, rooms=8, tracks=6)
    facts = FactBuilder(scenario).build()
    frames = sum(end - start for start, end in (scenario.frame(d) for d in scenario.days))
    assert room_fit_lp(scenario, facts, frames) == room_fit_lp(scenario, facts)
    assert room_fit_lp(scenario, facts, frames / 2) > room_fit_lp(scenario, facts)


@pytest.mark.slow
def test_cp_sat_floor_of_a_term_is_below_the_planted_and_render_says_the_verdict() -> None:
    scenario, plan = _planted("euro", 2, sessions=60, rooms=8, tracks=6)
    report = check(scenario, plan)
    facts = FactBuilder(scenario).build()
    floor = cp_sat_floor(scenario, "room_fit", 0.5, facts)
    assert 0 < floor <= report.terms["room_fit"].penalty
    data = {"command": "x", "term_limit": 0.5, "whole_limit": 0, "source": {"commit": "c"},
            "instances": [{"name": "euro-s2", "planted_objective": 100,
                           "bounds": {"terms": {"room_fit": {"cp-sat": 60.0, "floor": 60.0}},
                                      "sum_of_floors": 60.0, "lower_bound": 60.0}}]}
    text = render(data)
    assert "no (bound above half)" in text and "| euro-s2 | room_fit | 0 | 60 | - | 60 |" in text


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_lower_bound_is_below_a_proven_optimum(seed: int) -> None:
    """The bound ``floors`` reports (every term's floor, analytic and CP-SAT's, summed) is
    at most the proven optimum of small informs-shaped events (it is 1-6 below it: on
    these the floors are nearly tight)."""
    scenario, _ = _planted("informs", seed, sessions=24, rooms=4, days=2)
    result = solve(scenario, SolveOptions(time_limit=20, deterministic=True,
                                          handle_sigint=False))
    assert result.status == SolveStatus.OPTIMAL and result.schedule is not None
    report = check(scenario, result.schedule)
    assert report.ok, report.violations
    bound = floors(scenario, term_limit=2, whole_limit=0)["lower_bound"]
    assert 0 < bound <= report.objective


@pytest.mark.slow
@pytest.mark.parametrize(("shape", "seed", "overrides"), [
    ("euro", 1, {"sessions": 60, "rooms": 8, "tracks": 6}),
    ("large", 2, {"sessions": 80, "rooms": 6, "tracks": 5, "registrations": 100}),
])
def test_the_spread_floor_is_below_the_terms_proven_optimum(
        shape: str, seed: int, overrides: dict[str, Any]) -> None:
    """With only the instrument spread weighted, the solver's proven optimum (checked) is
    at least the flow floor of the days sessions may take (above 0 on both events)."""
    scenario, _ = _planted(shape, seed, **overrides)
    only = {name: 0 for name in type(scenario.weights).model_fields}
    only["instrument_spread"] = 1
    scenario = scenario.model_copy(update={
        "weights": scenario.weights.model_copy(update=only)})
    result = solve(scenario, SolveOptions(time_limit=30, deterministic=True,
                                          handle_sigint=False))
    assert result.status == SolveStatus.OPTIMAL and result.schedule is not None
    report = check(scenario, result.schedule)
    assert report.ok, report.violations
    floor = instrument_spread_flow(scenario)
    assert 0 < floor <= report.terms["instrument_spread"].value == report.objective
