"""A solve in a child process, so that a crash inside OR-Tools does not lose the run.

CP-SAT is C++: when one of its internal checks fails, it aborts the whole process, with
no Python exception to catch. OR-Tools 9.15 (the current release) has such a bug: a
parallel search whose neighbourhood sub-problems carry a hint can end in ``Check failed:
heuristics.fixed_search != nullptr`` (google/or-tools#5025, fixed on OR-Tools' main
branch, not yet released). Every multi-worker search is exposed, because CP-SAT's own
neighbourhoods always hint the base solution; it hit about one 60-s solve of a large
event in twenty in our benchmarks (``docs/benchmarks.md``).

:func:`solve_isolated` therefore runs :func:`scheduler.solver.solve` in a forked child
(Linux; elsewhere, or with ``CONFSCHED_DEBUG`` set, in this process). The child sends
back the result, and before that, as soon as it has one, the start heuristic's checked
complete schedule (``SolveOptions.on_start_result``). When the child dies from a signal,
the parent returns that start as a FEASIBLE result with a note saying what happened; when
there was none, it raises :class:`SolverCrashed` (exit code 1) and nothing is written.
An exception inside the child (a bad ``--from`` file, a second Ctrl-C) is raised again in
the parent, so the command handles it as before.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import replace
from types import FrameType
from typing import IO, TYPE_CHECKING, Any

from scheduler.errors import ConfschedError

if TYPE_CHECKING:
    from scheduler.scenario import Scenario
    from scheduler.solver.options import Result, SolveOptions

UPSTREAM_BUG = "google/or-tools#5025"
"""The OR-Tools issue of the abort seen in parallel searches (fixed upstream, unreleased)."""

PR_SET_PDEATHSIG = 1
"""Linux's ``prctl`` option: the signal a process gets when its parent dies."""

KILL_AFTER_INTERRUPTS = 3
"""Ctrl-C presses after which the parent stops waiting and ends the child (the child
handles the first two itself: stop the search and keep the best, then abort)."""


class SolverCrashed(ConfschedError):
    """The solver process died (a signal) before it had any schedule; nothing was written."""

    exit_code = 1


FORWARDED = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
"""Signals the parent passes on to the child, which runs in a process group of its own:
a Ctrl-C at the terminal reaches the parent only, as does ``kill -INT`` from a script,
and each reaches the child exactly once (the first stops the search and keeps the best
schedule, the second aborts, as without the child)."""


def can_isolate() -> bool:
    """Whether solves run in a child: on Linux (``fork``), from the main thread (which
    alone can handle signals), unless ``CONFSCHED_DEBUG`` asks for tracebacks and
    debuggers in-process."""
    return (sys.platform.startswith("linux") and hasattr(os, "fork")
            and threading.current_thread() is threading.main_thread()
            and not os.environ.get("CONFSCHED_DEBUG"))


def solve_isolated(scenario: Scenario, options: SolveOptions,
                   solve: Callable[[Scenario, SolveOptions], Result] | None = None) -> Result:
    """``solve(scenario, options)`` in a child process; see the module's docstring."""
    if solve is None:
        from scheduler.solver import solve as library_solve

        solve = library_solve
    if not can_isolate():
        return solve(scenario, options)
    sys.stdout.flush()
    sys.stderr.flush()
    read_end, write_end = os.pipe()
    parent = os.getpid()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child, which never returns
        os.close(read_end)
        _own_group(parent)
        _child(scenario, options, solve, os.fdopen(write_end, "wb"))
    os.close(write_end)
    with contextlib.suppress(OSError):  # the child may have set it, or be gone already
        os.setpgid(child, child)  # both sides set it, so that no signal finds it unset
    return _parent(child, os.fdopen(read_end, "rb"), options)


