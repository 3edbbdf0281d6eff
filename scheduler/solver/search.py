"""The search phase: run CP-SAT in a worker thread, with progress and Ctrl-C handling.

A first Ctrl-C stops the search and keeps the best schedule found (marked interrupted), a
second one aborts. Progress (best objective, bound, gap, elapsed) goes to
``options.progress``. ``deterministic`` runs make the result depend only on the model,
seed and worker count (see :func:`make_deterministic`).
"""

from __future__ import annotations

import atexit
import math
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import Any

from ortools.sat.python import cp_model

from scheduler.schedule import SolveStatus
from scheduler.solver.options import Progress, SolveOptions

STATUS = {
    cp_model.OPTIMAL: SolveStatus.OPTIMAL,
    cp_model.FEASIBLE: SolveStatus.FEASIBLE,
    cp_model.INFEASIBLE: SolveStatus.INFEASIBLE,
    cp_model.UNKNOWN: SolveStatus.UNKNOWN,
    cp_model.MODEL_INVALID: SolveStatus.INVALID,
}
"""CP-SAT's status codes as our own :class:`SolveStatus`."""

GRACE = 3.0
"""Seconds past ``time_limit`` a solve may return at every size (not with
``deterministic``): the watchdog stops any CP-SAT solve still running at
``started + time_limit`` (:func:`stop_at`), which CP-SAT honours within a second even
inside presolve; the rest is reading the schedule out and scoring it (0.9 s at 10,000
sessions). A phase that cannot finish in the time left is not started (scheduler/solver/
lns.py)."""


TICK = 0.25
"""Seconds between two looks of the watchdog at the solve (progress, deadline, Ctrl-C)."""

STOPPED_AFTER = 5.0
"""A gap between two looks longer than this means the process was stopped (Ctrl-Z, a
debugger, a throttle): that time does not count towards abandoning CP-SAT, which could
not heed a stop while it was stopped too."""

ABANDON_AFTER = 2.0
"""Seconds past the deadline after which a CP-SAT solve that ignored ``stop_search`` is
left to finish in its daemon thread, unwatched: the run goes on without it (the search
counts as having found nothing; the start heuristic's checked schedule is returned when
there is one). At 10,000 sessions a main search given 28 s ran 295 s, all on one core,
i.e. inside presolve, which checks neither its limit nor the stop flag in every step."""


def hard_deadline(options: SolveOptions, started: float) -> float | None:
    """The ``time.monotonic()`` at which every CP-SAT solve of this run is stopped, or None
    with ``deterministic`` (the work budget decides there, the safety net backs it up)."""
    return None if options.deterministic else started + options.time_limit


class stop_at:  # noqa: N801 - used as a ``with`` statement
    """While the block runs: a watchdog thread calls ``solver.stop_search()`` once the
    wall clock passes ``deadline`` (None: no watchdog). CP-SAT's own time limit does not
    cover loading a copied model or every step of presolve: at 10,000 sessions a solve
    given 4 s could run for minutes (benchmarks/results/huge/start-10k.md)."""

    def __init__(self, solver: cp_model.CpSolver, deadline: float | None) -> None:
        self.solver, self.deadline = solver, deadline
        self.done = threading.Event()
        self.fired = False
        self.thread: threading.Thread | None = None

    def _watch(self) -> None:
        assert self.deadline is not None
        if not self.done.wait(max(0.0, self.deadline - time.monotonic())):
            self.fired = True
            self.solver.stop_search()

    def __enter__(self) -> stop_at:
        if self.deadline is not None:
            self.thread = threading.Thread(target=self._watch, name="cp-sat-deadline",
                                           daemon=True)
            self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.done.set()
        if self.thread is not None:
            self.thread.join()


DETERMINISTIC_WALL_FACTOR = 60.0
"""With --deterministic, wall-clock limits are only safety nets at this multiple. A work
unit can take far longer than a second: the seminar's interleaved 2-worker search did 0.27
units in 15 wall seconds under load (ortools 9.15), so a net of 5x decided every ci
benchmark run and two runs differed (talks-12: optimal once, feasible once)."""

DETERMINISTIC_WALL_FLOOR = 120.0
"""... and never less than this many seconds: a small budget (0.3 units for a shipped
scenario in the tests) times the factor was 18 s, which three solves at once on a loaded
2-core machine passed, leaving knowledge-week-pools without a schedule."""


