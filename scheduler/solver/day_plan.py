"""Rooms and days first: a proof of optimality for talks events decided by rooms and days.

On the suite's talks-100 seed 0 CP-SAT's bound reaches the optimum (320) within a few
seconds, while its schedules reach it late: from the polished start (373) its
neighbourhoods pass the same schedules in every run (371, 361, 352, 344, 333, 323, ...),
and whether 320 comes before or after the two-phase search's restart
(``search.search_to_proof``) made the proof take about 3 s or about 7.7 s of 2 idle cores
(benchmarks/results/proofs/proofs14). What decides such an optimum is which room and
which day each talk takes and where each day ends; the times inside the days only have
to fit. This module (#17 ``proofs14``; the relaxation is ``proofs12``'s) solves that
choice first:

1. **The room-and-day relaxation** (:func:`relaxation`): the model without times, one
   Boolean per (session, candidate room, possible day), one integer per day (its
   ``compact_days`` value), per (room, day) and (track, day) the minutes held at most the
   free time that value allows (the ``energy``/``grain``/``last-end`` tables,
   ``energy.py``), and the terms ``room_fit``, ``track_room_stability``,
   ``instrument_spread`` and ``compact_days`` as the model counts them. Every assignment
   of the main model maps to one of this model with each of the four terms at most the
   main model's value, and every other term is a penalty >= 0; so its proven optimum
   ``b`` is a lower bound of every schedule. Why: an assignment's rooms and days are one
   of this model's, each day's ``compact_days`` value as the main model has it (at least
   the day's last end, so at least each of its sessions' earliest end on that day); each
   room and track holds its sessions one at a time between the frame start and that end,
   away from the placed breaks, so within the free time (the tables hold for every
   schedule at its own value); room fit per chosen room, rooms a track uses on a day less
   one, and an instrument's sessions on a day beyond an even share are counted as the
   main model counts them.
2. **The spare-most rooms and days at that optimum**: the same model with its cost at most
   ``b`` and its day ends as found, minimising the (room or track, day) pairs whose load
   leaves less than their grain of free time (a room packed to the minute often has no
   order of its talks that fits).
3. **The main model with those rooms and days fixed** (a room of a group of identical
   rooms stands for the group) and its objective's domain exactly ``b`` (:func:`fitted`):
   a feasibility question (do the talks fit in time?), answered in 0.02-0.13 units on
   talks-100 seeds 0 and 1. A schedule found there costs ``b``, the lower bound: it is
   optimal, proven. It becomes the main search's complete hint and ``b`` the least value
   of the objective's domain, so the search ends OPTIMAL at its first solution.

When the rooms and days do not fit in time and break a clique row (:class:`CliqueRows`,
``proofs16``: a clique of talks that never overlap without a participant clash needs
more minutes on a day than the day has), the plan runs once more with the rows its
relaxation's optima break added (talks-50 seed 4: 233 -> 235, proven). Rooms and days
proven not to fit at their cost are excluded and others tried (:data:`NOGOODS`). When the
relaxation is not proven in its budget, or its rooms and days still do not fit
(talks-100 seeds 2-4), the model, its hint and its search are main's but for the
relaxation's bound, kept as the objective's least value (`talks17`: the plan's seconds
are not lost to the bound); its units and CPU seconds are the cost (:data:`UNITS`,
:data:`SHARE`, :func:`budget`).

**When.** Where the two-phase search runs (talks bound pieces, 2 workers, no
``subsolvers`` given), on models of :data:`FROM_SESSIONS` to :data:`UP_TO_SESSIONS`
sessions where every session must be placed, needs a room, observes the breaks, has a
fixed length and at most one track, and no participants are given by registration choices
(their room fit is a variable); not with capped clash pairs, rooms or people, hook or
extra terms, a re-solve or elastic mode (:func:`applies`).
"""

from __future__ import annotations

import math
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import reduce
from math import gcd
from typing import TYPE_CHECKING, Any

from ortools.sat.python import cp_model

from scheduler.scenario.model import DAY
from scheduler.solver.bounds import talks_like
from scheduler.solver.energy import free_minutes, grained
from scheduler.solver.search import floor_objective, safety_net, stop_at

if TYPE_CHECKING:
    from scheduler.scenario.model import Scenario
    from scheduler.solver.model import ScheduleModel
    from scheduler.solver.options import SolveOptions

