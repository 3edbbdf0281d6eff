"""The lower bound of ``confsched bound`` as the least objective of the search
(scheduler/solver/bound_floor.py): it raises the bound the solve reports, cuts no optimum,
and reads no clock under ``deterministic``."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from scheduler.checker import check
from scheduler.generate import generate_yaml
from scheduler.generate.shapes import params_for
from scheduler.lower_bound import LowerBound, lower_bound
from scheduler.lower_bound import combined as combined_bound
from scheduler.scenario.load import parse_scenario
from scheduler.scenario.model import Scenario
from scheduler.schedule import SolveStatus
from scheduler.solver import SolveOptions, bound_floor, solve


def event(shape: str, seed: int, sessions: int | None = None) -> Scenario:
    return parse_scenario(generate_yaml(params_for(shape, sessions=sessions), seed),
                          f"{shape}-{seed}.yaml")


def deterministic(units: float) -> SolveOptions:
    return SolveOptions(time_limit=units, workers=2, seed=0, deterministic=True,
                        handle_sigint=False, diagnose=False)


@pytest.mark.parametrize("told", [True, False], ids=["told", "search-never-told"])
def test_pycon_reports_at_least_the_relaxations_bound(monkeypatch: pytest.MonkeyPatch,
                                                      told: bool) -> None:
    # pycon seed 0 (100 sessions, no bound pieces: the floor's own gate); a short search
    # whose own bound is 430, the relaxation's 434 (a larger share, so that a 0.05-unit
    # solve still computes it whole). Not told: under load the search may stop before its
    # presolve carries the floor into the bound it reports (pycon2: bound 0 with the floor
    # known); here CP-SAT is never given the floor's domain, and the floor still stands
    monkeypatch.setattr(bound_floor, "SHARE", 10.0)
    if not told:
        monkeypatch.setattr(bound_floor, "floor_objective", lambda model, value: True)
    scenario = event("pycon", 0)
    floor = lower_bound(scenario, 10.0 * 0.05, clock=False)
    result = solve(scenario, deterministic(0.05))
    assert result.schedule is not None and result.schedule.solve.bound is not None
    report = check(scenario, result.schedule)
    assert report.ok, [str(v) for v in report.violations]
    assert floor.value <= report.objective
    assert result.schedule.solve.bound >= floor.value


def test_a_floor_at_the_optimum_keeps_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # a 15-session pycon (seed 0, optimum 168, proven in 0.02 units; its objective has a
    # constant part of 100: sessions of one possible room) given a floor exactly at its
    # optimum, the tightest a valid one can be: the search still proves it. The constant
    # must come off the objective's domain: taken as it is, the optimum is cut off
    scenario = event("pycon", 0, sessions=15)
    monkeypatch.setattr(bound_floor, "FROM_SESSIONS", 0)
    monkeypatch.setattr(bound_floor, "lower_bound",
                        lambda *args, **kwargs: LowerBound(value=168))
    result = solve(scenario, deterministic(1.0))
    assert result.schedule is not None
    report = check(scenario, result.schedule)
    assert report.ok, [str(v) for v in report.violations]
    assert result.status == SolveStatus.OPTIMAL and report.objective == 168


def test_without_the_clock_the_bound_reads_no_deadline(monkeypatch: pytest.MonkeyPatch
                                                       ) -> None:
    # a clock that jumps an hour at every look: with it, every sub-model is past its
    # deadline (cut short, not complete); without it, the units alone end them
    scenario = event("seminar", 0)
    hours = itertools.count(0, 3600)
    monkeypatch.setattr(combined_bound.time, "process_time", lambda: float(next(hours)))
    assert not lower_bound(scenario, 2.0).complete
    assert lower_bound(scenario, 2.0, clock=False).complete


def test_a_floor_above_a_checked_schedule_is_not_used(monkeypatch: pytest.MonkeyPatch
                                                      ) -> None:
    # a wrong relaxation (a bound above the start heuristic's checked schedule) must not
    # become a false proof or an "infeasible": the floor is left out, and the result says
    # so (fails before: the 15-session pycon's optimum 168 is cut off)
    scenario = event("pycon", 0, sessions=15)
    monkeypatch.setattr(bound_floor, "FROM_SESSIONS", 0)
    monkeypatch.setattr(bound_floor, "lower_bound",
                        lambda *args, **kwargs: LowerBound(value=10**6))
    result = solve(scenario, deterministic(1.0))
    assert result.schedule is not None
    report = check(scenario, result.schedule)
    assert report.ok, [str(v) for v in report.violations]
    assert result.status == SolveStatus.OPTIMAL and report.objective == 168
    assert any("was not used" in note for note in result.notes)


def test_a_floor_above_the_annealed_schedule_is_taken_off(monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    # pycon seed 0: a wrong floor just below the start's checked objective passes the
    # floor's own check (made before the annealing), but the annealed start is below it:
    # the floor must come off (kept, it would be reported as a bound above a checked
    # schedule, and CP-SAT's hint would lie below its objective's least value)
    original = bound_floor.add_floor

    def wrong_floor(built: Any, scenario: Scenario, facts: Any, options: SolveOptions,
                    time_limit: float, ceiling: float | None = None) -> LowerBound | None:
        assert ceiling is not None
        monkeypatch.setattr(bound_floor, "lower_bound",
                            lambda *a, **k: LowerBound(value=int(ceiling) - 1))
        return original(built, scenario, facts, options, time_limit, ceiling=ceiling)

    monkeypatch.setattr(bound_floor, "add_floor", wrong_floor)
    scenario = event("pycon", 0)
    result = solve(scenario, deterministic(0.3))
    assert result.schedule is not None and result.schedule.solve.bound is not None
    report = check(scenario, result.schedule)
    assert report.ok, [str(v) for v in report.violations]
    assert result.schedule.solve.bound <= report.objective
    assert any("annealed start" in note for note in result.notes), result.notes


def test_a_relaxation_that_finds_no_schedule_adds_no_floor(monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    def no_schedule(*args: object, **kwargs: object) -> LowerBound:
        raise ValueError("a track's sessions cannot be placed")

    scenario = event("pycon", 0, sessions=15)
    monkeypatch.setattr(bound_floor, "FROM_SESSIONS", 0)
    monkeypatch.setattr(bound_floor, "lower_bound", no_schedule)
    result = solve(scenario, deterministic(1.0))
    assert result.schedule is not None and check(scenario, result.schedule).ok
    assert result.status == SolveStatus.OPTIMAL and result.schedule.objective == 168


@pytest.mark.parametrize(("cap", "floored"), [(None, True), (10**6, True), (1, False)])
def test_only_a_cap_that_cuts_clash_pairs_turns_the_floor_off(
        monkeypatch: pytest.MonkeyPatch, cap: int | None, floored: bool) -> None:
    # a cap above the event's pairs models every pair: the floor is as valid as without
    # one; a cap that leaves pairs out makes the model's objective smaller than the
    # checker's, so a floor from the checker's bound could cut its optimum
    calls: list[float] = []

    def spy(*args: object, **kwargs: object) -> LowerBound:
        calls.append(1.0)
        return LowerBound(value=0)

    scenario = event("pycon", 0, sessions=15)
    monkeypatch.setattr(bound_floor, "FROM_SESSIONS", 0)
    monkeypatch.setattr(bound_floor, "lower_bound", spy)
    options = deterministic(0.2)
    options.max_clash_pairs = cap
    result = solve(scenario, options)
    assert result.schedule is not None and check(scenario, result.schedule).ok
    assert bool(calls) == floored
    assert any("heaviest" in note for note in result.notes) == (cap == 1)
