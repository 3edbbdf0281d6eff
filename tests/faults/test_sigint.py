"""Ctrl-C during a long solve: the first stops the search and keeps the best schedule,
marked as interrupted; a second one aborts, never leaving a half-written file.

Real processes and real signals: `confsched solve` runs in a child process on a
pseudo-terminal, and Ctrl-C comes when its progress line reports a schedule.
"""

from __future__ import annotations

import os
import pty
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from scheduler.checker import check
from scheduler.scenario import load_scenario
from scheduler.schedule import SolveStatus, load_schedule
from scheduler.solver.progress import STOPPING

pytestmark = pytest.mark.slow  # real solves of a 100-talk conference in a child process


@pytest.fixture(scope="module")
def long_scenario(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 100-talk conference: far from proven optimal within seconds."""
    path = tmp_path_factory.mktemp("sigint") / "pycon.yaml"
    made = subprocess.run([sys.executable, "-m", "scheduler.cli", "generate", "--shape", "pycon",
                           "--seed", "1", "-o", str(path)], capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    return path


# `python -m scheduler.cli` with SIGINT as for a command typed at a terminal, even when
# pytest runs as a shell's background job (SIGINT ignored, which the child would inherit).
# Not preexec_fn: unsafe in a process with threads, as pytest-xdist's workers are.
AS_FROM_A_TERMINAL = ("import runpy, signal; "
                      "signal.signal(signal.SIGINT, signal.default_int_handler); "
                      "runpy.run_module('scheduler.cli', run_name='__main__', alter_sys=True)")


def _start(scenario: Path, out: Path, *, own_group: bool = False, limit: str = "600",
           before: str = "") -> tuple[subprocess.Popen[bytes], int]:
    """``confsched solve`` on a pseudo-terminal, so that it shows its progress line; returns
    the process and the terminal's reading end. With ``own_group``, in a process group of
    its own in this session, as a shell's job is: the kernel discards a SIGTSTP sent to an
    orphaned process group, which pytest's may be (a CI run started in the background).
    ``before``: Python run in the child before the command (e.g. to ignore a signal)."""
    reader, writer = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-c", before + AS_FROM_A_TERMINAL, "solve", str(scenario), "-o",
         str(out), "--time-limit", limit, "--workers", "2"],
        stdin=subprocess.DEVNULL, stdout=writer, stderr=writer,
        process_group=0 if own_group else None,
    )
    os.close(writer)
    return process, reader


def _read(reader: int) -> bytes:
    try:
        return os.read(reader, 4096)
    except OSError:  # EIO: the child closed the terminal
        return b""


def _wait_for(reader: int, seen: bytes, text: bytes) -> bytes:
    """Read the child's terminal until it has written ``text``."""
    while text not in seen:
        chunk = _read(reader)
        assert chunk, f"the solve ended before writing {text!r}: {seen.decode()[-500:]}"
        seen += chunk
    return seen


def _read_until_a_schedule(reader: int) -> tuple[bytes, bool]:
    """Read the child's terminal until its progress line says a schedule was found (the
    event, not a clock, decides when Ctrl-C comes: past the model, the greedy start and
    the first solution however loaded the machine is) or the child ends; returns what it
    wrote and whether a schedule was reported."""
    seen = b""
    while not re.search(rb"\(\d+ found\)", seen):
        chunk = _read(reader)
        if not chunk:
            return seen, False
        seen += chunk
    return seen, True


def _wait_for_a_schedule(reader: int) -> bytes:
    """:func:`_read_until_a_schedule`, where the child ending first fails the test."""
    seen, found = _read_until_a_schedule(reader)
    assert found, f"the solve ended before reporting a schedule: {seen.decode()[-500:]}"
    return seen


def _start_until_a_schedule(scenario: Path, out: Path, limits: tuple[int, ...], *,
                            own_group: bool = False, before: str = ""
                            ) -> tuple[subprocess.Popen[bytes], int, bytes, int]:
    """:func:`_start` with the first of ``limits`` and read until a schedule is reported; a
    solve that reaches its limit first (a loaded machine: CI beside other jobs ended an
    8-s solve with the start's schedule and no report) is run again with the next limit.
    Returns the process, its terminal, what it wrote so far and the limit it runs with."""
    for limit in limits:
        process, reader = _start(scenario, out, own_group=own_group, limit=str(limit),
                                 before=before)
        seen, found = _read_until_a_schedule(reader)
        if found:
            return process, reader, seen, limit
        _rest(process, reader, seen)
    pytest.fail(f"no schedule was reported within any of the limits {limits} s")


def _rest(process: subprocess.Popen[bytes], reader: int, seen: bytes) -> str:
    """Everything else the child writes, once it has exited (pytest's timeout bounds it)."""
    while chunk := _read(reader):
        seen += chunk
    process.wait()
    os.close(reader)
    return seen.decode("utf-8", errors="replace")


def test_first_ctrl_c_keeps_the_best_schedule(long_scenario: Path, tmp_path: Path) -> None:
    out = tmp_path / "schedule.yaml"
    process, reader = _start(long_scenario, out)
    seen = _wait_for_a_schedule(reader)
    process.send_signal(signal.SIGINT)
    output = _rest(process, reader, seen)
    assert process.returncode == 0, output
    assert STOPPING in output
    schedule = load_schedule(out)
    assert schedule.solve.interrupted
    assert schedule.status == SolveStatus.FEASIBLE
    assert "interrupted" in output.lower()
    assert "Traceback" not in output
    assert check(load_scenario(long_scenario), schedule).ok


def test_second_ctrl_c_aborts_and_leaves_no_half_written_file(long_scenario: Path,
                                                     tmp_path: Path) -> None:
    out = tmp_path / "schedule.yaml"
    out.write_text("the previous version\n", encoding="utf-8")
    process, reader = _start(long_scenario, out)
    seen = _wait_for_a_schedule(reader)
    process.send_signal(signal.SIGINT)
    # The second press comes once the first one was seen (two signals sent back to back
    # may reach Python's handler as one, on a loaded machine: then nothing aborts).
    seen = _wait_for(reader, seen, STOPPING.encode())
    process.send_signal(signal.SIGINT)
    output = _rest(process, reader, seen)
    assert process.returncode != 0
    assert "Traceback" not in output
    # The second Ctrl-C may land before or after the first one's schedule was written;
    # either way the file is whole: the previous version, or a complete schedule.
    text = out.read_text(encoding="utf-8")
    if text != "the previous version\n":
        assert load_schedule(out).solve.interrupted
    assert [p.name for p in tmp_path.iterdir()] == ["schedule.yaml"]


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(n) for n in path.read_text().split()] if path.exists() else []


