"""The track moves' helper process (:func:`scheduler.solver.trackday.improve` with
``workers=2``): a second interpreter that solves the second sub-model of each round.

It is started as its own command, ``python -m scheduler.solver.trackhelper`` with this
interpreter (``sys.executable``), never with ``multiprocessing``: it imports nothing of the
caller's script (``spawn`` ran a script without a main guard twice), and it may be started
from a daemonic process (a ``multiprocessing.Pool`` worker, Dask), which may not have
children of its own kind. It talks over its stdin and stdout, one frame at a time (8 bytes
of length, then a pickle):

- the master writes the event first, ``(scenario, start, rooms)`` (the session facts do
  not pickle: the helper builds them again, as the solve built them), and the helper
  answers ``"ready"``;
- then each job, ``(moves taken since the last job, free, other_days, seed, limit,
  timed, within)``: the helper replays the moves on its copy of the schedule, solves the
  sub-model and answers ``(move, units)``.

The master never blocks on it: its writes go through a thread of their own, its reads
wait with a bound (:data:`WAIT`) and end at once when the helper's stdout closes (it
died). Any failure (the helper killed while it starts or mid-run, a broken pipe, an
answer that does not come) makes the master solve alone from then on: the moves are the
same either way (the rounds read one schedule). The helper ignores Ctrl-C (it runs in a
session of its own, so the terminal's signals do not reach it; the master handles
Ctrl-C and closes it), and it exits when its stdin closes: when the master closes it, or
when the master died (and Linux kills it when the master's starting thread ends, even if
it was stopped: :mod:`scheduler.solver.orphan`).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from typing import IO, TYPE_CHECKING, Any

from scheduler.solver.orphan import die_with_parent

if TYPE_CHECKING:
    from scheduler.scenario.model import Scenario
    from scheduler.schedule import Schedule
    from scheduler.solver.polish import Move
    from scheduler.solver.trackday import TrackMoves

MODULE = "scheduler.solver.trackhelper"
WAIT = 60.0
"""Wall seconds the master waits for one answer of a live helper at most (a sub-model is
limited to 2 deterministic units; a helper stopped or starved that long is ended, and the
master solves its sub-model itself: the same move)."""
CLOSE_WAIT = 2.0
"""Wall seconds a closed helper has to exit before it is killed."""
HEADER = struct.Struct(">Q")
PARENT = "CONFSCHED_TRACKHELPER_PARENT"
"""The environment variable that gives the helper its master's pid (it dies with it)."""


def frame(item: Any) -> bytes:
    """``item`` as one frame: its pickle's length, then the pickle."""
    data = pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
    return HEADER.pack(len(data)) + data


def read_frame(stream: IO[bytes]) -> Any:
    """The next frame's item from a blocking stream; raises EOFError when it closed."""
    head = stream.read(HEADER.size)
    if len(head) < HEADER.size:
        raise EOFError
    (size,) = HEADER.unpack(head)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


def helper_env() -> dict[str, str]:
    """The helper's environment: this one, with ``PYTHONPATH`` set to this process's
    ``sys.path``, so that the helper imports this very package and the same versions of
    its dependencies, wherever the caller found them. Started with ``-P``, it does not put
    its working directory first (a folder holding a ``scheduler/`` of its own would
    otherwise shadow this package: review10)."""
    env = dict(os.environ)
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env["PYTHONPATH"] = os.pathsep.join(
        dict.fromkeys(p for p in (root, *sys.path) if p and os.path.isabs(p)))
    return env


