"""A solve returns within its limit plus :data:`~scheduler.solver.search.GRACE`: a CP-SAT
solve still running at the deadline is stopped (CP-SAT's own limit misses parts of
presolve at 10,000 sessions), and the neighbourhood search starts no whole-model copy it
cannot finish in the time left. Driven by events: the deadline is moved, never waited for."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from ortools.sat.python import cp_model

from scheduler.checker import check
from scheduler.generate import generate_yaml, params_for
from scheduler.scenario import parse_scenario
from scheduler.schedule import SolveStatus
from scheduler.solver import SolveOptions
from scheduler.solver import search as searching
from scheduler.solver.extract import extract_schedule
from scheduler.solver.lns import Plan
from scheduler.solver.model import ScheduleModel


class _Overrunning:
    """A solver that, like CP-SAT inside presolve of a huge model, runs past its own limit
    until ``stop_search`` is called (or gives up after a long wait: the test then fails)."""

    def __init__(self, deaf: bool = False) -> None:
        self.stopped = threading.Event()
        self.released = threading.Event()
        self.deaf = deaf
        self.parameters = cp_model.CpSolver().parameters

    def solve(self, model: Any, callback: Any = None) -> Any:
        (self.released if self.deaf else self.stopped).wait(20)
        return cp_model.UNKNOWN

    def stop_search(self) -> None:
        self.stopped.set()


def test_the_main_search_is_stopped_once_the_limit_is_gone() -> None:
    solver = _Overrunning()
    options = SolveOptions(time_limit=5.0, handle_sigint=False)
    past = time.monotonic() - 10.0  # the limit went while the search was starting
    outcome = searching.search(solver, cp_model.CpModel(), options, past)  # type: ignore[arg-type]
    assert solver.stopped.is_set()
    assert outcome.status == SolveStatus.UNKNOWN


def test_a_solve_deaf_to_the_stop_is_left_behind_and_reads_as_nothing_found() -> None:
    solver = _Overrunning(deaf=True)
    options = SolveOptions(time_limit=5.0, handle_sigint=False)
    past = time.monotonic() - 5.0 - searching.ABANDON_AFTER - 1.0
    outcome = searching.search(solver, cp_model.CpModel(), options, past)  # type: ignore[arg-type]
    assert solver.stopped.is_set() and not solver.released.is_set()
    assert outcome.abandoned and outcome.status == SolveStatus.UNKNOWN
    assert outcome.solver is not solver and outcome.solver.deterministic_time == 0.0
    solver.released.set()


def test_the_watchdog_stops_a_solve_past_its_deadline_and_not_before() -> None:
    late = _Overrunning()
    with searching.stop_at(late, time.monotonic() - 1.0) as watch:  # type: ignore[arg-type]
        late.solve(None)
    assert watch.fired and late.stopped.is_set()
    on_time = _Overrunning()
    with searching.stop_at(on_time, time.monotonic() + 3600) as watch:  # type: ignore[arg-type]
        pass
    assert not watch.fired and not on_time.stopped.is_set()


def test_no_whole_model_copy_starts_after_the_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first neighbourhood's copy takes all the time left (the deadline is moved to now
    while it is made): neither another neighbourhood nor the final tightening copies the
    model again, and the schedule returned passes the checker."""
    scenario = parse_scenario(generate_yaml(params_for("seminar"), 1), "s.yaml")
    built = ScheduleModel(scenario, strengthen=False)
    first = cp_model.CpSolver()
    first.parameters.num_workers = 1
    first.parameters.stop_after_first_solution = True
    assert first.solve(built.model) in (cp_model.FEASIBLE, cp_model.OPTIMAL)
    plan = Plan(built, SolveOptions(workers=1, seed=0, handle_sigint=False),
                time.monotonic(), deadline=time.monotonic() + 3600)
    copies = []
    clone = cp_model.CpModel.clone

    def slow_clone(model: cp_model.CpModel) -> cp_model.CpModel:
        copies.append(model)
        plan.deadline = time.monotonic()  # this copy used up the time left
        return clone(model)

    monkeypatch.setattr(cp_model.CpModel, "clone", slow_clone)
    view, code = plan.improve(first, cp_model.FEASIBLE)
    assert len(copies) == 1, "a whole-model copy started after the deadline"
    schedule = extract_schedule(built, view.value, SolveStatus.FEASIBLE)
    report = check(scenario, schedule)
    assert report.ok, report.violations[:3]


@pytest.mark.slow
def test_with_no_schedule_yet_the_loop_searches_the_whole_model_in_a_watched_thread(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The main search found nothing: the neighbourhoods' time goes to the main model again,
    through ``searching.search`` (so a deaf solve is left behind there too)."""
    scenario = parse_scenario(generate_yaml(params_for("seminar"), 1), "s.yaml")
    built = ScheduleModel(scenario, strengthen=False)
    options = SolveOptions(time_limit=5, workers=1, seed=0, handle_sigint=False)
    plan = Plan(built, options, time.monotonic(), deadline=time.monotonic() + 5)
    watched = []
    search = searching.search

    def spy(*args: Any) -> searching.Outcome:
        watched.append(args[0])
        return search(*args)

    monkeypatch.setattr(searching, "search", spy)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    view, code = plan.improve(solver, cp_model.UNKNOWN)
    assert watched == [solver]
    assert code in (cp_model.FEASIBLE, cp_model.OPTIMAL)
    report = check(scenario, extract_schedule(built, view.value, SolveStatus.FEASIBLE))
    assert report.ok, report.violations[:3]


def test_a_main_search_run_again_keeps_the_units_of_its_first_attempt() -> None:
    """The re-run reuses the solver, whose units then count only the second attempt: the
    first attempt's are kept in ``Plan.uncounted`` for run.search to add (review8 L2)."""
    scenario = parse_scenario(generate_yaml(params_for("seminar"), 1), "s.yaml")
    built = ScheduleModel(scenario, strengthen=False)
    options = SolveOptions(time_limit=5, workers=1, seed=0, handle_sigint=False)
    plan = Plan(built, options, time.monotonic(), deadline=time.monotonic() + 5)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.catch_sigint_signal = False
    solver.parameters.max_deterministic_time = 0.001  # a first attempt cut short
    assert solver.solve(built.model) == cp_model.UNKNOWN
    first = solver.deterministic_time
    assert first > 0
    solver.parameters.max_deterministic_time = 1e9
    plan.improve(solver, cp_model.UNKNOWN)
    assert plan.uncounted == first
