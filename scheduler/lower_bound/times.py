"""A lower bound from the **time relaxation**: every required session's start, with the
rules of time that hold between all of them, and no rooms assigned; the terms that depend
only on when sessions run, **preferences** and **instrument spread**, bounded together.

The argument (docs/rules.md; weights ``w``):

- ``preferences`` is a sum over sessions of a cost that depends only on the session's own
  start and length (its named people's avoid/prefer windows; people chosen from a pool
  add nothing here, which only lowers it); ``instrument_spread`` a sum over (instrument
  with two or more sessions, day) of ``max(0, sessions of it that day - ceil(sessions of
  it / days))``. Counting only required sessions on a day counts no more than the
  schedule's (optional ones may add), so the spread counted here is at most the
  schedule's; preferences of optional sessions are left out (at least 0).
- The hard rules kept hold in every schedule: each required session starts in its own
  domain (its facts: frames, pins, availability, fixed breaks and exclusives) and runs for
  its least length (rounded up to steps; shorter only lets more in); ``track-overlap``
  for sessions of one possible track; ``person-overlap`` for the people named in two or
  more sessions (without the changeover, which only lets more in);
  ``person-daily-limit`` for named people; **one copy of the placed breaks** (the
  schedule's: each break starts in its window on each of its days, and no session that
  observes breaks overlaps it); and ``room-overlap`` summed over sets of rooms: the
  sessions whose possible rooms all lie in a set ``S`` (one set per distinct list of
  possible rooms, and every room) are at no moment more than ``|S|`` (their rooms'
  availability ignored, which only lets more in). Every other rule is dropped.
- So the model's least ``w_p preferences + w_s spread`` (CP-SAT's proven optimum or its
  best bound when its units end the search) is at most what any schedule pays for the
  two terms.

This bound covers both terms **together**, so it is never added to another part that
covers preferences or spread: :func:`scheduler.lower_bound.combined.lower_bound` adds it
to the track relaxation solved *without* preferences (room fit, track-room stability and
dropped), and keeps the larger of that split and the usual one (the track relaxation with
preferences plus the spread's flow floor).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model
from ortools.sat.python.cp_model import Domain

from scheduler.calendar import DAY
from scheduler.facts import SessionFacts, ceil_div
from scheduler.lower_bound.tracks import (
    add_placed_breaks,
    limited_solver,
    preference_costs,
    preference_levels,
    stopped_by_seconds,
)
from scheduler.scenario.model import Scenario

TERMS = ("preferences", "instrument_spread")
"""The terms the time relaxation bounds together."""

ROOM_SETS = 60
"""At most this many sets of rooms get a ``room-overlap`` sum (the smallest first: they
bind most); every room's sum is always kept."""


@dataclass
class TimeBound:
    """The time relaxation's bound of :data:`TERMS` together."""

    value: float
    """Lower bound of ``w_p preferences + w_s instrument_spread`` (a whole number)."""
    proven: bool
    """CP-SAT proved the model's optimum (else its best bound)."""
    cut: bool
    """The seconds, not the units, ended a search without a proof."""
    sessions: int
    deterministic: float = 0.0


