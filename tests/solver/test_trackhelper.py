"""The track moves' helper process (scheduler/solver/trackhelper.py): its own interpreter,
so a caller's script runs once and a pool's worker may start it; a helper killed, stopped
or gone at any point leaves the master solving alone with the same moves as one process;
Ctrl-C ends both. Every wait has a bound that fails the test."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scheduler.checker import check
from scheduler.facts import SessionFacts
from scheduler.scenario.model import Scenario
from scheduler.schedule import Schedule
from scheduler.solver import trackday, trackhelper
from tests.solver.test_trackday import polished, tracked

ROOT = Path(__file__).resolve().parents[2]
BOUND = 120.0
"""Seconds any wait of these tests has at most (a helper starts in 1-3 s at idle)."""
MOVES = 40
Event = tuple[Scenario, dict[str, SessionFacts], Schedule, list[tuple[str, int, int]],
              Schedule]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}


def _waiting_for_ready(monkeypatch: pytest.MonkeyPatch) -> list[trackhelper.Helper]:
    """Make :func:`trackday.improve` wait (bounded) for its helper's start before its
    first round, so that the helper takes part however loaded the machine is; the helpers
    started, in order."""
    started: list[trackhelper.Helper] = []
    ready = trackhelper.Helper.poll_ready

    def wait(self: trackhelper.Helper) -> bool:
        if self not in started:
            started.append(self)
            assert self.wait_ready(BOUND), "the helper did not start"
        return ready(self)

    monkeypatch.setattr(trackhelper.Helper, "poll_ready", wait)
    return started


@pytest.fixture(scope="module")
def event() -> Event:
    """A generated informs event, its polished start, and the moves (and result) of
    :data:`MOVES` sub-models on one process."""
    monkeypatch = pytest.MonkeyPatch()
    scenario = tracked()
    facts, start = polished(scenario, monkeypatch)
    alone = trackday.Stats()
    one = trackday.improve(scenario, facts, start, moves=MOVES, seed=0, stats=alone,
                           workers=1)
    assert alone.moves
    return scenario, facts, start, alone.moves, one


def _improve(event: Event) -> tuple[trackday.Stats, Schedule]:
    scenario, facts, start, _moves, _one = event
    stats = trackday.Stats()
    moved = trackday.improve(scenario, facts, start, moves=MOVES, seed=0, stats=stats,
                             workers=2)
    assert check(scenario, moved).ok
    return stats, moved


@pytest.mark.slow  # helper processes start (2-4 s each at idle)
def test_a_helper_takes_the_same_moves_and_a_helper_killed_or_stopped_changes_nothing(
        event: Event, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the helper solving each round's second sub-model the moves are those of one
    process; so they are when the helper is SIGKILLed as it starts (before it read the
    event), SIGKILLed mid-run (as its second job is sent: slot units run alone in
    their rounds, so this event's 40 moves send the helper two jobs), or stopped (SIGSTOP:
    alive, never answering; the master's wait has a bound). Before, a helper dying at its
    start could leave the master blocked in a pipe write for ever."""
    _scenario, _facts, _start, moves, one = event
    started = _waiting_for_ready(monkeypatch)
    stats, moved = _improve(event)
    assert stats.moves == moves and moved.sessions == one.sessions
    assert stats.helped > 0 and started[0].process.poll() is not None
    monkeypatch.undo()

    # killed at its start, before it read the event
    opened = trackhelper.Helper.__init__

    def killed_at_start(self: trackhelper.Helper, *args: object) -> None:
        opened(self, *args)  # type: ignore[arg-type]
        self.process.kill()

    monkeypatch.setattr(trackhelper.Helper, "__init__", killed_at_start)
    stats, moved = _improve(event)
    assert stats.moves == moves and stats.helped == 0
    monkeypatch.undo()

    # killed, or stopped, as its second job is sent
    submit = trackhelper.Helper.submit
    for how in (signal.SIGKILL, signal.SIGSTOP):
        started = _waiting_for_ready(monkeypatch)
        monkeypatch.setattr(trackhelper, "WAIT", 2.0)
        hit: list[int] = []

        def submit_then_signal(self: trackhelper.Helper, *args: object,
                               how: signal.Signals = how, hit: list[int] = hit) -> bool:
            hit.append(1)
            if len(hit) == 2:  # before the job is written: it is never answered
                os.kill(self.pid, how)
            return submit(self, *args)  # type: ignore[arg-type]

        monkeypatch.setattr(trackhelper.Helper, "submit", submit_then_signal)
        stats, moved = _improve(event)
        assert len(hit) >= 2 and stats.moves == moves and stats.helped == 1, how
        assert moved.sessions == one.sessions
        assert started[0].process.wait(BOUND) is not None  # ended, not left stopped
        monkeypatch.undo()


