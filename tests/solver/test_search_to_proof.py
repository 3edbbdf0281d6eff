"""The two-phase search of small models (scheduler/solver/search.py, ``search_to_proof``):
phase 2 runs only when phase 1 ends without a proof, starts from phase 1's schedule with
its bound kept, and loses no optimum. Schedules are checked by the independent checker."""

from __future__ import annotations

import math
from typing import Any

import pytest
from ortools.sat.python import cp_model

from benchmarks.suites import SUITES
from scheduler.checker import check
from scheduler.generate import generate_yaml
from scheduler.scenario import parse_scenario
from scheduler.schedule import SolveStatus
from scheduler.solver import SolveOptions, lns, solve
from scheduler.solver import search as searching
from scheduler.solver.model import ScheduleModel
from tests.solver.test_bounds import generated, packed

FIRST = ["default_lp"]
"""Phase 1's full worker under ``deterministic`` (``search.DETERMINISTIC_FIRST``)."""
WALL_FIRST = ["objective_lb_search"]
"""... and on the wall clock (``search.FIRST_SUBSOLVERS``)."""


class Spy:
    """Records each CP-SAT search: its full workers, constraint count and outcome."""

    def __init__(self) -> None:
        self.calls: list[dict[str, Any]] = []
        self.real = searching.search

    def __call__(self, solver: cp_model.CpSolver, model: cp_model.CpModel,
                 options: SolveOptions, started: float,
                 on_values: searching.OnValues | None = None) -> searching.Outcome:
        log: list[str] = []  # CP-SAT's own log: which full workers it really ran
        solver.parameters.log_search_progress = True
        solver.parameters.log_to_stdout = False
        solver.log_callback = log.append
        outcome = self.real(solver, model, options, started, on_values)
        self.calls.append({"subsolvers": list(solver.parameters.subsolvers),
                           "ran": next((line for line in log
                                        if "full problem subsolver" in line), ""),
                           "full": solver.parameters.num_full_subsolvers,
                           "constraints": len(model.proto.constraints),
                           "floor": floor(model),
                           "status": outcome.status,
                           "bound": solver.best_objective_bound,
                           "units": solver.deterministic_time})
        return outcome


def floor(model: cp_model.CpModel) -> float | None:
    """The least objective value the model's objective domain allows (None: no domain)."""
    objective = model.proto.objective
    return objective.domain[0] + objective.offset if len(objective.domain) else None


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Spy:
    recorder = Spy()
    monkeypatch.setattr(searching, "search", recorder)
    return recorder


@pytest.mark.slow
def test_a_quick_proof_is_one_search(spy: Spy) -> None:
    scenario = generated(2)
    result = solve(scenario, SolveOptions(time_limit=10, workers=2, handle_sigint=False))
    assert result.status == SolveStatus.OPTIMAL
    assert [(c["subsolvers"], c["full"]) for c in spy.calls] == [(WALL_FIRST, 1)]


@pytest.mark.slow
@pytest.mark.parametrize(("deterministic", "ran"), [
    (False, "1 full problem subsolver: [objective_lb_search]"),
    (True, "1 full problem subsolver: [default_lp]")])
def test_phase_one_runs_one_full_worker_and_the_neighbourhoods(
        spy: Spy, deterministic: bool, ran: str) -> None:
    """On the wall clock phase 1 runs ``objective_lb_search`` as its one full worker, so
    the second thread is left to CP-SAT's neighbourhood searches (with two full workers,
    as before, no neighbourhood ran at all); under ``deterministic`` CP-SAT cannot
    interleave that worker, and the one it runs is named. CP-SAT's own log says which ran
    (before: "2 full problem subsolvers: [default_lp, objective_lb_search]" on the wall
    clock, and ``objective_lb_search`` silently dropped under ``deterministic``)."""
    scenario = generated(2)
    result = solve(scenario, SolveOptions(time_limit=10, workers=2,
                                          deterministic=deterministic, handle_sigint=False))
    assert result.schedule is not None  # proven or not: which workers ran is the point
    assert spy.calls[0]["ran"].strip() == ran
    assert check(scenario, result.schedule).ok


