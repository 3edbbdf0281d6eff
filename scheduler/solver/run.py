"""``solve(scenario, options)``: build the model, search, and return our own Result.

The search runs in a worker thread so that the main thread stays responsive: a first
Ctrl-C stops the search and keeps the best schedule found (marked interrupted), a second
one aborts. Progress (best objective, bound, gap, elapsed) goes to ``options.progress``.
"""

from __future__ import annotations

import signal
import threading
import time
from types import FrameType
from typing import Any

from ortools.sat.python import cp_model

from scheduler.scenario.model import Scenario
from scheduler.schedule import SolveInfo, SolveStatus
from scheduler.solver import lns
from scheduler.solver.evaluate import objective_terms
from scheduler.solver.extract import extract_schedule
from scheduler.solver.facts import FactBuilder, SessionFacts
from scheduler.solver.hint import greedy_schedule
from scheduler.solver.model import ScheduleModel
from scheduler.solver.options import Progress, Result, SolveOptions
from scheduler.solver.repair import place_left_out

_STATUS = {
    cp_model.OPTIMAL: SolveStatus.OPTIMAL,
    cp_model.FEASIBLE: SolveStatus.FEASIBLE,
    cp_model.INFEASIBLE: SolveStatus.INFEASIBLE,
    cp_model.UNKNOWN: SolveStatus.UNKNOWN,
    cp_model.MODEL_INVALID: SolveStatus.INVALID,
}


class _Watcher(cp_model.CpSolverSolutionCallback):
    """Counts solutions and forwards progress."""

    def __init__(self, options: SolveOptions, started: float) -> None:
        super().__init__()
        self.options = options
        self.started = started
        self.solutions = 0
        self.last: Progress | None = None

    def on_solution_callback(self) -> None:
        self.solutions += 1
        objective = self.objective_value
        bound = self.best_objective_bound
        self.last = Progress(time.monotonic() - self.started, objective, bound,
                             _gap(objective, bound), self.solutions)
        if self.options.progress is not None:
            self.options.progress(self.last)


def _gap(objective: float | None, bound: float | None) -> float | None:
    if objective is None or bound is None:
        return None
    return abs(objective - bound) / max(1.0, abs(objective))


