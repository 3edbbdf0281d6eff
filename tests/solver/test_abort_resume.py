"""A crash of the solver keeps the search's latest checked schedule and, with time left,
a fresh child goes on from it (scheduler/solver/isolated.py; google/or-tools#5025).

The children are real forked processes that really abort (SIGABRT, as CP-SAT's failed
checks do). The schedules they send are real ones of a shipped scenario (its start
heuristic's and its optimum), so what the parent keeps is judged by the checker.
"""

from __future__ import annotations

import copy
import faulthandler
import io
import os
import re
import signal
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from scheduler.checker import check
from scheduler.scenario import Scenario, load_scenario
from scheduler.schedule import SolveStatus
from scheduler.solver import Result, SolveOptions, isolated, solve
from scheduler.solver import run as run_module
from scheduler.solver.isolated import (
    BETTER,
    MAX_RESUMES,
    UPSTREAM_BUG,
    Sender,
    can_isolate,
    solve_isolated,
)

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "ngo-final-2022.yaml"

pytestmark = pytest.mark.skipif(not can_isolate(), reason="solves run in a child on Linux only")


@pytest.fixture(scope="module")
def solved() -> tuple[Scenario, Result, Result]:
    """The scenario, its start heuristic's result (92) and a better one (76, the optimum;
    one sequential worker: half a CPU second)."""
    scenario = load_scenario(SCENARIO)
    starts: list[Result] = []
    best = solve(scenario, SolveOptions(time_limit=0.05, deterministic=True, workers=1,
                                        on_start_result=starts.append))
    assert starts and best.schedule is not None and starts[0].schedule is not None
    assert best.schedule.objective is not None and starts[0].schedule.objective is not None
    assert best.schedule.objective < starts[0].schedule.objective
    return scenario, starts[0], best


