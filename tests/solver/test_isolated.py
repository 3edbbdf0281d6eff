"""A solve in a child process survives a crash of the native solver (scheduler/solver/isolated.py).

The crash is a real one: the child process aborts (SIGABRT, as CP-SAT's failed checks do)
where the search would run, so the parent sees exactly what it sees when OR-Tools aborts.
"""

from __future__ import annotations

import faulthandler
import os
import signal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from scheduler.checker import check
from scheduler.cli import main
from scheduler.errors import ConfschedError, UsageError
from scheduler.scenario import load_scenario
from scheduler.schedule import SolveStatus, load_schedule
from scheduler.solver import SolveOptions, solve
from scheduler.solver import run as run_module
from scheduler.solver.isolated import UPSTREAM_BUG, SolverCrashed, can_isolate, solve_isolated

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
SCENARIO = SCENARIOS / "ngo-final-2022.yaml"
"""A shipped scenario whose start heuristic places every session and passes the checker."""

pytestmark = pytest.mark.skipif(not can_isolate(), reason="solves run in a child on Linux only")


def _abort(*args: object, **kwargs: object) -> None:
    faulthandler.disable()  # pytest's dump of the child's Python stack is only noise here
    os.abort()


@pytest.fixture
def crash_in_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """The search aborts the process, after the start heuristic's schedule exists."""
    monkeypatch.setattr(run_module, "search", _abort)


def test_a_crash_in_the_search_returns_the_checked_start(crash_in_search: None) -> None:
    scenario = load_scenario(SCENARIO)
    result = solve_isolated(scenario, SolveOptions(time_limit=10, deterministic=True))
    assert result.status == SolveStatus.FEASIBLE
    assert result.schedule is not None
    assert check(scenario, result.schedule).ok
    assert len(result.schedule.sessions) == len(scenario.sessions)
    note = result.notes[-1]
    assert "crashed (SIGABRT)" in note and UPSTREAM_BUG in note and "not optimised" in note


def test_a_crash_before_any_schedule_is_an_error_naming_the_bug(
        crash_in_search: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run_module, "complete_start", lambda run: None)
    with pytest.raises(SolverCrashed, match="crashed \\(SIGABRT\\) before it had any schedule"):
        solve_isolated(load_scenario(SCENARIO), SolveOptions(time_limit=10))


def test_the_childs_error_is_raised_again_in_the_parent() -> None:
    def refuse(scenario: object, options: object) -> None:
        raise UsageError("frozen_until needs the earlier schedule (--from PUBLISHED)")

    with pytest.raises(UsageError, match="frozen_until needs the earlier schedule"):
        solve_isolated(load_scenario(SCENARIO), SolveOptions(), solve=refuse)  # type: ignore[arg-type]


@pytest.mark.slow
def test_an_isolated_solve_gives_the_in_process_schedule() -> None:
    scenario = load_scenario(SCENARIO)
    options = SolveOptions(time_limit=0.3, deterministic=True)
    isolated, here = solve_isolated(scenario, options), solve(scenario, options)
    assert isolated.schedule is not None and here.schedule is not None
    assert check(scenario, isolated.schedule).ok
    assert isolated.status == here.status
    assert isolated.schedule.objective == here.schedule.objective
    assert ([(s.id, s.day, s.start, s.room) for s in isolated.schedule.sessions]
            == [(s.id, s.day, s.start, s.room) for s in here.schedule.sessions])


def test_the_cli_writes_the_start_after_a_crash(crash_in_search: None, tmp_path: Path) -> None:
    out = tmp_path / "schedule.yaml"
    done = CliRunner().invoke(main, ["solve", str(SCENARIO), "-o", str(out),
                                     "--time-limit", "10", "--deterministic"])
    assert done.exit_code == 0, done.output
    assert "note: the CP-SAT search crashed (SIGABRT): the schedule is the start" in done.output
    assert UPSTREAM_BUG in done.output
    assert check(load_scenario(SCENARIO), load_schedule(out)).ok