SCRIPT = """
import signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)
import pytest
from scheduler.solver import trackday, trackhelper
from tests.solver.test_trackday import polished, tracked
print("MAIN", flush=True)
scenario = tracked()
facts, start = polished(scenario, pytest.MonkeyPatch())
ready = trackhelper.Helper.poll_ready
def wait(self):
    if not self.ready and not self.failed:
        assert self.wait_ready(120), "the helper did not start"
        print("HELPER", self.pid, flush=True)
    return ready(self)
trackhelper.Helper.poll_ready = wait
stats = trackday.Stats()
trackday.improve(scenario, facts, start, moves=int(sys.argv[1]), seed=0, stats=stats,
                 workers=2)
print("HELPED", stats.helped, flush=True)
"""


@pytest.mark.slow  # two interpreters start and build an event
def test_a_script_without_a_main_guard_runs_once(tmp_path: Path) -> None:
    """The helper is its own command: a caller's script with no ``if __name__ ==
    "__main__"`` runs once (``spawn`` imported it again in the helper: twice)."""
    script = tmp_path / "no_guard.py"
    script.write_text(SCRIPT)
    ran = subprocess.run([sys.executable, str(script), str(MOVES)], capture_output=True,
                         text=True, env=_env(), cwd=tmp_path, timeout=BOUND)
    assert ran.returncode == 0, ran.stderr[-2000:]
    assert ran.stdout.count("MAIN") == 1, ran.stdout
    helped = [line for line in ran.stdout.splitlines() if line.startswith("HELPED")]
    assert helped and int(helped[0].split()[1]) > 0, ran.stdout


def moves_in_a_pool_worker(count: int) -> tuple[list[tuple[str, int, int]], int]:
    """In a pool's (daemonic) worker: the moves of ``count`` sub-models with a helper, and
    how many the helper solved."""
    monkeypatch = pytest.MonkeyPatch()
    assert multiprocessing.current_process().daemon
    scenario = tracked()
    facts, start = polished(scenario, monkeypatch)
    _waiting_for_ready(monkeypatch)
    stats = trackday.Stats()
    moved = trackday.improve(scenario, facts, start, moves=count, seed=0, stats=stats,
                             workers=2)
    assert check(scenario, moved).ok
    return stats.moves, stats.helped


@pytest.mark.slow  # a pool's worker and a helper start
def test_a_pool_worker_starts_a_helper(event: Event) -> None:
    """A daemonic process (a ``multiprocessing.Pool`` worker: the benchmark runner, Dask)
    may not have ``multiprocessing`` children; the helper, its own command, runs there and
    takes the same moves (before: refused, the moves on one process)."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        moves, helped = pool.apply_async(moves_in_a_pool_worker, (MOVES,)).get(BOUND)
    assert moves == event[3] and helped > 0


@pytest.mark.slow  # a helper starts
def test_a_folder_with_a_scheduler_package_of_its_own_does_not_shadow_the_helpers(
        event: Event, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``python -m`` puts its working directory first on ``sys.path``: run from a folder
    holding another ``scheduler/``, the helper imported that one and never started
    (review10). Started with ``-P`` and the caller's ``sys.path``, it imports this one."""
    decoy = tmp_path / "scheduler"
    decoy.mkdir()
    (decoy / "__init__.py").write_text("raise SystemExit('the decoy was imported')\n")
    monkeypatch.chdir(tmp_path)
    scenario, _facts, start, _moves, _one = event
    helper = trackday.start_helper(scenario, start, None)
    assert helper is not None
    try:
        assert helper.wait_ready(BOUND)
    finally:
        helper.close()