@pytest.fixture(autouse=True)
def send_each(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every better schedule is due at once: sent from the search's thread before the
    next line of the fake solve (the throttle has its own test below)."""
    monkeypatch.setattr(isolated, "SEND_EVERY", 0.0)
    monkeypatch.setattr(isolated, "SEND_SHARE", 1e9)


def _objective(result: Result) -> float:
    assert result.schedule is not None and result.schedule.objective is not None
    return result.schedule.objective


def _abort() -> None:
    faulthandler.disable()  # pytest's dump of the child's Python stack is only noise here
    os.abort()


def _fake(start: Result, offers: list[Result],
          resumed: Callable[[SolveOptions], Result] | None
          ) -> Callable[[Scenario, SolveOptions], Result]:
    """A solve that sends the start and each of ``offers`` as better schedules, then
    aborts; a resumed child (one with a hint) runs ``resumed``, or aborts too."""
    def fake(scenario: Scenario, options: SolveOptions) -> Result:
        if options.hint is None:
            assert options.on_start_result is not None and options.on_better is not None
            options.on_start_result(start)
            for n, offer in enumerate(offers):
                options.on_better(1000.0 - n, partial(copy.copy, offer))
        elif resumed is not None:
            return resumed(options)
        _abort()
        raise AssertionError("unreachable")
    return fake


def test_the_latest_checked_schedule_is_kept_after_a_crash(
        solved: tuple[Scenario, Result, Result]) -> None:
    """Not only the start: the search's best sent before the crash (fails on a parent
    that keeps only the start)."""
    scenario, start, best = solved
    result = solve_isolated(scenario, SolveOptions(time_limit=10, deterministic=True),
                            solve=_fake(start, [start, best], None))
    assert result.schedule is not None and check(scenario, result.schedule).ok
    assert result.schedule.objective == _objective(best)
    note = result.notes[-1]
    assert "crashed (SIGABRT) at" in note and UPSTREAM_BUG in note
    assert f"the best it had found by then (objective {_objective(best):,.0f}), checked" in note


def test_a_better_schedule_the_checker_refuses_is_not_kept(
        solved: tuple[Scenario, Result, Result]) -> None:
    scenario, start, best = solved
    broken = copy.deepcopy(best)
    assert broken.schedule is not None
    broken.schedule.sessions = broken.schedule.sessions[1:]  # a session left out
    broken.schedule.objective = 1
    result = solve_isolated(scenario, SolveOptions(time_limit=10, deterministic=True),
                            solve=_fake(start, [best, broken], None))
    assert result.schedule is not None and check(scenario, result.schedule).ok
    assert result.schedule.objective == _objective(best)


def _went_on(options: SolveOptions) -> Result:
    """A resumed child: it returns the schedule it was given, saying what it was asked."""
    assert options.hint is not None
    return Result(options.hint.status, options.hint,
                  notes=[f"asked: hint {options.hint.objective}, limit {options.time_limit}"])


def test_a_crash_with_time_left_goes_on_from_the_kept_schedule_within_the_limit(
        solved: tuple[Scenario, Result, Result]) -> None:
    scenario, start, best = solved
    began = time.monotonic()
    result = solve_isolated(scenario, SolveOptions(time_limit=60),
                            solve=_fake(start, [best], _went_on))
    elapsed = time.monotonic() - began
    assert result.schedule is not None and check(scenario, result.schedule).ok
    assert result.schedule.objective == _objective(best)
    asked = next(n for n in result.notes if n.startswith("asked:"))
    hinted, limit = re.fullmatch(r"asked: hint (\S+), limit (\S+)", asked).groups()  # type: ignore[union-attr]
    assert float(hinted) == _objective(best)
    assert 60 - elapsed <= float(limit) < 60  # the time left, never more
    assert result.schedule.solve.time_limit == 60
    resumed = [n for n in result.notes if "went on from" in n]
    assert len(resumed) == 1
    assert re.search(r"crashed \(SIGABRT\) at \d+ s \(most likely OR-Tools 9\.15's known bug "
                     r"google/or-tools#5025\); the search went on from the best schedule it "
                     rf"had found by then \(objective {_objective(best):,.0f}\) for the \d+ s "
                     "left", resumed[0])


def test_a_resumed_child_that_finds_nothing_better_gives_the_kept_schedule(
        solved: tuple[Scenario, Result, Result]) -> None:
    scenario, start, best = solved
    result = solve_isolated(scenario, SolveOptions(time_limit=60),
                            solve=_fake(start, [best], lambda options: start))
    assert result.schedule is not None and check(scenario, result.schedule).ok
    assert result.schedule.objective == _objective(best)
    assert "found nothing better within the limit" in result.notes[-1]


def test_crashes_again_keep_the_best_and_the_resumes_are_bounded(
        solved: tuple[Scenario, Result, Result]) -> None:
    """Every child crashes: the solve still ends, after MAX_RESUMES fresh children, with
    the best schedule kept (the later children sent nothing better)."""
    scenario, start, best = solved
    result = solve_isolated(scenario, SolveOptions(time_limit=60),
                            solve=_fake(start, [start, best], None))
    assert result.schedule is not None and check(scenario, result.schedule).ok
    assert result.schedule.objective == _objective(best)
    assert len([n for n in result.notes if "went on from" in n]) == MAX_RESUMES
    assert (f"the best it had found by then (objective {_objective(best):,.0f}), checked"
            in result.notes[-1])
    assert result.schedule.solve.time_limit == 60


def test_better_schedules_are_sent_at_most_every_few_seconds_and_within_their_share(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The throttle, on a fake clock: the first is sent at once; one offered too soon
    waits, replaced by any newer one; a worse one is ignored; a costly build holds the
    next back until it is :data:`SEND_SHARE` of the process's CPU seconds."""
    monkeypatch.setattr(isolated, "SEND_EVERY", 5.0)
    monkeypatch.setattr(isolated, "SEND_SHARE", 0.05)
    now, cpu, work = [100.0], [0.0], [0.0]
    built: list[float] = []

    def build(objective: float, cost: float = 0.0) -> Callable[[], Result]:
        def make() -> Result:
            built.append(objective)
            cpu[0] += cost
            return Result(SolveStatus.FEASIBLE, None, notes=[str(objective)])
        return make

    channel = io.BytesIO()
    sender = Sender(channel, clock=lambda: now[0], cpu=lambda: cpu[0], work=lambda: work[0],
                    threaded=False)
    sender.offer(50.0, build(50.0))
    assert built == [50.0]
    now[0] += 1
    sender.offer(40.0, build(40.0))
    sender.offer(45.0, build(45.0))  # worse than one offered: ignored
    now[0] += 1
    sender.offer(30.0, build(30.0, cost=1.0))
    assert not sender.flush() and built == [50.0]
    now[0] = 105.0
    assert sender.flush() and built == [50.0, 30.0]  # the latest, not 40
    now[0], work[0] = 110.0, 19.0
    sender.offer(20.0, build(20.0))
    assert not sender.flush()  # 1 CPU s spent: not before the process has used 20
    work[0] = 20.0
    assert sender.flush() and built == [50.0, 30.0, 20.0]
    assert channel.getvalue().count(BETTER) >= 3 and sender.sent == 3


