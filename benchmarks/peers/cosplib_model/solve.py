"""Solving a CoSPLib instance with CP-SAT: a start solution, search, decoding, exact score.

0. Proven answers first: CoSPLib's own capacity test (:func:`capacity_shortfall`) and
   talks longer than every session (:func:`too_long`).
1. A start solution: the best greedy variant (:func:`greedy_solution`) when one places
   every submission, else a quick CP-SAT solve of the relaxed model (no slot variables,
   no objective, no search restriction: its ``infeasible`` is a proof) with at most 40%
   of the time.
2. If the instance weighs pairwise conflicts, a first phase without them
   (:func:`_calm_phase`, 40% of what is left) improves the start.
3. The exact model, hinted with the start solution, searches for the rest of the time.
4. The best solution is decoded (rooms and slots by
   :mod:`benchmarks.peers.cosplib_model.packing`) and scored by
   :func:`confsched_cosplib.scorer.score`, the number we report. If the search
   finds nothing better, the start solution is returned (status ``feasible``).
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from confsched_cosplib.instance import Instance
from confsched_cosplib.scorer import score
from confsched_cosplib.solution import EMPTY, Solution
from ortools.sat.python import cp_model

from benchmarks.peers.cosplib_model.model import Model, build
from benchmarks.peers.cosplib_model.packing import pack_cell_group

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
    """``optimal``, ``feasible``; without a solution: ``infeasible`` (CoSPLib's own
    capacity test fails), ``needs-split`` (proven: only splitting a multi-slot submission,
    which CoSPLib charges 10,000,000 a piece and confsched never does, would place every
    submission) or ``unknown`` (time ran out, nothing proven)."""
    solution: Solution | None
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


def capacity_shortfall(instance: Instance) -> str:
    """CoSPLib's own test of an instance (``problem.py`` ``__check_feasibility_of_problem``):
    the sessions' time slots times the rooms must hold every submission's slots. Returns
    the reason when they do not, else ``""``."""
    needed = sum(sub.slots for sub in instance.submissions)
    available = sum(s.slots for s in instance.sessions) * len(instance.rooms)
    if available >= needed:
        return ""
    return (f"not enough time slots: the submissions need {needed}, the sessions and rooms "
            f"hold {available} (CoSPLib's reader refuses this instance too: add a session "
            "or a room)")


def too_long(instance: Instance) -> str:
    """Submissions longer than every session (CoSPLib would split them, at 10,000,000 a
    piece; we keep every submission whole, so we cannot place them)."""
    longest = max(s.slots for s in instance.sessions)
    names = [sub.name for sub in instance.submissions if sub.slots > longest]
    if not names:
        return ""
    return (f"{len(names)} submission(s) need more time slots than the longest session "
            f"({longest}): {', '.join(names[:5])}; confsched keeps a submission whole")


NOT_WHOLE = ("CP-SAT proved that no schedule keeps every multi-slot submission whole in one "
             "room of its own track (the submissions fit the time slots only if one is split, "
             "which CoSPLib charges 10,000,000 a piece)")


#: The greedy's passes: cells and talk-session choices costing at most this (weighted).
CEILINGS = (0, 100, 10_000, 10**18)


def _greedy_places(
    instance: Instance, talk_costs: bool = True, ceilings: tuple[int, ...] = CEILINGS,
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
                    room_left, t = sessions[s].slots, 0
                    for i in list(todo):
                        length = subs[i].slots
                        if talk_costs and talk_cost(i, s) > ceiling:
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


def greedy(instance: Instance) -> Hint:
    """The greedy (see ``_greedy_places``) as hint values: track cells ``(k, s, r)``,
    submission sessions ``(i, s)`` and start slots ``(i, s, t)``."""
    where = _greedy_places(instance)
    cells = {(instance.submissions[i].track, s, r): 1 for i, (s, r, _t) in where.items()}
    placed = {(i, s): 1 for i, (s, _r, _t) in where.items()}
    starts = {(i, s, t): 1 for i, (s, _r, t) in where.items()}
    return cells, placed, starts


def greedy_solution(instance: Instance) -> Solution | None:
    """The best, by the exact score, of the greedy variants that place every submission
    (with and without the talks' own session penalties; cost passes at rising ceilings
    with track-room costs, or free-then-anything without them), as a solution grid;
    else ``None``."""
    best: tuple[int, Solution] | None = None
    variants = [(talk_costs, ceilings, room_costs) for talk_costs in (True, False)
                for ceilings, room_costs in ((CEILINGS, True), ((0, 10**18), False))]
    for talk_costs, ceilings, room_costs in variants:
        where = _greedy_places(instance, talk_costs, ceilings, room_costs)
        if len(where) < len(instance.submissions):
            continue
        solution = Solution.empty(instance)
        for i, (s, r, t) in where.items():
            solution.tracks[s][r] = instance.submissions[i].track
            for u in range(t, t + instance.submissions[i].slots):
                solution.cells[s][r][u] = i
        objective = score(instance, solution)["objective"]
        if best is None or objective < best[0]:
            best = (objective, solution)
    return None if best is None else best[1]


def decode(model: Model, value: Callable[[Any], int]) -> Solution:
    """Read variable values (``value(var)``) into the solution grid."""
    inst = model.instance
    solution = Solution.empty(inst)
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


def hint(model: Model, solution: Solution) -> None:
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
    if solver.solve(copy) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return False
    model.model.clear_hints()
    for index in range(len(proto.variables)):
        var = model.model.get_int_var_from_proto_index(index)
        model.model.add_hint(var, solver.value(copy.get_int_var_from_proto_index(index)))
    return True


def _solver(seconds: float, workers: int, seed: int, log: bool) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, seconds)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.log_search_progress = log
    return solver


def start_solution(
    instance: Instance, seconds: float, workers: int, seed: int, log: bool,
    use_greedy: bool = True, first_seconds: float | None = None,
) -> tuple[Solution | None, str]:
    """The greedy if it places everything, else the relaxed model's first solution.

    The relaxed model has every feasibility rule and no restriction of the search space,
    so its ``infeasible`` is a proof (origin ``"infeasible"``); ``"none"`` means that
    time ran out. Its first solution may take ``first_seconds`` (default ``seconds``); the
    improvement with the relaxed objective only what is left of ``seconds``."""
    solution = greedy_solution(instance) if use_greedy else None
    if solution is not None:
        return solution, "greedy"
    began = time.monotonic()
    relaxed = build(instance, slots=False)
    relaxed.model.clear_objective()
    # Without a start the exact model (harder, no hint) rarely finds one either: the first
    # relaxed solution may take ``first_seconds`` (ISF22 under load needs over 24 s of 60).
    solver = _solver(max(seconds, first_seconds or 0.0), workers, seed, log)
    code = solver.solve(relaxed.model)
    if code == cp_model.INFEASIBLE:
        return None, "infeasible"
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, "none"
    found = decode(relaxed, solver.value)
    left = seconds - (time.monotonic() - began)
    if left > 5:  # improve it with the relaxed model's objective, from that solution
        scored = build(instance, slots=False)
        hint(scored, found)
        complete_hint(scored, workers, seed)
        solver = _solver(left, workers, seed, log)
        if solver.solve(scored.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            better = decode(scored, solver.value)
            if score(instance, better)["objective"] < score(instance, found)["objective"]:
                found = better
    return found, "relaxed"


PAIR_TERMS = ("presenters_conflicts", "attendees_conflicts", "presenters_conflicts_timeslot",
              "attendees_conflicts_timeslot")


def _calm_phase(
    instance: Instance, start: Solution, seconds: float, workers: int, seed: int, log: bool
) -> Solution:
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
    if solver.solve(model.model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return start
    found = decode(model, solver.value)
    if score(instance, found)["objective"] < score(instance, start)["objective"]:
        return found
    return start


def solve(
    instance: Instance, time_limit: float = 60.0, workers: int = 2, seed: int = 0,
    use_hint: bool = True, log: bool = False, calm: bool = True,
) -> Result:
    """Find a start solution, hint the exact model with it, solve, decode, score exactly."""
    began = time.monotonic()
    if proof := capacity_shortfall(instance):
        return Result("infeasible", None, None, None, None, time.monotonic() - began,
                      reason=proof)
    if proof := too_long(instance):
        return Result("needs-split", None, None, None, None, time.monotonic() - began,
                      reason=proof)
    start, origin = None, "none"
    if use_hint:
        start, origin = start_solution(instance, 0.4 * time_limit, workers, seed, log,
                                       first_seconds=0.8 * time_limit)
        if origin == "infeasible":
            return Result("needs-split", None, None, None, None, time.monotonic() - began,
                          start=origin, reason=NOT_WHOLE)
    if calm and start is not None and time_limit - (time.monotonic() - began) > 10:
        start = _calm_phase(instance, start, 0.4 * (time_limit - (time.monotonic() - began)),
                            workers, seed, log)
    model = build(instance)
    if start is not None:
        hint(model, start)
        complete_hint(model, workers, seed)
    solver = _solver(time_limit - (time.monotonic() - began), workers, seed, log)
    code = solver.solve(model.model)
    status = STATUS.get(code, "unknown")
    start_objective = score(instance, start)["objective"] if start is not None else None
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        seconds = time.monotonic() - began
        if start is None and code == cp_model.INFEASIBLE:
            # The full model restricts ordered tracks to one room a session: only the
            # relaxed model (no restriction) can prove infeasibility.
            left = max(1.0, time_limit - seconds)
            _, origin = start_solution(instance, left, workers, seed, log, use_greedy=False)
            seconds = time.monotonic() - began
            if origin == "infeasible":
                return Result("needs-split", None, None, None, None, seconds, start=origin,
                              reason=NOT_WHOLE)
            status = "unknown"
        if start is None:
            return Result(status, None, None, None, None, seconds, start=origin,
                          reason=f"no schedule found in {seconds:.1f}s (not proven "
                                 "infeasible)")
        return Result("feasible", start, score(instance, start), None, None, seconds,
                      start=origin, start_objective=start_objective)
    solution = decode(model, solver.value)
    model_terms = {
        name: int(sum(solver.value(part) for part in parts)) + model.offset.get(name, 0)
        for name, parts in model.terms.items() if instance.weights[name]
    }
    return Result(
        status=status, solution=solution, score=score(instance, solution),
        model_objective=round(solver.objective_value),
        bound=max(0, math.ceil(solver.best_objective_bound - 1e-6)),
        seconds=time.monotonic() - began,
        model_terms=model_terms, start=origin, start_objective=start_objective,
    )
