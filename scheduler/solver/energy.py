"""Redundant "energy" bounds that tie each day's end to the load of its rooms and tracks.

The rule, in plain words: a room (or a track) holds one session at a time, every session of
a day lies between the frame start and the day's last session end, and sessions that
observe breaks never overlap a break. So the minutes of the sessions a room holds on a day
cannot exceed the free time between the frame start and the day's end. The model already
implies this (no-overlap per room, the ``latest`` end of ``compact_days``), but CP-SAT's
linear relaxation does not see it: without it, the bound pretends every session can sit in
its cheapest room *and* every day can end early, which is why the gap between ``room_fit``
and ``compact_days`` never closed. These constraints cut no schedule: they only state what
every schedule already satisfies.

Breaks are counted where they hurt least (as late as their window allows), so the free
time is an upper bound for every placement of the breaks. When break windows (or fixed
breaks) of a day overlap one another, breaks are not counted at all (still valid, weaker).

The *grain* piece (``bounds.py``: ``grain``) sharpens the free time per room: the minutes
a room holds are a sum of its sessions' lengths, so a multiple of their greatest common
divisor ``G``; the free time can then be rounded down to a multiple of ``G`` (30-minute
talks in a room free for 89 minutes: 60, not 89). Still valid for every schedule.
"""

from __future__ import annotations

from collections import defaultdict
from functools import reduce
from math import gcd
from typing import Any

from ortools.sat.python import cp_model

from scheduler.scenario.model import DAY, Scenario
from scheduler.solver.variables import Literal, SessionVars, Variables


def free_minutes(scenario: Scenario, variables: Variables, day: int,
                 lengths: set[int] | None = None) -> list[int]:
    """Free minutes before the day's end, for each value of the day's ``compact_days`` value.

    Entry ``v`` is an upper bound on the minutes a room or track can hold sessions that
    observe breaks on day ``day`` when the day's last session ends at most at
    ``frame start + g*v + g - 1`` (the largest end ``compact_days`` value ``v`` allows).

    ``lengths``: the minutes of every session that may be on the day, when all of them
    observe breaks. Then entry ``v`` is the free time when ``v`` is the day's *least*
    value, i.e. its last session ends at some ``E`` in ``[fs + g*v, fs + g*v + g - 1]``
    (one a session can end at: a grid start plus its length), lasting at least the
    shortest length (:func:`last_end_free`): a placed break can no longer be counted at a
    place that would overlap that last session. The table is then no longer monotone,
    and it holds for the least value only; every schedule of the model has that value at
    its exact cost (``compact_days`` minimises it), so no schedule nor its objective is
    cut.
    """
    g = variables.grid.g
    fs, fe = scenario.frame(scenario.days[day])
    blocked = _latest_breaks(scenario, variables, day)
    last = min(lengths) if lengths else None
    windows = _break_starts(scenario, variables, day) if last and blocked else None
    residues = {(m - (last or 0)) % g for m in lengths or ()} or {0}
    table = []
    for v in range(2 * DAY // g + 1):
        end = min(fs + g * v + g - 1, fe)
        free = max(0, end - fs) - sum(max(0, min(be, end) - max(bs, fs)) for bs, be in blocked)
        if windows is not None and last is not None and fs + g * v <= fe:
            free = min(free, max((last_end_free(fs, e, last, windows)
                                  for e in range(fs + g * v, end + 1)
                                  if (e - last) % g in residues), default=0))
        table.append(max(0, free))
    return table


def last_end_free(fs: int, end: int, last: int,
                  windows: list[tuple[list[int], int]]) -> int:
    """Free minutes in ``[fs, end)`` when a session of at least ``last`` minutes ends at
    ``end`` and each placed break (its possible starts, its minutes) lies where it does not
    overlap that session: before it (ending by ``end - last``) or from ``end`` on. Each
    break takes the least it can of ``[fs, end)``; 0 when some break has no such place
    (no schedule's last session ends at ``end``). The breaks must not overlap one another
    (:func:`_latest_breaks`), so their minutes add up."""
    taken = 0
    for starts, minutes in windows:
        allowed = [s for s in starts if s + minutes <= end - last or s >= end]
        if not allowed:
            return 0
        taken += min(max(0, min(s + minutes, end) - max(s, fs)) for s in allowed)
    return max(0, end - fs - taken)


def _break_starts(scenario: Scenario, variables: Variables,
                  day: int) -> list[tuple[list[int], int]]:
    """Each placed break of the day: its possible starts (clock minutes) and its minutes."""
    g = variables.grid.g
    out = []
    for bv in variables.breaks:
        if bv.day != day:
            continue
        w0, w1 = bv.brk.window
        lo, hi = variables.grid.starts_within(day * DAY + w0, day * DAY + w1, bv.brk.duration)
        out.append(([t * g - day * DAY for t in range(lo, hi + 1)], bv.brk.duration))
    return out


def _latest_breaks(scenario: Scenario, variables: Variables, day: int) -> list[tuple[int, int]]:
    """The day's breaks at their latest possible time (clock minutes); [] if they may overlap."""
    g = variables.grid.g
    date = scenario.days[day]
    spans: list[tuple[int, int]] = []  # the whole range each break may occupy
    placed: list[tuple[int, int]] = []
    for bv in variables.breaks:
        if bv.day != day:
            continue
        w0, w1 = bv.brk.window
        _, hi = variables.grid.starts_within(day * DAY + w0, day * DAY + w1, bv.brk.duration)
        start = hi * g - day * DAY
        spans.append((w0, w1))
        placed.append((start, start + bv.brk.duration))
    for brk in scenario.breaks.fixed:
        if brk.day is None or brk.day == date:
            spans.append((brk.start, brk.end))
            placed.append((brk.start, brk.end))
    spans.sort()
    for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False):
        if s2 < e1:
            return []
    return placed