@pytest.mark.slow  # real searches: a crash after the search, then a fresh one (~3 s)
def test_a_real_search_that_crashes_is_resumed_from_its_best(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The real pipeline: the first child's search sends its schedules, then the child
    aborts; the fresh child goes on from the best of them, and its result is checked."""
    original = run_module.search

    def search_then_crash(run: run_module.Run, built: object) -> object:
        outcome = original(run, built)  # type: ignore[arg-type]
        if run.options.hint is None:  # the first child only
            _abort()
        return outcome

    monkeypatch.setattr(run_module, "search", search_then_crash)
    scenario = load_scenario(SCENARIO)
    result = solve_isolated(scenario, SolveOptions(time_limit=30))
    assert result.schedule is not None and check(scenario, result.schedule).ok
    assert result.schedule.objective is not None and result.schedule.objective <= 92
    went_on = [n for n in result.notes if "went on from the best schedule it had found" in n]
    assert len(went_on) == 1
    assert result.schedule.solve.time_limit == 30


def test_a_child_that_returns_its_result_costs_no_check_of_what_it_sent(
        solved: tuple[Scenario, Result, Result], monkeypatch: pytest.MonkeyPatch) -> None:
    """The schedules a child sent are unpickled and checked only when the parent may need
    them (a crash, a Ctrl-C): a normal solve returned its own result, and checking them
    cost about a second after the limit at 10,000 sessions (review11; fails before)."""
    scenario, start, best = solved
    import scheduler.checker

    checked: list[object] = []
    real = scheduler.checker.check

    def counting(*args: object, **kwargs: object) -> object:
        checked.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(scheduler.checker, "check", counting)

    def returns(scenario: Scenario, options: SolveOptions) -> Result:
        assert options.on_start_result is not None and options.on_better is not None
        options.on_start_result(start)
        options.on_better(1000.0, partial(copy.copy, best))
        return best

    result = solve_isolated(scenario, SolveOptions(time_limit=10, deterministic=True),
                            solve=returns)
    assert result.schedule is not None and result.schedule.objective == _objective(best)
    assert checked == []


def test_a_resumed_round_that_cannot_fork_keeps_the_crash_notes(
        solved: tuple[Scenario, Result, Result], monkeypatch: pytest.MonkeyPatch) -> None:
    """When the fresh child cannot be forked (no memory), the rest of the solve runs in the
    parent; its result still says what happened before (fails before: the notes of the
    crash were lost)."""
    scenario, start, best = solved
    real = isolated._solve_in_child
    calls: list[int] = []

    def fork_once(*args: object) -> object:
        calls.append(1)
        return real(*args) if len(calls) == 1 else None  # type: ignore[arg-type]

    monkeypatch.setattr(isolated, "_solve_in_child", fork_once)
    result = solve_isolated(scenario, SolveOptions(time_limit=60),
                            solve=_fake(start, [best], _went_on))
    assert len(calls) == 2
    assert result.schedule is not None and check(scenario, result.schedule).ok
    assert result.schedule.objective == _objective(best)
    assert any(n.startswith("asked: hint") for n in result.notes)  # ran in the parent
    assert len([n for n in result.notes if "went on from" in n]) == 1
    assert result.schedule.solve.time_limit == 60


def test_the_note_of_a_fresh_talks_search_does_not_claim_it_went_on_from_the_schedule(
        solved: tuple[Scenario, Result, Result]) -> None:
    """A scenario with ``talks:`` cannot start from a schedule: the note says the kept one
    stays and a fresh search started (review11: it said "went on from")."""
    _scenario, _start, best = solved
    kept = isolated.Kept(best, True)
    hinted = isolated.resumed_note(int(signal.SIGABRT), 12.0, kept, 48.0)
    fresh = isolated.resumed_note(int(signal.SIGABRT), 12.0, kept, 48.0, hinted=False)
    assert "went on from the best schedule it had found" in hinted
    assert "went on from" not in fresh
    assert (f"the best schedule it had found by then (objective {_objective(best):,.0f}) "
            "was kept and a fresh search started for the 48 s left") in fresh
