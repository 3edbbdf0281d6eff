"""Solving a CoSPLib instance with CP-SAT: greedy hint, search, decoding, exact score."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from confsched_cosplib.instance import Instance
from confsched_cosplib.model import Model, build
from confsched_cosplib.packing import pack_cell_group
from confsched_cosplib.scorer import score
from confsched_cosplib.solution import Solution

STATUS = {
    cp_model.OPTIMAL: "optimal", cp_model.FEASIBLE: "feasible",
    cp_model.INFEASIBLE: "infeasible", cp_model.UNKNOWN: "unknown",
    cp_model.MODEL_INVALID: "invalid",
}


@dataclass
class Result:
    """How the solve went: status, the solution (if any), and its exact score."""

    status: str
    solution: Solution | None
    score: dict[str, Any] | None
    model_objective: int | None
    bound: int | None
    seconds: float
    greedy_objective: int | None = None


def greedy(instance: Instance) -> tuple[dict[tuple[int, int, int], int], dict[tuple[int, int], int]]:
    """A quick assignment: each track, largest first, fills free (session, room) cells of
    one room in session order, then the next room; a cell takes at most one multi-slot
    submission. Returns track cells ``(k, s, r)`` and submission sessions ``(i, s)``;
    it may leave submissions out when the instance is tight (the hint is then partial).
    """
    subs, sessions = instance.submissions, instance.sessions
    n_s, n_r = len(sessions), len(instance.rooms)
    free = {(s, r) for s in range(n_s) for r in range(n_r)}
    cells: dict[tuple[int, int, int], int] = {}
    placed: dict[tuple[int, int], int] = {}
    tracks = sorted(range(len(instance.tracks)),
                    key=lambda k: -sum(subs[i].slots for i in instance.track_submissions(k)))
    for k in tracks:
        todo = sorted(instance.track_submissions(k), key=lambda i: -subs[i].slots)
        rooms = sorted(range(n_r), key=lambda r: -sum(
            sessions[s].slots for s in range(n_s) if (s, r) in free))
        for r in rooms:
            for s in range(n_s):
                if not todo:
                    break
                if (s, r) not in free:
                    continue
                room_left, has_multi, took = sessions[s].slots, False, []
                for i in list(todo):
                    length = subs[i].slots
                    if length <= room_left and not (length > 1 and has_multi):
                        took.append(i)
                        todo.remove(i)
                        room_left -= length
                        has_multi = has_multi or length > 1
                if took:
                    free.discard((s, r))
                    cells[k, s, r] = 1
                    for i in took:
                        placed[i, s] = 1
            if not todo:
                break
    return cells, placed


def decode(model: Model, solver: cp_model.CpSolver) -> Solution:
    """Read the solver's values into the solution grid."""
    inst = model.instance
    solution = Solution.empty(inst)
    n_k, n_s, n_r = len(inst.tracks), len(inst.sessions), len(inst.rooms)
    for (k, s, r), var in model.y.items():
        if solver.Value(var):
            solution.tracks[s][r] = k
    starts = {i: t for (i, s, t), var in model.b.items() if solver.Value(var)}
    in_session: dict[tuple[int, int], list[int]] = {}
    for (i, s), var in model.a.items():
        if solver.Value(var):
            in_session.setdefault((inst.submissions[i].track, s), []).append(i)
    for k in range(n_k):
        for s in range(n_s):
            rooms = [r for r in range(n_r) if solution.tracks[s][r] == k]
            pack_cell_group(inst, solution, s, rooms, in_session.get((k, s), []), starts)
    return solution


def solve(
    instance: Instance, time_limit: float = 60.0, workers: int = 2, seed: int = 0,
    use_hint: bool = True, log: bool = False,
) -> Result:
    """Build the model, hint it with the greedy, solve, decode and score exactly."""
    began = time.monotonic()
    model = build(instance)
    greedy_objective = None
    if use_hint:
        cells, placed = greedy(instance)
        for key, var in model.y.items():
            model.model.AddHint(var, cells.get(key, 0))
        for key, var in model.a.items():
            model.model.AddHint(var, placed.get(key, 0))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, time_limit - (time.monotonic() - began))
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.log_search_progress = log
    code = solver.Solve(model.model)
    status = STATUS.get(code, "unknown")
    seconds = time.monotonic() - began
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Result(status, None, None, None, None, seconds, greedy_objective)
    solution = decode(model, solver)
    return Result(
        status=status, solution=solution, score=score(instance, solution),
        model_objective=round(solver.ObjectiveValue()),
        bound=round(solver.BestObjectiveBound()), seconds=seconds,
        greedy_objective=greedy_objective,
    )