def safety_net(budget: float) -> float:
    """The wall-clock safety net, in seconds, of a ``--deterministic`` budget of
    ``budget`` work units: generous enough never to decide a run's outcome."""
    return max(DETERMINISTIC_WALL_FLOOR, DETERMINISTIC_WALL_FACTOR * budget)


PROOF_UP_TO = 100
"""Models of at most this many sessions, solved with 2 workers and not proven optimal in
the first :data:`FIRST_SHARE` of the search, spend the rest with CP-SAT's level-2 linear
relaxation as the full worker (:func:`search_to_proof`)."""
FIRST_SHARE = 0.5
FIRST_SUBSOLVERS = ("objective_lb_search",)
"""Phase 1's one full worker on the wall clock (``num_full_subsolvers`` 1): it looks for a
schedule at the bound and raises the bound when there is none; the second thread runs
CP-SAT's neighbourhood searches from the polished start. Before (``proofs2``-``proofs4``)
phase 1 had two full workers, ``default_lp`` and ``objective_lb_search``: with two workers
that takes both threads and CP-SAT runs no neighbourhood at all (its log: every LNS 0
tasks), so phase 1's schedules came from ``default_lp``'s own search alone; on held-out
seeds the schedules were the gap (talks-100 seed 1: 354-415 after 4-14 CPU s, optimum 341;
benchmarks/results/proofs/heldout-wall)."""
DETERMINISTIC_FIRST = ("default_lp",)
"""Phase 1's full worker under ``deterministic`` (``interleave_search``): CP-SAT does not
run ``objective_lb_search`` interleaved (it drops it from the list), so the worker it runs
there is named: ``default_lp``, with the neighbourhoods interleaved, which is what every
deterministic phase 1 ran before too (benchmarks/results/proofs/heldout-search/
full_workers.txt). The deterministic protocol therefore measures phase 1 with another
worker than the product's: compare phase 1 on the wall clock, CPU seconds beside it
(benchmarks/results/proofs/heldout-wall/drive.py)."""
PROOF_GAP = 0.01
"""Phase 2 switches to the level-2 relaxation only when phase 1 left a gap above this (a
bound that is not closing); below, the default portfolio goes on from phase 1's schedule
and bound."""


@dataclass
class Outcome:
    """What the search ended with (the solver holds the values of the best solution)."""

    status: SolveStatus
    interrupted: bool
    solver: cp_model.CpSolver
    earlier_units: float = 0.0
    """Deterministic units of searches before ``solver``'s (``search_to_proof``'s first
    phase), so that the run's total is ``earlier_units + solver.deterministic_time``."""
    abandoned: bool = False
    """The solve ran :data:`ABANDON_AFTER` past the deadline and was left running:
    ``solver`` is then a stand-in that read nothing."""


OnValues = Callable[[float, list[int]], None]
"""Hears each better solution: its objective and the complete assignment (one value per
variable of the model's proto), a copy the callee may keep (``run.better_reporter``)."""


class Watcher(cp_model.CpSolverSolutionCallback):
    """Counts solutions and forwards progress (and each solution's values to
    ``on_values``, when given)."""

    def __init__(self, options: SolveOptions, started: float,
                 on_values: OnValues | None = None) -> None:
        super().__init__()
        self.options = options
        self.started = started
        self.on_values = on_values
        self.solutions = 0
        self.last: Progress | None = None

    def on_solution_callback(self) -> None:
        self.solutions += 1
        objective = self.objective_value
        bound = self.best_objective_bound
        self.last = Progress(time.monotonic() - self.started, objective, bound,
                             gap(objective, bound), self.solutions)
        if self.options.progress is not None:
            self.options.progress(self.last)
        if self.on_values is not None:
            self.on_values(objective, list(self.response_proto.solution))


def gap(objective: float | None, bound: float | None) -> float | None:
    """The relative distance between the objective and the bound (None if either is)."""
    if objective is None or bound is None:
        return None
    return abs(objective - bound) / max(1.0, abs(objective))


def configure(options: SolveOptions, started: float) -> cp_model.CpSolver:
    """A CP-SAT solver with the options' time left, workers, seed and log."""
    solver = cp_model.CpSolver()
    elapsed = time.monotonic() - started
    solver.parameters.max_time_in_seconds = max(0.5, options.time_limit - elapsed)
    solver.parameters.num_workers = max(1, options.workers)
    solver.parameters.random_seed = options.seed
    solver.parameters.log_search_progress = options.log
    solver.parameters.catch_sigint_signal = False
    if options.deterministic:
        make_deterministic(solver, options.time_limit)
    apply_parameters(solver, options.cp_sat)
    return solver


