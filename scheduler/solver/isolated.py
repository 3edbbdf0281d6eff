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
complete schedule (``SolveOptions.on_start_result``), then the search's better schedules
as it finds them (``SolveOptions.on_better``): at most one every :data:`SEND_EVERY`
seconds, the latest, and only while building and sending them has cost at most
:data:`SEND_SHARE` of the CPU time it has used (a schedule of 10,000 sessions takes
about a CPU second to extract, evaluate and pickle).

When the child dies from a crash (SIGABRT, SIGSEGV, ...), the parent keeps the latest
schedule it sent that the checker passes on the scenario the parent holds. With at
least :data:`RESUME_AT_LEAST` seconds of the limit left (not under ``deterministic``,
whose limit counts work the parent does not see), it starts a fresh child that goes on
from that schedule (``SolveOptions.hint``, as a search from any given schedule does)
for the time left, at most :data:`MAX_RESUMES` times; the result's note says when the
crash came and which schedule the search went on from. Otherwise it returns the kept
schedule as a FEASIBLE result with a note saying what happened; when there was none,
it raises :class:`SolverCrashed` (exit code 1) and nothing is written. An exception
inside the child (a bad ``--from`` file, a second Ctrl-C) is raised again in the
parent, so the command handles it as before; a Ctrl-C that ends the child before the
search had a schedule of its own keeps the kept schedule, marked interrupted, as the
first Ctrl-C of a search keeps its best. A child ended by a signal the command got
(Ctrl-C, SIGTERM, SIGHUP) or killed (SIGKILL: out of memory) is never resumed.

Job control goes on as without the child: Ctrl-Z (SIGTSTP) stops both and ``fg``/``bg``
continues both; a signal the caller ignores (``nohup``) stays ignored; SIGTERM and SIGHUP
end the child, then the command as they would have.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
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

SEND_EVERY = 5.0
"""Seconds at least between two better schedules the child sends (the latest waits)."""
SEND_SHARE = 0.05
"""The child sends a better schedule only while building and pickling the ones sent so
far has cost at most this share of the CPU seconds it has used (every thread's, CP-SAT's
too): at 10,000 sessions one costs about a CPU second (extraction, evaluation, pickle),
so there at most one every 20 CPU s of the solve."""

RESUME_AT_LEAST = 5.0
"""Seconds of the limit that must be left for a crashed child to be followed by a fresh
one going on from the kept schedule."""
MAX_RESUMES = 2
"""Fresh children at most after crashes, in one solve (then the kept schedule is the
result, whatever time is left)."""
RESUMED_AFTER = frozenset({signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS, signal.SIGFPE,
                           signal.SIGILL})
"""The crashes after which a fresh child goes on (not SIGKILL: out of memory, or the
system's choice; not the signals the command forwards)."""

KEEP_SENT = 3
"""Better schedules the parent holds (pickled, the latest): the latest the checker
passes is kept when the child crashes."""

START, BETTER, RESULT, ERROR = b"S", b"B", b"R", b"E"
"""The kinds of the child's messages: each is a kind, its length (8 bytes, big-endian)
and a pickle."""
HEADER = 9


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


@dataclass
class Kept:
    """The schedule the parent keeps from crashed children: a checked result, and whether
    the search found it (else it is the start heuristic's)."""

    result: Result
    searched: bool

    @property
    def objective(self) -> float:
        schedule = self.result.schedule
        assert schedule is not None and schedule.objective is not None
        return schedule.objective


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
    began = time.monotonic()
    kept: Kept | None = None
    said: list[str] = []
    asked, resumes = options, 0
    while True:
        ended = _solve_in_child(scenario, asked, solve)
        if ended is None:  # no fork: the rest of the solve runs here
            result = solve(scenario, asked)
            if not said:
                return result
            return after_resumes(result, options, time.monotonic() - began, kept, said)
        if needs_kept(ended, said):
            kept = _better(kept, _kept(ended, scenario, options, time.monotonic() - began))
        seconds = time.monotonic() - began  # after the checker's time, so the limit is kept
        left = options.time_limit - seconds
        if resumes < MAX_RESUMES and resumable(ended, options, left):
            resumes += 1
            said.append(resumed_note(ended.status, seconds, kept, left,
                                     hinted=not scenario.talks))
            asked = replace(options, time_limit=left,
                            hint=kept.result.schedule if kept is not None else options.hint)
            continue
        return _outcome(ended, options, seconds, kept, said)


