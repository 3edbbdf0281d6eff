"""Elastic mode: when the greedy start leaves required sessions out, the search places them
(or proves it cannot), and a result with a required session missing is never a schedule."""

from __future__ import annotations

import pytest

from scheduler.checker import check
from scheduler.facts import SessionFacts
from scheduler.scenario import Scenario
from scheduler.schedule import Schedule, SolveStatus
from scheduler.solver import SolveOptions, solve
from scheduler.solver import run as run_module
from scheduler.solver import search as searching
from scheduler.solver.greedy import greedy_schedule
from scheduler.solver.model import ScheduleModel
from tests.solver.helpers import build, scenario_data, talk


class PartialGreedy:
    """A start heuristic that only manages the first session (as one might on a huge
    scenario)."""

    def __init__(self) -> None:
        self.used: list[str] = []

    def __call__(self, scenario: Scenario, facts: dict[str, SessionFacts], *,
                 time_budget: float | None, seed: int) -> Schedule | None:
        full = greedy_schedule(scenario, facts, time_budget, seed=seed)
        assert full is not None
        full.sessions = full.sessions[:1]
        self.used.append(full.sessions[0].id)
        return full


@pytest.fixture
def partial_greedy(monkeypatch: pytest.MonkeyPatch) -> PartialGreedy:
    # Elastic mode is for models from run.ELASTIC_FROM sessions on; these are tiny.
    monkeypatch.setattr(run_module, "ELASTIC_FROM", 0)
    return PartialGreedy()


def test_a_small_model_is_not_elastic(monkeypatch: pytest.MonkeyPatch) -> None:
    """Below ELASTIC_FROM sessions a start that leaves a required session out is only a
    partial hint: the model keeps every session required (and its symmetry breaking)."""
    seen: list[bool] = []
    real = run_module.ScheduleModel

    def spy(*args: object, **kwargs: object) -> ScheduleModel:
        seen.append(bool(kwargs.get("elastic")))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(run_module, "ScheduleModel", spy)
    data = scenario_data(sessions=[talk("a", rooms=["small"]), talk("b", rooms=["small"]),
                                   talk("c", people={"speaker": ["ann"]}),
                                   talk("d", people={"speaker": ["ann"]})])
    scenario = build(data)
    partial = PartialGreedy()
    result = solve(scenario, SolveOptions(time_limit=5, handle_sigint=False, start=partial))
    assert partial.used and seen == [False]
    assert result.status == SolveStatus.OPTIMAL and result.schedule is not None
    assert {s.id for s in result.schedule.sessions} == {"a", "b", "c", "d"}
    assert check(scenario, result.schedule).ok
    monkeypatch.setattr(run_module, "ELASTIC_FROM", len(scenario.sessions))
    solve(scenario, SolveOptions(time_limit=5, handle_sigint=False, start=PartialGreedy()))
    assert seen == [False, True]


def test_elastic_search_places_what_the_greedy_left_out(partial_greedy: PartialGreedy) -> None:
    data = scenario_data(sessions=[talk("a", rooms=["small"]), talk("b", rooms=["small"]),
                                   talk("c", people={"speaker": ["ann"]}),
                                   talk("d", people={"speaker": ["ann"]})])
    scenario = build(data)
    result = solve(scenario, SolveOptions(time_limit=5, handle_sigint=False, start=partial_greedy))
    assert partial_greedy.used, "the partial greedy was used"
    assert result.schedule is not None
    assert {s.id for s in result.schedule.sessions} == {"a", "b", "c", "d"}
    assert result.schedule.dropped == []
    assert check(scenario, result.schedule).ok
    # The elastic penalty never shows in the breakdown or the objective.
    assert "unplaced-required" not in result.schedule.objective_terms
    assert result.schedule.objective == sum(
        t.penalty for t in result.schedule.objective_terms.values())


def test_elastic_search_proves_infeasibility(partial_greedy: PartialGreedy) -> None:
    data = scenario_data(sessions=[talk("a", rooms=["small"], duration="2h"),
                                   talk("b", rooms=["small"], duration="2h")])
    result = solve(build(data),
                   SolveOptions(time_limit=5, handle_sigint=False, start=partial_greedy))
    assert result.schedule is None
    assert result.status == SolveStatus.INFEASIBLE
    assert any("room-overlap" in line for line in result.diagnosis)


def test_a_search_that_finds_nothing_names_what_the_start_left_out(
        partial_greedy: PartialGreedy, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 10,000 sessions the search can end without any solution (still in presolve):
    the diagnosis then names the required sessions the start could not place, as it does
    when the limit is gone before the model is built, not only "no schedule found"."""
    from ortools.sat.python import cp_model

    def finds_nothing(run: object, built: object) -> searching.Outcome:
        return searching.Outcome(SolveStatus.UNKNOWN, False, cp_model.CpSolver())

    monkeypatch.setattr(run_module, "search", finds_nothing)
    data = scenario_data(sessions=[talk("a", rooms=["small"]), talk("b", rooms=["small"]),
                                   talk("c", people={"speaker": ["ann"]})])
    result = solve(build(data), SolveOptions(time_limit=5, handle_sigint=False,
                                             start=partial_greedy))
    assert result.status == SolveStatus.UNKNOWN and result.schedule is None
    kept = partial_greedy.used[0]
    named = [d for d in result.diagnosis if "leaves out" in d]
    assert len(named) == 1
    for sid in {"a", "b", "c"} - {kept}:
        assert repr(sid) in named[0]
    assert repr(kept) not in named[0]