def solve(scenario: Scenario, options: SolveOptions | None = None) -> Result:
    """Solve a scenario: a schedule satisfying every hard rule, minimising the soft ones.

    Never raises for an unsolvable scenario: the Result says INFEASIBLE (or UNKNOWN when
    time ran out) and carries a plain-language diagnosis.
    """
    from scheduler.diagnose import explain_infeasible, precheck

    options = options or SolveOptions()
    started = time.monotonic()
    facts = FactBuilder(scenario).build()
    findings = precheck(scenario, facts)
    if findings:
        return Result(SolveStatus.INFEASIBLE, None, diagnosis=[f.text for f in findings])
    hint = options.hint
    elastic = False
    if hint is None and options.greedy_hint:
        # Bounded by counted work (reproducible); the clock only as a safety cap.
        # --deterministic: the cap must never decide the outcome, so it is the same
        # generous safety net as the search's own wall-clock limit there.
        safety = (DETERMINISTIC_WALL_FACTOR if options.deterministic else GREEDY_SAFETY_SHARE)
        hint = greedy_schedule(scenario, facts,
                               time_budget=safety * options.time_limit,
                               rounds=GREEDY_ROUNDS, seed=options.seed)
        required = {f.id for f in facts.values() if not f.optional}
        elastic = hint is not None and not required <= {s.id for s in hint.sessions}
    room_options = _room_options(facts)
    preferred = {s.id: s.room for s in hint.sessions if s.room} if hint else None
    built = ScheduleModel(scenario, max_clash_pairs=options.max_clash_pairs,
                          hooks=options.objective_hooks, facts=facts, elastic=elastic,
                          room_options=room_options, preferred_rooms=preferred)
    if room_options is not None and built.vars.rooms_capped:
        built.notes.append(
            f"rooms: {built.vars.rooms_capped} sessions considered only their "
            f"{room_options} best-fitting rooms (and the greedy's choice), to solve at scale"
        )
    if hint is not None:
        built.add_hint(hint, time_limit=min(10.0, 0.15 * options.time_limit),
                       deterministic=options.deterministic)
        if elastic and built.hint_complete:
            # Counted from now, not from the start: a slow greedy must not eat the repair's
            # time; the main search still keeps the last share of the limit.
            deadline = min(time.monotonic() + REPAIR_SHARE * options.time_limit,
                           started + REPAIR_END_SHARE * options.time_limit)
            left = place_left_out(built, deadline, options.seed, options.workers,
                                  deterministic=options.deterministic)
            if left > 0:
                notes_left = f"the greedy start left {left} required session(s) out"
                built.notes.append(notes_left)
    solver = cp_model.CpSolver()
    elapsed = time.monotonic() - started
    solver.parameters.max_time_in_seconds = max(0.5, options.time_limit - elapsed)
    solver.parameters.num_workers = max(1, options.workers)
    solver.parameters.random_seed = options.seed
    solver.parameters.log_search_progress = options.log
    solver.parameters.catch_sigint_signal = False
    if options.deterministic:
        _make_deterministic(solver, options.time_limit)
    if built.hint_complete and not built.objective.strengthen:
        # Presolve may otherwise cut the hinted schedule off and lose the head start.
        solver.parameters.keep_all_feasible_solutions_in_presolve = True
    if room_options is not None:
        solver.parameters.cp_model_probing_level = 0  # probing costs seconds at scale
    watcher = _Watcher(options, started)
    neighbourhoods = lns.reserve(solver, built, options, started)  # the rest of the limit
    code, interrupted = _run(solver, built.model, watcher, options)
    if neighbourhoods is not None and not interrupted:
        solver, code = neighbourhoods.improve(solver, code, watcher)
    status = _STATUS.get(code, SolveStatus.UNKNOWN)
    notes = list(built.notes)
    left_out = _left_out(built, solver) if status.has_schedule else []
    if left_out:
        # Elastic mode: the best found still leaves a required session out.
        status = SolveStatus.INFEASIBLE if status == SolveStatus.OPTIMAL else SolveStatus.UNKNOWN
    if status == SolveStatus.INFEASIBLE and built.vars.rooms_capped:
        # Proven only for the simplified model (fewer candidate rooms): not a real proof.
        status = SolveStatus.UNKNOWN
        notes.append("no proof of infeasibility: rooms were limited to the best-fitting few")
    size = {"variables": len(built.model.proto.variables),
            "constraints": len(built.model.proto.constraints)}
    if status.has_schedule:
        solved = _solved(scenario, built, solver, status, interrupted, started, options, notes)
        solved.variables, solved.constraints = size["variables"], size["constraints"]
        return solved
    if interrupted:
        notes.append("the search was interrupted before any schedule was found")
    diagnosis: list[str] = []
    if status == SolveStatus.UNKNOWN and not interrupted:
        diagnosis.append(
            f"no schedule was found within {options.time_limit:g} s, and no proof that none "
            "exists; give the solver more time (--time-limit) or loosen the scenario"
        )
    if left_out and status == SolveStatus.UNKNOWN:
        shown = ", ".join(repr(sid) for sid in left_out[:10])
        more = f" and {len(left_out) - 10} more" if len(left_out) > 10 else ""
        diagnosis.append(f"the best placement found still leaves out {shown}{more}: look at "
                         "their people's windows, rooms and tracks first")
    small = len(facts) <= EXPLAIN_UNKNOWN_UP_TO
    if options.diagnose and not interrupted and (status == SolveStatus.INFEASIBLE or small):
        diagnosis.extend(explain_infeasible(
            scenario, facts, time_limit=options.diagnose_time_limit,
            workers=options.workers, seed=options.seed,
            proven=status == SolveStatus.INFEASIBLE,
        ))
    return Result(status, None, diagnosis=diagnosis, notes=notes, **size)


GREEDY_ROUNDS = 40
"""Most squeaky-wheel rounds of the greedy start (it stops as soon as all fit)."""
SIMPLIFICATION_NOTES = ("rooms:", "participant clashes:")
"""Notes saying the model searched was simplified (rooms or clash pairs capped): an
optimum of that model is only reported as feasible."""
DETERMINISTIC_WALL_FACTOR = 5.0
"""With --deterministic, wall-clock limits are only safety nets at this multiple."""
GREEDY_SAFETY_SHARE = 0.5
"""The greedy start gives up after this share of the time limit (in CPU seconds)
whatever its work budget says: a last resort, and such a run is not reproducible."""

REPAIR_SHARE = 0.5
"""The neighbourhood re-solves placing what the greedy left out get at most this share
of the time limit, counted from when they start (not from the start of the solve: a slow
greedy must not eat their time) ..."""
REPAIR_END_SHARE = 0.9
"""... and end by this share of the time limit, counted from the start of the solve, so
the main search keeps the rest."""

