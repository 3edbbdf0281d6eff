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
the parent returns that start (if the checker passes it on the scenario the parent holds)
as a FEASIBLE result with a note saying what happened; when there was none, it raises
:class:`SolverCrashed` (exit code 1) and nothing is written. An exception inside the
child (a bad ``--from`` file, a second Ctrl-C) is raised again in the parent, so the
command handles it as before; a Ctrl-C that ends the child before the search had a
schedule of its own keeps the start, marked interrupted, as the first Ctrl-C of a search
keeps its best.

Job control goes on as without the child: Ctrl-Z (SIGTSTP) stops both and ``fg``/``bg``
continues both; a signal the caller ignores (``nohup``) stays ignored; SIGTERM and SIGHUP
end the child, then the command as they would have.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import select
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from types import FrameType
from typing import IO, TYPE_CHECKING, Any

from scheduler.errors import ConfschedError
from scheduler.solver.orphan import die_with_parent

if TYPE_CHECKING:
    from scheduler.scenario import Scenario
    from scheduler.solver.options import Result, SolveOptions

UPSTREAM_BUG = "google/or-tools#5025"
"""The OR-Tools issue of the abort seen in parallel searches (fixed upstream, unreleased)."""

OVERDUE_MARGIN = 60.0
"""The least time past its limit the command waits for a child that hangs."""

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
schedule, the second aborts, as without the child). Not when the caller ignores one
(``nohup``): the child ignores it too, as it inherited that."""


def can_isolate() -> bool:
    """Whether solves run in a child: on Linux (``fork``), from the main thread (which
    alone can handle signals), unless ``CONFSCHED_DEBUG`` asks for tracebacks and
    debuggers in-process."""
    return (sys.platform.startswith("linux") and hasattr(os, "fork")
            and threading.current_thread() is threading.main_thread()
            and not os.environ.get("CONFSCHED_DEBUG"))


def solve_isolated(scenario: Scenario, options: SolveOptions,
                   solve: Callable[[Scenario, SolveOptions], Result] | None = None) -> Result:
    """``solve(scenario, options)`` in a child process; see the module's docstring.

    For a program with one thread (the ``confsched`` command): ``fork`` copies only the
    calling thread. When the process cannot fork (no memory for it), the solve runs here.
    """
    if solve is None:
        from scheduler.solver import solve as library_solve

        solve = library_solve
    if not can_isolate():
        return solve(scenario, options)
    sys.stdout.flush()
    sys.stderr.flush()
    read_end, write_end = os.pipe()
    parent = os.getpid()
    began = time.monotonic()
    try:
        child = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return solve(scenario, options)
    if child == 0:  # pragma: no cover - runs in the child, which never returns
        os.close(read_end)
        _own_group(parent)
        _child(scenario, options, solve, os.fdopen(write_end, "wb"))
    os.close(write_end)
    with contextlib.suppress(OSError):  # the child may have set it, or be gone already
        os.setpgid(child, child)  # both sides set it, so that no signal finds it unset
    ended = _wait(child, read_end, options)
    return _outcome(ended, scenario, options, time.monotonic() - began)


def _own_group(parent: int) -> None:  # pragma: no cover - runs in the child
    """Put the child in a process group of its own (the parent forwards its signals) and
    make it die with the parent (Linux's parent-death signal), so that it never runs on
    alone after the parent was killed."""
    with contextlib.suppress(OSError):
        os.setpgid(0, 0)
    if not die_with_parent(parent):  # the parent died before the request
        os._exit(1)


def _child(scenario: Scenario, options: SolveOptions,
           solve: Callable[[Scenario, SolveOptions], Result],
           channel: IO[bytes]) -> None:  # pragma: no cover - runs in the child
    """Solve, send each message to the parent, and leave without running the parent's
    clean-up (``os._exit``: pytest's or the CLI's exit handlers are the parent's)."""
    try:
        def send_start(result: Result) -> None:
            _send(channel, ("start", result))

        result = solve(scenario, replace(options, on_start_result=send_start))
        _clear_status_line(options)
        _send(channel, ("result", result))
    except BaseException as exc:  # raised again in the parent
        _clear_status_line(options)
        _send(channel, ("error", _portable(exc)))
    finally:
        try:
            channel.close()
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(0)


def _clear_status_line(options: SolveOptions) -> None:  # pragma: no cover - in the child
    """The status line is the child's: clear it before the parent prints."""
    close = getattr(options.progress, "close", None)
    if close is not None:
        close()


def _portable(exc: BaseException) -> BaseException:
    """``exc``, or one that survives the trip through ``pickle`` with its words: an error
    whose class cannot be rebuilt from its arguments (``MissingExtra``) would otherwise
    come back as an unrelated ``TypeError``."""
    try:
        pickle.loads(pickle.dumps(exc, protocol=pickle.HIGHEST_PROTOCOL))
        return exc
    except Exception:
        if isinstance(exc, ConfschedError):
            relayed = ConfschedError(str(exc))
            relayed.exit_code = exc.exit_code
            return relayed
        return RuntimeError(f"{type(exc).__name__}: {exc}")


def _send(channel: IO[bytes], message: tuple[str, Any]) -> None:
    pickle.dump(message, channel, protocol=pickle.HIGHEST_PROTOCOL)
    channel.flush()


class _Ended:
    """What the parent learnt from a child that is gone."""

    def __init__(self) -> None:
        self.start: Result | None = None
        self.final: tuple[str, Any] | None = None
        self.status = 0
        self.presses = 0
        self.overdue = False


def _wait(child: int, fd: int, options: SolveOptions) -> _Ended:
    """Read the child's messages until it is gone, forwarding the signals the command
    gets, and reap it; stop it if it is still there :func:`overdue_after` its limit."""
    ended = _Ended()
    fatal: list[int] = []
    paused = [0.0]
    after = overdue_after(options)
    watchdog = None if after is None else time.monotonic() + after

    def forward(signum: int, frame: FrameType | None) -> None:
        if signum == signal.SIGINT:
            ended.presses += 1
        else:
            fatal.append(signum)  # the parent ends the same way once the child has
        with contextlib.suppress(ProcessLookupError):
            os.kill(child, signal.SIGKILL if ended.presses >= KILL_AFTER_INTERRUPTS
                    else signum)

    def suspend(signum: int, frame: FrameType | None) -> None:
        """Ctrl-Z: stop the child, then this process; once continued, the child too (the
        time stopped does not count against the watchdog)."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(child, signal.SIGSTOP)
        stopped = time.monotonic()
        signal.signal(signal.SIGTSTP, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTSTP)  # stops here until fg or bg
        signal.signal(signal.SIGTSTP, suspend)
        paused[0] += time.monotonic() - stopped
        with contextlib.suppress(ProcessLookupError):
            os.kill(child, signal.SIGCONT)

    handlers: dict[int, Callable[[int, FrameType | None], None]] = {
        number: forward for number in FORWARDED}
    handlers[signal.SIGTSTP] = suspend
    previous = {number: signal.getsignal(number) for number in handlers}
    try:
        for number, handler in handlers.items():
            if previous[number] != signal.SIG_IGN:
                signal.signal(number, handler)
        received = bytearray()
        try:
            while True:
                wait = None if watchdog is None else max(0.0, watchdog + paused[0]
                                                         - time.monotonic())
                ready, _, _ = select.select([fd], [], [], wait)
                if not ready and watchdog is not None and (
                        watchdog + paused[0] - time.monotonic() > 0):
                    continue  # a Ctrl-Z came during the wait: its stop does not count
                if not ready:  # long past its limit: stop it (the start is still kept)
                    ended.overdue = True
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(child, signal.SIGKILL)
                    watchdog = None
                    continue
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    break
                received.extend(chunk)
        finally:
            os.close(fd)
        _, ended.status = os.waitpid(child, 0)
        _read_messages(bytes(received), ended)
    finally:
        for number, before in previous.items():
            if before is not None:
                signal.signal(number, before)
    if fatal:  # SIGTERM or SIGHUP: end as the command would have without the child
        _raise_again(fatal[0], previous[fatal[0]])
    return ended


def overdue_after(options: SolveOptions) -> float | None:
    """Seconds after which a child still solving is stopped: its limit, plus as much
    again and at least :data:`OVERDUE_MARGIN` (its own deadlines end it within a few
    seconds of the limit; this is for a child that hangs). None under ``deterministic``,
    whose limit counts work, not seconds."""
    if options.deterministic:
        return None
    return options.time_limit + max(OVERDUE_MARGIN, options.time_limit)


def _read_messages(received: bytes, ended: _Ended) -> None:
    """The child's messages, in order, until the end or a message cut short."""
    stream = io.BytesIO(received)
    while True:
        try:
            kind, payload = pickle.load(stream)
        except Exception:  # the end, or a message the child died in the middle of
            return
        if kind == "start":
            ended.start = payload
        else:
            ended.final = (kind, payload)


def _raise_again(number: int, handler: Any) -> None:
    """Deliver signal ``number`` to this process as its handler before the solve would
    have taken it: the default (the process ends), or the caller's own."""
    if callable(handler):
        handler(number, None)
        return
    signal.signal(number, signal.SIG_DFL)
    os.kill(os.getpid(), number)


def _outcome(ended: _Ended, scenario: Scenario, options: SolveOptions,
             seconds: float) -> Result:
    """The child's result; its error raised again; or what to say after it died."""
    if ended.final is not None and ended.final[0] == "result":
        result: Result = ended.final[1]
        return result
    start = _checked_start(ended.start, scenario, seconds)
    if ended.final is not None and ended.final[0] == "error":
        error = ended.final[1]
        if isinstance(error, KeyboardInterrupt) and start is not None and ended.presses < 2:
            return _interrupted(start)  # the first Ctrl-C keeps the best there is; a second aborts
        raise error
    if ended.presses >= KILL_AFTER_INTERRUPTS:
        raise KeyboardInterrupt
    if os.WIFSIGNALED(ended.status) and os.WTERMSIG(ended.status) == signal.SIGINT:
        if start is not None and ended.presses < 2:  # a Ctrl-C the solver did not catch
            return _interrupted(start)
        raise KeyboardInterrupt
    if options.progress is not None:
        sys.stderr.write("\r\x1b[2K")  # the child's status line, if it left one
    how, why = _how_it_ended(ended.status)
    if ended.overdue:
        how, why = (f"did not end within {overdue_after(options):g} s (its limit "
                    f"{options.time_limit:g} s) and was stopped"), " Please report it."
    if start is None:
        raise SolverCrashed(
            f"the solver {how} before it had any schedule; nothing was written.{why}")
    note = (f"the CP-SAT search {how}: the schedule is the start heuristic's, checked but "
            f"not optimised; run again for an optimised one.{why}")
    return replace(start, notes=[*start.notes, note])


def _checked_start(start: Result | None, scenario: Scenario, seconds: float) -> Result | None:
    """The start the child sent, if the independent checker passes it on the scenario
    (a start of another scenario, or one a rule was added to since, is no result), with
    the time the solve took."""
    if start is None or start.schedule is None:
        return None
    from scheduler.checker import check

    if not check(scenario, start.schedule).ok:
        return None
    start.schedule.solve.time_seconds = round(seconds, 3)
    return start


def _interrupted(start: Result) -> Result:
    """The start as the result of a solve Ctrl-C stopped before the search had a
    schedule of its own (as the first Ctrl-C of a search keeps its best)."""
    assert start.schedule is not None
    start.schedule.solve.interrupted = True
    return replace(start, interrupted=True, notes=[
        *start.notes, "interrupted before the search had a schedule of its own: the "
        "schedule is the start heuristic's, checked but not optimised"])


def _how_it_ended(status: int) -> tuple[str, str]:
    """How the child ended, in words, and (after a SIGABRT) the likely reason."""
    if not os.WIFSIGNALED(status):
        return f"ended with exit code {os.WEXITSTATUS(status)} without a result", ""
    number = os.WTERMSIG(status)
    try:
        name = signal.Signals(number).name
    except ValueError:
        name = f"signal {number}"
    if number == signal.SIGKILL:
        return f"was killed ({name}: out of memory, or stopped by the system)", ""
    if number == signal.SIGABRT:
        return (f"crashed ({name})",
                f" This is most likely a known bug of OR-Tools 9.15 ({UPSTREAM_BUG}, fixed "
                "upstream but not released yet) that strikes at random in parallel "
                "searches: another --seed, or --workers 1, avoids it.")
    return f"crashed ({name})", " Please report it, with the scenario if you can."