def apply_parameters(solver: cp_model.CpSolver, parameters: dict[str, object]) -> None:
    """Set CP-SAT parameters by name (a list value extends a repeated field); an unknown
    name or a value of the wrong type is a clear error."""
    p = solver.parameters
    for key, value in parameters.items():
        if not hasattr(p, key):
            raise ValueError(f"unknown CP-SAT parameter {key!r}")
        if isinstance(value, list):
            getattr(p, key).extend(value)
        else:
            setattr(p, key, value)


@contextmanager
def first_ctrl_c(options: SolveOptions) -> Iterator[threading.Event]:
    """While the block runs (in the main thread, with ``handle_sigint``): the first Ctrl-C
    sets the event yielded (the work in the block looks at it and ends, keeping its best),
    and a second one raises KeyboardInterrupt (an abort), as in :func:`search`."""
    pressed = threading.Event()
    if not (options.handle_sigint and threading.current_thread() is threading.main_thread()):
        yield pressed
        return

    def on_sigint(signum: int, frame: FrameType | None) -> None:
        pressed.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        yield pressed
    finally:
        signal.signal(signal.SIGINT, previous)


def tell_stopping(options: SolveOptions, started: float) -> bool:
    """Report, from the main thread (never from the signal handler, which may interrupt a
    write to the same stream), that a first Ctrl-C was seen; return True."""
    if options.progress is not None:
        options.progress(Progress(time.monotonic() - started, None, None, None, 0,
                                  stopping=True))
    return True


def search(solver: cp_model.CpSolver, model: cp_model.CpModel, options: SolveOptions,
           started: float, on_values: OnValues | None = None) -> Outcome:
    """Solve in a worker thread; the first SIGINT stops the search, a second one aborts.
    ``on_values`` hears each better solution (:class:`Watcher`)."""
    watcher = Watcher(options, started, on_values)
    outcome: dict[str, Any] = {}
    # Set when the solve has returned. Not the thread's is_alive(): on Python 3.11 a
    # Ctrl-C during join() can mark a thread dead that is still inside CP-SAT (CPython
    # issue 90882), and such a solve must be known as left running.
    finished = threading.Event()

    def work() -> None:
        try:
            outcome["status"] = solver.solve(model, watcher)
        except BaseException as exc:  # pragma: no cover - surfaced below
            outcome["error"] = exc
        finally:
            finished.set()

    interrupted = False
    abandoned = False
    previous: Any = None
    deadline = hard_deadline(options, started)
    use_signal = options.handle_sigint and threading.current_thread() is threading.main_thread()

    def on_sigint(signum: int, frame: FrameType | None) -> None:
        nonlocal interrupted
        interrupted = True
        solver.stop_search()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    if use_signal:
        previous = signal.signal(signal.SIGINT, on_sigint)
    worker = threading.Thread(target=work, name="cp-sat", daemon=True)
    try:
        worker.start()
        told = False
        tick = stopped = 0.0
        while not finished.wait(TICK):
            now = time.monotonic()
            if tick and now - tick > STOPPED_AFTER:
                # The process was stopped (Ctrl-Z) between two looks: the limit may have
                # passed meanwhile, but CP-SAT has had no time to heed a stop yet.
                stopped += now - tick - TICK
            tick = now
            if interrupted and not told:
                told = tell_stopping(options, watcher.started)
            if deadline is not None and now >= deadline:
                solver.stop_search()  # CP-SAT past its own limit (e.g. inside presolve)
                if not finished.is_set() and now >= deadline + stopped + ABANDON_AFTER:
                    abandoned = True
                    break
            if options.progress is not None and not finished.is_set():
                last = watcher.last
                options.progress(Progress(
                    time.monotonic() - watcher.started,
                    last.objective if last else None, last.bound if last else None,
                    last.gap if last else None, watcher.solutions,
                ))
        if interrupted and not told:  # the solve stopped before the loop saw the Ctrl-C
            tell_stopping(options, watcher.started)
    except KeyboardInterrupt:
        solver.stop_search()
        if not finished.wait(5):
            _leave_running(finished)
        raise
    finally:
        if use_signal:
            signal.signal(signal.SIGINT, previous)
    if abandoned:
        _leave_running(finished)
        return Outcome(SolveStatus.UNKNOWN, interrupted, _stand_in(), abandoned=True)
    if "error" in outcome:
        raise outcome["error"]
    return Outcome(STATUS.get(outcome["status"], SolveStatus.UNKNOWN), interrupted, solver)


