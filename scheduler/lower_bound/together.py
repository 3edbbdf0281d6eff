"""A joint floor of **participant clashes, room fit and dropped**: what runs together, as a
linear program over sets of sessions (#17, ``proofs15``).

Cut any schedule's day into the stretches where the same set ``S`` of sessions runs
(a *configuration*), and let ``x[S, d]`` be the minutes ``S`` runs on day ``d``. Then:

- each session ``i`` runs its length ``l_i`` (its least length: a longer session holds a
  stretch of that length, whose overlaps and room are a subset of the whole's), so
  ``sum over S containing i of x[S, d] = l_i`` (times ``1 - d_i`` for an optional session,
  ``d_i`` its dropped share at the ``dropped`` weight each);
- day ``d`` holds at most ``T_d`` minutes (the span of its frame and every session's
  possible times that day), and the sessions that observe breaks at most ``T_d - B_d``
  (``B_d``: the least minutes the placed breaks take of the frame in every schedule,
  :func:`scheduler.lower_bound.tracks.break_minutes`);
- ``S`` keeps the rules of what may run together: no two of its sessions share a named
  person, a single possible track or a ``not-parallel-with``, none runs beside an exclusive
  session that observes breaks, its sessions that need a room take distinct rooms they
  may take, at most ``hybrid.licences`` need a licence and at most ``event.max-parallel``
  observe breaks (every schedule's stretch keeps them all);
- the cost of a minute of ``S``: for each pair in ``S`` wanted together by ``n`` people,
  ``weight * n / min(l_a, l_b)`` (two sessions overlap for at most the shorter's length,
  so the pair's minutes together are charged at most the clash it pays), plus the least
  room fit of ``S``'s sessions in distinct rooms, each ``fit(i, room) / l_i`` a minute
  (over its ``l_i`` minutes, the session's own fit when it keeps one room).

Every schedule is such an ``x`` of at most its clashes + room fit + dropped (the
schedule's own rooms are one assignment of each stretch; the least is cheaper), so the
least of the LP is a floor of those three terms together. Unlike the separate floors
(clashes alone, rooms alone), it prices what the day's time forces to run side by side:
seminar seed 1's three terms get 258.7 here against 143 for room fit + stability +
dropped and 0-90 for the clash floor.

The configurations are enumerated (at most :data:`MAX_CONFIGS`, else no floor), so the
LP is exact; the floor is its dual objective after shifting each day's time price by
the worst violation over every configuration (weak duality on a dual solution made
feasible, not the solver's primal value), so rounding in the LP solver cannot lift it
above the true least. Only events of at most :data:`MAX_SESSIONS` sessions are tried.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ortools.linear_solver import pywraplp

from scheduler.facts import FactBuilder, SessionFacts, TimeGrid
from scheduler.lower_bound.tracks import break_minutes
from scheduler.scenario.model import Scenario

TERMS = ("participant_clashes", "room_fit", "dropped")
"""The terms the floor bounds together."""

MAX_SESSIONS = 50
"""Events of more sessions get no floor here (pycon, 100 sessions, 6 rooms: the
configurations are too many to enumerate, and column generation reached 331 there in 27
CPU s, below the separate floors' 358: benchmarks/results/proofs/proofs15)."""

MAX_CONFIGS = 5_000
"""At most this many configurations are enumerated; beyond, no floor. The seminar's seeds
0-4 have 821-1,779 (0.05-0.16 CPU s); knowledge-week has 72,957 (its floor there, 84, is
its room-fit floor anyway)."""


@dataclass
class TogetherFloor:
    """The floor of the three terms (weighted), and how it was made."""

    value: float
    configurations: int


@dataclass
class _Session:
    facts: SessionFacts
    length: int
    days: set[int]
    fit: dict[str, float] | None
    """Room -> weighted fit a minute (None: needs no room)."""


def _sessions(scenario: Scenario, facts: dict[str, SessionFacts]) -> dict[str, _Session] | None:
    grid = TimeGrid(scenario)
    weight = scenario.weights.room_fit
    capacity = {r.id: r.capacity for r in scenario.rooms}
    chosen = {ref for r in scenario.participants.registrations for ref in r.choices}
    out: dict[str, _Session] = {}
    for sid, f in facts.items():
        if f.domain.is_empty() or not f.durations:
            return None  # no schedule, or a session without a length: not this floor's
        length = min(f.durations.values())
        if length <= 0:
            return None
        days = {d for d in f.durations
                if not f.domain.intersection_with(grid.day_range(d)).is_empty()}
        fit = None
        if f.needs_room:
            if not f.rooms:
                return None
            priced = not (sid in chosen or (f.session.series is not None
                                             and f.session.series in chosen))
            fit = {o.room: (weight * max(0, (capacity[o.room] - f.session.participants) // 10)
                            / length if priced else 0.0) for o in f.rooms}
        out[sid] = _Session(f, length, days, fit)
    return out


def _apart(scenario: Scenario, sessions: dict[str, _Session]) -> set[tuple[str, str]]:
    """Sorted pairs that never overlap in any schedule."""
    by_ref: dict[str, list[str]] = defaultdict(list)
    for sid, s in sessions.items():
        for key in {sid, s.facts.session.series} - {None}:
            by_ref[str(key)].append(sid)
    apart: set[tuple[str, str]] = set()

    def add(a: str, b: str) -> None:
        if a != b:
            apart.add((min(a, b), max(a, b)))
    by_person: dict[str, list[str]] = defaultdict(list)
    by_track: dict[str, list[str]] = defaultdict(list)
    for sid, s in sessions.items():
        session = s.facts.session
        for person in set(session.person_ids):
            by_person[person].append(sid)
        if len(session.tracks) == 1:
            by_track[session.tracks[0]].append(sid)
        for ref in session.not_parallel_with:
            for other in by_ref.get(ref, []):
                add(sid, other)
        if s.facts.exclusive:
            for other, o in sessions.items():
                if o.facts.observes_breaks:
                    add(sid, other)
    for group in (*by_person.values(), *by_track.values()):
        for a, b in itertools.combinations(group, 2):
            add(a, b)
    return apart


def overlap_minutes(a: int, b: int) -> int:
    """The most minutes two sessions of these lengths run together (the shorter's length):
    a pair wanted together is charged its clash over that many minutes, so no overlap
    pays more than the clash."""
    return min(a, b)


EXACT_ROOMS = 12
"""Up to this many rooms a set's least room fit is its exact assignment (a dynamic
programme over the rooms used); with more, each session's cheapest room, distinct or not
(lower, so still a floor, and never more than a few sessions' states)."""


def _room_cost(members: list[_Session], rooms: dict[str, int]) -> float | None:
    """Least fit a minute of the members that need a room, in distinct rooms (None: they
    cannot all have one); with more than :data:`EXACT_ROOMS` rooms, the sum of each one's
    cheapest room (at most the least in distinct rooms)."""
    if len(rooms) > EXACT_ROOMS:
        return sum(min(s.fit.values()) for s in members if s.fit is not None)
    best = {0: 0.0}  # rooms used (bit mask) -> least cost
    for s in members:
        if s.fit is None:
            continue
        step: dict[int, float] = {}
        for mask, cost in best.items():
            for room, fit in s.fit.items():
                bit = 1 << rooms[room]
                if not mask & bit and step.get(mask | bit, float("inf")) > cost + fit:
                    step[mask | bit] = cost + fit
        best = step
        if not best:
            return None
    return min(best.values())


def together_floor(scenario: Scenario, facts: dict[str, SessionFacts] | None = None,
                   max_configs: int = MAX_CONFIGS) -> TogetherFloor | None:
    """The floor of the module docstring (weighted), or None when the event is too large,
    has more configurations than ``max_configs``, or the LP is not solved."""
    weights = scenario.weights
    if not (weights.participant_clashes or weights.room_fit or weights.dropped):
        return None
    facts = facts if facts is not None else FactBuilder(scenario).build()
    if not facts or len(facts) > MAX_SESSIONS:
        return None
    sessions = _sessions(scenario, facts)
    if sessions is None:
        return None
    apart = _apart(scenario, sessions)
    per_minute: dict[tuple[str, str], float] = {}
    for (a, b), count in scenario.interest_counts().items():
        if count and a in sessions and b in sessions and (a, b) not in apart:
            per_minute[(a, b)] = (weights.participant_clashes * count
                                  / overlap_minutes(sessions[a].length, sessions[b].length))
    ids = sorted(sessions)
    rooms = {r.id: i for i, r in enumerate(scenario.rooms)}
    licences = scenario.hybrid.licences
    parallel = scenario.parallel_limit
    banned: dict[str, set[str]] = {sid: set() for sid in ids}
    for a, b in apart:
        banned[a].add(b)
        banned[b].add(a)
    configs: list[tuple[tuple[str, ...], float]] = []

    def grow(first: int, members: list[str], out: frozenset[str], roomed: int,
             licensed: int, observing: int) -> bool:
        if members:
            cost = _room_cost([sessions[m] for m in members], rooms)
            if cost is None:
                return True  # (a superset needs even more rooms)
            cost += sum(per_minute.get(pair, 0.0)
                        for pair in itertools.combinations(members, 2))
            configs.append((tuple(members), cost))
            if len(configs) > max_configs:
                return False
        for k in range(first, len(ids)):
            sid = ids[k]
            s = sessions[sid]
            if sid in out:
                continue
            counts = (roomed + (s.fit is not None),
                      licensed + s.facts.session.needs_licence,
                      observing + s.facts.observes_breaks)
            if (counts[0] > len(rooms) or (licences is not None and counts[1] > licences)
                    or (parallel is not None and counts[2] > parallel)):
                continue
            if not grow(k + 1, [*members, sid], out | banned[sid], *counts):
                return False
        return True

    if not grow(0, [], frozenset(), 0, 0, 0):
        return None
    grid = TimeGrid(scenario)
    g = grid.g
    span: dict[int, tuple[int, int]] = {}
    for d, date in enumerate(scenario.days):
        span[d] = scenario.frame(date)
    for s in sessions.values():
        for d in s.days:
            steps = s.facts.domain.intersection_with(grid.day_range(d))
            lo = (steps.min() - d * grid.per_day) * g
            hi = (steps.max() - d * grid.per_day) * g + s.facts.durations[d]
            span[d] = (min(span[d][0], lo), max(span[d][1], hi))
    minutes = {d: hi - lo for d, (lo, hi) in span.items()}
    taken = break_minutes(scenario)
    return _solve(scenario, sessions, configs, minutes, taken)


def _solve(scenario: Scenario, sessions: dict[str, _Session],
           configs: list[tuple[tuple[str, ...], float]], minutes: dict[int, int],
           taken: dict[int, int]) -> TogetherFloor | None:
    solver = pywraplp.Solver.CreateSolver("GLOP")
    dropped = scenario.weights.dropped
    cover: dict[str, list[Any]] = defaultdict(list)
    held: dict[int, list[Any]] = defaultdict(list)
    held_observing: dict[int, list[Any]] = defaultdict(list)
    objective: Any = 0
    for members, cost in configs:
        days = set.intersection(*(sessions[m].days for m in members))
        observes = any(sessions[m].facts.observes_breaks for m in members)
        for d in days:
            x = solver.NumVar(0.0, solver.infinity(), "")
            objective += cost * x
            held[d].append(x)
            if observes:
                held_observing[d].append(x)
            for m in members:
                cover[m].append(x)
    rows = {}
    for sid, s in sessions.items():
        if not cover[sid]:
            return None
        if s.facts.optional:
            share = solver.NumVar(0.0, 1.0, "")
            objective += dropped * share
            rows[sid] = solver.Add(sum(cover[sid]) + s.length * share == s.length)
        else:
            rows[sid] = solver.Add(sum(cover[sid]) == s.length)
    day_rows = {d: solver.Add(sum(xs) <= minutes[d]) for d, xs in held.items()}
    observing_rows = {d: solver.Add(sum(xs) <= max(0, minutes[d] - taken.get(d, 0)))
                      for d, xs in held_observing.items() if taken.get(d, 0)}
    solver.Minimize(objective)
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    # a dual solution made feasible: prices of the sessions (an optional one's at most
    # its dropped price a minute), of each day's minutes and observing minutes (<= 0);
    # each day's price lowered by the most any configuration breaks its row by
    pi = {sid: row.dual_value() for sid, row in rows.items()}
    for sid, s in sessions.items():
        if s.facts.optional:
            pi[sid] = min(pi[sid], dropped / s.length)
    mu = {d: min(0.0, row.dual_value()) for d, row in day_rows.items()}
    nu = {d: min(0.0, row.dual_value()) for d, row in observing_rows.items()}
    worst: dict[int, float] = dict.fromkeys(mu, 0.0)
    for members, cost in configs:
        days = set.intersection(*(sessions[m].days for m in members))
        observes = any(sessions[m].facts.observes_breaks for m in members)
        priced = sum(pi[m] for m in members)
        for d in days:
            excess = priced + mu[d] + (nu.get(d, 0.0) if observes else 0.0) - cost
            worst[d] = max(worst[d], excess)
    value = (sum(s.length * pi[sid] for sid, s in sessions.items())
             + sum(minutes[d] * (mu[d] - worst[d]) for d in mu)
             + sum(max(0, minutes[d] - taken.get(d, 0)) * nu[d] for d in nu))
    # (less a millionth: the sums above are in floating point)
    return TogetherFloor(max(0.0, value - 1e-6 * max(1.0, abs(value))), len(configs))
