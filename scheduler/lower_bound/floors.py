"""Per-term floors computed without a search: each soft term's least value over every
schedule, or a number below it, from a relaxation of that term alone.

Every schedule pays each soft term at least that term's own least value, so the sum of
per-term floors is a lower bound on the whole objective. The floors here:

- **room-fit LP** (:func:`room_fit_lp`): a transportation relaxation. Each session goes to
  one of the rooms it fits, and the sessions of a room take at most the room's minutes
  over the whole event (every frame, breaks and availability ignored, which only lets
  more in). The LP's optimum, rounded up, bounds the wasted seats of every schedule;
- **compact-days energy** (:func:`compact_days_energy`): on every day the sessions that
  need a room end by the day's latest end, so the days' (latest end - frame start) times
  the rooms hold every such minute; the least sum of steps that holds them is a floor;
- **preferences per session** (:func:`preferences_per_session`): each session's least
  avoid/prefer cost over its own starts;
- **instrument spread flow** (:func:`instrument_spread_flow`): a min-cost flow of each
  instrument's sessions to the days they may take;
- **fair load** (:func:`fair_load_floor`): the people chosen from pools share the needs
  at best evenly among everyone who qualifies for one, and a series that keeps its people
  in a role (``continuity-roles``) gives the person chosen there every meeting.

Optional sessions are left out of every floor here (a schedule may drop them; the
``dropped`` term is bounded by :mod:`scheduler.lower_bound.tracks`).
"""

from __future__ import annotations

import math
from typing import Any

from scheduler.calendar import DAY
from scheduler.facts import FactBuilder, SessionFacts
from scheduler.lower_bound.tracks import room_fit_transport
from scheduler.scenario.model import Scenario


def room_fit_lp(scenario: Scenario, facts: dict[str, SessionFacts] | None = None,
                room_minutes: float | None = None) -> float:
    """The room-fit floor of the transportation relaxation (see the module docstring):
    least wasted seats in tens when a room only limits the total minutes it holds
    (:func:`scheduler.lower_bound.tracks.room_fit_transport`). Sessions whose headcount the
    schedule decides (registrations given to them) add nothing (their waste may be 0).
    ``room_minutes``: what a room holds (default: the minutes of every day's frame, less
    the placed breaks', :func:`scheduler.lower_bound.tracks.break_minutes`)."""
    facts = facts if facts is not None else FactBuilder(scenario).build()
    return room_fit_floor(room_fit_transport(scenario, facts, room_minutes, breaks=True))


def room_fit_floor(solved: tuple[float, dict[str, float]] | None) -> float:
    """The floor :func:`room_fit_lp` reads off the solved LP (0 when it was not solved)."""
    if solved is None:
        return 0.0
    return float(max(0, math.ceil(solved[0] - 1e-6)))


def compact_days_energy(scenario: Scenario, facts: dict[str, SessionFacts] | None = None
                        ) -> float:
    """The compact-days floor of the energy argument (see the module docstring): the least
    sum over days of ``(latest end - frame start) // granularity`` with which the rooms
    can hold every minute of the sessions that need one. Each day that holds ``s`` steps
    of ``R`` rooms holds at most ``R * g * (s + 1)`` minutes (the value counts the steps
    of the latest end rounded down), and no more than its frame; the least total of ``s``
    is ``ceil((minutes - days * R * g) / (R * g))``: every used day holds its first step
for free, and each further step holds the same minutes on any day (frames only cap it,
and a cap ignored lets more in)."""
    facts = facts if facts is not None else FactBuilder(scenario).build()
    g = scenario.event.granularity
    rooms = len(scenario.rooms)
    need = sum(min(f.durations.values()) for f in facts.values()
               if f.needs_room and f.durations and not f.optional)
    if not rooms or not need:
        return 0.0
    days = len(scenario.days)
    per_step = rooms * g  # minutes one more step of every room holds
    # every used day holds its first step for free (value 0); use every day
    left = need - days * per_step
    return float(max(0, math.ceil(left / per_step)))


