"""A floor of **participant clashes**: the sessions whose starts are the most constrained,
placed together by CP-SAT with every other session left out.

The term (docs/rules.md) is a sum over pairs of placed sessions that overlap of the
people who want both (``Scenario.interest_counts``). Take any set ``S`` of required
(not optional) sessions; in every schedule the pairs inside ``S`` that overlap pay at
most the whole term (every pair's count is at least 0). So the least, over every way
of placing ``S`` alone, of what its overlapping pairs pay is a floor of the term, for
any set of rules that every schedule keeps on ``S``. The rules kept here:

- each session's own possible starts (its facts: frames, pins, availability of its
  people, fixed breaks, exclusives);
- ``track-overlap`` (a session of one possible track) and ``person-overlap`` (named
  people) between the sessions of ``S``;
- ``after`` (a session starts once every session, or meeting of a series, in its
  ``after:`` has ended) and ``not-parallel`` between the sessions of ``S`` (both are
  placed: ``S`` has no optional session); the time axis is the facts' steps, days one
  after another, so an earlier day's session ends before a later day's starts;
- ``room-overlap`` for the sessions that can go to one room only (those sharing it never
  overlap), and at no moment more sessions that need a room than the event's rooms;
- the **placed breaks**, one copy (the schedule's): every break once on each of its days
  in its window, and no session of ``S`` that observes breaks overlaps it.

Each session runs for its least length (a schedule's session holds at least that, so
two that overlap here overlap there: the floor only drops); starts are on the grid, so
counting in steps keeps every overlap of minutes. Every other session, room and rule is
dropped, which only lets more placements in. CP-SAT's bound of the least (its optimum
when proven) is the floor: a bound of a floor is a floor.

``S``: the sessions with at most ``max_starts`` possible starts (the pinned, the
available a few hours, ...) and the pairs of wanted sessions among them. A session with
many starts can nearly always be moved off a wanted one; the clashes a schedule cannot
avoid are mostly among the sessions that have little choice.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from scheduler.facts import FactBuilder, SessionFacts, ceil_div
from scheduler.lower_bound.tracks import limited_solver, placed_break_starts
from scheduler.scenario.model import Scenario

MAX_STARTS = 40
"""Sessions with at most this many possible starts form the set ``S`` of the floor (see
the module docstring; docs/checker.md gives the measurements behind it)."""


@dataclass
class ClashFloor:
    """The floor of participant clashes (the term's value, not weighted)."""

    value: int
    proven: bool
    """CP-SAT proved its least (else its bound so far, still a floor)."""
    sessions: int
    """Sessions in ``S``."""
    pairs: int
    """Pairs of ``S`` that someone wants both of."""
    deterministic: float = 0.0


def clash_floor(scenario: Scenario, facts: dict[str, SessionFacts] | None = None,
                max_starts: int = MAX_STARTS, limit: float = 10.0, workers: int = 1,
                seconds: float | None = None) -> ClashFloor:
    """The floor of the module docstring: at most ``limit`` deterministic units, and
    ``seconds`` (wall, the CPU time left to the bound) when given."""
    facts = facts if facts is not None else FactBuilder(scenario).build()
    chosen = {sid: f for sid, f in facts.items()
              if not f.optional and not f.domain.is_empty() and f.durations
              and f.domain.size() <= max_starts}
    pairs = [(a, b, count) for (a, b), count in scenario.interest_counts().items()
             if count > 0 and a in chosen and b in chosen]
    if not pairs:
        return ClashFloor(0, True, len(chosen), 0)
    in_pairs = {sid for a, b, _ in pairs for sid in (a, b)}
    g = scenario.event.granularity
    m = cp_model.CpModel()
    start: dict[str, Any] = {}
    size: dict[str, int] = {}
    interval: dict[str, Any] = {}
    for sid, f in chosen.items():
        start[sid] = m.new_int_var_from_domain(f.domain, f"start[{sid}]")
        size[sid] = ceil_div(min(f.durations.values()), g)
        interval[sid] = m.new_fixed_size_interval_var(start[sid], size[sid], "")
    by_track: dict[str, list[Any]] = defaultdict(list)
    by_person: dict[str, list[Any]] = defaultdict(list)
    by_room: dict[str, list[Any]] = defaultdict(list)
    for sid, f in chosen.items():
        if len(f.session.tracks) == 1:
            by_track[f.session.tracks[0]].append(interval[sid])
        for person in set(f.session.person_ids):
            by_person[person].append(interval[sid])
        if f.needs_room and len(f.rooms) == 1:
            by_room[f.rooms[0].room].append(interval[sid])
    for group in (*by_track.values(), *by_person.values(), *by_room.values()):
        if len(group) > 1:
            m.add_no_overlap(group)
    by_ref: dict[str, list[str]] = defaultdict(list)  # a session id or series -> sessions
    for sid, f in chosen.items():
        for key in {sid, f.session.series} - {None}:
            by_ref[str(key)].append(sid)
    for sid, f in chosen.items():
        for ref in f.session.after:
            for first in by_ref.get(ref, []):
                if first != sid:  # (a meeting of the series it follows: the rule's own)
                    m.add(start[sid] >= start[first] + size[first])
        for ref in f.session.not_parallel_with:
            for other in by_ref.get(ref, []):
                if other != sid:
                    m.add_no_overlap([interval[sid], interval[other]])
    rooms = len(scenario.rooms)
    roomed = [interval[sid] for sid, f in chosen.items() if f.needs_room]
    copies = [[m.new_fixed_size_interval_var(m.new_int_var(lo, hi, ""), steps, "")
               for lo, hi, steps in days] for days in placed_break_starts(scenario)]
    observing = [interval[sid] for sid, f in chosen.items()
                 if f.observes_breaks and f.needs_room]
    if rooms and len(roomed) > rooms:  # no more sessions at once than rooms
        m.add_cumulative(roomed, [1] * len(roomed), rooms)
    for days in copies if rooms and observing else []:
        # a break takes every room from the sessions that observe it (one break at a
        # time: two placed breaks may overlap each other)
        if days:
            m.add_cumulative(observing + days, [1] * len(observing) + [rooms] * len(days),
                             rooms)
    for sid, f in chosen.items():
        if f.observes_breaks and not f.needs_room and sid in in_pairs:
            for days in copies:
                if days:
                    m.add_no_overlap([interval[sid], *days])
    objective = []
    for a, b, count in pairs:
        clash = m.new_bool_var("")
        before, after = m.new_bool_var(""), m.new_bool_var("")
        m.add(start[a] + size[a] <= start[b]).only_enforce_if(before)
        m.add(start[b] + size[b] <= start[a]).only_enforce_if(after)
        m.add_bool_or([clash, before, after])
        objective.append(count * clash)
    m.minimize(sum(objective))
    solver = limited_solver(limit, workers, seconds)
    status = solver.solve(m)
    if status == cp_model.OPTIMAL:
        return ClashFloor(round(solver.objective_value), True, len(chosen), len(pairs),
                          solver.deterministic_time)
    if status == cp_model.FEASIBLE:
        return ClashFloor(max(0, int(solver.best_objective_bound + 1e-6)), False,
                          len(chosen), len(pairs), solver.deterministic_time)
    return ClashFloor(0, False, len(chosen), len(pairs), solver.deterministic_time)