def test_sigterm_ends_the_solver_child_too(long_scenario: Path, tmp_path: Path) -> None:
    """The search runs in a child process (scheduler/solver/isolated.py) in a process
    group of its own: a SIGTERM to the command must not leave it running on alone."""
    out = tmp_path / "schedule.yaml"
    process, reader = _start(long_scenario, out)
    seen = _wait_for_a_schedule(reader)
    children = _children(process.pid)
    assert len(children) == 1, children
    process.send_signal(signal.SIGTERM)
    _rest(process, reader, seen)
    assert process.returncode == -signal.SIGTERM
    assert not Path(f"/proc/{children[0]}").exists() or _is_zombie(children[0])
    assert not out.exists()


def _is_zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z"
    except OSError:
        return True


def _state(pid: int) -> str:
    """The process's state letter (R, S, T, Z...) from /proc."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return "gone"


def _until(predicate: Callable[[], bool]) -> None:
    """Poll ``predicate`` until it holds (pytest's timeout bounds the wait): the event a
    test waits for, seen as soon as it happens, whatever the load."""
    while not predicate():
        time.sleep(0.05)


def test_ctrl_z_stops_the_solver_child_and_fg_continues_it(long_scenario: Path,
                                                           tmp_path: Path) -> None:
    """The child runs in a process group of its own, which a terminal's Ctrl-Z does not
    reach: the command stops it, then itself, and continues it when continued."""
    out = tmp_path / "schedule.yaml"
    process, reader = _start(long_scenario, out, own_group=True)
    seen = _wait_for_a_schedule(reader)
    [child] = _children(process.pid)
    process.send_signal(signal.SIGTSTP)
    _until(lambda: _state(process.pid) == "T")
    assert _state(child) == "T"
    process.send_signal(signal.SIGCONT)
    _until(lambda: _state(child) != "T")
    process.send_signal(signal.SIGINT)  # the first Ctrl-C: keep the best and end
    output = _rest(process, reader, seen)
    assert process.returncode == 0, output
    assert load_schedule(out).solve.interrupted


def test_a_hangup_under_nohup_does_not_end_the_solve(long_scenario: Path,
                                                     tmp_path: Path) -> None:
    """With SIGHUP ignored (``nohup``), the command ignores it as before: the solve runs
    to its limit and the schedule is written (review: the forwarded hangup ended it)."""
    out = tmp_path / "schedule.yaml"
    process, reader, seen, _ = _start_until_a_schedule(
        long_scenario, out, (8, 20, 45),
        before="import signal; signal.signal(signal.SIGHUP, signal.SIG_IGN); ")
    process.send_signal(signal.SIGHUP)
    output = _rest(process, reader, seen)
    assert process.returncode == 0, output
    assert check(load_scenario(long_scenario), load_schedule(out)).ok


WATCHED = """
import sys, time
from pathlib import Path
from scheduler.scenario import load_scenario
from scheduler.schedule import SolveStatus
from scheduler.solver import Result, SolveOptions, isolated

isolated.OVERDUE_MARGIN = 0.0  # the watchdog fires 2 s after a 1-s limit

def slow(scenario, options):
    time.sleep(1.5)  # within the watchdog's 2 s of running time
    return Result(SolveStatus.UNKNOWN, None, notes=["the child's own result"])

scenario = load_scenario(Path(sys.argv[1]))
try:
    print(isolated.solve_isolated(scenario, SolveOptions(time_limit=1), solve=slow).notes)
except Exception as exc:
    print("error:", exc)
"""


def test_a_long_ctrl_z_does_not_count_against_the_watchdog(tmp_path: Path) -> None:
    """Stopped (Ctrl-Z) for longer than the watchdog allows, then continued: the child's
    own result, not "did not end" (review: the wait's deadline was computed before the
    stop, and the watchdog fired at once after fg)."""
    scenario = Path(__file__).resolve().parents[2] / "scenarios" / "ngo-final-2022.yaml"
    process = subprocess.Popen([sys.executable, "-c", WATCHED, str(scenario)],
                               stdout=subprocess.PIPE, text=True, process_group=0)
    _until(lambda: len(_children(process.pid)) == 1)  # forked: the child is solving
    process.send_signal(signal.SIGTSTP)
    _until(lambda: _state(process.pid) == "T")
    time.sleep(3)  # stopped for longer than the watchdog's 2 s: what the test is about
    process.send_signal(signal.SIGCONT)
    output, _ = process.communicate()
    assert "the child's own result" in output, output


def test_a_search_stopped_past_its_limit_is_not_abandoned(long_scenario: Path,
                                                          tmp_path: Path) -> None:
    """Ctrl-Z during the search, continued after its limit has passed: CP-SAT stops at
    once and its schedule is kept; the watchdog does not take the stopped time for a
    CP-SAT that ignores its stop (it did: "CP-SAT did not stop at the time limit", and the
    search counted as having found nothing)."""
    out = tmp_path / "schedule.yaml"
    process, reader, seen, limit = _start_until_a_schedule(long_scenario, out, (6, 15, 40),
                                                           own_group=True)
    process.send_signal(signal.SIGTSTP)
    _until(lambda: _state(process.pid) == "T")
    time.sleep(limit + 4)  # stopped past the limit: what the test is about
    process.send_signal(signal.SIGCONT)
    output = _rest(process, reader, seen)
    assert process.returncode == 0, output
    assert "did not stop at the time limit" not in output
    assert check(load_scenario(long_scenario), load_schedule(out)).ok