@pytest.mark.slow
def test_one_worker_is_one_search(spy: Spy, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(searching, "FIRST_SHARE", 0.005)
    solve(generated(1), SolveOptions(time_limit=0.2, workers=1, deterministic=True,
                                     handle_sigint=False))
    assert len(spy.calls) == 1


@pytest.mark.slow
def test_a_model_without_bound_pieces_is_one_search(
        spy: Spy, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(searching, "FIRST_SHARE", 0.0)  # a split would leave phase 1 nothing
    scenario = packed()  # 30- and 45-minute talks on a 15-minute grid: no pieces
    assert not ScheduleModel(scenario).bounds
    result = solve(scenario, SolveOptions(time_limit=2, workers=2, deterministic=True,
                                          handle_sigint=False))
    assert len(spy.calls) == 1 and result.status == SolveStatus.OPTIMAL


@pytest.mark.slow
def test_no_schedule_in_phase_one_goes_on_with_the_same_search(
        spy: Spy, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(searching, "FIRST_SHARE", 0.001)  # ends before any schedule
    result = solve(generated(2), SolveOptions(time_limit=10, workers=2, deterministic=True,
                                              handle_sigint=False))
    assert [(c["subsolvers"], c["status"]) for c in spy.calls] == [
        (FIRST, SolveStatus.UNKNOWN), (FIRST, SolveStatus.OPTIMAL)]
    assert result.status == SolveStatus.OPTIMAL


@pytest.mark.slow
@pytest.mark.parametrize(("proof_gap", "workers"), [(0.01, ["max_lp"]), (10.0, [])])
def test_phase_two_keeps_the_bound_and_the_optimum(spy: Spy, monkeypatch: pytest.MonkeyPatch,
                                                   proof_gap: float, workers: list[str]) -> None:
    """Phase 2 uses the level-2 relaxation only when phase 1's gap is above PROOF_GAP."""
    monkeypatch.setattr(searching, "PROOF_GAP", proof_gap)
    scenario = generated(1)
    plain = ScheduleModel(scenario)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    assert solver.solve(plain.model) == cp_model.OPTIMAL
    # Phase 1 stops after 0.05 units (a schedule, unproven), phase 2 proves.
    monkeypatch.setattr(searching, "FIRST_SHARE", 0.005)
    result = solve(scenario, SolveOptions(time_limit=10, workers=2, deterministic=True,
                                          handle_sigint=False))
    assert [(c["subsolvers"], c["full"]) for c in spy.calls] == [(FIRST, 1), (workers, 0)]
    first, second = spy.calls
    assert first["status"] == SolveStatus.FEASIBLE
    # the phase-1 bound, as the objective's domain (#17 proofs9; a constraint before)
    assert second["constraints"] == first["constraints"]
    assert first["floor"] is None and second["floor"] == math.ceil(first["bound"] - 1e-6)
    assert second["bound"] > first["bound"]
    assert result.status == SolveStatus.OPTIMAL and result.schedule is not None
    assert result.deterministic_time == pytest.approx(first["units"] + second["units"])
    report = check(scenario, result.schedule)
    assert report.ok, [str(v) for v in report.violations]
    assert report.objective == round(solver.objective_value)


@pytest.mark.slow
def test_an_unproven_run_counts_every_search_s_units(spy: Spy, monkeypatch: pytest.MonkeyPatch
                                                     ) -> None:
    """An unproven two-phase run reports the units of both phases and of the final re-solve
    with every session fixed (which holds the returned schedule). Before, the result said
    ``deterministic_time`` None whenever that re-solve returned a schedule: run.units read
    the units off the loop's view, which had none (benchmarks/results/proofs rows with
    ``"deterministic": null``)."""
    views: list[lns._View] = []
    real = lns._View

    def recorded(*args: Any) -> lns._View:
        views.append(real(*args))
        return views[-1]

    monkeypatch.setattr(lns, "_View", recorded)
    params = next(i for i in SUITES["small"] if i.name == "talks-25").params()
    scenario = parse_scenario(generate_yaml(params, 1), "talks-25-s1.yaml")
    # without the clique piece, whose hint completion does not finish in this budget
    result = solve(scenario, SolveOptions(time_limit=0.2, workers=2, deterministic=True,
                                          handle_sigint=False,
                                          bounds=frozenset({"grain", "last-end", "symmetry"})))
    assert result.status == SolveStatus.FEASIBLE and result.schedule is not None
    assert [c["subsolvers"] for c in spy.calls] == [FIRST, ["max_lp"]] and len(views) == 1
    assert result.deterministic_time is not None
    assert views[0].deterministic_time > 0
    assert result.deterministic_time == pytest.approx(
        sum(c["units"] for c in spy.calls) + views[0].deterministic_time)
    assert check(scenario, result.schedule).ok


def test_a_loop_that_found_nothing_better_still_counts_its_units(
        spy: Spy, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the loop after the main search finds nothing better, the main solver comes back
    and its units are reported with what the loop's sub-models spent (before: those were
    dropped, review7 P1)."""
    def nothing_better(self: Any) -> None:
        self.used = 1.25  # the sub-models' units, none of them better
        return None

    monkeypatch.setattr(lns._Search, "run", nothing_better)
    params = next(i for i in SUITES["small"] if i.name == "talks-25").params()
    scenario = parse_scenario(generate_yaml(params, 1), "talks-25-s1.yaml")
    # without the clique piece: with it the hint's completion (0.03 units of this 0.2-unit
    # budget) does not finish and the search has no schedule to come back with (proofs8)
    result = solve(scenario, SolveOptions(time_limit=0.2, workers=2, deterministic=True,
                                          handle_sigint=False,
                                          bounds=frozenset({"grain", "last-end", "symmetry"})))
    assert result.status == SolveStatus.FEASIBLE and result.schedule is not None
    assert result.deterministic_time == pytest.approx(
        sum(c["units"] for c in spy.calls) + 1.25)
    assert check(scenario, result.schedule).ok