class Helper:
    """The master's side of the helper process (see the module's docstring)."""

    def __init__(self, scenario: Scenario, start: Schedule,
                 rooms: dict[str, set[str]] | None) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-P", "-m", MODULE], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, env={**helper_env(), PARENT: str(os.getpid())},
            start_new_session=True, close_fds=True)
        assert self.process.stdin is not None and self.process.stdout is not None
        self.out = self.process.stdout.fileno()
        self.buffer = b""
        self.ready = False
        self.failed = False
        """The helper died, its pipe broke or it did not answer: the master solves alone
        from then on."""
        self.sent = 0
        """Moves of :attr:`TrackMoves.applied` the helper has been sent."""
        self.solved = 0
        """Sub-models whose answer came from the helper."""
        self.outbox: queue.Queue[bytes | None] = queue.Queue()
        self.writer = threading.Thread(target=self._write, args=(self.process.stdin,),
                                       name="trackhelper-writer", daemon=True)
        self.writer.start()
        self.outbox.put(frame((scenario, start, rooms)))

    @property
    def pid(self) -> int:
        return self.process.pid

    def _write(self, stdin: IO[bytes]) -> None:
        """The writer thread: each frame queued, in order, until None (then stdin is
        closed, which ends the helper) or a broken pipe."""
        try:
            while (item := self.outbox.get()) is not None:
                stdin.write(item)
                stdin.flush()
        except (OSError, ValueError):
            self.failed = True
        finally:
            with contextlib.suppress(OSError, ValueError):
                stdin.close()

    def _frame(self, timeout: float) -> Any:
        """The next frame the helper wrote, waiting ``timeout`` wall seconds at most
        (0: only what has come); None when none came. Sets :attr:`failed` when the helper
        is gone or does not answer within the bound."""
        end = time.monotonic() + timeout
        while True:
            if len(self.buffer) >= HEADER.size:
                (size,) = HEADER.unpack(self.buffer[:HEADER.size])
                if len(self.buffer) >= HEADER.size + size:
                    data = self.buffer[HEADER.size:HEADER.size + size]
                    self.buffer = self.buffer[HEADER.size + size:]
                    try:
                        return pickle.loads(data)
                    except Exception:  # noqa: BLE001 - a garbled answer: solve alone
                        self.failed = True
                        return None
            left = end - time.monotonic()
            try:
                readable, _, _ = select.select([self.out], [], [], max(0.0, min(left, 0.5)))
                chunk = os.read(self.out, 1 << 16) if readable else None
            except (OSError, ValueError):
                self.failed = True
                return None
            if chunk == b"":  # its stdout closed: it died
                self.failed = True
                return None
            if chunk:
                self.buffer += chunk
                continue
            if self.process.poll() is not None and not select.select([self.out], [], [], 0)[0]:
                self.failed = True
                return None
            if left <= 0:
                if timeout > 0:  # alive but silent past the bound: end it
                    self.failed = True
                    self.kill()
                return None

    def poll_ready(self) -> bool:
        """Whether the helper has read the event (asked without waiting)."""
        return self.wait_ready(0.0)

    def wait_ready(self, wait: float) -> bool:
        """Whether the helper has read the event, waiting ``wait`` wall seconds at most
        (benchmarks and tests: :func:`improve` only asks without waiting)."""
        if not self.ready and not self.failed:
            answer = self._frame(wait)
            if answer is not None:
                self.ready = answer == "ready"
                self.failed = not self.ready
        return self.ready and not self.failed

    def submit(self, work: TrackMoves, free: list[str], other_days: bool, seed: int,
               limit: float, seconds: float | None = None, within: bool = False) -> bool:
        """Queue a sub-model for the helper (never waits); False when it is gone.
        ``within``: :meth:`~scheduler.solver.trackday.TrackMoves.build`."""
        if self.failed:
            return False
        self.outbox.put(frame((work.applied[self.sent:], free, other_days, seed, limit,
                               seconds, work.timed, within)))
        self.sent = len(work.applied)
        return True

    def result(self, wait: float | None = None) -> tuple[Move | None, float] | None:
        """The helper's move and units, waiting :data:`WAIT` seconds at most; None when
        it is gone or silent (the master then solves the sub-model itself)."""
        answer = self._frame(WAIT if wait is None else wait)
        if answer is None or self.failed:
            self.failed = True
            return None
        self.solved += 1
        found: tuple[Move | None, float] = answer
        return found

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.process.kill()

    def close(self) -> None:
        """Close its stdin (it exits), wait :data:`CLOSE_WAIT` seconds, then kill it; one
        that is still starting is killed at once (it has done nothing yet)."""
        if not self.ready:
            self.kill()
        self.outbox.put(None)
        try:
            self.process.wait(CLOSE_WAIT)
        except subprocess.TimeoutExpired:
            self.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(CLOSE_WAIT)
        self.writer.join(CLOSE_WAIT)
        if self.process.stdout is not None:
            with contextlib.suppress(OSError):
                self.process.stdout.close()


def serve(work: TrackMoves, jobs: IO[bytes], answers: IO[bytes]) -> None:
    """The helper's loop: each job's moves replayed, its sub-model solved, the answer
    written; until its stdin closes."""
    while True:
        try:
            job = read_frame(jobs)
        except EOFError:
            return
        applied, free, other_days, seed, limit, seconds, timed, within = job
        for move in applied:
            work.search._apply(move)
        work.timed = timed
        answers.write(frame(work.solve_unit(free, other_days, seed, limit, seconds,
                                            within)))
        answers.flush()


def main() -> int:
    """The helper process: Ctrl-C ignored (the master handles it), killed when its master
    dies (even stopped: :func:`~scheduler.solver.orphan.die_with_parent`), the event read, the
    facts built, ``"ready"``, then :func:`serve`. Its stdout carries frames only: what
    else writes to file descriptor 1 (a print, a library's log) goes to stderr."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    master = os.environ.get(PARENT)
    if master is not None and not die_with_parent(int(master)):
        return 0  # the master died before the helper started
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    jobs = sys.stdin.buffer
    try:
        scenario, start, rooms = read_frame(jobs)
    except EOFError:  # the master closed it (or died) before sending the event
        return 0
    from scheduler.facts import FactBuilder
    from scheduler.solver.trackday import TrackMoves

    work = TrackMoves(scenario, FactBuilder(scenario).build(), start, 0, rooms)
    try:
        answers.write(frame("ready"))
        answers.flush()
        serve(work, jobs, answers)
    except BrokenPipeError:  # the master is gone
        with contextlib.suppress(OSError):
            os.close(answers.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main())