def grained(table: list[int], grain: int) -> list[int]:
    """The free-time table rounded down to multiples of ``grain`` (a load that is a sum of
    multiples of ``grain`` never exceeds the rounded value)."""
    return [grain * (t // grain) for t in table] if grain > 1 else list(table)


def concave_cuts(table: list[int]) -> list[tuple[int, int, int]]:
    """Lines ``den * y <= num * v + c`` lying on or above every point ``(v, table[v])``.

    They are the segments of the upper concave hull, so the linear relaxation sees the
    free time as a function of the day's end as closely as a straight-line model can.
    """
    hull: list[tuple[int, int]] = []
    for point in enumerate(table):
        while len(hull) >= 2:
            (x1, y1), (x2, y2) = hull[-2], hull[-1]
            x3, y3 = point
            if (y2 - y1) * (x3 - x1) <= (y3 - y1) * (x2 - x1):
                hull.pop()  # the middle point lies on or below the chord
            else:
                break
        hull.append(point)
    cuts = []
    for (x1, y1), (x2, y2) in zip(hull, hull[1:], strict=False):
        den, num = x2 - x1, y2 - y1
        cuts.append((den, num, y1 * den - num * x1))
    return cuts


class EnergyBounds:
    """Adds, per day and per room or track, load <= free time before the day's end."""

    def __init__(self, model: cp_model.CpModel, scenario: Scenario, variables: Variables,
                 grain: bool = False, last_end: bool = False, cliques: bool = False) -> None:
        self.model = model
        self.grain = grain
        """Round each room's (track's) free time down to its sessions' common length
        divisor (the ``grain`` piece)."""
        self.last_end = last_end
        """Count each placed break where it can be given the day's last session (the
        ``last-end`` piece: :func:`free_minutes` with ``lengths``)."""
        self.last_ends = 0
        """Days whose free-time table that made tighter (for tests and reports)."""
        self.cliques = cliques
        """Keep each day's free time (in minutes, no grain) for :meth:`add_cliques`."""
        self.day_free: dict[int, tuple[Any, Any, list[tuple[int, int, int]]]] = {}
        """Day -> (free-time variable, the day's ``compact_days`` value, hull cuts)."""
        self.clique_bounds = 0
        """Number of clash cliques bounded (for tests and reports)."""
        self.grained = 0
        """Number of load constraints whose free time was rounded (for tests and reports)."""
        self.scenario = scenario
        self.vars = variables
        self.added = 0
        """Number of (resource, day) load constraints added (for tests and reports)."""
        self.linked = 0
        """Number of (session, room or track) choices linked to their per-day products."""
        self._products: dict[tuple[str, str, str], tuple[Literal, list[Literal]]] = {}
        self.at_once = 0
        """Number of (limit, day) ``at-once`` load constraints added (for tests and reports)."""

    def add_day(self, day: int, value: cp_model.IntVar, svs: list[SessionVars]) -> None:
        """Bound the load of every room and track on ``day`` by the free time ``value`` allows."""
        m = self.model
        lengths = {sv.facts.durations.get(day, 0) for sv in svs}
        known = (lengths if self.last_end and svs and min(lengths) > 0
                 and all(sv.facts.observes_breaks for sv in svs) else None)
        table = free_minutes(self.scenario, self.vars, day, known)
        self.last_ends += known is not None and table != free_minutes(self.scenario,
                                                                      self.vars, day)
        frees: dict[int, tuple[Any, list[tuple[int, int, int]]]] = {}

        def free_for(grain: int) -> tuple[Any, list[tuple[int, int, int]]]:
            """The free-time variable (and its cuts) for loads in multiples of ``grain``."""
            if grain not in frees:
                rounded = grained(table, grain)
                free = m.new_int_var(0, max(rounded), f"free[{day},{grain}]")
                m.add_element(value, rounded, free)
                frees[grain] = (free, concave_cuts(rounded))
            return frees[grain]

        if self.cliques:
            self.day_free[day] = (*free_for(1), value)  # type: ignore[assignment]
        g = self.vars.grid.g
        loads: dict[tuple[str, str], list[tuple[int, Literal, bool]]] = defaultdict(list)
        for sv in svs:
            minutes = sv.facts.durations.get(day)
            if not minutes:
                continue
            on_day = self._on_day(sv, day)
            observes = sv.facts.observes_breaks
            for room, lit in sv.room_lits.items():
                loads[("room", room)].append((minutes, self._both(sv, "room", room, lit, on_day),
                                              observes))
            for track, lit in sv.track_lits.items():
                loads[("track", track)].append(
                    (minutes, self._both(sv, "track", track, lit, on_day), observes))
        for items in loads.values():
            if len(items) < 2:
                continue
            observing = [(mins, lit) for mins, lit, obs in items if obs]
            if len(observing) >= 2:
                grain = reduce(gcd, (mins for mins, _ in observing)) if self.grain else 1
                free, cuts = free_for(grain)
                self.grained += grain > 1
                load = sum(mins * lit for mins, lit in observing)
                m.add(load <= free)
                for den, num, c in cuts:
                    m.add(den * load <= num * value + c)
                self.added += 1
            if len(observing) < len(items):
                # Sessions that keep their own breaks may overlap a break: frame time only.
                m.add(sum(mins * lit for mins, lit, _ in items) <= g * value + g - 1)

    def add_at_once(self, day: int, value: cp_model.IntVar, svs: list[SessionVars]) -> None:
        """The ``at-once`` piece: per day, the minutes of the sessions a limit on sessions
        at once counts (``hybrid.licences``: online and hybrid sessions; ``max-parallel``:
        sessions that observe breaks) are at most the limit times the day's free time.

        At every moment at most ``L`` of them run, so (intervals) they can be shared out
        among ``L`` lanes none of which holds two at once; each lane holds sessions only
        between the frame start and the day's last end, and (if they observe breaks) never
        across a break: its minutes are at most the free time of :func:`free_minutes`
        (rounded down to the lengths' common divisor, as for a room), whatever the breaks'
        places. Sessions that keep their own breaks count against the frame time only."""
        m = self.model
        g = self.vars.grid.g
        sc = self.scenario
        limits: list[tuple[int, list[SessionVars]]] = []
        if sc.hybrid.licences is not None and sc.hybrid.licences > 0:
            limits.append((sc.hybrid.licences,
                           [sv for sv in svs if sv.facts.session.needs_licence]))
        if sc.parallel_limit is not None and sc.parallel_limit > 0:
            limits.append((sc.parallel_limit,
                           [sv for sv in svs if sv.facts.observes_breaks]))
        table: list[int] | None = None
        for limit, members in limits:
            items = [(sv.facts.durations.get(day, 0), sv) for sv in members]
            items = [(mins, sv) for mins, sv in items if mins]
            if len(items) <= limit:  # never more than the limit at once: nothing to add
                continue
            terms = []
            for mins, sv in items:
                lit = self._on_day(sv, day)
                terms.append(mins * (1 if lit is None else lit))
            load = sum(terms)
            if all(sv.facts.observes_breaks for _, sv in items):
                if table is None:
                    table = free_minutes(sc, self.vars, day)
                grain = reduce(gcd, (mins for mins, _ in items))
                rounded = grained(table, grain)
                free = m.new_int_var(0, max(rounded), f"free_at_once[{day},{grain}]")
                m.add_element(value, rounded, free)
                m.add(load <= limit * free)
                for den, num, c in concave_cuts(rounded):
                    m.add(den * load <= limit * (num * value + c))
            else:
                m.add(load <= limit * (g * value + g - 1))
            self.at_once += 1

    def add_cliques(self, cliques: list[tuple[list[SessionVars], list[tuple[int, Any]]]]) -> None:
        """The ``clique`` piece: for a set of sessions no two of which overlap without a
        clash (one track, and sessions with a clash pair or a person in common with each
        of them), the minutes they hold beyond the free time of the days (summed) are at
        most the minutes their overlapping pairs share: each pair at most its shorter
        length, and only when its overlap literal (a participant clash) is true.

        On a day the sessions lie in the free time before the day's end (:meth:`add_day`),
        and the sum of their lengths exceeds the length of their union by at most the sum
        of their pairwise intersections (same-track and same-person pairs have none)."""
        m = self.model
        for members, pairs in cliques:
            if not all(sv.facts.observes_breaks for sv in members):
                continue
            held: list[Any] = []
            frees: list[Any] = []
            for day, (free, cuts, value) in sorted(self.day_free.items()):
                on = []
                for sv in members:
                    minutes = sv.facts.durations.get(day)
                    if not minutes or day not in self.vars.possible_days(sv):
                        continue
                    lit = self._on_day(sv, day)
                    on.append(minutes * (1 if lit is None else lit))
                if not on:
                    continue
                held.extend(on)
                frees.append(free)
                for den, num, c in cuts:
                    m.add(den * free <= num * value + c)
            if not held:
                continue
            m.add(sum(held) <= sum(frees) + sum(length * lit for length, lit in pairs))
            self.clique_bounds += 1

    def _on_day(self, sv: SessionVars, day: int) -> Literal | None:
        """The session's day literal, or None when the session is surely on ``day``."""
        if sv.placed is None and len(self.vars.possible_days(sv)) == 1:
            return None
        return self.vars.day_lit(sv, day)

    def _both(self, sv: SessionVars, kind: str, key: str, lit: Literal,
              on_day: Literal | None) -> Any:
        """A literal for "in this room/track and on this day" (the choice literal if one day)."""
        if on_day is None:
            return lit
        single = (kind == "room" and len(sv.room_lits) == 1) or (
            kind == "track" and len(sv.track_lits) == 1)
        if single:
            return on_day  # the only option: true exactly when placed, and on this day
        m = self.model
        both = m.new_bool_var(f"on[{sv.id},{kind}:{key}]")
        m.add_implication(both, lit)
        m.add_implication(both, on_day)
        m.add_bool_or([both, lit.Not(), on_day.Not()])
        self._products.setdefault((sv.id, kind, key), (lit, []))[1].append(both)
        return both

    def link_days(self) -> None:
        """A room (track) choice is on exactly one of the session's days: sum of products.

        Call after every day was added; it tightens the relaxation when the day of a
        session is still fractional.
        """
        for lit, products in self._products.values():
            if len(products) > 1:
                self.model.add(sum(products) == lit)
                self.linked += 1
