"""Elastic mode: when the greedy start leaves required sessions out, the search places them
(or proves it cannot), and a result with a required session missing is never a schedule."""

from __future__ import annotations

import pytest

from scheduler.checker import check
from scheduler.schedule import SolveStatus
from scheduler.solver import SolveOptions, solve
from scheduler.solver import run as run_module
from scheduler.solver.hint import greedy_schedule
from tests.solver.helpers import build, scenario_data, talk


@pytest.fixture
def partial_greedy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A greedy that only manages the first session (as it might on a huge scenario)."""
    used: list[str] = []

    def first_only(scenario, facts, time_budget=5.0, rounds=12, seed=0):
        full = greedy_schedule(scenario, facts, time_budget, rounds, seed)
        assert full is not None
        full.sessions = full.sessions[:1]
        used.append(full.sessions[0].id)
        return full

    monkeypatch.setattr(run_module, "greedy_schedule", first_only)
    return used


def test_elastic_search_places_what_the_greedy_left_out(partial_greedy: list[str]) -> None:
    data = scenario_data(sessions=[talk("a", rooms=["small"]), talk("b", rooms=["small"]),
                                   talk("c", people={"speaker": ["ann"]}),
                                   talk("d", people={"speaker": ["ann"]})])
    scenario = build(data)
    result = solve(scenario, SolveOptions(time_limit=5, handle_sigint=False))
    assert partial_greedy, "the partial greedy was used"
    assert result.schedule is not None
    assert {s.id for s in result.schedule.sessions} == {"a", "b", "c", "d"}
    assert result.schedule.dropped == []
    assert check(scenario, result.schedule).ok
    # The elastic penalty never shows in the breakdown or the objective.
    assert "unplaced-required" not in result.schedule.objective_terms
    assert result.schedule.objective == sum(
        t.penalty for t in result.schedule.objective_terms.values())


def test_elastic_search_proves_infeasibility(partial_greedy: list[str]) -> None:
    data = scenario_data(sessions=[talk("a", rooms=["small"], duration="2h"),
                                   talk("b", rooms=["small"], duration="2h")])
    result = solve(build(data), SolveOptions(time_limit=5, handle_sigint=False))
    assert result.schedule is None
    assert result.status == SolveStatus.INFEASIBLE
    assert any("room-overlap" in line for line in result.diagnosis)