_LEFT_RUNNING: list[threading.Event] = []
"""The "returned" events of CP-SAT solves left running past their deadline
(:data:`ABANDON_AFTER`) or after a second Ctrl-C, still inside OR-Tools' C++ code
(typically presolve, which does not always heed a stop)."""


def _leave_running(finished: threading.Event) -> None:
    """Remember the solve whose return sets ``finished``; the first time, make the
    interpreter wait for such solves at exit.

    Such a thread must not outlive the interpreter's teardown: when its C++ solve returns
    to Python after teardown has begun, the thread is ended inside C++ code and the process
    aborts ("terminate called without an active exception", exit code 134) after its
    output was written. A program that uses the library therefore waits at exit until the
    solve has stopped; ``confsched`` itself ends at once (:func:`solve_left_running`).
    """
    if not _LEFT_RUNNING:
        atexit.register(_wait_for_left_running)
    _LEFT_RUNNING.append(finished)


def solve_left_running() -> bool:
    """Whether a CP-SAT solve left behind (deadline, second Ctrl-C) is still running."""
    return not all(finished.is_set() for finished in _LEFT_RUNNING)


def _wait_for_left_running() -> None:
    for finished in _LEFT_RUNNING:
        finished.wait()


def _stand_in() -> cp_model.CpSolver:
    """A solver with a response (of an empty model), read in place of one left running."""
    solver = cp_model.CpSolver()
    solver.parameters.catch_sigint_signal = False  # CP-SAT would leave SIGINT at SIG_DFL
    solver.solve(cp_model.CpModel())
    return solver


def make_deterministic(solver: cp_model.CpSolver, time_limit: float) -> None:
    """Reproducible search: interleaved workers, a deterministic time budget.

    CP-SAT's parallel workers race; which one finds what depends on the machine's load.
    Interleaving them in fixed batches and stopping on deterministic time (CP-SAT's
    count of work, not seconds) makes the result depend only on the model, seed and
    worker count. The wall-clock limit stays as a safety net at
    :func:`safety_net` of the budget (if it is ever reached, that run
    is not reproducible).

    One worker runs sequentially: reproducible already, and it keeps clear of the
    interleaved path where CP-SAT 9.15 can abort (scheduler/solver/reproducible.py). With
    two or more the main model keeps its hint: the abort needs a model that loading
    proves infeasible, and a complete hint (``hint_complete``) is a schedule satisfying
    it. An infeasible model with a partial hint remains a (not reproduced) risk.
    """
    solver.parameters.share_binary_clauses = False
    solver.parameters.max_deterministic_time = time_limit
    solver.parameters.max_time_in_seconds = max(solver.parameters.max_time_in_seconds,
                                                safety_net(time_limit))
    solver.parameters.interleave_search = solver.parameters.num_workers > 1


def phase_two_model(model: cp_model.CpModel, values: list[int], bound: float
                    ) -> cp_model.CpModel:
    """Phase 2's model (:func:`search_to_proof`): a copy of ``model`` hinted with
    ``values`` (phase 1's best schedule, every variable) whose objective may not go below
    ``bound`` (phase 1's bound: every schedule satisfies it).

    The bound is the lower end of the objective's own domain, not a linear constraint on
    the objective's terms (before #17 ``proofs9``): with the default portfolio (phase 2
    when phase 1's gap is at most :data:`PROOF_GAP`) CP-SAT did not carry such a
    constraint into the bound it reports, so a solve that knew 403 after phase 1 reported
    404 / 395 (talks-100 seed 4), and a schedule found at phase 1's bound did not end the
    search as a proof. With the domain it reports at least ``bound`` and stops, OPTIMAL,
    as soon as it holds a schedule there. Only for an unscaled objective (integer
    coefficients, the schedule model's)."""
    proving = model.clone()
    proving.clear_hints()
    for index, value in enumerate(values):
        proving.add_hint(proving.get_int_var_from_proto_index(index), value)
    floor_objective(proving, bound)
    return proving


def floor_objective(model: cp_model.CpModel, bound: float) -> bool:
    """Make ``bound`` (a proven least value of the objective, offset included) the least
    value of ``model``'s objective domain, within any domain it has; whether it was set
    (only for an unscaled objective: integer coefficients, the schedule model's).

    The domain, not a linear constraint on the objective's terms: presolve folds such a
    constraint away and the default workers do not count it in the bound they report
    (pycon seed 0: 424 with ``total >= 432``, 432 with the domain; talks-100 seed 4
    reported 395 after phase 1 proved 403)."""
    objective = model.proto.objective
    if objective.scaling_factor not in (0, 1):
        return False
    inner = math.ceil(bound - objective.offset - 1e-6)  # in the objective's own terms
    given = (cp_model.Domain.from_flat_intervals(list(objective.domain))
             if len(objective.domain) else cp_model.Domain.all_values())
    floored = given.intersection_with(cp_model.Domain(inner, cp_model.INT_MAX))
    if floored.is_empty():
        return False
    objective.domain.clear()
    objective.domain.extend(floored.flattened_intervals())
    return True