def _own_group(parent: int) -> None:  # pragma: no cover - runs in the child
    """Put the child in a process group of its own (the parent forwards its signals) and
    make it die with the parent (Linux's parent-death signal), so that it never runs on
    alone after the parent was killed."""
    with contextlib.suppress(OSError):
        os.setpgid(0, 0)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def _child(scenario: Scenario, options: SolveOptions,
           solve: Callable[[Scenario, SolveOptions], Result],
           channel: IO[bytes]) -> None:  # pragma: no cover - runs in the child
    """Solve, send each message to the parent, and leave without running the parent's
    clean-up (``os._exit``: pytest's or the CLI's exit handlers are the parent's)."""
    code = 0
    try:
        def send_start(result: Result) -> None:
            _send(channel, ("start", result))

        result = solve(scenario, replace(options, on_start_result=send_start))
        progress = options.progress
        close = getattr(progress, "close", None)
        if close is not None:
            close()  # the status line is the child's: clear it before the parent prints
        _send(channel, ("result", result))
    except BaseException as exc:  # raised again in the parent
        try:
            _send(channel, ("error", exc))
        except Exception:
            _send(channel, ("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
    finally:
        try:
            channel.close()
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def _send(channel: IO[bytes], message: tuple[str, Any]) -> None:
    pickle.dump(message, channel, protocol=pickle.HIGHEST_PROTOCOL)
    channel.flush()


def _parent(child: int, channel: IO[bytes], options: SolveOptions) -> Result:
    """Read the child's messages until it is gone, then return its result, or the start
    it sent before it crashed, or raise."""
    presses = 0
    fatal: int | None = None

    def forward(signum: int, frame: FrameType | None) -> None:
        nonlocal presses, fatal
        if signum != signal.SIGINT:
            fatal = signum  # the parent ends the same way once the child has
        else:
            presses += 1
        with contextlib.suppress(ProcessLookupError):
            os.kill(child, signal.SIGKILL if presses >= KILL_AFTER_INTERRUPTS else signum)

    previous = {number: signal.signal(number, forward) for number in FORWARDED}
    start: Result | None = None
    final: tuple[str, Any] | None = None
    try:
        with channel:
            while True:
                try:
                    kind, payload = pickle.load(channel)
                except (EOFError, pickle.UnpicklingError):
                    break  # the child is done, or died in the middle of a message
                if kind == "start":
                    start = payload
                else:
                    final = (kind, payload)
        _, status = os.waitpid(child, 0)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    if fatal is not None:  # SIGTERM or SIGHUP: end as the command did without the child
        signal.signal(fatal, signal.SIG_DFL)
        os.kill(os.getpid(), fatal)
    if final is not None and final[0] == "result":
        result: Result = final[1]
        return result
    if final is not None and final[0] == "error":
        raise final[1]
    return _crashed(status, start, options, presses)


def _crashed(status: int, start: Result | None, options: SolveOptions, presses: int) -> Result:
    """What to tell after the child ended without a result."""
    if presses >= KILL_AFTER_INTERRUPTS:
        raise KeyboardInterrupt
    how = _how_it_ended(status)
    if options.progress is not None:
        sys.stderr.write("\r\x1b[2K")  # the child's status line, if it left one
    if start is None or start.schedule is None:
        raise SolverCrashed(
            f"the solver {how} before it had any schedule; nothing was written. "
            f"This is most likely a known bug of OR-Tools 9.15 ({UPSTREAM_BUG}, fixed "
            "upstream but not released yet) that strikes at random in parallel searches: "
            "run again (another --seed, or --workers 1, avoids it)")
    note = (f"the CP-SAT search {how} ({UPSTREAM_BUG}, a bug of OR-Tools 9.15 fixed "
            "upstream but not released yet): the schedule is the start heuristic's, checked "
            "but not optimised; run again for an optimised one (another --seed, or "
            "--workers 1, avoids the crash)")
    return replace(start, notes=[*start.notes, note])


def _how_it_ended(status: int) -> str:
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        if number == signal.SIGKILL:
            return f"was killed ({name}: out of memory, or stopped by the system)"
        return f"crashed ({name})"
    return f"ended with exit code {os.WEXITSTATUS(status)} without a result"