def preferences_per_session(scenario: Scenario,
                            facts: dict[str, SessionFacts] | None = None) -> float:
    """The preferences floor of each session on its own: the least, over the starts the
    session may take, of its named people's (avoid touched + prefer missed) there, summed
    over sessions (people chosen from a pool add nothing). Rooms and other sessions are
    ignored, which only lets more starts in."""
    facts = facts if facts is not None else FactBuilder(scenario).build()
    g = scenario.event.granularity
    people = {p.id: p for p in scenario.people}
    windows = {}
    for person in scenario.people:
        if person.avoid or person.prefer:
            windows[person.id] = (
                scenario.windows_in_event_time(person.avoid, person.timezone),
                scenario.windows_in_event_time(person.prefer, person.timezone))
    total = 0
    for f in facts.values():
        mine = [(bool(people[pid].avoid), bool(people[pid].prefer), *windows[pid])
                for pid in f.session.person_ids if pid in windows]
        if not mine or f.domain.is_empty() or f.optional:
            continue
        least = len(mine) * 2
        for lo, hi in _ranges(f.domain):
            for step in range(lo, hi + 1):
                start = step * g
                minutes = f.durations.get(start // DAY)
                if minutes is None:
                    continue
                end = start + minutes
                cost = sum((avoids and any(start < we and ws < end for ws, we in avoid))
                           + (prefers and not any(ws <= start and end <= we
                                                  for ws, we in prefer))
                           for avoids, prefers, avoid, prefer in mine)
                least = min(least, cost)
                if least == 0:
                    break
            if least == 0:
                break
        total += least
    return float(total)


def instrument_spread_flow(scenario: Scenario,
                           facts: dict[str, SessionFacts] | None = None) -> float:
    """The instrument-spread floor of the days sessions may take: per instrument with two
    or more sessions, its required sessions go each to a day its facts allow a start on,
    and every session beyond ``ceil(sessions / days)`` on a day costs 1; the least total
    over all such choices (a min-cost flow, exact), summed over instruments. Times,
    rooms and people are ignored, which only lets more choices in; optional sessions are
    left out (a schedule may drop them)."""
    from ortools.graph.python import min_cost_flow

    facts = facts if facts is not None else FactBuilder(scenario).build()
    g = scenario.event.granularity
    per_day = DAY // g
    days = len(scenario.days)
    totals: dict[str, int] = {}
    for session in scenario.sessions:
        totals[session.instrument] = totals.get(session.instrument, 0) + 1
    total = 0
    for name, count in totals.items():
        if count < 2:
            continue
        share = math.ceil(count / days)
        options = []
        for f in facts.values():
            if f.session.instrument != name or f.optional:
                continue
            allowed = {d for lo, hi in _ranges(f.domain)
                       for d in range(lo // per_day, hi // per_day + 1)
                       if d in f.durations and d < days}
            if allowed:
                options.append(sorted(allowed))
        if len(options) <= share:
            continue
        flow = min_cost_flow.SimpleMinCostFlow()
        source, sink = len(options) + days, len(options) + days + 1
        for i, choice in enumerate(options):
            flow.add_arc_with_capacity_and_unit_cost(source, i, 1, 0)
            for d in choice:
                flow.add_arc_with_capacity_and_unit_cost(i, len(options) + d, 1, 0)
        for d in range(days):
            flow.add_arc_with_capacity_and_unit_cost(len(options) + d, sink, share, 0)
            flow.add_arc_with_capacity_and_unit_cost(len(options) + d, sink, len(options), 1)
        flow.set_node_supply(source, len(options))
        flow.set_node_supply(sink, -len(options))
        if flow.solve() == flow.OPTIMAL:
            total += flow.optimal_cost()
    return float(total)


def _ranges(domain: Any) -> list[tuple[int, int]]:
    """The (lo, hi) intervals of a CP-SAT domain."""
    flat = domain.flattened_intervals()
    return [(flat[i], flat[i + 1]) for i in range(0, len(flat), 2)]


ANALYTIC = {"room_fit": room_fit_lp, "compact_days": compact_days_energy,
            "preferences": preferences_per_session,
            "instrument_spread": instrument_spread_flow}
"""Term -> a floor computed without CP-SAT."""


def fair_load_floor(scenario: Scenario) -> int:
    """``fair_load``'s least value (unweighted): at least the needs of the required
    sessions over the people who qualify for any of them (rounded up), and at least the
    meetings of a required series that keeps the person it chooses in a role (hand1: the
    coordinator of a five-meeting community of practice is assigned five times)."""
    from scheduler.scenario.pools import needs, qualifies

    total = 0
    pool: set[str] = set()
    kept: dict[tuple[str, str], int] = {}
    for session in scenario.sessions:
        if session.optional:
            continue
        wanted = needs(scenario, session)
        for role, count in wanted.items():
            total += count
            pool.update(p.id for p in scenario.people if qualifies(p, session, role))
        rule = scenario.catalogue.get(session.instrument)
        if rule is None or session.series is None or session.occurrence is None:
            continue
        for role in rule.continuity_roles:
            if wanted.get(role, 0) > 0:
                kept[(session.series, role)] = kept.get((session.series, role), 0) + 1
    floor = max(kept.values(), default=0)
    if pool:
        floor = max(floor, -(-total // len(pool)))
    return floor


def choices_floor(scenario: Scenario, facts: dict[str, SessionFacts] | None = None,
                  ) -> float:
    """``choices`` and ``preferred_size`` together (weighted): a min-cost flow of the
    registrations' ``take`` places to their choices, with no time, no rooms chosen and no
    overlaps (each of which only lets more in).

    Each registration sends ``take`` units: to its choice of rank ``i`` (at most one unit,
    on any one of its runs) at ``i`` times the ``choices`` weight, or to an empty place at
    ``len(choices)`` times it; the best possible (``0 + ... + take - 1``) is taken off, as
    the term does. A run takes at most its instrument's ``max-participants`` and the seats
    of its largest possible room, less its fixed ``participants:``; given participants
    beyond the instrument's preferred maximum (less the fixed ones) cost the
    ``preferred_size`` weight each. Every required session's fixed participants above
    that maximum are paid whatever the schedule (the term's constant part, counted for
    every required session, registrations or not). Integral: the flow's optimum is the
    least cost of an assignment that keeps only the capacities, so every schedule pays at
    least that (hand1: the study tours' bound was 116 for a proven 763)."""
    from ortools.graph.python import min_cost_flow

    facts = facts if facts is not None else FactBuilder(scenario).build()
    weights = scenario.weights
    w_choice, w_size = weights.choices, weights.preferred_size
    seats = {r.id: r.capacity for r in scenario.rooms}
    constant = 0
    for f in facts.values():
        preferred = f.instrument.preferred_max_participants
        if preferred is not None and not f.optional:
            constant += w_size * max(0, f.session.participants - preferred)
    wishing = [r for r in scenario.participants.registrations if r.choices]
    if not wishing or not (w_choice or w_size):
        return float(constant)
    runs: dict[str, list[str]] = {}
    for session in scenario.sessions:
        runs.setdefault(session.id, [session.id])
        if session.run is not None and session.series is not None:
            runs.setdefault(session.series, []).append(session.id)
    flow = min_cost_flow.SimpleMinCostFlow()
    nodes: dict[Any, int] = {}

    def node(key: Any) -> int:
        return nodes.setdefault(key, len(nodes))
    source, sink = node("source"), node("sink")
    used: set[str] = set()
    places = 0
    best = 0
    for r in wishing:
        n = len(r.choices)
        places += r.take
        best += r.take * (r.take - 1) // 2
        me = node(("registration", r.id))
        flow.add_arc_with_capacity_and_unit_cost(source, me, r.take, 0)
        flow.add_arc_with_capacity_and_unit_cost(me, sink, r.take, w_choice * n)
        for i, ref in enumerate(r.choices):
            options = [sid for sid in runs.get(ref, []) if sid in facts]
            if not options:
                continue
            pick = node(("choice", r.id, i))
            flow.add_arc_with_capacity_and_unit_cost(me, pick, 1, w_choice * i)
            for sid in options:
                flow.add_arc_with_capacity_and_unit_cost(pick, node(("run", sid)), 1, 0)
                used.add(sid)
    for sid in sorted(used):
        f = facts[sid]
        most = f.instrument.max_participants
        cap = f.session.participants + places if most is None else most
        if f.needs_room and f.rooms:
            cap = min(cap, max(seats.get(o.room, 0) for o in f.rooms))
        cap = max(0, min(places, cap - f.session.participants))
        if not cap:
            continue
        preferred = f.instrument.preferred_max_participants
        free = cap if preferred is None else max(0, min(cap, preferred - f.session.participants))
        if free:
            flow.add_arc_with_capacity_and_unit_cost(node(("run", sid)), sink, free, 0)
        if cap > free:
            flow.add_arc_with_capacity_and_unit_cost(node(("run", sid)), sink, cap - free,
                                                     w_size)
    flow.set_node_supply(source, places)
    flow.set_node_supply(sink, -places)
    if flow.solve() != flow.OPTIMAL:
        return float(constant)
    return float(constant + max(0, flow.optimal_cost() - w_choice * best))