def search_to_proof(solver: cp_model.CpSolver, model: cp_model.CpModel, options: SolveOptions,
                    started: float, sessions: int, pieces: bool,
                    on_values: OnValues | None = None) -> Outcome:
    """The search of a small talks-like model in two phases when the first gives no proof.

    Phase 1 runs one full worker, :data:`FIRST_SUBSOLVERS` (``objective_lb_search``, which
    raises the bound step by step from below), and CP-SAT's neighbourhood searches on the
    other thread, for :data:`FIRST_SHARE` of the time left (under ``deterministic``,
    :data:`DETERMINISTIC_FIRST`, the worker CP-SAT can interleave): in 30-s solves at
    load 7-15 it proved talks-25 seeds 0-1 and talks-50 seeds 1-3 in every run and
    talks-50 seed 0 in 3 of 4, within 0.1-2.3 s of 2 idle cores (CPU seconds / 2), and
    talks-100 seed 0 in 2 of 4 (2.9 and 6.4 s); docs/benchmarks.md, "The product's own
    search". When it ends with a
    schedule but no proof, phase 2 solves the same model from that schedule (a complete
    hint) with the phase-1 bound as the least value of the objective's domain
    (:func:`phase_two_model`; every schedule satisfies it); when the gap is still above
    :data:`PROOF_GAP`, with ``max_lp``
    (linearization level 2: the model's clauses in the relaxation) as the full worker: on
    talks-100 its root bound is the optimum 320 where level 1 stays at 310. When phase 1
    found no schedule at all, the same search goes on for the rest of the time.

    Only for models with the redundant bound pieces (``pieces``: small models whose
    sessions share a length grain, i.e. talks), of at most :data:`PROOF_UP_TO` sessions,
    with 2 workers and no ``subsolvers`` from the caller; every other model gets one plain
    :func:`search`. Not for the seminar, pycon or the shipped scenarios: ``max_lp`` made
    their proofs slower or lost them (docs/benchmarks.md).
    """
    params = solver.parameters
    if not (pieces and model.has_objective() and sessions <= PROOF_UP_TO
            and options.workers == 2 and "subsolvers" not in options.cp_sat):
        return search(solver, model, options, started, on_values)
    began = time.monotonic()
    first_workers = DETERMINISTIC_FIRST if options.deterministic else FIRST_SUBSOLVERS
    params.num_full_subsolvers = len(first_workers)
    params.subsolvers.extend(first_workers)
    total_time = params.max_time_in_seconds
    total_units = params.max_deterministic_time
    if options.deterministic:
        params.max_deterministic_time = FIRST_SHARE * total_units
    else:
        params.max_time_in_seconds = max(0.5, FIRST_SHARE * total_time)
    first = search(solver, model, options, started, on_values)
    if first.interrupted or first.status not in (SolveStatus.FEASIBLE, SolveStatus.UNKNOWN):
        return first
    second = cp_model.CpSolver()
    second.parameters.copy_from(params)
    if options.deterministic:
        left = total_units - solver.deterministic_time
        second.parameters.max_deterministic_time = left
    else:
        left = total_time - (time.monotonic() - began)
        second.parameters.max_time_in_seconds = left
    if left <= 0.05:
        return first
    spent = solver.deterministic_time
    if first.status == SolveStatus.UNKNOWN:  # no schedule yet: the same search goes on
        going_on = search(second, model, options, started, on_values)
        going_on.earlier_units = spent
        return going_on
    second.parameters.num_full_subsolvers = 0  # phase 2: CP-SAT's own choice again
    second.parameters.subsolvers.clear()
    if (gap(solver.objective_value, solver.best_objective_bound) or 0.0) > PROOF_GAP:
        second.parameters.subsolvers.append("max_lp")
    proving = phase_two_model(model, list(solver.response_proto.solution),
                              solver.best_objective_bound)
    proved = search(second, proving, options, started, on_values)
    proved.earlier_units = spent
    if proved.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE):
        return proved
    return Outcome(first.status, proved.interrupted, first.solver)