def test_the_cli_keeps_the_old_output_when_the_crash_leaves_nothing(
        crash_in_search: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(run_module, "complete_start", lambda run: None)
    out = tmp_path / "schedule.yaml"
    out.write_text("the organiser's earlier file\n", encoding="utf-8")
    done = CliRunner().invoke(main, ["solve", str(SCENARIO), "-o", str(out),
                                     "--time-limit", "10"])
    assert done.exit_code == 1
    assert "error: the solver crashed (SIGABRT) before it had any schedule" in done.output
    assert "Traceback" not in done.output
    assert out.read_text(encoding="utf-8") == "the organiser's earlier file\n"


def test_a_result_far_larger_than_a_pipe_comes_back_whole() -> None:
    """A 10,000-session schedule is megabytes: the parent reads while the child writes."""
    from scheduler.solver import Result

    big = ["Сессия " + "x" * 1000] * 5000  # about 5 MB, Cyrillic included

    def large(scenario: object, options: object) -> Result:
        return Result(SolveStatus.UNKNOWN, None, notes=big)

    result = solve_isolated(load_scenario(SCENARIO), SolveOptions(), solve=large)
    assert result.notes == big


def test_a_crash_in_a_mixed_talks_scenario_keeps_no_start_of_the_derived_one(
        crash_in_search: None) -> None:
    """The sessions around talks are solved on a derived scenario (talk sessions pinned,
    talk duties invented): its start is no schedule of the organiser's scenario and must
    never be written as one (review: it was, with every talk missing)."""
    from tests.talks.helpers import small
    from tests.talks.test_talks_engine import mixed_data

    with pytest.raises(SolverCrashed, match="before it had any schedule"):
        solve_isolated(small(**mixed_data()), SolveOptions(time_limit=10))


def test_a_start_the_checker_refuses_is_not_kept(
        crash_in_search: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The parent keeps a start only if the checker passes it on its own scenario."""
    scenario = load_scenario(SCENARIO)
    original = run_module.from_start

    def broken(run: Any, schedule: Any, *args: Any) -> Any:
        result = original(run, schedule, *args)
        assert result.schedule is not None
        result.schedule.sessions = result.schedule.sessions[1:]  # a session left out
        return result

    monkeypatch.setattr(run_module, "from_start", broken)
    with pytest.raises(SolverCrashed):
        solve_isolated(scenario, SolveOptions(time_limit=10))


def _die_of_ctrl_c(*args: object, **kwargs: object) -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # as a solver that took the handler away
    os.kill(os.getpid(), signal.SIGINT)


def test_a_child_ended_by_ctrl_c_keeps_the_start_marked_interrupted(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run_module, "search", _die_of_ctrl_c)
    scenario = load_scenario(SCENARIO)
    result = solve_isolated(scenario, SolveOptions(time_limit=10))
    assert result.interrupted and result.schedule is not None
    assert result.schedule.solve.interrupted
    assert check(scenario, result.schedule).ok
    assert "interrupted before the search had a schedule of its own" in result.notes[-1]
    assert UPSTREAM_BUG not in " ".join(result.notes)


def test_an_error_that_pickle_cannot_rebuild_keeps_its_words_and_exit_code() -> None:
    from scheduler.extras import MissingExtra

    def refuse(scenario: object, options: object) -> None:
        raise MissingExtra("httpx", "zoom")

    with pytest.raises(ConfschedError, match=r'pip install "confsched\[zoom\]"') as caught:
        solve_isolated(load_scenario(SCENARIO), SolveOptions(), solve=refuse)  # type: ignore[arg-type]
    assert caught.value.exit_code == 2


def test_a_crash_in_a_talks_search_keeps_the_checked_start_timetable(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A talks scenario's start timetable (greedy or relaxed) is sent before the exact
    model's search, which is where CP-SAT's parallel search runs."""
    from scheduler.solver import search as searching

    monkeypatch.setattr(searching, "search", _abort)
    scenario = load_scenario(SCENARIOS / "academic-talks.yaml")
    result = solve_isolated(scenario, SolveOptions(time_limit=10))
    assert result.status == SolveStatus.FEASIBLE and result.schedule is not None
    assert check(scenario, result.schedule).ok
    talks = {t.id for s in result.schedule.sessions for t in s.talks}
    assert talks == {t.id for t in scenario.talks}
    assert "crashed (SIGABRT)" in result.notes[-1]


@pytest.mark.slow  # waits 10 s for the watchdog (the start comes well before: 28 sessions)
def test_a_child_that_hangs_is_stopped_after_its_limit_and_the_start_kept(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The command times its child: one that never returns (here it waits for a signal
    that never comes, after sending its start) is stopped, and the start is kept."""
    from scheduler.solver import isolated

    monkeypatch.setattr(isolated, "OVERDUE_MARGIN", 5.0)
    monkeypatch.setattr(run_module, "search", lambda *args, **kwargs: signal.pause())
    scenario = load_scenario(SCENARIO)
    result = solve_isolated(scenario, SolveOptions(time_limit=5))
    assert result.schedule is not None and check(scenario, result.schedule).ok
    assert "did not end within 10 s (its limit 5 s) and was stopped" in result.notes[-1]
    assert isolated.overdue_after(SolveOptions(time_limit=30, deterministic=True)) is None