def _solve_in_child(scenario: Scenario, options: SolveOptions,
                    solve: Callable[[Scenario, SolveOptions], Result]) -> _Ended | None:
    """Fork a child that solves; wait for it and tell what it sent and how it ended
    (None: the process could not fork)."""
    sys.stdout.flush()
    sys.stderr.flush()
    read_end, write_end = os.pipe()
    parent = os.getpid()
    try:
        child = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if child == 0:  # pragma: no cover - runs in the child, which never returns
        os.close(read_end)
        _own_group(parent)
        _child(scenario, options, solve, os.fdopen(write_end, "wb"))
    os.close(write_end)
    with contextlib.suppress(OSError):  # the child may have set it, or be gone already
        os.setpgid(child, child)  # both sides set it, so that no signal finds it unset
    return _wait(child, read_end, options)


def needs_kept(ended: _Ended, said: list[str]) -> bool:
    """Whether the parent needs the schedules the child sent (unpickled and checked: about
    a second at 10,000 sessions): not when the child returned its own result and no crash
    came before it, nor when it raised an error the command shows (review11)."""
    if ended.final is None:
        return True
    kind, item = ended.final
    if kind == "result":
        return bool(said)
    return kind != "error" or isinstance(item, KeyboardInterrupt)


def resumable(ended: _Ended, options: SolveOptions, left: float) -> bool:
    """Whether a fresh child should go on after this one: it crashed (:data:`RESUMED_AFTER`)
    with no Ctrl-C pressed, at least :data:`RESUME_AT_LEAST` seconds of the limit are left,
    and the limit counts seconds (not ``deterministic``'s work units)."""
    return (not options.deterministic and left >= RESUME_AT_LEAST and ended.final is None
            and not ended.overdue and ended.presses == 0 and os.WIFSIGNALED(ended.status)
            and os.WTERMSIG(ended.status) in RESUMED_AFTER)


def resumed_note(status: int, seconds: float, kept: Kept | None, left: float,
                 hinted: bool = True) -> str:
    """What the result says of a crash after which a fresh child went on. ``hinted``:
    the fresh search starts from the kept schedule (a scenario with ``talks:`` cannot be
    started from one: its search starts again, and the kept schedule stays the answer
    unless the new search beats it)."""
    how, _ = _how_it_ended(status)
    bug = (f" (most likely OR-Tools 9.15's known bug {UPSTREAM_BUG})"
           if os.WTERMSIG(status) == signal.SIGABRT else "")
    if kept is None:
        went_on = "the solve started again"
    else:
        what = ("the best schedule it had found" if kept.searched
                else "the start heuristic's schedule")
        if hinted:
            went_on = (f"the search went on from {what} by then "
                       f"(objective {kept.objective:,.0f})")
        else:
            went_on = (f"{what} by then (objective {kept.objective:,.0f}) was kept and a "
                       "fresh search started")
    return f"the CP-SAT search {how} at {seconds:.0f} s{bug}; {went_on} for the {left:.0f} s left"


def _better(kept: Kept | None, new: Kept | None) -> Kept | None:
    """The one of lower objective (the newer on a tie)."""
    if kept is None or (new is not None and new.objective <= kept.objective):
        return new if new is not None else kept
    return kept


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
    sender = Sender(channel)
    try:
        def send_start(result: Result) -> None:
            sender.send(START, result)

        result = solve(scenario, replace(options, on_start_result=send_start,
                                         on_better=sender.offer))
        _clear_status_line(options)
        sender.send(RESULT, result, last=True)
    except BaseException as exc:  # raised again in the parent
        _clear_status_line(options)
        sender.send(ERROR, _portable(exc), last=True)
    finally:
        try:
            channel.close()
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(0)


