"""A lower bound from the **track relaxation**: each track's sessions scheduled on their
own, the rooms' time priced (a Lagrangian relaxation of the rooms shared between tracks).

The argument, term by term (docs/rules.md; weights ``w``):

- ``preferences`` (named people's avoid/prefer windows) is a sum over sessions of a cost
  that depends only on the session's own start and length; ``room_fit`` a sum over
  sessions of a cost that depends only on its own room (sessions whose participants the
  schedule decides, registrations given to them, are counted 0: their waste may be 0);
  ``track_room_stability`` a sum over (track, day) of ``max(0, distinct rooms - 1)`` of
  that track's sessions. All three split by track: a track's part depends only on where
  its own sessions go.
- ``dropped`` (optional sessions left out) is per session too: an optional session is a
  group of its own that pays the least of its weight (dropped) and its own least
  preference and priced room (placed), and one no start is left for pays its weight.
- A required session with one possible track is in that track in every schedule. A session that
  may choose among several tracks, or has none, is a group of its own here: the
  stability of a track counted over only its single-track sessions is at most the
  schedule's (fewer sessions use no more rooms), and its own preference and room fit are
  at least their least values.
- Within a track, the hard rules kept are those of the session alone (the start domain
  of its facts: frames, pins, availability of its people, fixed breaks and exclusives;
  its possible rooms and each room's available starts) and ``track-overlap`` (two
  sessions of a track never overlap). Every other rule (rooms and people shared between
  tracks, placed breaks, participant clashes, ...) is dropped, which only lets more
  schedules in. So each track's least cost is at most what any schedule pays for its
  track, and their sum (with the groups of one) at most what any schedule pays for the
  three terms.
- The rooms' time couples tracks: a room holds at most the minutes of every day's frame
  (``M_r``). For any prices ``λ_r >= 0`` a minute, adding ``Σ_r λ_r (minutes used in r -
  M_r)`` (at most 0 in every schedule) to the cost keeps every schedule's cost at most
  its own, and the priced cost still splits by track: the bound is
  ``Σ_groups min(cost + Σ λ_r minutes in r) - Σ_r λ_r M_r``. The prices are the duals of
  the room-fit transportation LP (``floors.room_fit_lp``); with them the bound is at
  least that LP's room-fit floor plus the per-session preference floor (each track's
  least is at least the sum of its sessions' own leasts).
- Each track's least is CP-SAT's (its proven optimum, or its best bound when the limit
  ends the search first: a bound of the least is as good for a bound); prices are rounded
  down to 1/``SCALE`` per session and room, which only lowers the costs.

The other terms (participant clashes, compact days, instrument spread, facilitators,
...) are not in the relaxation: their own floors (``floors.py``) are added, since the least
of a sum is at least the sum of the leasts.

Rooms interchangeable within a track (the same capacity and price, a possible room of the
same sessions with the same available starts) are one room in its sub-model: a track's
sessions never overlap, so one room of a class can hold all that several held, with no
more distinct rooms and the same costs.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model
from ortools.sat.python.cp_model import Domain

from scheduler.calendar import DAY
from scheduler.facts import FactBuilder, SessionFacts, ceil_div
from scheduler.scenario.model import Scenario

SCALE = 100
"""Costs in the sub-models are in 1/SCALE units (prices are not integers)."""

TERMS = ("preferences", "room_fit", "track_room_stability", "dropped")
"""The terms the relaxation bounds together; every other term keeps its own floor."""


@dataclass
class TrackBound:
    """The relaxation's bound of the three terms together, and how it was reached."""

    value: float
    """Lower bound of ``Σ weight x value`` over :data:`TERMS` (not rounded)."""
    tracks: int
    proven: int
    """Tracks whose sub-model was solved to optimality (the others give CP-SAT's bound)."""
    alone: int
    """Required sessions that are a group of their own (several or no possible tracks)."""
    price_offset: float
    """``Σ_r λ_r M_r``, subtracted."""
    per_track: dict[str, float] = field(default_factory=dict)
    deterministic: float = 0.0
    """CP-SAT's deterministic time over all sub-models."""