FROM_SESSIONS = 50
"""The least sessions of a model given the plan. With the clique rows it proves talks-50
seed 4 (235, which the search alone leaves at 235 / 233 after 300 s) in 0.11 units and
seeds 0, 1, 3 in 0.05-0.76 units (seed 2: none, 0.13 units; `proofs16`); below 50
(talks-25) the search alone proves the suite's optima in 0.1-0.5 units."""
UP_TO_SESSIONS = 100
"""The most sessions of a model given the plan (the small suite; the two-phase search's
``PROOF_UP_TO``)."""

TERMS = ("room_fit", "track_room_stability", "instrument_spread", "compact_days",
         "participant_clashes")
"""The terms the relaxation models (every other one is bounded by 0)."""

MAX_CLIQUES = 5000
"""At most this many maximal cliques of the conflict graph (:func:`cliques`) go into the
relaxation (the suite's talks-100 seeds have 1,233-1,427, talks-50 seed 4 473)."""


def applies(built: ScheduleModel, options: SolveOptions, elastic: bool, capped: bool) -> bool:
    """Whether this model gets the plan (the module docstring's gate)."""
    if not (built.model.has_objective() and talks_like(built.bounds)
            and FROM_SESSIONS <= len(built.vars.sessions) <= UP_TO_SESSIONS
            and options.workers == 2 and "subsolvers" not in options.cp_sat
            and options.max_clash_pairs is None and not options.objective_hooks
            and options.earlier is None and not built.extra_terms
            and not elastic and not capped):
        return False
    groups = built.constraints.groups
    for sv in built.vars.sessions.values():
        facts = sv.facts
        if (sv.placed is not None or not sv.room_lits or len(sv.track_lits) > 1
                or not facts.observes_breaks or not isinstance(sv.minutes, int)
                or not facts.durations or min(facts.durations.values()) <= 0
                or groups.count(sv) is not None):
            return False
    return True


@dataclass
class Relaxation:
    """The room-and-day model (:func:`relaxation`)."""

    model: cp_model.CpModel
    chosen: dict[tuple[str, str, int], Any]
    """The literal of each (session, room, day)."""
    total: Any
    """The objective's terms but participant clashes (weighted)."""
    full: list[Any]
    """Per (room or track or clique row, day): true when its load leaves less than its
    grain free."""
    ends: list[Any]
    """Per day: its ``compact_days`` value."""
    rows: CliqueRows | None = None
    """The clique rows (when participant clashes are weighted), added lazily."""
    clash_weight: int = 0

    def objective(self) -> Any:
        """The objective with the clique rows added so far."""
        if self.rows is None or not self.rows.cost:
            return self.total
        return self.total + self.clash_weight * sum(self.rows.cost)

    def exclude(self, picks: dict[str, tuple[str, int]], groups: list[list[str]]) -> None:
        """Forbid these rooms and days (a room of a group of identical rooms standing for
        the group, as :func:`fitted_model` reads it): at least one session elsewhere."""
        twins = {room: group for group in groups for room in group}
        held = [self.chosen[sid, other, day] for sid, (room, day) in picks.items()
                for other in twins.get(room, [room]) if (sid, other, day) in self.chosen]
        self.model.add(sum(held) <= len(picks) - 1)

    def cut(self, solver: cp_model.CpSolver) -> bool:
        """Add the clique rows ``solver``'s solution breaks, its values as the hint, and
        re-state the objective; whether any was added (then the solution is no image of a
        schedule)."""
        if self.rows is None:
            return False
        broken = self.rows.violated(solver)
        for index, day in broken:
            self.rows.add(index, day)  # (left out of the spare step: proofs16)
        if broken:
            self.model.clear_hints()
            for lit in self.chosen.values():
                self.model.add_hint(lit, solver.boolean_value(lit))
            self.model.minimize(self.objective())
        return bool(broken)