class Sender:
    """The child's end of the channel: its messages, one writer at a time, and the better
    schedules of the search (:meth:`offer`), at most every :data:`SEND_EVERY` seconds and
    within :data:`SEND_SHARE` of the CPU time: one that is due is built and sent at once, in
    the search's thread; else it waits for a thread of its own (only the latest waiting
    one: a newer one replaces it). ``clock``, ``cpu`` (the sending thread's) and ``work``
    (the process's CPU seconds) are replaceable, and ``threaded=False`` leaves
    :meth:`flush` to the caller (tests)."""

    def __init__(self, channel: IO[bytes], *, clock: Callable[[], float] = time.monotonic,
                 cpu: Callable[[], float] = time.thread_time,
                 work: Callable[[], float] = time.process_time, threaded: bool = True) -> None:
        self.channel = channel
        self.clock, self.cpu, self.work, self.threaded = clock, cpu, work, threaded
        self.began = clock()
        self.worked = work()
        self.writing = threading.Lock()
        self.building = threading.Lock()
        self.waiting = threading.Lock()
        self.wake = threading.Event()
        self.pending: Callable[[], Result] | None = None
        self.best = float("inf")
        self.last_sent: float | None = None
        self.spent = 0.0
        """CPU seconds spent building and pickling the better schedules sent."""
        self.sent = 0
        self.closed = False
        self.thread: threading.Thread | None = None

    def send(self, kind: bytes, payload: Any, *, last: bool = False) -> None:
        """Send one message (``last``: nothing is sent after it)."""
        self._write(kind, pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL), last)

    def _write(self, kind: bytes, data: bytes, last: bool = False) -> bool:
        with self.writing:
            if self.closed:
                return False
            self.channel.write(kind + len(data).to_bytes(HEADER - 1, "big"))
            self.channel.write(data)
            self.channel.flush()
            self.closed = last
            return True

    def offer(self, objective: float, build: Callable[[], Result]) -> None:
        """The search holds a better schedule (``SolveOptions.on_better``): keep it as
        the one to send next, unless an offer as good came before."""
        if objective >= self.best or self.closed:
            return
        with self.waiting:
            self.best, self.pending = objective, build
        if self.flush():  # due now: sent from the search's thread, at once
            return
        if self.threaded and self.thread is None:
            self.thread = threading.Thread(target=self._loop, name="send-better", daemon=True)
            self.thread.start()
        self.wake.set()

    def wait(self) -> float:
        """Seconds until the next better schedule may be sent by :data:`SEND_EVERY` (0:
        now), or :data:`SEND_EVERY` while :data:`SEND_SHARE` holds it back."""
        if self.last_sent is not None and self.clock() < self.last_sent + SEND_EVERY:
            return self.last_sent + SEND_EVERY - self.clock()
        over = self.spent > SEND_SHARE * (self.work() - self.worked)
        return SEND_EVERY if over else 0.0

    def flush(self) -> bool:
        """Build and send the waiting better schedule, if there is one and it is due;
        whether one was sent."""
        if not self.building.acquire(blocking=False):  # one is being sent: this one waits
            return False
        try:
            if self.pending is None or self.wait() > 0.0:
                return False
            with self.waiting:
                build, self.pending = self.pending, None
            if build is None:
                return False
            began = self.cpu()
            try:
                data = pickle.dumps(build(), protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:  # pragma: no cover - one that cannot be built is not sent
                return False
            finally:
                self.spent += self.cpu() - began
            if not self._write(BETTER, data):
                return False
            self.sent += 1
            self.last_sent = self.clock()
            return True
        finally:
            self.building.release()

    def _loop(self) -> None:  # pragma: no cover - runs in the child
        while not self.closed:
            # (at least a moment: the search's thread may be sending one now)
            self.wake.wait(None if self.pending is None else max(0.1, self.wait()))
            self.wake.clear()
            self.flush()


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


class _Ended:
    """What the parent learnt from a child that is gone."""

    def __init__(self) -> None:
        self.start: bytes | None = None
        self.sent: list[bytes] = []
        """The latest better schedules (pickled, at most :data:`KEEP_SENT`), oldest first."""
        self.final: tuple[str, Any] | None = None
        self.status = 0
        self.presses = 0
        self.overdue = False

    def take(self, kind: bytes, data: bytes) -> None:
        """One message of the child's."""
        if kind == START:
            self.start = data
        elif kind == BETTER:
            self.sent = [*self.sent[1 - KEEP_SENT:], data]
        else:
            with contextlib.suppress(Exception):  # (a message it could not finish)
                self.final = ("result" if kind == RESULT else "error", pickle.loads(data))


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
        received = bytearray()  # what has come of the messages not yet whole
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
                _take_messages(received, ended)
        finally:
            os.close(fd)
        _, ended.status = os.waitpid(child, 0)
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


def _take_messages(received: bytearray, ended: _Ended) -> None:
    """Hand each whole message at the head of ``received`` to ``ended`` and drop it (a
    message cut short by the child's end is never whole)."""
    while len(received) >= HEADER:
        length = int.from_bytes(received[1:HEADER], "big")
        if len(received) < HEADER + length:
            return
        kind, data = bytes(received[:1]), bytes(received[HEADER:HEADER + length])
        del received[:HEADER + length]
        ended.take(kind, data)


def _raise_again(number: int, handler: Any) -> None:
    """Deliver signal ``number`` to this process as its handler before the solve would
    have taken it: the default (the process ends), or the caller's own."""
    if callable(handler):
        handler(number, None)
        return
    signal.signal(number, signal.SIG_DFL)
    os.kill(os.getpid(), number)


def _outcome(ended: _Ended, options: SolveOptions, seconds: float, kept: Kept | None,
             said: list[str]) -> Result:
    """The child's result (or the kept schedule, when the child went on from it and ended
    with nothing better); its error raised again; or what to say after it died.
    ``said``: the notes of earlier crashes after which a fresh child went on."""
    if ended.final is not None and ended.final[0] == "result":
        result: Result = ended.final[1]
        if not said:
            return result
        return after_resumes(result, options, seconds, kept, said)
    if ended.final is not None and ended.final[0] == "error":
        error = ended.final[1]
        if isinstance(error, KeyboardInterrupt) and kept is not None and ended.presses < 2:
            return _interrupted(kept, said)  # the first Ctrl-C keeps the best; a second aborts
        raise error
    if ended.presses >= KILL_AFTER_INTERRUPTS:
        raise KeyboardInterrupt
    if os.WIFSIGNALED(ended.status) and os.WTERMSIG(ended.status) == signal.SIGINT:
        if kept is not None and ended.presses < 2:  # a Ctrl-C the solver did not catch
            return _interrupted(kept, said)
        raise KeyboardInterrupt
    if options.progress is not None:
        sys.stderr.write("\r\x1b[2K")  # the child's status line, if it left one
    how, why = _how_it_ended(ended.status)
    if ended.overdue:
        how, why = (f"did not end within {overdue_after(options):g} s (its limit "
                    f"{options.time_limit:g} s) and was stopped"), " Please report it."
    if kept is None:
        raise SolverCrashed(
            f"the solver {how} before it had any schedule; nothing was written.{why}")
    if kept.searched:
        note = (f"the CP-SAT search {how} at {seconds:.0f} s: the schedule is the best it "
                f"had found by then (objective {kept.objective:,.0f}), checked; run again "
                f"for a better one.{why}")
    else:
        note = (f"the CP-SAT search {how}: the schedule is the start heuristic's, checked but "
                f"not optimised; run again for an optimised one.{why}")
    return _with_notes(kept.result, options, seconds, [*said, note])


def after_resumes(result: Result, options: SolveOptions, seconds: float, kept: Kept | None,
                  said: list[str]) -> Result:
    """The result of the last search, after crashes after which a fresh one went on
    (``said``: their notes): its own schedule, or the kept one when it found nothing
    better."""
    schedule = result.schedule
    if kept is not None and (schedule is None or schedule.objective is None
                             or schedule.objective > kept.objective):
        return _with_notes(kept.result, options, seconds, [
            *said, "the search after it found nothing better within the limit: the "
            "schedule is the one kept, checked"])
    return _with_notes(result, options, seconds, said)


def _with_notes(result: Result, options: SolveOptions, seconds: float,
                notes: list[str]) -> Result:
    """``result`` with ``notes`` added, its time the whole solve's, its limit the user's."""
    if result.schedule is not None:
        result.schedule.solve.time_seconds = round(seconds, 3)
        result.schedule.solve.time_limit = options.time_limit
    return replace(result, notes=[*result.notes, *notes])


def _kept(ended: _Ended, scenario: Scenario, options: SolveOptions,
          seconds: float) -> Kept | None:
    """The latest schedule the child sent that the independent checker passes on the
    scenario (a schedule of another scenario, or one a rule was added to since, is no
    result): the latest better one, else the start."""
    candidates = [(data, True) for data in reversed(ended.sent)]
    if ended.start is not None:
        candidates.append((ended.start, False))
    for data, searched in candidates:
        with contextlib.suppress(Exception):  # (one it could not finish)
            result = _checked(pickle.loads(data), scenario, options, seconds)
            if result is not None:
                return Kept(result, searched)
    return None


def _checked(result: Result | None, scenario: Scenario, options: SolveOptions,
             seconds: float) -> Result | None:
    """``result`` if the checker passes its schedule, with the time the solve took."""
    if result is None or result.schedule is None or result.schedule.objective is None:
        return None
    from scheduler.checker import check

    if not check(scenario, result.schedule).ok:
        return None
    result.schedule.solve.time_seconds = round(seconds, 3)
    result.schedule.solve.time_limit = options.time_limit
    return result


def _interrupted(kept: Kept, said: list[str]) -> Result:
    """The kept schedule as the result of a solve Ctrl-C stopped before the search (of
    this child) had a schedule of its own (as the first Ctrl-C of a search keeps its
    best)."""
    result = kept.result
    assert result.schedule is not None
    result.schedule.solve.interrupted = True
    what = ("the best the search had found, checked" if kept.searched
            else "the start heuristic's, checked but not optimised")
    return replace(result, interrupted=True, notes=[
        *result.notes, *said, "interrupted before the search had a schedule of its own: "
        f"the schedule is {what}"])


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