EXPLAIN_UNKNOWN_UP_TO = 300
"""Without a proof of infeasibility, only scenarios up to this many sessions get the
(possibly slow) rule-conflict explanation."""

ROOM_PAIRS_AT_SCALE = 6000
"""Above this many (session, candidate room) pairs, each session keeps only a few rooms."""
ROOMS_AT_SCALE = 8


def _room_options(facts: dict[str, SessionFacts]) -> int | None:
    """How many candidate rooms each session keeps (None: all of them)."""
    pairs = sum(len(f.rooms) for f in facts.values())
    return ROOMS_AT_SCALE if pairs > ROOM_PAIRS_AT_SCALE else None


def _left_out(built: ScheduleModel, solver: cp_model.CpSolver) -> list[str]:
    """Required sessions the solution leaves out (elastic mode only)."""
    return [sv.id for sv, lit in built.vars.required_unplaced() if not solver.value(lit)]


def _run(solver: cp_model.CpSolver, model: cp_model.CpModel, watcher: _Watcher,
         options: SolveOptions) -> tuple[Any, bool]:
    """Solve in a worker thread; the first SIGINT stops the search, a second one aborts."""
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["status"] = solver.solve(model, watcher)
        except BaseException as exc:  # pragma: no cover - surfaced below
            outcome["error"] = exc

    interrupted = False
    previous: Any = None
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
        while worker.is_alive():
            worker.join(0.25)
            if options.progress is not None and worker.is_alive():
                last = watcher.last
                options.progress(Progress(
                    time.monotonic() - watcher.started,
                    last.objective if last else None, last.bound if last else None,
                    last.gap if last else None, watcher.solutions,
                ))
    except KeyboardInterrupt:
        solver.stop_search()
        worker.join(5)
        raise
    finally:
        if use_signal:
            signal.signal(signal.SIGINT, previous)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["status"], interrupted


def _solved(scenario: Scenario, built: ScheduleModel, solver: cp_model.CpSolver,
            status: SolveStatus, interrupted: bool, started: float, options: SolveOptions,
            notes: list[str]) -> Result:
    simplified = [n for n in notes if n.startswith(SIMPLIFICATION_NOTES)]
    if status == SolveStatus.OPTIMAL and simplified:
        status = SolveStatus.FEASIBLE  # optimal only for the simplified model
    schedule = extract_schedule(built, solver.value, status)
    extra = {t.name: (t.weight, t.evaluate(schedule)) for t in built.extra_terms}
    schedule.objective_terms = objective_terms(scenario, schedule, extra)
    schedule.objective = sum(t.penalty for t in schedule.objective_terms.values())
    clashes = schedule.objective_terms.get("participant_clashes")
    capped = [n for n in notes if n.startswith("participant clashes:")]
    if clashes is not None and capped:
        clashes.detail = capped[0].removeprefix("participant clashes: ")
    has_objective = built.model.has_objective()
    model_objective = int(solver.objective_value) if has_objective else 0
    bound = float(solver.best_objective_bound) if has_objective else 0.0
    gap = 0.0 if status == SolveStatus.OPTIMAL else _gap(model_objective, bound)
    schedule.solve = SolveInfo(
        time_seconds=round(time.monotonic() - started, 3), time_limit=options.time_limit,
        seed=options.seed, workers=options.workers, bound=bound, gap=gap,
        interrupted=interrupted,
        from_schedule=None,
    )
    schedule.scenario_sha256 = options.scenario_sha256
    return Result(status, schedule, notes=notes, model_objective=model_objective)


def _make_deterministic(solver: cp_model.CpSolver, time_limit: float) -> None:
    """Reproducible search: interleaved workers, a deterministic time budget.

    CP-SAT's parallel workers race; which one finds what depends on the machine's load.
    Interleaving them in fixed batches and stopping on deterministic time (CP-SAT's
    count of work, not seconds) makes the result depend only on the model, seed and
    worker count. On this 2-core machine a work unit took about two wall seconds; the
    wall-clock limit stays as a safety net at five times the budget (if it is ever
    reached, that run is not reproducible).
    """
    solver.parameters.interleave_search = True
    solver.parameters.share_binary_clauses = False
    solver.parameters.max_deterministic_time = time_limit
    solver.parameters.max_time_in_seconds = max(solver.parameters.max_time_in_seconds,
                                                DETERMINISTIC_WALL_FACTOR * time_limit)