def relaxation(built: ScheduleModel, scenario: Scenario) -> Relaxation:
    """The room-and-day model (module docstring), minimising the four terms."""
    variables = built.vars
    g = variables.grid.g
    weights = {name: built.objective.terms[name][0] for name in TERMS
               if name in built.objective.terms}
    capacity = {r.id: r.capacity for r in scenario.rooms}
    m = cp_model.CpModel()
    ndays = len(scenario.days)
    value = [m.new_int_var(0, 2 * DAY // g, f"compact[{d}]") for d in range(ndays)]
    sessions = list(variables.sessions.values())
    lengths: dict[int, set[int]] = defaultdict(set)
    for sv in sessions:
        for d in variables.possible_days(sv):
            lengths[d].add(sv.facts.durations[d])
    chosen: dict[tuple[str, str, int], Any] = {}
    on_day: dict[tuple[str, int], Any] = {}
    loads: dict[tuple[str, str, int], list[tuple[int, Any]]] = defaultdict(list)
    fit: list[Any] = []
    per_day = DAY // g
    for sv in sessions:
        domain = cp_model.Domain.from_flat_intervals(list(sv.start.proto.domain))
        days = []
        for d in variables.possible_days(sv):
            starts = domain.intersection_with(cp_model.Domain(d * per_day, (d + 1) * per_day - 1))
            if starts.is_empty():
                continue
            minutes = sv.facts.durations[d]
            fs, _ = scenario.frame(scenario.days[d])
            earliest_end = starts.min() * g - d * DAY - fs + minutes
            day = m.new_bool_var(f"day[{sv.id},{d}]")
            m.add(g * value[d] >= earliest_end - g + 1).only_enforce_if(day)
            rooms = []
            for room in sv.room_lits:
                lit = m.new_bool_var(f"x[{sv.id},{room},{d}]")
                chosen[sv.id, room, d] = lit
                rooms.append(lit)
                loads["room", room, d].append((minutes, lit))
                waste = (capacity[room] - sv.facts.session.participants) // 10
                if waste > 0:
                    fit.append(waste * lit)
            m.add(sum(rooms) == day)
            for track in sv.track_lits:
                loads["track", track, d].append((minutes, day))
            on_day[sv.id, d] = day
            days.append(day)
        m.add_exactly_one(days)
    tables = {d: free_minutes(scenario, variables, d, lengths[d]) for d in lengths}
    full: list[Any] = []
    for (_, _, d), items in loads.items():
        grain = reduce(gcd, (minutes for minutes, _ in items))
        table = grained(tables[d], grain)
        free = m.new_int_var(0, max(table), "")
        m.add_element(value[d], table, free)
        load = sum(minutes * lit for minutes, lit in items)
        m.add(load <= free)
        full.append(m.new_bool_var(""))
        m.add(load <= free - grain).only_enforce_if(~full[-1])
    total: list[Any] = []
    if "room_fit" in weights:
        total.append(weights["room_fit"] * sum(fit))
    if "compact_days" in weights:
        total.append(weights["compact_days"] * sum(value))
    if "track_room_stability" in weights:
        members: dict[tuple[str, int], list[Any]] = defaultdict(list)
        for sv in sessions:
            for track in sv.track_lits:
                for d in variables.possible_days(sv):
                    members[track, d].append(sv)
        for (_, d), svs in members.items():
            rooms = sorted({room for sv in svs for room in sv.room_lits})
            if len(svs) < 2 or len(rooms) < 2:
                continue
            used = {room: m.new_bool_var("") for room in rooms}
            for sv in svs:
                for room in sv.room_lits:
                    if (sv.id, room, d) in chosen:
                        m.add_implication(chosen[sv.id, room, d], used[room])
            excess = m.new_int_var(0, len(rooms) - 1, "")
            m.add(excess >= sum(used.values()) - 1)
            total.append(weights["track_room_stability"] * excess)
    if "instrument_spread" in weights and ndays >= 2:
        counts = Counter(s.instrument for s in scenario.sessions)
        by_day: dict[tuple[str, int], list[Any]] = defaultdict(list)
        for (sid, d), day in on_day.items():
            by_day[variables.sessions[sid].facts.session.instrument, d].append(day)
        for (name, _), days_of in by_day.items():
            share = -(-counts[name] // ndays)
            if counts[name] >= 2 and len(days_of) > share:
                excess = m.new_int_var(0, len(days_of) - share, "")
                m.add(excess >= sum(days_of) - share)
                total.append(weights["instrument_spread"] * excess)
    rows = None
    if weights.get("participant_clashes") and built.objective.overlaps:
        rows = CliqueRows(m, built, scenario, on_day, value, tables)
    relaxed = Relaxation(m, chosen, sum(total), full, value, rows,
                         weights.get("participant_clashes", 0))
    m.minimize(relaxed.objective())
    return relaxed


def conflicts(built: ScheduleModel, scenario: Scenario
              ) -> tuple[dict[str, set[str]], dict[tuple[str, str], int]]:
    """The conflict graph of the sessions: an edge joins two sessions that never overlap
    (one track, a person in common, or a pair with shared interest whose possible starts
    or days keep them apart) or whose overlap costs a participant clash; and the clash
    pairs' counts (people who want both: what their overlap costs in the model's
    ``participant_clashes``), keyed by sorted pairs."""
    sessions = built.vars.sessions
    counts = scenario.interest_counts()
    adjacency: dict[str, set[str]] = {sid: set() for sid in sessions}
    soft: dict[tuple[str, str], int] = {}
    for (a, b) in built.objective.overlaps:
        soft[a, b] = counts[min(a, b), max(a, b)]
        adjacency[a].add(b)
        adjacency[b].add(a)
    for (a, b) in built.objective.interested_apart:
        if a in adjacency and b in adjacency:
            adjacency[a].add(b)
            adjacency[b].add(a)
    by_key: dict[str, list[str]] = defaultdict(list)
    for sid, sv in sessions.items():
        for track in sv.track_lits:  # (one track each in the plan's gate)
            by_key["track " + track].append(sid)
        for pid in sv.facts.session.person_ids:
            by_key["person " + pid].append(sid)
    for members in by_key.values():
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                adjacency[a].add(b)
                adjacency[b].add(a)
    return adjacency, soft


def cliques(adjacency: dict[str, set[str]], least: int = 3,
            most: int = MAX_CLIQUES) -> list[list[str]]:
    """Maximal cliques of at least ``least`` nodes (Bron-Kerbosch with a pivot, in a fixed
    order: the same list in every run), at most ``most`` of them."""
    found: list[list[str]] = []

    def expand(clique: list[str], candidates: set[str], excluded: set[str]) -> None:
        if len(found) >= most:
            return
        if not candidates and not excluded:
            if len(clique) >= least:
                found.append(sorted(clique))
            return
        pivot = max(sorted(candidates | excluded), key=lambda v: len(adjacency[v] & candidates))
        for v in sorted(candidates - adjacency[pivot]):
            expand([*clique, v], candidates & adjacency[v], excluded & adjacency[v])
            candidates = candidates - {v}
            excluded = excluded | {v}

    expand([], set(adjacency), set())
    return found


class CliqueRows:
    """The participant clashes a day's cliques of the conflict graph must pay, as rows
    added to the relaxation when its solution breaks them (:meth:`violated`, :meth:`add`).

    On a day, the sessions of a clique that run there lie within the day's free time
    before its end, one at a time except for clash pairs that overlap: the union of their
    times is at least the sum of their minutes less each overlapping pair's shared minutes
    (at most the shorter length), and at most the free minutes of the day's table at its
    ``compact_days`` value (the same table as a room's: sessions that never overlap hold
    at most that). So ``sum(minutes * on day) <= free + sum(shorter * overlap)``, with one
    literal per (clash pair, day), true at most when both are on the day, costing the
    pair's count (:attr:`cost`, weight 1): every schedule's image satisfies each row with
    its overlapping pairs' literals, at most its own ``participant_clashes`` count. A row
    only removes images of no schedule, so any subset of the rows keeps the bound valid.
    """

    def __init__(self, m: cp_model.CpModel, built: ScheduleModel, scenario: Scenario,
                 on_day: dict[tuple[str, int], Any], value: list[Any],
                 tables: dict[int, list[int]]) -> None:
        self.model = m
        self.minutes = {sid: sv.facts.durations for sid, sv in built.vars.sessions.items()}
        self.on_day = on_day
        self.value = value
        self.tables = tables
        adjacency, self.soft = conflicts(built, scenario)
        self.cliques = cliques(adjacency)
        self.free: dict[tuple[int, int], Any] = {}
        self.overlaps: dict[tuple[str, str, int], Any] = {}
        self.cost: list[Any] = []
        """Per (clash pair, day) literal made so far: its count times it."""
        self.added: set[tuple[int, int]] = set()

    def _row(self, index: int, day: int) -> tuple[list[tuple[int, str]], int]:
        """The members of clique ``index`` that may be on ``day`` (minutes, id) and their
        grain (the gcd of their minutes)."""
        on = [(self.minutes[sid][day], sid) for sid in self.cliques[index]
              if (sid, day) in self.on_day]
        return on, reduce(gcd, (minutes for minutes, _ in on), 0)

    def violated(self, solver: cp_model.CpSolver) -> list[tuple[int, int]]:
        """The (clique, day) rows not yet added that ``solver``'s solution breaks."""
        broken = []
        for index in range(len(self.cliques)):
            for day, table in self.tables.items():
                if (index, day) in self.added:
                    continue
                on, grain = self._row(index, day)
                load = sum(minutes for minutes, sid in on
                           if solver.boolean_value(self.on_day[sid, day]))
                if len(on) >= 2 and load > grained(table, grain)[solver.value(self.value[day])]:
                    broken.append((index, day))
        return broken

    def add(self, index: int, day: int) -> Any:
        """Add the row of clique ``index`` on ``day``; its literal true when the row leaves
        less than a grain of slack (the spare step's count, as a room's)."""
        m = self.model
        self.added.add((index, day))
        on, grain = self._row(index, day)
        if (day, grain) not in self.free:
            rounded = grained(self.tables[day], grain)
            self.free[day, grain] = m.new_int_var(0, max(rounded), "")
            m.add_element(self.value[day], rounded, self.free[day, grain])
        slack = []
        for i, (la, a) in enumerate(on):
            for lb, b in on[i + 1:]:
                pair = (min(a, b), max(a, b))
                if pair not in self.soft:
                    continue
                key = (pair[0], pair[1], day)
                if key not in self.overlaps:
                    lit = m.new_bool_var("")
                    m.add_implication(lit, self.on_day[a, day])
                    m.add_implication(lit, self.on_day[b, day])
                    self.overlaps[key] = lit
                    self.cost.append(self.soft[pair] * lit)
                slack.append(min(la, lb) * self.overlaps[key])
        load = sum(minutes * self.on_day[sid, day] for minutes, sid in on)
        m.add(load <= self.free[day, grain] + sum(slack))
        full = m.new_bool_var("")
        m.add(load <= self.free[day, grain] - grain + sum(slack)).only_enforce_if(~full)
        return full


SHARE = 0.35
"""The plan's CPU seconds: at most this share of the time limit (3.5 CPU s for a 10-s
solve), counted in this process's CPU time (``time.process_time``, :class:`cpu_stop`), so
that a loaded machine slows the plan down but does not cut it short: talks-100 seed 1's
plan takes 2.4-3.8 CPU s, seed 0's 0.7-0.8, talks-50 seed 4's 0.3-1.4."""

WALL_SHARE = 0.5
"""... and at most this share of the wall seconds left (the net: the search keeps the
rest). It was a wall budget of ``SHARE`` of the limit at the measured speed, at most 40% of
the wall left: at load 3-6 (speed 0.4-0.5) that cut talks-100 seed 1's plan at 1.5-1.9 CPU
s, before its proof (`talks17`)."""

UNITS = 0.2
"""Deterministic units per second of the time limit the plan may take in all (its three
solves, one worker each, in this order: the relaxation at most a third, the spare rooms
at most a half, the times the rest): 2 units for a 10-s solve. Talks-100 seed 0 takes
0.1 + 0.16-0.21 + 0.02-0.03 units (0.65-0.8 CPU s) in each of four relaxation seeds
tried; seed 1 0.42-0.52 + 1.0 (stopped, 4 rooms or tracks packed) + 0.08-0.13 (3.2-3.8 CPU
s). Units, not seconds, decide on an idle machine, so the plan is the same under any load
as long as its CPU seconds (:data:`SHARE`) and wall net (:data:`WALL_SHARE`) hold."""

SPARE_UNITS = 0.3
"""At most this many units for the spare-rooms step (talks-100 seed 1's stops there with
4 rooms or tracks packed and fits in time, 0.9 units in all, against 1.55 with half the
plan's units; seeds 0 and 4 of talks-50 / talks-100 end it in under 0.3)."""
FIT_UNITS = 0.2
"""At most this many units for the fit in time. With the relaxation at level 2 every fit
found took 0.005-0.114 units (talks-50 / talks-100 seeds 0-12, `talks17`,
``scripts/steps.py.txt``); a fit that finds none runs to its cap at 4-6 CPU s a unit
(talks-100 seed 3: 0.4 units, 1.8-2.3 CPU s, twice) unless it proves none first. It was
0.4 (`proofs16`: fits of 0.007-0.28 units with the level-1 relaxation's rooms)."""

NOGOODS = 3
"""At most this many rooms-and-days choices proven not to fit at their cost (the fit
INFEASIBLE, often in under 0.01 units) are excluded and the plan tried again at the same
cost: talks-50 seed 9's first optimum 238 does not fit, another one does (`talks17`; on
seeds 2 and 7 the tries cost 0.14 and 0.64 units more and find none).
Such a no-good is valid only below that cost plus one (the bound is capped there)."""

LEVEL_ONE_UNITS = 0.15
"""The relaxation is first solved as main solved it (linearization level 1) within this
many units: talks-50 seeds 0-4 and talks-100 seed 0 are proven there in 0.04-0.09 units,
and their optima's rooms and days are the ones main's plan tried (talks-50 seeds 0 and 6
fit at once; the level-2 optima of those two do not). Not proven there (talks-100 seeds
1-4: 0.2-4 units at level 1), it goes on at :data:`RELAXATION_LP`."""

RELAXATION_LP = 2
"""The relaxation's linearization level after :data:`LEVEL_ONE_UNITS`: with level 2 (its
clauses in the LP) CP-SAT proves its optimum in 0.08-0.11 units on talks-100 seeds 1, 3,
4 and 0.8 on seed 2 (244), against 0.21-0.52 and 4.0 at level 1 (`talks17`,
``scripts/relq.py.txt``, one worker, the same optima)."""

MIN_CPU = 0.3
"""On the wall clock no plan is tried when its wall net would give it fewer CPU seconds
than this at the process's measured speed: the least a cheap proof takes (talks-50 seed
4's whole plan is 0.1 units, 0.3 CPU s). It was 1 CPU s: at load 13-15 with a CPU hog
(`proofs16`) the plan was then skipped on talks-50 seed 4, while a 10-s search got 1-4
CPU s and returned the start's schedule on talks-100."""


@dataclass(frozen=True)
class Budget:
    """The plan's limits besides its units: ``wall`` seconds of the wall clock and ``cpu``
    seconds of this process's CPU time (None: none, under ``deterministic``)."""

    wall: float
    cpu: float | None = None


def budget(options: SolveOptions, speed: float, wall_left: float) -> Budget:
    """The plan's limits besides its units (:data:`UNITS` decide on an idle machine):
    :data:`SHARE` of the limit in CPU seconds of this process, read as they are received,
    and :data:`WALL_SHARE` of the wall seconds left as the net; no plan (wall 0) when that
    net at the measured ``speed`` (CPU seconds per wall second) gives less than
    :data:`MIN_CPU`. Under ``deterministic`` no clock decides: :func:`plan` takes the
    safety net of its units."""
    if options.deterministic:
        return Budget(SHARE * options.time_limit)
    wall = max(0.0, WALL_SHARE * wall_left)
    if min(wall * speed, SHARE * options.time_limit) < MIN_CPU:
        return Budget(0.0)
    return Budget(wall, SHARE * options.time_limit)


class cpu_stop(stop_at):  # noqa: N801 - used as a ``with`` statement
    """While the block runs: a watchdog thread calls ``solver.stop_search()`` once this
    process's CPU time (``time.process_time``: every thread's) passes ``deadline`` (None:
    no watchdog). CP-SAT's own limits are wall seconds and deterministic units; neither
    is the CPU a loaded machine actually gives. :class:`~scheduler.solver.search.stop_at`
    with the CPU clock read every :data:`TICK` seconds instead of the wall clock."""

    TICK = 0.02

    def _watch(self) -> None:
        assert self.deadline is not None
        while not self.done.wait(self.TICK):
            if time.process_time() >= self.deadline:
                self.fired = True
                self.solver.stop_search()
                return


def _solver(options: SolveOptions, units: float, wall: float) -> cp_model.CpSolver:
    """One worker, stopped after ``units`` deterministic units (reproducible under any
    load) or ``wall`` seconds, whichever comes first."""
    solver = cp_model.CpSolver()
    solver.parameters.catch_sigint_signal = False
    solver.parameters.random_seed = options.seed
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = max(0.0, units)
    solver.parameters.max_time_in_seconds = max(0.0, wall)
    return solver


def exact_objective(model: cp_model.CpModel, value: int) -> bool:
    """Restrict ``model``'s objective (offset included) to exactly ``value``; whether it
    was set (only for an unscaled objective, as :func:`search.floor_objective`)."""
    objective = model.proto.objective
    if objective.scaling_factor not in (0, 1):
        return False
    inner = value - round(objective.offset)
    objective.domain.clear()
    objective.domain.extend([inner, inner])
    return True


def fitted_model(built: ScheduleModel, picks: dict[str, tuple[str, int]], value: int
                 ) -> cp_model.CpModel | None:
    """``built``'s model with each session in the room and on the day ``picks`` names and
    its objective exactly ``value``: its solutions are the schedules that do so (None
    when no variable can be fixed so)."""
    fixed = built.model.clone()
    fixed.clear_hints()
    variables = fixed.proto.variables
    grid = built.vars.grid
    twins = {room: group for group in built.room_groups for room in group}
    for sid, (room, day) in picks.items():
        sv = built.vars.sessions[sid]
        # A room of a group of identical rooms (``symmetry.py``) stands for the group:
        # which twin holds the session follows from its time (their fixed order).
        allowed = set(twins.get(room, [room]))
        for other, lit in sv.room_lits.items():
            index = getattr(lit, "index", None)
            if not isinstance(index, int) or index < 0:
                return None  # (never a room's literal, but not fixed here)
            domain = cp_model.Domain.from_flat_intervals(list(variables[index].domain))
            keep = cp_model.Domain(1, 1) if other == room and len(allowed) == 1 else (
                domain if other in allowed else cp_model.Domain(0, 0))
            narrowed = domain.intersection_with(keep)
            if narrowed.is_empty():
                return None
            variables[index].domain.clear()
            variables[index].domain.extend(narrowed.flattened_intervals())
        start = variables[sv.start.index]
        on_day = cp_model.Domain.from_flat_intervals(list(start.domain)).intersection_with(
            grid.day_range(day))
        if on_day.is_empty():
            return None
        start.domain.clear()
        start.domain.extend(on_day.flattened_intervals())
    return fixed if exact_objective(fixed, value) else None


@dataclass
class Plan:
    """What :func:`plan` did."""

    optimum: int | None
    """The proven optimum (the schedule is ``built``'s complete hint), or None."""
    units: float
    """Deterministic units of its solves."""
    bound: int = 0
    """The relaxation's best lower bound (its proven optimum, or its solver's bound when
    stopped): the least value of ``built``'s objective when above 0 (:func:`plan`)."""


class _Clock:
    """The plan's limits as they run out: units, wall seconds and CPU seconds."""

    def __init__(self, options: SolveOptions, limits: Budget) -> None:
        self.options = options
        self.units = UNITS * options.time_limit
        self.wall = time.monotonic() + (safety_net(self.units) if options.deterministic
                                        else limits.wall)
        self.cpu = None if limits.cpu is None else time.process_time() + limits.cpu

    def left(self) -> float:
        """Wall seconds left (the nearer of the wall net and the CPU seconds left)."""
        wall = self.wall - time.monotonic()
        return wall if self.cpu is None else min(wall, self.cpu - time.process_time())

    def solve(self, model: cp_model.CpModel, units: float, done: Plan, lp: int = 1
              ) -> tuple[cp_model.CpSolver, Any]:
        """One worker on ``model`` within ``units`` and what is left of the plan's limits
        (its units added to ``done``), at linearization level ``lp``: the solver and its
        status."""
        solver = _solver(self.options, min(units, self.units - done.units),
                         self.wall - time.monotonic())
        solver.parameters.linearization_level = lp
        with cpu_stop(solver, self.cpu):
            status = solver.solve(model)
        done.units += solver.deterministic_time
        return solver, status


def plan(built: ScheduleModel, scenario: Scenario, options: SolveOptions,
         limits: Budget) -> Plan:
    """Steps 1-3 of the module docstring within :data:`UNITS` per second of the
    solve's limit and ``limits`` (on the wall clock; under ``options.deterministic``
    the units' safety net): a proven optimum when a schedule at the relaxation's bound
    was found (then it is ``built``'s complete hint and the bound the least value of its
    objective), else ``built`` unchanged but for the relaxation's bound, when above 0, as
    the least value of its objective (every schedule costs at least that: the search's
    bound starts there, and the plan's seconds are not lost to it)."""
    done = Plan(None, 0.0)
    if limits.wall <= 0:
        return done
    relaxed = relaxation(built, scenario)
    clock = _Clock(options, limits)
    found = _rooms_and_days(built, relaxed, clock, done)
    if found is not None:
        values, value = found
        built.set_full_hint(values)
        if value == done.bound:  # (above it only after a no-good: a hint, no proof)
            done.optimum = value
    if done.bound > 0:
        floor_objective(built.model, done.bound)
    return done


def _rooms_and_days(built: ScheduleModel, relaxed: Relaxation, clock: _Clock, done: Plan
                    ) -> tuple[list[int], int] | None:
    """Steps 1-3: a schedule at an optimum of the relaxation and that optimum, or None
    (``done.bound`` the best lower bound of every schedule found either way)."""
    # First main's plan (no clique rows); when its rooms and days do not fit in time and
    # break a clique row, once more with the rows its relaxation's optima break added;
    # when they are proven not to fit at their cost, again without them (:data:`NOGOODS`).
    relaxing = 0.0
    rows = False
    nogoods = 0
    cap = math.inf
    """One more than the least cost at which rooms and days were excluded: below it the
    relaxation with its no-goods is a relaxation of every schedule."""
    while True:
        while True:  # the relaxation (all its rounds within a third of the units)
            status = cp_model.UNKNOWN
            if relaxing == 0.0 and LEVEL_ONE_UNITS > 0:  # main's path first, when quick
                first, status = clock.solve(relaxed.model, LEVEL_ONE_UNITS, done)
                relaxing += first.deterministic_time
                _keep_bound(first, status, cap, done)
            if status not in (cp_model.OPTIMAL, cp_model.INFEASIBLE):
                first, status = clock.solve(relaxed.model, clock.units / 3 - relaxing, done,
                                            RELAXATION_LP)
                relaxing += first.deterministic_time
                _keep_bound(first, status, cap, done)
            if status != cp_model.OPTIMAL or round(first.objective_value) <= 0:
                return None
            if not rows or not relaxed.cut(first):
                break
        value = round(first.objective_value)
        solution = spare_most(relaxed, first, value, clock, done)
        picks = {sid: (room, day) for (sid, room, day), lit in relaxed.chosen.items()
                 if solution.boolean_value(lit)}
        if clock.units - done.units <= 0.01 or clock.left() <= 0.05:
            return None
        fixed = fitted_model(built, picks, value)
        status = cp_model.UNKNOWN
        if fixed is not None:
            third, status = clock.solve(fixed, FIT_UNITS, done)
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                return [int(v) for v in third.response_proto.solution], value
        if not rows and relaxed.cut(solution):
            rows = True
        elif status == cp_model.INFEASIBLE and nogoods < NOGOODS:
            # No schedule puts the sessions so at cost ``value``, and none at less (that
            # is the relaxation's least with them): exclude them, below ``value + 1``.
            relaxed.exclude(picks, built.room_groups)
            cap = min(cap, value + 1)
            nogoods += 1
        else:
            return None


def _keep_bound(solver: cp_model.CpSolver, status: Any, cap: float, done: Plan) -> None:
    """Raise ``done.bound`` to what a relaxation solve proved (its optimum, its solver's
    bound when stopped, everything when infeasible), at most ``cap``."""
    lower = solver.best_objective_bound
    if status == cp_model.OPTIMAL:
        lower = solver.objective_value
    elif status == cp_model.INFEASIBLE:  # every choice excluded: none below cap
        lower = math.inf
    if not math.isnan(lower) and min(lower, cap) < math.inf:
        done.bound = max(done.bound, math.ceil(min(lower, cap) - 1e-6))


def spare_most(relaxed: Relaxation, first: cp_model.CpSolver, value: int,
               clock: _Clock, done: Plan) -> cp_model.CpSolver:
    """Step 2: among the rooms and days at the optimum ``value`` (``first``'s day ends
    kept), those that leave the most rooms and tracks a grain of free time, within
    :data:`SPARE_UNITS` (added to ``done``); the solver holding them, else ``first``.

    A room or track packed to the minute fits in time less often (talks-100 seed 0: the
    relaxation's own optimum fitted within about 1.5 CPU s in 3 of 8 relaxation seeds,
    the spare-most one in each of the 4 tried; seed 1: the spare-most in both seeds
    tried)."""
    if not relaxed.full:
        return first
    spare = relaxed.model.clone()
    spare.clear_objective()
    spare.clear_hints()  # (the clique rounds' hint: one hint per variable)
    spare.add(relaxed.objective() <= value)
    for end in relaxed.ends:  # each day's end as found: the loads' tables constant
        spare.add(end == first.value(end))
    spare.minimize(sum(relaxed.full))
    for lit in relaxed.chosen.values():
        spare.add_hint(lit, first.boolean_value(lit))
    second, status = clock.solve(spare, min(clock.units / 2, SPARE_UNITS), done)
    return second if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else first
