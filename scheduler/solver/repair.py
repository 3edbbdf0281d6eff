"""Placing the last sessions the greedy left out: small neighbourhood re-solves (LNS).

Elastic mode starts from a complete hint that leaves some required sessions out. Rather
than search the whole model, fix every session far from a left-out one (other times, rooms,
tracks and people) and let CP-SAT re-place the few around it; repeat while it helps. The
improved assignment becomes the complete hint of the main search.
"""

from __future__ import annotations

import random
import time

from ortools.sat.python import cp_model

from scheduler.solver.model import ScheduleModel
from scheduler.solver.variables import SessionVars

NEIGHBOURHOOD = 120
"""Sessions freed around the left-out ones in a first re-solve; it grows while stuck."""
MAX_NEIGHBOURHOOD = 600


def place_left_out(built: ScheduleModel, deadline: float, seed: int = 0) -> int:
    """Re-solve neighbourhoods until every required session is placed or time is up.

    Returns how many required sessions are still left out.
    """
    values = built.hint_values
    if values is None:
        return -1
    rng = random.Random(seed)
    left = _left_out(built, values)
    stale = 0
    while left and time.monotonic() < deadline - 0.5:
        target = left[stale % len(left)]
        size = min(NEIGHBOURHOOD * (1 + stale), MAX_NEIGHBOURHOOD)
        freed = _neighbourhood(built, values, target, rng, size)
        improved = _resolve(built, values, freed | {sv.id for sv in left},
                            min(4.0, deadline - time.monotonic()), seed + stale)
        if improved is not None:
            values = improved
            built.set_full_hint(values)
            now_left = _left_out(built, values)
            stale = 0 if len(now_left) < len(left) else stale + 1
            left = now_left
        else:
            stale += 1
    return len(left)


def _left_out(built: ScheduleModel, values: list[int]) -> list[SessionVars]:
    return [sv for sv, lit in built.vars.required_unplaced() if not values[lit.index]]


def _neighbourhood(built: ScheduleModel, values: list[int], target: SessionVars,
                   rng: random.Random, size: int) -> set[str]:
    """Sessions sharing a person, track or candidate room with ``target`` near its times."""
    f = target.facts
    lo = f.domain.min() if not f.domain.is_empty() else 0
    hi = (f.domain.max() if not f.domain.is_empty() else 0) + max(f.steps(built.vars.grid.g)
                                                                     .values())
    people = set(f.session.person_ids)
    links = {*f.session.after, *f.session.same_day_as, *f.session.not_parallel_with}
    tracks = set(target.track_lits)
    rooms = set(target.room_lits)
    close: list[str] = []
    related: list[str] = []
    other: list[str] = []
    for sv in built.vars.sessions.values():
        if sv is target:
            continue
        start = values[sv.start.index]
        other_links = {*sv.facts.session.after, *sv.facts.session.same_day_as,
                       *sv.facts.session.not_parallel_with}
        linked = (sv.id in links or (sv.facts.session.series or "") in links
                  or target.id in other_links)
        shares = linked or bool(people & set(sv.facts.session.person_ids)
                                or tracks & set(sv.track_lits))
        in_room = any(values[lit.index] for room, lit in sv.room_lits.items() if room in rooms)
        if shares or (sv.facts.exclusive and sv.facts.domain.size() > 1):
            related.append(sv.id)  # exclusive sessions stop everything: always movable
        elif start < hi and lo < start + built.vars.grid.per_day // 4:
            (close if in_room else other).append(sv.id)
    rng.shuffle(related)
    rng.shuffle(close)
    rng.shuffle(other)
    chosen = related[: size // 2]
    chosen += close[: size - len(chosen)]
    chosen += other[: size - len(chosen)]
    return set(chosen)


def _resolve(built: ScheduleModel, values: list[int], free: set[str], time_limit: float,
             seed: int) -> list[int] | None:
    """Re-solve with every session outside ``free`` fixed; the better solution, if any."""
    if time_limit <= 0.2:
        return None
    model = built.model.clone()
    # Only placement matters here: the main search optimises the rest afterwards.
    model.clear_objective()
    model.minimize(sum(1 - model.get_int_var_from_proto_index(lit.index)
                       for _, lit in built.vars.required_unplaced()))
    for sv in built.vars.sessions.values():
        if sv.id in free:
            continue
        for var in (sv.start, sv.placed, *sv.room_lits.values(), *sv.track_lits.values()):
            if var is not None and var.index >= 0:
                clone = model.get_int_var_from_proto_index(var.index)
                model.add(clone == values[var.index])
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    solver.parameters.catch_sigint_signal = False
    solver.parameters.keep_all_feasible_solutions_in_presolve = True
    solver.parameters.cp_model_probing_level = 0
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    new = [int(v) for v in solver.response_proto.solution]
    old_cost = sum(1 for _, lit in built.vars.required_unplaced() if not values[lit.index])
    new_cost = sum(1 for _, lit in built.vars.required_unplaced() if not new[lit.index])
    return new if new_cost <= old_cost else None
