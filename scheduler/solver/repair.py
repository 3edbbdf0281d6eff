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
from ortools.sat.python.cp_model import Domain

from scheduler.solver.model import ScheduleModel
from scheduler.solver.reproducible import make_reproducible
from scheduler.solver.search import stop_at
from scheduler.solver.variables import SessionVars

NEIGHBOURHOOD = 120
"""Sessions freed around the left-out ones in a first re-solve; it grows while stuck."""
MAX_NEIGHBOURHOOD = 600
DETERMINISTIC_ROUNDS = 8
"""With --deterministic: most re-solves (counted, instead of a deadline)."""


def place_left_out(built: ScheduleModel, deadline: float, seed: int = 0,
                   workers: int = 1, deterministic: bool = False) -> int:
    """Re-solve neighbourhoods until every required session is placed or time is up.

    Three kinds of neighbourhood take turns (``PATTERN``). *Focused*: for a left-out
    session, pick the start where the fewest placed sessions stand in its way (those
    overlapping it there and sharing its room choice, a person or a track; every session,
    when it is exclusive), and free exactly those, the sessions linked to it and its
    blockers' people on that day, sessions running near that time (so the blockers have
    somewhere to go), and for an exclusive blocker the sessions at the least crowded of
    a few other starts of it; a failed start is tried again only after all the others.
    *Wide*: a random set of sessions around the left-out one, growing while stuck.
    *Two days*: every session on two days, one of them a day the left-out session may
    use (a whole slot often needs a plenary moved to another day, and that day
    reshuffled); slower, so it gets longer and ``workers`` workers. A placed session
    always stays placed.
    ``deterministic``: at most ``DETERMINISTIC_ROUNDS`` re-solves, each stopped on CP-SAT's
    deterministic time (and with interleaved workers), so the outcome does not depend on
    the machine's load; ``deadline`` is then only a safety net.
    Returns how many required sessions are still left out.
    """
    values = built.hint_values
    if values is None:
        return -1
    rng = random.Random(seed)
    left = _left_out(built, values)
    stale = 0
    rounds = 0
    tried: dict[str, set[int]] = {}
    while left and time.monotonic() < deadline - 0.5 and not (
            deterministic and rounds >= DETERMINISTIC_ROUNDS):
        target = left[rounds % len(left)]
        pattern = PATTERN if len(built.vars.sessions) < TWO_DAYS_UP_TO else PATTERN[1:]
        kind = pattern[rounds % len(pattern)]
        freed: set[str] | None = None
        limit = 4.0
        if kind == "focused":
            freed = _focused(built, values, target, rng, tried.setdefault(target.id, set()))
            limit = FOCUSED_SECONDS
        elif kind == "days":
            freed = _two_days(built, values, target, rounds // len(PATTERN))
            limit = DAYS_SECONDS
        if freed is None:
            size = min(NEIGHBOURHOOD * (1 + stale), MAX_NEIGHBOURHOOD)
            freed = _neighbourhood(built, values, target, rng, size)
        rounds += 1
        improved = _resolve(built, values, freed | {sv.id for sv in left},
                            limit if deterministic else min(limit, deadline - time.monotonic()),
                            seed + rounds, workers if kind == "days" else 1, deterministic)
        if improved is not None:
            values = improved
            built.set_full_hint(values)
            now_left = _left_out(built, values)
            stale = 0 if len(now_left) < len(left) else stale + 1
            left = now_left
        else:
            stale += 1
    return len(left)


PATTERN = ("days", "focused", "focused", "wide")
"""The order in which the kinds of neighbourhood take turns."""
TWO_DAYS_UP_TO = 3000
"""Events of at least this many sessions skip the two-day neighbourhood: at 10,000
sessions two days free some 4,000 sessions, and one such re-solve used its 30 s without
placing anything."""
DAYS_SECONDS = 30.0
"""Time limit of one two-day re-solve."""
FOCUSED_SECONDS = 3.0
"""Time limit of one focused re-solve (they are small)."""
FOCUSED_FILL = 160
"""Sessions running near the chosen start freed besides the blockers, for slack."""
FOCUSED_STARTS = 60
"""Most candidate starts of a left-out session weighed per focused neighbourhood."""
EXCLUSIVE_DESTINATIONS = 20
"""Random starts weighed as the new place of an exclusive session in the way."""


def _placed_span(built: ScheduleModel, values: list[int], sv: SessionVars
                 ) -> tuple[int, int] | None:
    """[start, end) in steps of a placed session in ``values``; None when left out."""
    if sv.placed is not None and not values[sv.placed.index]:
        return None
    start = values[sv.start.index]
    size = sv.size if isinstance(sv.size, int) else values[sv.size.index]
    return start, start + size


def _focused(built: ScheduleModel, values: list[int], target: SessionVars,
             rng: random.Random, tried: set[int]) -> set[str] | None:
    """The sessions in ``target``'s way at its least crowded untried start, and slack.

    None when every start of ``target`` has been tried (the caller goes wide).
    """
    grid = built.vars.grid
    f = target.facts
    steps = f.steps(grid.g)
    every = [t for t in _domain_values(f.domain) if grid.day_of(t) in steps]
    if not every:
        return None
    starts = [t for t in every if t not in tried]
    if not starts:  # all tried: go round again (other random slack and destinations)
        tried.clear()
        starts = every
    if len(starts) > FOCUSED_STARTS:
        starts = sorted(rng.sample(starts, FOCUSED_STARTS))
    people = set(f.session.person_ids)
    tracks = set(target.track_lits)
    rooms = set(target.room_lits)
    links = {*f.session.after, *f.session.same_day_as, *f.session.not_parallel_with}
    spans: list[tuple[SessionVars, tuple[int, int]]] = []
    linked: set[str] = set()
    for sv in built.vars.sessions.values():
        if sv is target:
            continue
        other = {*sv.facts.session.after, *sv.facts.session.same_day_as,
                 *sv.facts.session.not_parallel_with}
        if sv.id in links or (sv.facts.session.series or "") in links or target.id in other:
            linked.add(sv.id)
        span = _placed_span(built, values, sv)
        if span is not None:
            spans.append((sv, span))

    def in_way(sv: SessionVars) -> bool:
        if f.exclusive or sv.facts.exclusive:
            return True
        if people & set(sv.facts.session.person_ids) or tracks & set(sv.track_lits):
            return True
        return any(values[lit.index] for room, lit in sv.room_lits.items() if room in rooms)

    best: tuple[float, int, list[str]] | None = None
    for t in starts:
        end = t + steps[grid.day_of(t)]
        blockers = [sv for sv, (a, b) in spans if a < end and t < b and in_way(sv)]
        # A session that cannot move makes the start hopeless; heavy ones cost more.
        if any(sv.facts.domain.size() <= 1 for sv in blockers):
            cost = float("inf")
        else:
            cost = float(len(blockers))
        if best is None or cost < best[0]:
            best = (cost, t, [sv.id for sv in blockers])
    assert best is not None
    _, t, in_way_ids = best
    tried.add(t)
    day = grid.day_of(t)
    freed = {*in_way_ids, *linked}
    busy = set(people)
    for sid in in_way_ids:
        busy |= set(built.vars.sessions[sid].facts.session.person_ids)
    near: list[str] = []
    for sv, (a, _) in spans:
        if sv.id in freed or sv.facts.domain.size() <= 1:
            continue
        if grid.day_of(a) == day and busy & set(sv.facts.session.person_ids):
            freed.add(sv.id)
        elif abs(a - t) < grid.per_day // 6:
            near.append(sv.id)
    rng.shuffle(near)
    freed.update(near[:FOCUSED_FILL])
    # A movable exclusive session in the way needs a whole slot elsewhere: free what
    # runs at the least crowded of a few random starts of it clear of the chosen one.
    end = t + steps[day]
    for sid in in_way_ids:
        sv = built.vars.sessions[sid]
        if not sv.facts.exclusive or sv.facts.domain.size() <= 1:
            continue
        sizes = sv.facts.steps(grid.g)
        away = [u for u in _domain_values(sv.facts.domain)
                if grid.day_of(u) in sizes and (u + sizes[grid.day_of(u)] <= t or u >= end)]
        if not away:
            continue
        best_there: list[str] | None = None
        u = away[0]
        for candidate in rng.sample(away, min(EXCLUSIVE_DESTINATIONS, len(away))):
            size = sizes[grid.day_of(candidate)]
            there = [other.id for other, (a, b) in spans
                     if a < candidate + size and candidate < b and other is not sv]
            if any(built.vars.sessions[o].facts.domain.size() <= 1 for o in there):
                continue
            if best_there is None or len(there) < len(best_there):
                best_there, u = there, candidate
        if best_there is None:
            continue
        slack = [other.id for other, (a, _) in spans
                 if abs(a - u) < grid.per_day // 6 and other.facts.domain.size() > 1]
        rng.shuffle(slack)
        freed.update(best_there)
        freed.update(slack[:FOCUSED_FILL // 2])
    return freed


def _two_days(built: ScheduleModel, values: list[int], target: SessionVars,
              turn: int) -> set[str] | None:
    """Every movable session on a pair of days, at least one of them allowed for
    ``target``; ``turn`` walks through the pairs (those with more of its days first).

    None for a one-day event (the wide neighbourhood is used instead).
    """
    grid = built.vars.grid
    n = len(built.scenario.days)
    if n < 2:
        return None
    own = {grid.day_of(t) for t in _domain_values(target.facts.domain)}
    pairs = [(a, b) for a in range(n) for b in range(a + 1, n) if a in own or b in own]
    if not pairs:
        return None
    pairs.sort(key=lambda p: (-((p[0] in own) + (p[1] in own)), p))
    days = set(pairs[turn % len(pairs)])
    freed: set[str] = set()
    for sv in built.vars.sessions.values():
        span = _placed_span(built, values, sv)
        if span is not None and grid.day_of(span[0]) in days and sv.facts.domain.size() > 1:
            freed.add(sv.id)
    return freed


def _domain_values(domain: Domain) -> list[int]:
    """Every value of an OR-Tools Domain, smallest first."""
    flat = [int(v) for v in domain.flattened_intervals()]
    return [t for lo, hi in zip(flat[::2], flat[1::2], strict=True) for t in range(lo, hi + 1)]


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
             seed: int, workers: int = 1, deterministic: bool = False) -> list[int] | None:
    """Re-solve with every session outside ``free`` fixed; the better solution, if any."""
    if time_limit <= 0.2:
        return None
    ends = None if deterministic else time.monotonic() + time_limit  # the copy counts too
    model = built.model.clone()
    # Only placement matters here: the main search optimises the rest afterwards.
    model.clear_objective()
    model.minimize(sum(1 - model.get_int_var_from_proto_index(lit.index)
                       for _, lit in built.vars.required_unplaced()))
    for sv in built.vars.sessions.values():
        if sv.id in free:
            # Placed stays placed: trading a hard session for an easier one goes nowhere.
            if sv.placed is not None and values[sv.placed.index]:
                model.add(model.get_int_var_from_proto_index(sv.placed.index) == 1)
            continue
        for var in (sv.start, sv.placed, *sv.room_lits.values(), *sv.track_lits.values()):
            if var is not None and var.index >= 0:
                clone = model.get_int_var_from_proto_index(var.index)
                model.add(clone == values[var.index])
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = max(1, workers)
    solver.parameters.random_seed = seed
    solver.parameters.catch_sigint_signal = False
    solver.parameters.keep_all_feasible_solutions_in_presolve = True
    solver.parameters.cp_model_probing_level = 0
    if deterministic:
        # one worker: sequential; more: interleaved and unhinted (an interleaved hinted
        # solve can abort the process, scheduler/solver/reproducible.py)
        make_reproducible(solver, model, time_limit, 5 * time_limit)
    with stop_at(solver, ends):  # CP-SAT's own limit misses parts of presolve at scale
        status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    new = [int(v) for v in solver.response_proto.solution]
    old_cost = sum(1 for _, lit in built.vars.required_unplaced() if not values[lit.index])
    new_cost = sum(1 for _, lit in built.vars.required_unplaced() if not new[lit.index])
    return new if new_cost <= old_cost else None