@pytest.mark.slow  # a helper starts
def test_a_helper_that_stops_answering_holds_the_moves_only_until_their_deadline(
        event: Event, monkeypatch: pytest.MonkeyPatch) -> None:
    """A helper stopped (SIGSTOP) after its first job: the master waits for its answer
    only until :data:`trackday.HELPER_GRACE` seconds past ``improve``'s deadline, then
    solves that sub-model itself. Before (review10), it waited the helper's own bound,
    ``trackhelper.WAIT`` (here 300 s), past any deadline."""
    started = _waiting_for_ready(monkeypatch)
    monkeypatch.setattr(trackhelper, "WAIT", 300.0)
    submit = trackhelper.Helper.submit

    def submit_then_stop(self: trackhelper.Helper, *args: object) -> bool:
        sent = submit(self, *args)  # type: ignore[arg-type]
        os.kill(self.pid, signal.SIGSTOP)
        return sent

    monkeypatch.setattr(trackhelper.Helper, "submit", submit_then_stop)
    scenario, facts, start, _moves, _one = event
    began = time.monotonic()
    stats = trackday.Stats()
    moved = trackday.improve(scenario, facts, start, deadline=time.monotonic() + 5.0,
                             seed=0, stats=stats, workers=2)
    assert time.monotonic() - began < 200  # 300 s or more without the fix
    assert started and stats.helped == 0 and check(scenario, moved).ok
    assert started[0].process.wait(BOUND) is not None  # ended, not left stopped


def _gone(pid: int) -> bool:
    """Whether process ``pid`` has ended (a zombie not yet reaped by whoever adopted it
    has ended too)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except (FileNotFoundError, ProcessLookupError):
        return True


def _master_with_a_working_helper(tmp_path: Path) -> tuple[subprocess.Popen[str], int]:
    """A master process (:data:`SCRIPT`) whose track moves run with a helper that has
    started (it answered "ready"), and the helper's pid."""
    script = tmp_path / "no_guard.py"
    script.write_text(SCRIPT)
    master = subprocess.Popen([sys.executable, str(script), "1000000"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=_env(), cwd=tmp_path)
    assert master.stdout is not None
    line = ""
    while not line.startswith("HELPER"):
        line = master.stdout.readline()  # bounded by pytest's timeout
        if not line:
            master.kill()
            pytest.fail(master.stderr.read() if master.stderr else "the master ended")
    return master, int(line.split()[1])


def _wait_gone(pid: int) -> None:
    end = time.monotonic() + BOUND
    while not _gone(pid):
        assert time.monotonic() < end, "the helper outlived its master"
        time.sleep(0.05)


@pytest.mark.slow  # two interpreters start and build an event
def test_ctrl_c_ends_the_master_and_its_helper(tmp_path: Path) -> None:
    """Ctrl-C (SIGINT to the master) once its helper works: both processes end (the helper
    ignores the signal and exits when the master closes its stdin)."""
    master, helper = _master_with_a_working_helper(tmp_path)
    try:
        os.kill(helper, signal.SIGINT)  # a terminal's Ctrl-C reaches it too: ignored
        master.send_signal(signal.SIGINT)
        assert master.wait(BOUND) != 0
    finally:
        if master.poll() is None:
            master.kill()
            master.wait(BOUND)
    _wait_gone(helper)


@pytest.mark.slow  # two interpreters start and build an event
def test_a_stopped_helper_dies_with_its_killed_master(tmp_path: Path) -> None:
    """A helper stopped (SIGSTOP) when its master is killed (SIGKILL: no clean-up) cannot
    read the end of its stdin: before, it stayed stopped for ever (review10). Linux's
    parent-death signal (SIGKILL) now ends it."""
    master, helper = _master_with_a_working_helper(tmp_path)
    try:
        os.kill(helper, signal.SIGSTOP)
    finally:
        master.kill()
        master.wait(BOUND)
    try:
        _wait_gone(helper)
    finally:
        if not _gone(helper):
            os.kill(helper, signal.SIGKILL)


def test_the_solve_gives_the_track_moves_a_helper_when_it_has_two_workers_and_cores(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The start's polish (and through it the track moves) is given two processes when
    the solve has two workers and the process may use two cores; one with one worker or
    one core."""
    from scheduler.generate import generate_yaml, params_for
    from scheduler.scenario import parse_scenario
    from scheduler.solver import SolveOptions, solve
    from scheduler.solver import run as running

    class Seen(Exception):
        pass

    given: list[int] = []

    def spy(*_: object, workers: int = 1, **__: object) -> None:
        given.append(workers)
        raise Seen

    monkeypatch.setattr(running, "polish", spy)
    scenario = parse_scenario(generate_yaml(params_for("seminar"), 1), "s.yaml")
    for cores, workers in ((4, 2), (4, 1), (1, 2)):
        monkeypatch.setattr(trackday.os, "sched_getaffinity", lambda _, n=cores: set(range(n)),
                            raising=False)
        with pytest.raises(Seen):
            solve(scenario, SolveOptions(time_limit=30, workers=workers, seed=0))
    assert given == [2, 1, 1]