def preference_costs(scenario: Scenario, facts: dict[str, SessionFacts]
                     ) -> dict[str, dict[int, int]]:
    """Session id -> {start step: named people's (avoid touched + prefer missed)} over its
    allowed starts (sessions none of whose people has windows are left out: cost 0)."""
    g = scenario.event.granularity
    windows = {}
    for person in scenario.people:
        if person.avoid or person.prefer:
            windows[person.id] = (
                bool(person.avoid), bool(person.prefer),
                scenario.windows_in_event_time(person.avoid, person.timezone),
                scenario.windows_in_event_time(person.prefer, person.timezone))
    out: dict[str, dict[int, int]] = {}
    for f in facts.values():
        mine = [windows[pid] for pid in f.session.person_ids if pid in windows]
        if not mine or f.domain.is_empty():
            continue
        costs: dict[int, int] = {}
        for step in _steps(f.domain):
            minutes = f.durations.get(step * g // DAY)
            if minutes is None:
                continue
            start = step * g
            end = start + minutes
            costs[step] = sum(
                (avoids and any(start < we and ws < end for ws, we in avoid))
                + (prefers and not any(ws <= start and end <= we for ws, we in prefer))
                for avoids, prefers, avoid, prefer in mine)
        out[f.id] = costs
    return out


def room_prices(scenario: Scenario, facts: dict[str, SessionFacts]) -> dict[str, float]:
    """Room id -> price of a minute: the duals of the room-fit transportation LP (each
    session needing a room to one of its rooms, a room holding at most every day's frame
    minutes, least weighted wasted seats). Prices are 0 where the minutes do not bind."""
    weight = scenario.weights.room_fit
    capacity = {r.id: r.capacity for r in scenario.rooms}
    minutes = _room_minutes(scenario)
    solver = pywraplp.Solver.CreateSolver("GLOP")
    load: dict[str, Any] = {room: 0 for room in capacity}
    cost: Any = 0
    unpriced = _unpriced(scenario)
    for f in facts.values():
        if not f.needs_room or not f.rooms or f.optional:
            continue
        length = min(f.durations.values()) if f.durations else 0
        xs = {o.room: solver.NumVar(0.0, 1.0, "") for o in f.rooms}
        solver.Add(sum(xs.values()) == 1)
        for room, x in xs.items():
            load[room] += length * x
            if f.id not in unpriced:
                cost += weight * max(0, (capacity[room] - f.session.participants) // 10) * x
    rows = {room: solver.Add(expression <= minutes) for room, expression in load.items()
            if not isinstance(expression, int)}
    solver.Minimize(cost)
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        return {}
    return {room: max(0.0, -row.dual_value()) for room, row in rows.items()}


def track_relaxation(scenario: Scenario, facts: dict[str, SessionFacts] | None = None,
                     prices: dict[str, float] | None = None, limit: float = 5.0,
                     workers: int = 1) -> TrackBound:
    """The bound of the module docstring. ``prices``: λ per room and minute (default:
    :func:`room_prices`; ``{}`` for none). ``limit``: deterministic units for each
    track's sub-model (its best bound is taken when the limit ends the search)."""
    facts = facts if facts is not None else FactBuilder(scenario).build()
    prices = room_prices(scenario, facts) if prices is None else prices
    prefs = preference_costs(scenario, facts)
    groups: dict[str, list[SessionFacts]] = defaultdict(list)
    alone: list[SessionFacts] = []
    unpriced = _unpriced(scenario)
    total = 0.0
    for f in facts.values():
        if f.optional:
            drop = float(scenario.weights.dropped)
            total += drop if f.domain.is_empty() else min(
                drop, _alone(scenario, f, prefs.get(f.id, {}), prices, unpriced))
        elif f.domain.is_empty():
            raise ValueError(f"session {f.id} has no possible start (the event has no "
                             "schedule)")
        elif len(f.session.tracks) == 1:
            groups[f.session.tracks[0]].append(f)
        else:
            alone.append(f)
    for f in alone:
        total += _alone(scenario, f, prefs.get(f.id, {}), prices, unpriced)
    per_track: dict[str, float] = {}
    proven = 0
    deterministic = 0.0
    for track, members in sorted(groups.items()):
        value, optimal, units = _track(scenario, members, prefs, prices, unpriced, limit,
                                       workers)
        per_track[track] = value
        proven += optimal
        deterministic += units
        total += value
    offset = _room_minutes(scenario) * sum(prices.values())
    return TrackBound(value=total - offset, tracks=len(groups), proven=proven,
                      alone=len(alone), price_offset=offset, per_track=per_track,
                      deterministic=deterministic)


def _room_minutes(scenario: Scenario) -> int:
    """What a room holds at most: the minutes of every day's frame."""
    return sum(end - start for start, end in (scenario.frame(d) for d in scenario.days))


def _unpriced(scenario: Scenario) -> set[str]:
    """Sessions whose room fit is not counted: those registrations may be given to
    (their participants, so their waste, are the schedule's)."""
    chosen = {ref for r in scenario.participants.registrations for ref in r.choices}
    return {s.id for s in scenario.sessions
            if s.id in chosen or (s.series is not None and s.series in chosen)}


def _waste(scenario: Scenario, f: SessionFacts, room: str, unpriced: set[str]) -> int:
    if f.id in unpriced:
        return 0
    capacity = next(r.capacity for r in scenario.rooms if r.id == room)
    return scenario.weights.room_fit * max(0, (capacity - f.session.participants) // 10)


def _alone(scenario: Scenario, f: SessionFacts, prefs: dict[int, int],
           prices: dict[str, float], unpriced: set[str]) -> float:
    """A session on its own: its least preference cost plus its least priced room."""
    value: float = scenario.weights.preferences * min(prefs.values(), default=0)
    if f.needs_room and f.rooms:
        length = min(f.durations.values()) if f.durations else 0
        value += min(_waste(scenario, f, o.room, unpriced) + prices.get(o.room, 0.0) * length
                     for o in f.rooms)
    return float(value)


def _track(scenario: Scenario, members: list[SessionFacts], prefs: dict[str, dict[int, int]],
           prices: dict[str, float], unpriced: set[str], limit: float, workers: int
           ) -> tuple[float, bool, float]:
    """(least priced cost of one track's sessions, whether proven, deterministic time)."""
    weights = scenario.weights
    g = scenario.event.granularity
    per_day = DAY // g
    m = cp_model.CpModel()
    objective: list[Any] = []
    intervals = []
    # rooms of one class: same capacity, price and (session, available starts) options
    options: dict[str, list[tuple[str, tuple[int, ...]]]] = defaultdict(list)
    for f in members:
        if f.needs_room:
            for o in f.rooms:
                options[o.room].append((f.id, tuple(o.domain.flattened_intervals())))
    capacity = {r.id: r.capacity for r in scenario.rooms}
    keep: dict[tuple[Any, ...], str] = {}
    for room in sorted(options):
        key = (capacity[room], prices.get(room, 0.0), tuple(sorted(options[room])))
        keep.setdefault(key, room)
    kept = set(keep.values())
    used: dict[tuple[str, int], Any] = {}
    days_of_rooms: dict[int, list[Any]] = defaultdict(list)
    for f in members:
        domain = f.domain
        flat = domain.flattened_intervals()
        start = m.new_int_var_from_domain(domain, f"start[{f.id}]")
        size = ceil_div(min(f.durations.values()), g)
        intervals.append(m.new_fixed_size_interval_var(start, size, ""))
        costs = prefs.get(f.id, {})
        if costs and max(costs.values()) > 0:
            by_cost: dict[int, list[int]] = defaultdict(list)
            for step, c in costs.items():
                by_cost[c].append(step)
            levels = []
            for c, steps in by_cost.items():
                lit = m.new_bool_var("")
                m.add_linear_expression_in_domain(start, Domain.from_values(steps)) \
                    .only_enforce_if(lit)
                levels.append(lit)
                if c:
                    objective.append(SCALE * weights.preferences * c * lit)
            m.add_exactly_one(levels)
        if not (f.needs_room and f.rooms):
            continue
        days = sorted({d for d in range(flat[0] // per_day, flat[-1] // per_day + 1)
                       if not domain.intersection_with(
                           Domain(d * per_day, d * per_day + per_day - 1)).is_empty()})
        day_lits = {}
        for d in days:
            lit = m.new_bool_var("")
            m.add_linear_expression_in_domain(
                start, Domain(d * per_day, d * per_day + per_day - 1)).only_enforce_if(lit)
            day_lits[d] = lit
        m.add_exactly_one(day_lits.values())
        length = min(f.durations.values())
        xs = []
        for o in f.rooms:
            if o.room not in kept:
                continue
            x = m.new_bool_var("")
            xs.append(x)
            if not domain.is_included_in(o.domain):
                m.add_linear_expression_in_domain(start, o.domain).only_enforce_if(x)
            cost = SCALE * _waste(scenario, f, o.room, unpriced) \
                + math.floor(SCALE * prices.get(o.room, 0.0) * length + 1e-9)
            if cost:
                objective.append(cost * x)
            for d, dl in day_lits.items():
                if (o.room, d) not in used:
                    used[(o.room, d)] = m.new_bool_var("")
                    days_of_rooms[d].append(used[(o.room, d)])
                m.add_bool_or([used[(o.room, d)], x.Not(), dl.Not()])
        m.add_exactly_one(xs)
    if len(intervals) > 1:
        m.add_no_overlap(intervals)
    if weights.track_room_stability:
        for lits in days_of_rooms.values():
            if len(lits) > 1:
                excess = m.new_int_var(0, len(lits) - 1, "")
                m.add(excess >= sum(lits) - 1)
                objective.append(SCALE * weights.track_room_stability * excess)
    if not objective:
        return 0.0, True, 0.0
    m.minimize(sum(objective))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    solver.parameters.max_deterministic_time = limit
    status = solver.solve(m)
    if status == cp_model.OPTIMAL:
        return solver.objective_value / SCALE, True, solver.deterministic_time
    if status == cp_model.INFEASIBLE:
        raise ValueError(f"track {members[0].session.tracks[0]}: its sessions cannot be "
                         "placed even on their own (the event has no schedule)")
    return max(0.0, solver.best_objective_bound / SCALE), False, solver.deterministic_time


def _steps(domain: Domain) -> list[int]:
    flat = domain.flattened_intervals()
    return [s for i in range(0, len(flat), 2) for s in range(flat[i], flat[i + 1] + 1)]
