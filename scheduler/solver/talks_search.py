"""Talks with CP-SAT: a start solution, search, decoding, exact score.

Moved from plugins/confsched_cosplib/solve.py over the neutral
:class:`~scheduler.talks.problem.TalkProblem`; the greedy keeps the engine's rules (open
rooms, chairs' and presenters' availability, room-limited talks). The pipeline
(:mod:`scheduler.solver.talks_run`) calls :func:`solve_problem` with its own main search
(progress, Ctrl-C, deterministic time).

0. Proven answers first: CoSPLib's own capacity test (:func:`capacity_shortfall`) and
   talks longer than every session (:func:`too_long`).
1. A start solution: the best greedy variant (:func:`greedy_solution`) when one places
   every submission, else a quick CP-SAT solve of the relaxed model (no slot variables,
   no objective, no search restriction: its ``infeasible`` is a proof) with at most 40%
   of the time.
2. If the instance weighs pairwise conflicts, a first phase without them
   (:func:`_calm_phase`, 40% of what is left) improves the start.
3. The exact model, hinted with the start solution, searches for the rest of the time.
4. The best solution is decoded (rooms and slots by :mod:`scheduler.solver.talks_packing`) and
   scored by :func:`scheduler.talks.score.score`, the number we report. If the search
   finds nothing better, the start solution is returned (status ``feasible``).
5. Optimality needs a lower bound of the checker's objective: CP-SAT's when the exact
   model is exact; when it keeps tracks to one room (or may over-count a same-track
   pair) and was solved to optimality, :func:`full_bound` with the time left. ``optimal``
   only when the bound meets the exact score.
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from scheduler.solver.reproducible import make_reproducible
from scheduler.solver.talks_model import Model, build
from scheduler.solver.talks_packing import pack_cell_group
from scheduler.talks.grid import EMPTY, Grid
from scheduler.talks.problem import TalkProblem
from scheduler.talks.score import score

STATUS = {
    cp_model.OPTIMAL: "optimal", cp_model.FEASIBLE: "feasible",
    cp_model.INFEASIBLE: "infeasible", cp_model.UNKNOWN: "unknown",
    cp_model.MODEL_INVALID: "invalid",
}

Hint = tuple[dict[tuple[int, int, int], int], dict[tuple[int, int], int],
             dict[tuple[int, int, int], int]]


@dataclass
class Result:
    """How the solve went: status, the solution (if any), and its exact score."""

    status: str
    """``optimal``, ``feasible``; without a solution: ``infeasible`` (proven, with the
    reason: the capacity test, a talk no talk-slot may hold, or CP-SAT's proof on the
    relaxed model, which has every rule and no restriction of the search) or ``unknown``
    (time ran out, nothing proven)."""
    solution: Grid | None
    score: dict[str, Any] | None
    model_objective: int | None
    bound: int | None
    seconds: float
    model_terms: dict[str, int] | None = None
    """Unweighted term values as the model saw them (equal to the scorer's counts)."""
    start: str = ""
    """Where the start solution came from: ``greedy``, ``relaxed`` or ``none``."""
    start_objective: int | None = None
    reason: str = ""
    """Why there is no solution: the proof of infeasibility, or that time ran out."""
    interrupted: bool = False
    """The user stopped the main search (Ctrl-C)."""


def capacity_shortfall(instance: TalkProblem) -> str:
    """Proven impossibilities found without solving, in words (empty: none found): the
    open rooms of the talk-slots hold fewer talk slots than the talks need (CoSPLib's own
    test, ``problem.py`` ``__check_feasibility_of_problem``, over open rooms only); a talk
    that no talk-slot may hold (its presenters are unavailable, or it is pinned where it
    does not fit); a track whose chairs are unavailable in every talk-slot."""
    subs, sessions = instance.submissions, instance.sessions
    needed = sum(sub.slots for sub in subs)
    available = sum(block.slots for s, block in enumerate(sessions)
                    for r in range(len(instance.rooms)) if instance.open[s][r])
    if available < needed:
        return (f"not enough talk slots: the talks need {needed}, the talk-slots' open rooms "
                f"hold {available}; add a talk-slot or a room")
    for i, sub in enumerate(subs):
        if not any(instance.sub_allowed[i][s] and sub.slots <= block.slots
                   for s, block in enumerate(sessions)):
            return (f"the talk {sub.name!r} fits no talk-slot: its presenters "
                    f"({', '.join(sub.presenters) or 'none'}) are not available for the whole "
                    "of any talk-slot long enough, or it is pinned to one they are not")
    for k, track in enumerate(instance.tracks):
        if not any(instance.track_allowed[k]):
            return (f"the track {track!r} can be held in no talk-slot: its chairs "
                    f"({', '.join(instance.chairs[k])}) are not all available for the whole "
                    "of any talk-slot")
    return ""


def too_long(instance: TalkProblem) -> str:
    """Talks longer than every talk-slot (the scenario's loader refuses these too)."""
    longest = max(s.slots for s in instance.sessions)
    names = [sub.name for sub in instance.submissions if sub.slots > longest]
    if not names:
        return ""
    return (f"{len(names)} talk(s) need more talk slots than the longest talk-slot "
            f"({longest}): {', '.join(names[:5])}; a talk is never split")


NOT_WHOLE = ("CP-SAT proved that no timetable places every talk whole in a talk session of "
             "its own track under the scenario's rules (open rooms, chairs' and presenters' "
             "availability, pins, hybrid rooms): the talks fit the talk slots only if one "
             "were split or a rule relaxed")


#: The greedy's passes: cells and talk-session choices costing at most this (weighted).
CEILINGS = (0, 100, 10_000, 10**18)


def _greedy_places(
    instance: TalkProblem, talk_costs: bool = True, ceilings: tuple[int, ...] = CEILINGS,
    room_costs: bool = True,
) -> dict[int, tuple[int, int, int]]:
    """Each track, largest first, fills free (session, room) cells of one room in session
    order, then the next room (several multi-slot submissions may share a cell). Rooms are
    tried cheapest first (weighted track-room penalty); cells with a track-session or
    session-room penalty, and talks with a penalty for the session, are taken only when
    penalty-free choices run out (talks' own penalties only with ``talk_costs``).
    Returns where each placed submission starts: ``(session, room, slot)``. Tight
    instances may leave some out."""
    subs, sessions, w = instance.submissions, instance.sessions, instance.weights
    n_s, n_r = len(sessions), len(instance.rooms)
    free = {(s, r) for s in range(n_s) for r in range(n_r)}
    where: dict[int, tuple[int, int, int]] = {}
    tracks = sorted(range(len(instance.tracks)),
                    key=lambda k: -sum(subs[i].slots for i in instance.track_submissions(k)))

    def cell_cost(k: int, s: int, r: int) -> int:
        return (w["tracks_sessions"] * instance.track_session[k][s]
                + (w["tracks_rooms"] * instance.track_room[k][r] if room_costs else 0)
                + w["sessions_rooms"] * instance.session_room[s][r])

    def talk_cost(i: int, s: int) -> int:
        return (w["submissions_sessions"] * instance.sub_session[i][s]
                + w["submissions_timezones"] * instance.sub_timezone[i][s])

    for k in tracks:
        todo = sorted(instance.track_submissions(k), key=lambda i: -subs[i].slots)
        rooms = sorted(range(n_r), key=lambda r: (
            w["tracks_rooms"] * instance.track_room[k][r],
            -sum(sessions[s].slots for s in range(n_s) if (s, r) in free)))
        for ceiling in ceilings:
            for r in rooms:
                for s in range(n_s):
                    if not todo:
                        break
                    if (s, r) not in free or cell_cost(k, s, r) > ceiling:
                        continue
                    if not (instance.open[s][r] and instance.track_allowed[k][s]):
                        continue
                    room_left, t = sessions[s].slots, 0
                    for i in list(todo):
                        length = subs[i].slots
                        if talk_costs and talk_cost(i, s) > ceiling:
                            continue
                        limits = instance.sub_rooms[i]
                        if not instance.sub_allowed[i][s] or (limits is not None
                                                              and r not in limits):
                            continue
                        if length <= room_left:
                            todo.remove(i)
                            where[i] = (s, r, t)
                            free.discard((s, r))
                            room_left -= length
                            t += length
                if not todo:
                    break
            if not todo:
                break
    return where


def greedy(instance: TalkProblem) -> Hint:
    """The greedy (see ``_greedy_places``) as hint values: track cells ``(k, s, r)``,
    submission sessions ``(i, s)`` and start slots ``(i, s, t)``."""
    where = _greedy_places(instance)
    cells = {(instance.submissions[i].track, s, r): 1 for i, (s, r, _t) in where.items()}
    placed = {(i, s): 1 for i, (s, _r, _t) in where.items()}
    starts = {(i, s, t): 1 for i, (s, _r, t) in where.items()}
    return cells, placed, starts


def greedy_solution(instance: TalkProblem) -> Grid | None:
    """The best, by the exact score, of the greedy variants that place every submission
    (with and without the talks' own session penalties; cost passes at rising ceilings
    with track-room costs, or free-then-anything without them), as a solution grid;
    else ``None``."""
    best: tuple[int, Grid] | None = None
    variants = [(talk_costs, ceilings, room_costs) for talk_costs in (True, False)
                for ceilings, room_costs in ((CEILINGS, True), ((0, 10**18), False))]
    for talk_costs, ceilings, room_costs in variants:
        where = _greedy_places(instance, talk_costs, ceilings, room_costs)
        if len(where) < len(instance.submissions):
            continue
        solution = Grid.empty(instance)
        for i, (s, r, t) in where.items():
            solution.tracks[s][r] = instance.submissions[i].track
            for u in range(t, t + instance.submissions[i].slots):
                solution.cells[s][r][u] = i
        if not instance.licences_held(solution):
            continue
        objective = score(instance, solution)["objective"]
        if best is None or objective < best[0]:
            best = (objective, solution)
    return None if best is None else best[1]


def decode(model: Model, value: Callable[[Any], int]) -> Grid:
    """Read variable values (``value(var)``) into the solution grid."""
    inst = model.instance
    solution = Grid.empty(inst)
    n_k, n_s, n_r = len(inst.tracks), len(inst.sessions), len(inst.rooms)
    for (k, s, r), var in model.y.items():
        if value(var):
            solution.tracks[s][r] = k
    starts = {i: t for (i, s, t), var in model.b.items() if value(var)}
    rooms_of: dict[int, dict[int, int]] = {}
    for (i, s, r), var in model.c.items():
        if value(var):
            rooms_of.setdefault(s, {})[i] = r
    in_session: dict[tuple[int, int], list[int]] = {}
    for (i, s), var in model.a.items():
        if value(var):
            in_session.setdefault((inst.submissions[i].track, s), []).append(i)
    for k in range(n_k):
        for s in range(n_s):
            rooms = [r for r in range(n_r) if solution.tracks[s][r] == k]
            pack_cell_group(inst, solution, s, rooms, in_session.get((k, s), []), starts,
                            rooms_of.get(s))
    return solution


def hint(model: Model, solution: Grid) -> None:
    """Hint the model with a solution grid (tracks, sessions and first slots)."""
    m = model.model
    m.clear_hints()
    where: dict[int, tuple[int, int]] = {}
    for s, rows in enumerate(solution.cells):
        for row in rows:
            for t, i in enumerate(row):
                if i != EMPTY and i not in where:
                    where[i] = (s, t)
    for (k, s, r), var in model.y.items():
        m.add_hint(var, int(solution.tracks[s][r] == k))
    for (i, s), var in model.a.items():
        m.add_hint(var, int(where.get(i, (-1, -1))[0] == s))
    for (i, s, t), var in model.b.items():
        m.add_hint(var, int(where.get(i) == (s, t)))


def complete_hint(model: Model, workers: int, seed: int, seconds: float = 10.0) -> bool:
    """Extend the hint to every variable (CP-SAT uses a complete hint far better).

    A copy of the model with the hinted variables fixed is solved (instantly: the rest
    follows); its values become the hint. Returns False, leaving the hint as it was, when
    that fails.
    """
    copy = model.model.clone()
    proto = copy.proto
    for index, value in zip(proto.solution_hint.vars, proto.solution_hint.values, strict=True):
        copy.add(copy.get_int_var_from_proto_index(index) == value)
    # The objective stays: one-sided indicators (pair conflicts) are pushed down to the
    # values the hinted decisions imply, so the hint carries its true objective.
    solver = _solver(seconds, workers, seed, False)
    if _run(solver, copy) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return False
    model.model.clear_hints()
    for index in range(len(proto.variables)):
        var = model.model.get_int_var_from_proto_index(index)
        model.model.add_hint(var, solver.value(copy.get_int_var_from_proto_index(index)))
    return True


class Clock:
    """Time spent so far: wall-clock seconds, or with ``deterministic`` the deterministic
    time of CP-SAT's solves (then the same scenario, seed and workers take the same
    decisions, whatever the machine's load)."""

    def __init__(self, deterministic: bool = False) -> None:
        self.deterministic = deterministic
        self.began = time.monotonic()
        self.used = 0.0

    def spent(self) -> float:
        return self.used if self.deterministic else time.monotonic() - self.began

    def count(self, solver: cp_model.CpSolver) -> None:
        self.used += solver.deterministic_time


CLOCK = Clock()
"""The clock of the solve in progress (:func:`solve` sets it; one solve at a time)."""


def _solver(seconds: float, workers: int, seed: int, log: bool) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.catch_sigint_signal = False  # else CP-SAT leaves SIGINT at SIG_DFL
    solver.parameters.max_time_in_seconds = max(0.1, seconds)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.log_search_progress = log
    if CLOCK.deterministic:
        solver.parameters.share_binary_clauses = False
        make_reproducible(solver, None, max(0.1, seconds), 5 * max(0.1, seconds))
    return solver


def _run(solver: cp_model.CpSolver, model: cp_model.CpModel) -> cp_model.CpSolverStatus:
    """Solve and count the time on the clock.

    An interleaved solve runs on an unhinted copy (same variable indices, so the solver's
    values read the same): interleaving with a hint can abort the process
    (scheduler/solver/reproducible.py).
    """
    if solver.parameters.interleave_search and len(model.proto.solution_hint.vars):
        model = model.clone()
        model.clear_hints()
    code = solver.solve(model)
    CLOCK.count(solver)
    return code


def start_solution(
    instance: TalkProblem, seconds: float, workers: int, seed: int, log: bool,
    use_greedy: bool = True, first_seconds: float | None = None,
) -> tuple[Grid | None, str]:
    """The greedy if it places everything, else the relaxed model's first solution.

    The relaxed model has every feasibility rule and no restriction of the search space,
    so its ``infeasible`` is a proof (origin ``"infeasible"``); ``"none"`` means that
    time ran out. Its first solution may take ``first_seconds`` (default ``seconds``); the
    improvement with the relaxed objective only what is left of ``seconds``."""
    solution = greedy_solution(instance) if use_greedy else None
    if solution is not None:
        return solution, "greedy"
    began = CLOCK.spent()
    relaxed = build(instance, slots=False)
    relaxed.model.clear_objective()
    # Without a start the exact model (harder, no hint) rarely finds one either: the first
    # relaxed solution may take ``first_seconds`` (ISF22 under load needs over 24 s of 60).
    solver = _solver(max(seconds, first_seconds or 0.0), workers, seed, log)
    code = _run(solver, relaxed.model)
    if code == cp_model.INFEASIBLE:
        return None, "infeasible"
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, "none"
    found = decode(relaxed, solver.value)
    left = seconds - (CLOCK.spent() - began)
    if left > 5:  # improve it with the relaxed model's objective, from that solution
        scored = build(instance, slots=False)
        hint(scored, found)
        complete_hint(scored, workers, seed)
        solver = _solver(left, workers, seed, log)
        if _run(solver, scored.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            better = decode(scored, solver.value)
            if score(instance, better)["objective"] < score(instance, found)["objective"]:
                found = better
    return found, "relaxed"


PAIR_TERMS = ("presenters_conflicts", "attendees_conflicts", "presenters_conflicts_timeslot",
              "attendees_conflicts_timeslot")


def _calm_phase(
    instance: TalkProblem, start: Grid, seconds: float, workers: int, seed: int, log: bool
) -> Grid:
    """Improve the start with the pairwise conflict terms left out of the model (they
    slow CP-SAT's first descent down a lot); return the better, by the exact score, of
    the start and that solution. Skipped when the instance weighs no pairwise term."""
    if not any(instance.weights[name] for name in PAIR_TERMS):
        return start
    calm = dataclasses.replace(instance, weights={
        **instance.weights, **dict.fromkeys(PAIR_TERMS, 0)})
    model = build(calm)
    hint(model, start)
    complete_hint(model, workers, seed)
    solver = _solver(seconds, workers, seed, log)
    if _run(solver, model.model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return start
    found = decode(model, solver.value)
    if score(instance, found)["objective"] < score(instance, start)["objective"]:
        return found
    return start


def close_gaps(instance: TalkProblem, solution: Grid) -> Grid:
    """Talks of each talk session moved up over empty slots (their order kept), room by
    room, wherever that leaves the exact score as it is: an audience should not sit
    through an empty slot that changes nothing. (A gap the objective needs, e.g. to keep
    two clashing talks apart in time, stays.)"""
    current = score(instance, solution)["objective"]
    for s, rows in enumerate(solution.cells):
        for r, row in enumerate(rows):
            talks = [i for t, i in enumerate(row) if i != EMPTY and (t == 0 or row[t - 1] != i)]
            packed = [i for i in talks for _ in range(instance.submissions[i].slots)]
            packed += [EMPTY] * (len(row) - len(packed))
            if packed == row:
                continue
            solution.cells[s][r] = packed
            after = score(instance, solution)["objective"]
            if after != current:
                solution.cells[s][r] = row
    return solution


def tighten(model: Model, solver: cp_model.CpSolver, workers: int, seed: int,
            seconds: float = 5.0) -> cp_model.CpSolver:
    """The model's helper variables (one-sided pair indicators, products) at their true
    values for the decisions found: a copy with every decision fixed is solved to
    optimality (instant). Returns that solver, or ``solver`` when it fails."""
    copy = model.model.clone()
    decisions = [*model.y.values(), *model.a.values(), *model.b.values(), *model.c.values()]
    for var in decisions:
        copy.add(copy.get_int_var_from_proto_index(var.index) == solver.value(var))
    tight = _solver(seconds, workers, seed, False)
    if _run(tight, copy) != cp_model.OPTIMAL:
        return solver
    return tight


INFINITE = 10**18
"""The bound of a case with no schedule at all."""


def relaxation_bound(
    instance: TalkProblem, solution: Grid, seconds: float, workers: int, seed: int,
    log: bool, split: Sequence[int] = (),
) -> int | None:
    """A lower bound of the real (checker's) objective over every valid schedule (with
    ``split``: over those where one of these tracks holds two rooms in some talk-slot): the
    best bound of ``build(instance, slots=False, bound=True, split=split)``, a relaxation
    (see ``build``), hinted with ``solution`` and solved for ``seconds``. Rounded up (the
    objective is an integer), never below 0 (every term and weight is >= 0); INFINITE when
    CP-SAT proves there is no such schedule; None when it proved nothing in time."""
    relaxed = build(instance, slots=False, bound=True, split=split)
    if not split:
        hint(relaxed, solution)
    solver = _solver(max(seconds, 0.5), workers, seed, log)
    code = _run(solver, relaxed.model)
    if code == cp_model.INFEASIBLE:
        return INFINITE
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return max(0, math.ceil(solver.best_objective_bound - 1e-6))


def full_bound(
    model: Model, optimum: int, solution: Grid, seconds: float, workers: int, seed: int,
    log: bool,
) -> int | None:
    """A lower bound of the real objective when ``model`` (restricted or over-counting)
    was solved to optimality with value ``optimum``.

    Without over-counting, the real schedules fall in two cases. (1) Every track of
    ``model.one_room`` holds at most one room in each talk-slot: each such schedule is a
    solution of ``model``, whose value for it is at most the checker's (exact terms; the
    submissions' rooms left to the layout are >= 0), so the checker's objective is
    >= ``optimum``. (2) Some such track holds two rooms somewhere: the split relaxation
    bounds these. The bound is the smaller of the two. With over-counting, (1) does not
    hold, and the plain relaxation gives the bound."""
    if model.overcounts or not model.one_room:
        return relaxation_bound(model.instance, solution, seconds, workers, seed, log)
    other = relaxation_bound(model.instance, solution, seconds, workers, seed, log,
                             split=model.one_room)
    return None if other is None else min(optimum, other)


MainSearch = Callable[[cp_model.CpModel, float],
                      tuple[cp_model.CpSolverStatus, cp_model.CpSolver, bool]]
"""Runs CP-SAT on the exact model for the seconds given; returns CP-SAT's status code, the
solver holding the best solution, and whether the user interrupted it."""


def plain_search(workers: int, seed: int, log: bool) -> MainSearch:
    """A main search without progress or Ctrl-C handling (tests, benchmarks)."""
    def run(model: cp_model.CpModel, seconds: float
            ) -> tuple[cp_model.CpSolverStatus, cp_model.CpSolver, bool]:
        solver = _solver(seconds, workers, seed, log)
        return _run(solver, model), solver, False
    return run


def solve(
    instance: TalkProblem, time_limit: float = 60.0, workers: int = 2, seed: int = 0,
    use_hint: bool = True, log: bool = False, calm: bool = True,
    main: MainSearch | None = None, deterministic: bool = False,
    on_start: Callable[[Grid], None] | None = None,
) -> Result:
    """Find a start solution, hint the exact model with it, solve, decode, score exactly.

    ``main`` runs the exact model's search (default: :func:`plain_search`); the
    pipeline passes its own, with progress and Ctrl-C. ``on_start`` hears the start
    solution before the exact model is built (when there is one)."""
    global CLOCK
    CLOCK = Clock(deterministic)
    began = time.monotonic()
    main = main or plain_search(workers, seed, log)
    if proof := capacity_shortfall(instance):
        return Result("infeasible", None, None, None, None, time.monotonic() - began,
                      reason=proof)
    if proof := too_long(instance):
        return Result("infeasible", None, None, None, None, time.monotonic() - began,
                      reason=proof)
    start, origin = None, "none"
    if use_hint:
        start, origin = start_solution(instance, 0.4 * time_limit, workers, seed, log,
                                       first_seconds=0.8 * time_limit)
        if origin == "infeasible":
            return Result("infeasible", None, None, None, None, time.monotonic() - began,
                          start=origin, reason=NOT_WHOLE)
    if calm and start is not None and time_limit - CLOCK.spent() > 10:
        start = _calm_phase(instance, start, 0.4 * (time_limit - CLOCK.spent()),
                            workers, seed, log)
    if start is not None and on_start is not None:
        on_start(start)
    model = build(instance)
    if start is not None:
        hint(model, start)
        complete_hint(model, workers, seed)
    code, solver, interrupted = main(model.model, time_limit - CLOCK.spent())
    status = STATUS.get(code, "unknown")
    # The main model's bound is the real one unless it restricts the search (ordered
    # tracks in one room) or may over-count same-track pairs; then a relaxation gives it.
    exact = not (model.restricted or model.overcounts)
    if status == "optimal" and not exact:
        status = "feasible"  # optimal within the model only; the relaxation may prove it
    start_objective = score(instance, start)["objective"] if start is not None else None
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        seconds = time.monotonic() - began
        if start is None and code == cp_model.INFEASIBLE and not interrupted:
            # The full model restricts some tracks to one room a session: only the
            # relaxed model (no restriction) can prove infeasibility.
            left = max(1.0, time_limit - CLOCK.spent())
            _, origin = start_solution(instance, left, workers, seed, log, use_greedy=False)
            seconds = time.monotonic() - began
            if origin == "infeasible":
                return Result("infeasible", None, None, None, None, seconds, start=origin,
                              reason=NOT_WHOLE)
            status = "unknown"
        if start is None:
            return Result("unknown" if status != "invalid" else status, None, None, None,
                          None, seconds, start=origin, interrupted=interrupted,
                          reason=f"no timetable found in {seconds:.1f}s (not proven "
                                 "impossible)")
        return Result("feasible", start, score(instance, start), None, None, seconds,
                      start=origin, start_objective=start_objective, interrupted=interrupted)
    # A restricted (or over-counting) model's bound bounds only its own values.
    bound = (max(0, math.ceil(solver.best_objective_bound - 1e-6)) if exact else None)
    if code == cp_model.FEASIBLE and not interrupted:
        solver = tighten(model, solver, workers, seed)
    solution = close_gaps(instance, decode(model, solver.value))
    checked = score(instance, solution)["objective"]
    if code == cp_model.OPTIMAL and not exact and not interrupted:
        left = time_limit - CLOCK.spent()
        bound = full_bound(model, round(solver.objective_value), solution, left, workers,
                           seed, log)
        if bound is not None and bound >= checked:
            status, bound = "optimal", checked
    model_terms = {
        name: int(sum(solver.value(part) for part in parts)) + model.offset.get(name, 0)
        for name, parts in model.terms.items() if instance.weights[name]
    }
    return Result(
        status=status, solution=solution, score=score(instance, solution),
        model_objective=round(solver.objective_value),
        bound=bound, seconds=time.monotonic() - began,
        model_terms=model_terms, start=origin, start_objective=start_objective,
        interrupted=interrupted,
    )