def time_relaxation(scenario: Scenario, facts: dict[str, SessionFacts],
                    limit: float = 10.0, workers: int = 1,
                    seconds: float | None = None) -> TimeBound:
    """The bound of the module docstring, CP-SAT stopped by ``limit`` deterministic units
    (and ``seconds`` when given)."""
    weights = scenario.weights
    g = scenario.event.granularity
    per_day = DAY // g
    days = len(scenario.days)
    totals: dict[str, int] = defaultdict(int)
    for session in scenario.sessions:
        totals[session.instrument] += 1
    prefs = preference_costs(scenario, facts) if weights.preferences else {}
    limits = {p.id: p.max_sessions_per_day for p in scenario.people
              if p.max_sessions_per_day is not None}
    m = cp_model.CpModel()
    objective: list[Any] = []
    by_track: dict[str, list[Any]] = defaultdict(list)
    by_person: dict[str, list[Any]] = defaultdict(list)
    person_days: dict[tuple[str, int], list[Any]] = defaultdict(list)
    by_rooms: dict[frozenset[str], list[Any]] = defaultdict(list)
    observing: list[Any] = []
    on_day: dict[tuple[str, int], list[Any]] = defaultdict(list)
    count = 0
    for f in facts.values():
        if f.optional or f.domain.is_empty() or not f.durations:
            continue
        count += 1
        start = m.new_int_var_from_domain(f.domain, "")
        interval = m.new_fixed_size_interval_var(
            start, ceil_div(min(f.durations.values()), g), "")
        if len(f.session.tracks) == 1:
            by_track[f.session.tracks[0]].append(interval)
        for person in f.session.person_ids:
            by_person[person].append(interval)
        if f.observes_breaks:
            observing.append(interval)
        if f.needs_room and f.rooms:
            by_rooms[frozenset(o.room for o in f.rooms)].append(interval)
        for c, lit in preference_levels(m, start, prefs.get(f.id, {})):
            objective.append(weights.preferences * c * lit)
        spread = weights.instrument_spread and totals[f.session.instrument] >= 2
        mine = [p for p in f.session.person_ids if p in limits]
        if not (spread or mine):
            continue
        flat = f.domain.flattened_intervals()
        lits = []
        for d in range(flat[0] // per_day, flat[-1] // per_day + 1):
            day = Domain(d * per_day, d * per_day + per_day - 1)
            if f.domain.intersection_with(day).is_empty():
                continue
            lit = m.new_bool_var("")
            m.add_linear_expression_in_domain(start, day).only_enforce_if(lit)
            lits.append(lit)
            if spread and d < days:
                on_day[(f.session.instrument, d)].append(lit)
            for person in mine:
                person_days[(person, d)].append(lit)
        m.add_exactly_one(lits)
    for intervals in list(by_track.values()) + list(by_person.values()):
        if len(intervals) > 1:
            m.add_no_overlap(intervals)
    for (person, _), lits in person_days.items():
        if len(lits) > limits[person]:
            m.add(sum(lits) <= limits[person])
    sets = sorted(by_rooms, key=len)[:ROOM_SETS]
    everything = frozenset(r.id for r in scenario.rooms)
    if everything not in sets:
        sets.append(everything)
    for rooms in sets:
        within = [iv for other, ivs in by_rooms.items() if other <= rooms for iv in ivs]
        if len(within) > len(rooms):
            m.add_cumulative(within, [1] * len(within), len(rooms))
    add_placed_breaks(m, scenario, observing)
    for (name, _), lits in on_day.items():
        share = math.ceil(totals[name] / days)
        if len(lits) > share:
            excess = m.new_int_var(0, len(lits) - share, "")
            m.add(excess >= sum(lits) - share)
            objective.append(weights.instrument_spread * excess)
    if not objective:
        return TimeBound(0.0, True, False, count)
    m.minimize(sum(objective))
    solver = limited_solver(limit, workers, seconds)
    # core-based search raises the bound of a sum of many small costs faster: 1,425
    # against 1,349 with the default search at 3 units on informs 17 (1,526 / 1,483 on 15)
    solver.parameters.optimize_with_core = True
    status = solver.solve(m)
    units = solver.deterministic_time
    if status == cp_model.OPTIMAL:
        return TimeBound(float(round(solver.objective_value)), True, False, count, units)
    if status == cp_model.INFEASIBLE:
        raise ValueError("the sessions cannot be placed even with only the rules of time "
                         "(the event has no schedule)")
    cut = seconds is not None and stopped_by_seconds(units, limit)
    value = max(0, math.ceil(solver.best_objective_bound - 1e-6)) \
        if status == cp_model.FEASIBLE else 0
    return TimeBound(float(value), False, cut, count, units)
