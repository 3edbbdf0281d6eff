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
  its possible rooms and each room's available starts), ``track-overlap`` (two sessions
  of a track never overlap) and the **placed breaks**, each track with its own copy:
  every placed break gets a start in its window on each of its days, and no session of
  the track that observes breaks overlaps it (``breaks``; the schedule's breaks are one
  such copy for every track, so the copies only let more in). Every other rule (rooms
  and people shared between tracks, the breaks being one for all tracks, participant
  clashes, ...) is dropped, which only lets more schedules in. So each track's least
  cost is at most what any schedule pays for its track, and their sum (with the groups
  of one) at most what any schedule pays for the three terms.
- The rooms couple tracks. Rooms alike for every session (capacity, tags, availability)
  form a class; on day ``d`` the rooms of class ``c`` hold at most ``M[c,d]`` minutes
  (rooms x the day's frame) and at most ``K[c,d]`` sessions (per room, the most pairwise
  disjoint intervals among the starts and lengths its sessions may take there). For any
  prices ``μ[c,d], ν[c,d] >= 0``, adding ``Σ μ (sessions there - K) + Σ ν (minutes there
  - M)`` (at most 0 in every schedule) keeps every schedule's cost at most its own, and
  the priced cost still splits by track and session: the bound is
  ``Σ_groups min(cost + prices of the class and day each session takes) - Σ μ K - Σ ν M``
  (the Lagrangian relaxation of the shared rooms). The first round's minute prices are
  the duals of the room-fit transportation LP (``room_prices``: a minute of a class at
  its rooms' least dual); with them the bound is at least that LP's room-fit floor plus
  the per-session preference floor (each track's least is at least the sum of its
  sessions' own leasts). Further rounds (``rounds``) move the session prices along the
  subgradient (sessions placed minus ``K``) and keep the best round: every round's bound
  is valid, whatever the prices.
- Each track's least is CP-SAT's (its proven optimum, or its best bound when the limit
  ends the search first: a bound of the least is as good for a bound); prices are rounded
  down to 1/``SCALE`` per session and room, which only lowers the costs.
- When the CPU time given runs out (``deadline``), the tracks not yet solved take their
  **trivial floor**: the sum of their sessions' own leasts (each session alone, as for a
  session of several tracks: its least preference plus priced room). A track's least is
  at least that sum (dropping ``track-overlap`` only lets more in, and the stability is at
  least 0), so a bound cut short is still valid, only lower.

**Clusters.** A cluster of tracks (the required sessions of no single track attached to
the cluster whose tracks share the most people with them, each a group of its own) is
then solved in one sub-model: each track's own sub-model as above, and between them the
rules that hold in every schedule: one copy of the placed breaks for all of them (the
schedule's), ``person-overlap`` between their sessions, and at no moment more of their
sessions in a room class than its rooms (``room-overlap`` summed over the class, each
session running for its least length; rooms of other clusters ignored, which only lets
more in). So the cluster's least (or CP-SAT's bound of it) is at most what any schedule
pays for its groups, and the larger of it and the groups' sum apart replaces that sum.
Clusters are made greedily: the tracks sharing the most people first, up to a number of
sessions; the rest in runs of the tracks' order.

**Sessions of several tracks** (``choices``). A required session that may be in any of
several tracks is in exactly one of them in every schedule (``track-overlap``), where it
counts in that track's stability, keeps off its sessions and its breaks. Give each such
session ``s`` a reward ``λ_s`` (any number) and add it to each of its tracks' sub-models
as a session that may be left out: when in, it pays its costs and prices, keeps the
track's rules, counts in its stability and earns ``-λ_s``; when out, nothing. Then
``Σ_tracks min(sub-model) + Σ_s λ_s`` is a bound: for any schedule, putting each ``s`` in
the sub-model of the track the schedule gives it makes each track's sub-model cost at
most what the schedule pays for that track less the rewards of its ``s``, and each ``s``
is in exactly one track, so the rewards add back to 0 (a Lagrangian relaxation of "in
exactly one of its tracks"; valid whatever the rewards). The rewards taken: what ``s``
adds at least to the cheapest of its tracks (each track solved with ``s`` in, less
without: the room it needs beside the track's rooms, a changed room, or a wasted one),
and at least its own least alone (with which the bound is the usual one). Optional
sessions and sessions of no track stay groups of their own, and clusters are left out
of this bound (the larger of the two is kept).

The other terms (participant clashes, compact days, instrument spread, facilitators,
...) are not in the relaxation: their own floors (:mod:`scheduler.lower_bound.floors`)
are added, since the least of a sum is at least the sum of the leasts.

Rooms interchangeable within a track (the same capacity and price, a possible room of the
same sessions with the same available starts) are one room in its sub-model: a track's
sessions never overlap, so one room of a class can hold all that several held, with no
more distinct rooms and the same costs.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model
from ortools.sat.python.cp_model import Domain

from scheduler.calendar import DAY
from scheduler.facts import FactBuilder, SessionFacts, TimeGrid, ceil_div
from scheduler.scenario.model import Scenario

SCALE = 100
"""Costs in the sub-models are in 1/SCALE units (prices are not integers)."""

CLUSTER_UNITS = 2.0
"""Deterministic units at most for each cluster of tracks solved together: on the held-out
euro 14, 1 unit gained +83 and 2 units +88 in 19-20 CPU s; 5 units took several minutes on
euro 16, where clusters CP-SAT cannot prove give a bound below their tracks' sum."""

TERMS = ("preferences", "room_fit", "track_room_stability", "dropped")
"""The terms the relaxation bounds together; every other term keeps its own floor."""


Prices = dict[tuple[int, int], tuple[float, float]]
"""(room class, day) -> (price of a session, price of a minute) in that class's rooms."""


@dataclass
class TrackBound:
    """The relaxation's bound of :data:`TERMS` together, and how it was reached."""

    value: float
    """Lower bound of ``Σ weight x value`` over :data:`TERMS` (not rounded)."""
    tracks: int
    proven: int
    """Tracks whose sub-model was solved to optimality in the best round (the others
    give CP-SAT's bound)."""
    alone: int
    """Required sessions that are a group of their own (several or no possible tracks)."""
    price_offset: float
    """``Σ price x what the rooms hold``, subtracted (best round)."""
    rounds: int = 1
    """Rounds of prices tried (1: the room-fit LP's only)."""
    first: float = 0.0
    """The bound of the first round (the LP's prices)."""
    per_track: dict[str, float] = field(default_factory=dict)
    deterministic: float = 0.0
    """CP-SAT's deterministic time over all sub-models and rounds."""
    trivial: int = 0
    """Tracks that took their trivial floor because the CPU time ran out (best round)."""
    cut: int = 0
    """Tracks whose sub-model the CPU time stopped before its deterministic units and
    before a proof (best round): their value is what the search had, still a bound."""
    clustered: float = 0.0
    """What solving tracks together in clusters (shared breaks, people, room classes)
    added over their sum apart (best round)."""
    clusters: int = 0
    """Clusters of tracks to solve together (``cluster_size``)."""
    chosen: float = 0.0
    """What pricing the sessions of several tracks into their tracks added over the
    best round's bound (``choices``)."""
    clusters_solved: int = 0
    """Clusters the CPU time left room for (best round); the others keep their tracks'
    sum apart."""


@dataclass
class RoomClasses:
    """Rooms alike for every session (capacity, tags, availability) form a class; per
    class and day, the most sessions and minutes its rooms can hold."""

    of_room: dict[str, int]
    count: dict[tuple[int, int], int]
    """(class, day) -> at most this many sessions in its rooms that day: per room, the
    most pairwise disjoint intervals among the starts and lengths its sessions may take
    there (earliest end first, exact for intervals), summed."""
    minutes: dict[tuple[int, int], int]
    """(class, day) -> rooms x the day's frame minutes, less the placed breaks' minutes
    (:func:`break_minutes`) in each room beyond the sessions that ignore the breaks and
    may take the class (each holds at most one room during a break)."""


def room_classes(scenario: Scenario, facts: dict[str, SessionFacts]) -> RoomClasses:
    """The room classes and what they hold (see :class:`RoomClasses`)."""
    g = scenario.event.granularity
    per_day = DAY // g
    keys: dict[Any, int] = {}
    of_room = {}
    for r in scenario.rooms:
        alike = (r.capacity, tuple(sorted(r.tags)), r.reserved, repr(r.available))
        of_room[r.id] = keys.setdefault(alike, len(keys))
    intervals: dict[str, set[tuple[int, int]]] = defaultdict(set)
    seen: dict[tuple[Any, ...], set[tuple[int, int]]] = {}
    for f in facts.values():
        if not f.needs_room or not f.durations:
            continue
        size = ceil_div(min(f.durations.values()), g)
        for o in f.rooms:
            allowed = f.domain.intersection_with(o.domain)
            starts = (tuple(allowed.flattened_intervals()), size)
            if starts not in seen:
                seen[starts] = {(step, step + size) for step in _steps(allowed)}
            intervals[o.room] |= seen[starts]
    count: dict[tuple[int, int], int] = defaultdict(int)
    for room, spans in intervals.items():
        last: dict[int, int] = {}
        for begin, end in sorted(spans, key=lambda span: span[1]):
            d = begin // per_day
            if begin >= last.get(d, -1):
                last[d] = end
                count[(of_room[room], d)] += 1
    minutes: dict[tuple[int, int], int] = defaultdict(int)
    rooms_of: dict[int, int] = defaultdict(int)
    for r in scenario.rooms:
        rooms_of[of_room[r.id]] += 1
        for d, date in enumerate(scenario.days):
            begin, end = scenario.frame(date)
            minutes[(of_room[r.id], d)] += end - begin
    taken = break_minutes(scenario)
    ignoring = ignoring_breaks(facts)
    for c, rooms in rooms_of.items():
        # during the placed breaks only the sessions that ignore them run: at most one
        # room of the class each
        idle = max(0, rooms - sum(1 for options in ignoring
                                  if any(of_room[r] == c for r in options)))
        for d in range(len(scenario.days)):
            minutes[(c, d)] -= idle * taken.get(d, 0)
    return RoomClasses(of_room, dict(count), dict(minutes))


def break_minutes(scenario: Scenario) -> dict[int, int]:
    """Day index -> the least minutes of that day's frame the placed breaks take in every
    schedule (no session that observes breaks runs then, in any room). Of the breaks
    whose window lies within the frame, the union of their times is at least the sum of
    their durations less, for every two of them, the most they can overlap within their
    windows (Bonferroni's inequality), and at least the longest."""
    out: dict[int, int] = {}
    for d, date in enumerate(scenario.days):
        begin, end = scenario.frame(date)
        inside = [(b.window[0], b.window[1], b.duration) for b in scenario.breaks.placed
                  if (b.days is None or date in b.days)
                  and begin <= b.window[0] and b.window[1] <= end
                  and b.duration <= b.window[1] - b.window[0]]
        if not inside:
            continue
        overlaps = sum(max(0, min(da, db, ea - sb, eb - sa))
                       for i, (sa, ea, da) in enumerate(inside)
                       for sb, eb, db in inside[i + 1:])
        out[d] = max(sum(length for _, _, length in inside) - overlaps,
                     max(length for _, _, length in inside))
    return out


def ignoring_breaks(facts: dict[str, SessionFacts]) -> list[set[str]]:
    """The possible rooms of each session that needs a room and does not observe breaks
    (it may run during them)."""
    return [{o.room for o in f.rooms} for f in facts.values()
            if f.needs_room and not f.observes_breaks and f.rooms]


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


LP_UNITS = 10.0
"""Deterministic units (GLOP's) at most for one solve of the room-fit transportation LP
(:func:`room_fit_transport`): its sessions alike merged, a 10,000-session event's LP
(586 kinds of session, 18,900 variables) is solved in about 0.1 units; the limit keeps
any larger one from running past the bound's time (``confsched bound`` gives it a share
of its limit, at most this)."""


def room_fit_transport(scenario: Scenario, facts: dict[str, SessionFacts],
                       room_minutes: float | None = None, breaks: bool = False,
                       units: float = LP_UNITS, stopped: list[bool] | None = None
                       ) -> tuple[float, dict[str, float]] | None:
    """The room-fit transportation LP: each session needing a room goes (fractionally) to
    its rooms, a room holds at most ``room_minutes`` (default: every day's frame minutes;
    with ``breaks``, less the placed breaks' (:func:`break_minutes`) in a room no session
    that ignores the breaks may take: the floor's LP, higher; the first prices of the
    track relaxation keep the frames' LP, whose sub-models the higher duals of the other
    made harder: large 36 19 of 30 tracks proven instead of 28, bound 1,292 against
    1,357, ``large9``),
    and the cost is the wasted seats in tens, unweighted. Sessions whose headcount the
    schedule decides (registrations given to them) and optional sessions add nothing.
    Returns the LP's value and each room's price of a minute (its dual, 0 where the
    minutes do not bind), or None when the LP is not solved to optimality (``units``:
    GLOP's deterministic time at most; none left: not solved). ``stopped``, when given,
    gets True appended when the units ended it before an answer (not when it is
    infeasible).

    Sessions alike (the same rooms, the least length and the same waste in each room) are
    one variable per room holding their number: the same LP (a solution of the merged
    one, split evenly, is one of the sessions', and one of the sessions' summed is one of
    the merged; the costs and the rooms' minutes are linear), so the same value, its rows
    ``O(kinds x rooms)`` instead of ``O(sessions x rooms)`` (fix1: 1.46 million variables
    at 10,000 sessions, 586 kinds)."""
    if units <= 0:
        if stopped is not None:
            stopped.append(True)
        return None
    capacity = {r.id: r.capacity for r in scenario.rooms}
    minutes = room_minutes if room_minutes is not None else _room_minutes(scenario)
    held = dict.fromkeys(capacity, float(minutes))
    if breaks and room_minutes is None:  # a room no session ignoring them loses them
        taken = sum(break_minutes(scenario).values())
        ignoring = set().union(*ignoring_breaks(facts))
        for room in held:
            if room not in ignoring:
                held[room] -= taken
    unpriced = _unpriced(scenario)
    kinds: dict[tuple[tuple[str, ...], int, tuple[int, ...]], int] = {}
    for f in facts.values():
        if not f.needs_room or not f.rooms or f.optional:
            continue
        length = min(f.durations.values()) if f.durations else 0
        rooms = tuple(o.room for o in f.rooms)
        waste = tuple(0 if f.id in unpriced else
                      max(0, (capacity[room] - f.session.participants) // 10)
                      for room in rooms)
        key = (rooms, length, waste)
        kinds[key] = kinds.get(key, 0) + 1
    solver = pywraplp.Solver.CreateSolver("GLOP")
    solver.SetSolverSpecificParametersAsString(f"max_deterministic_time: {units!r}")
    objective = solver.Objective()
    load: dict[str, list[tuple[Any, int]]] = defaultdict(list)
    for (rooms, length, waste), count in kinds.items():
        row = solver.Constraint(float(count), float(count))
        for room, cost in zip(rooms, waste, strict=True):
            x = solver.NumVar(0.0, float(count), "")
            row.SetCoefficient(x, 1.0)
            load[room].append((x, length))
            if cost:
                objective.SetCoefficient(x, float(cost))
    rows = {}
    for room in capacity:
        if room in load:
            rows[room] = solver.Constraint(-solver.infinity(), held[room])
            for x, length in load[room]:
                rows[room].SetCoefficient(x, float(length))
    objective.SetMinimization()
    status = solver.Solve()
    if status != pywraplp.Solver.OPTIMAL:
        if stopped is not None and status not in (pywraplp.Solver.INFEASIBLE,
                                                  pywraplp.Solver.UNBOUNDED):
            stopped.append(True)
        return None
    duals = {room: max(0.0, -row.dual_value()) for room, row in rows.items()}
    return objective.Value(), duals


Solved = tuple[float, dict[str, float]] | None
"""What :func:`room_fit_transport` returns: the LP's value and each room's dual."""


def room_prices(scenario: Scenario, facts: dict[str, SessionFacts],
                solved: Solved | bool = True) -> dict[str, float]:
    """Room id -> price of a minute: the duals of the room-fit transportation LP
    (:func:`room_fit_transport`; ``solved``: its result when the caller has it already)
    times the room-fit weight. Prices are 0 where the minutes do not bind, and none when
    the LP is not solved."""
    if solved is True:
        solved = room_fit_transport(scenario, facts)
    if not isinstance(solved, tuple):
        return {}
    weight = scenario.weights.room_fit
    return {room: weight * dual for room, dual in solved[1].items()}


def start_prices(scenario: Scenario, facts: dict[str, SessionFacts],
                 classes: RoomClasses, solved: Solved | bool = True) -> Prices:
    """The first round's prices: a minute of a class's rooms at the least LP dual of its
    rooms (:func:`room_prices`, from ``solved`` when given), on every day; no price per
    session."""
    duals = room_prices(scenario, facts, solved)
    least: dict[int, float] = {}
    for room, c in classes.of_room.items():
        least[c] = min(least.get(c, math.inf), duals.get(room, 0.0))
    return {key: (0.0, least.get(key[0], 0.0)) for key in classes.minutes}


def track_relaxation(scenario: Scenario, facts: dict[str, SessionFacts] | None = None,
                     prices: Prices | None = None, limit: float = 5.0, workers: int = 1,
                     rounds: int = 1, echo: Any = None,
                     deadline: float | None = None,
                     room_fit: Solved | bool = True, cluster_size: int = 0,
                     cluster_deadline: float | None = None,
                     preferences: bool = True, choices: bool = False) -> TrackBound:
    """The bound of the module docstring. ``prices``: the first round's (default:
    :func:`start_prices`, from ``room_fit``, the room-fit LP already solved, when given;
    ``{}`` for none). ``limit``: deterministic units for each
    track's sub-model (its best bound is taken when the limit ends the search).
    ``rounds`` > 1: that many rounds of prices in all, each after the first moving the
    prices of a session in a class's rooms a day along the subgradient (sessions placed
    there minus what the rooms hold); the best round's bound is returned (every round's
    is valid). ``deadline``: a ``time.process_time()`` after which no track's sub-model
    is started (the rest take their trivial floor, see the module docstring), no further
    round begins, and each sub-model is given at most the CPU seconds left.
    ``cluster_size`` > 1: after the tracks, clusters of tracks of at most that many
    sessions are solved together (module docstring, "Clusters"), until
    ``cluster_deadline`` (default ``deadline``). ``preferences`` False: the preferences
    term is left out (its cost 0 everywhere), so the bound is of the other terms alone
    (:mod:`scheduler.lower_bound.times` bounds preferences with the spread instead).
    ``choices``: then the required sessions of several possible tracks are priced into
    their tracks at the best round's prices (:meth:`_Context.choice_bound`), until
    ``deadline``, and the larger of that and the round's bound is kept."""
    facts = facts if facts is not None else FactBuilder(scenario).build()
    classes = room_classes(scenario, facts)
    prices = (start_prices(scenario, facts, classes, room_fit) if prices is None
              else dict(prices))
    context = _Context(scenario, facts, classes)
    if not preferences:
        context.prefs = {}
    best: TrackBound | None = None
    deterministic = 0.0
    step = 1.0
    stalled = 0
    for number in range(1, max(1, rounds) + 1):
        found, usage = context.bound(prices, limit, workers, deadline, cluster_size,
                                     cluster_deadline)
        deterministic += found.deterministic
        if echo:
            echo(f"    round {number}: {found.value:.1f} "
                 f"({found.proven}/{found.tracks} proven)")
        if best is None or found.value > best.value + 1e-9:
            first = found.value if best is None else best.first
            best = found
            best.first = first
            best_prices = prices
            stalled = 0
        else:
            stalled += 1
            if stalled >= 2:
                step /= 2
                stalled = 0
        if number == rounds or (deadline is not None and time.process_time() >= deadline):
            break
        gradient = {key: usage.get(key, 0) - held for key, held in classes.count.items()}
        norm = sum(v * v for v in gradient.values())
        if not norm:
            break
        target = best.value + max(1.0, 0.05 * abs(best.value))
        move = step * (target - found.value) / norm
        prices = {key: (max(0.0, prices.get(key, (0.0, 0.0))[0]
                                  + move * gradient.get(key, 0)),
                        prices.get(key, (0.0, 0.0))[1]) for key in classes.minutes}
    assert best is not None
    best.rounds = number
    best.deterministic = deterministic
    if choices and (deadline is None or time.process_time() < deadline):
        chosen = context.choice_bound(best, best_prices, limit, workers, deadline)
        if chosen is not None and chosen > best.value:
            best.chosen = chosen - best.value
            best.value = chosen
    return best


class _Context:
    """What every round shares: the groups, the preference costs, the classes."""

    def __init__(self, scenario: Scenario, facts: dict[str, SessionFacts],
                 classes: RoomClasses) -> None:
        self.scenario = scenario
        self.classes = classes
        self.prefs = preference_costs(scenario, facts)
        self.unpriced = _unpriced(scenario)
        self.capacity = {r.id: r.capacity for r in scenario.rooms}
        self.class_rooms: dict[int, int] = defaultdict(int)
        for c in classes.of_room.values():
            self.class_rooms[c] += 1
        self.break_starts = placed_break_starts(scenario)
        self.groups: dict[str, list[SessionFacts]] = defaultdict(list)
        self.alone: list[SessionFacts] = []
        self.optional: list[SessionFacts] = []
        for f in facts.values():
            if f.optional:
                self.optional.append(f)
            elif f.domain.is_empty():
                raise ValueError(f"session {f.id} has no possible start (the event has no "
                                 "schedule)")
            elif len(f.session.tracks) == 1:
                self.groups[f.session.tracks[0]].append(f)
            else:
                self.alone.append(f)

    def bound(self, prices: Prices, limit: float, workers: int,
              deadline: float | None = None, cluster_size: int = 0,
              cluster_deadline: float | None = None
              ) -> tuple[TrackBound, dict[tuple[int, int], int]]:
        """One round: the bound at ``prices`` and the sessions each (class, day) got."""
        usage: dict[tuple[int, int], int] = defaultdict(int)
        total = 0.0
        drop = float(self.scenario.weights.dropped)
        for f in self.optional:
            if f.domain.is_empty():
                total += drop
                continue
            value, where = self._alone(f, prices)
            if value < drop:
                total += value
                if where is not None:
                    usage[where] += 1
            else:
                total += drop
        alone_values = {}
        for f in self.alone:
            value, where = self._alone(f, prices)
            alone_values[f.id] = value
            total += value
            if where is not None:
                usage[where] += 1
        per_track: dict[str, float] = {}
        proven = 0
        trivial = cut = 0
        deterministic = 0.0
        for track, members in sorted(self.groups.items()):
            left = None if deadline is None else deadline - time.process_time()
            if left is not None and left <= 0:
                value = sum(self._alone(f, prices)[0] for f in members)
                per_track[track] = value
                trivial += 1
                total += value
                continue
            value, optimal, units, used = self._track(members, prices, limit, workers, left)
            per_track[track] = value
            proven += optimal
            cut += not optimal and left is not None and stopped_by_seconds(units, limit)
            deterministic += units
            total += value
            for key, n in used.items():
                usage[key] += n
        gained = 0.0
        clusters = self.clusters(cluster_size) if cluster_size > 1 else []
        together = [(names, attached) for names, attached
                    in zip(clusters, self.attach(clusters), strict=True)
                    if len(names) + len(attached) > 1]
        solved = 0
        until = cluster_deadline if cluster_deadline is not None else deadline
        for names, attached in together:
            left = None if until is None else until - time.process_time()
            if left is not None and left <= 0:
                break
            solved += 1
            value, _, units = self.cluster(
                [self.groups[t] for t in names] + [[f] for f in attached], prices,
                min(limit, CLUSTER_UNITS), workers, left)
            deterministic += units
            apart = (sum(per_track[t] for t in names)
                     + sum(alone_values[f.id] for f in attached))
            if value > apart:  # both bound the same tracks: the larger does
                gained += value - apart
        total += gained
        offset = sum(prices.get(key, (0.0, 0.0))[0] * self.classes.count.get(key, 0)
                     + prices.get(key, (0.0, 0.0))[1] * held
                     for key, held in self.classes.minutes.items())
        return TrackBound(value=total - offset, tracks=len(self.groups), proven=proven,
                          alone=len(self.alone), price_offset=offset, per_track=per_track,
                          deterministic=deterministic, trivial=trivial, cut=cut,
                          clustered=gained, clusters=len(together),
                          clusters_solved=solved), usage

    def choice_bound(self, found: TrackBound, prices: Prices, limit: float, workers: int,
                     deadline: float | None = None) -> float | None:
        """The bound of a round (``found``, at ``prices``, its clusters left out) with
        the required sessions of several possible tracks priced into their tracks (module
        docstring, "Sessions of several tracks"); None when there are none, or when the
        CPU time (``deadline``) ends before every sub-model is solved."""
        choosing = [f for f in self.alone if len(f.session.tracks) > 1]
        if not choosing:
            return None

        def left() -> float | None:
            return None if deadline is None else deadline - time.process_time()

        def solve(members: list[SessionFacts], rewards: dict[str, int] | None = None
                  ) -> float | None:
            seconds = left()
            if seconds is not None and seconds <= 0:
                return None
            try:
                return self._track(members, prices, limit, workers, seconds, rewards)[0]
            except ValueError:  # this session cannot be in this track
                return math.inf
        base = dict(found.per_track)
        for f in choosing:
            for t in f.session.tracks:
                base.setdefault(t, 0.0)
        # each session's reward: what it adds at least to the cheapest of its tracks
        # (estimated: the track with it less the track without; any reward is valid)
        rewards: dict[str, dict[str, int]] = defaultdict(dict)
        reward_sum = 0.0
        alone_sum = 0.0
        for f in choosing:
            own = self._alone(f, prices)[0]
            adds = []
            for t in f.session.tracks:
                value = solve(self.groups.get(t, []) + [f])
                if value is None:
                    return None
                adds.append(value - base[t])
            reward = math.floor(SCALE * max(own, min(adds))) if min(adds) < math.inf \
                else math.floor(SCALE * own)
            for t in f.session.tracks:
                rewards[t][f.id] = reward
            reward_sum += reward / SCALE
            alone_sum += own
        tracks_sum = 0.0
        for t in sorted(base):
            extra = [f for f in choosing if t in f.session.tracks]
            value = solve(self.groups.get(t, []) + extra, rewards[t]) if extra \
                else base[t]
            if value is None or value == math.inf:
                return None
            tracks_sum += value
        return (found.value - found.clustered - alone_sum - sum(base.values())
                + tracks_sum + reward_sum)

    def _waste(self, f: SessionFacts, room: str) -> int:
        if f.id in self.unpriced:
            return 0
        return self.scenario.weights.room_fit * max(
            0, (self.capacity[room] - f.session.participants) // 10)

    def _price(self, f: SessionFacts, room: str, day: int, prices: Prices) -> float:
        each, minute = prices.get((self.classes.of_room[room], day), (0.0, 0.0))
        return each + minute * min(f.durations.values())

    def _alone(self, f: SessionFacts, prices: Prices
               ) -> tuple[float, tuple[int, int] | None]:
        """A session on its own: its least preference cost plus priced room over the
        days it may take, and the (class, day) of that least (None: no room)."""
        g = self.scenario.event.granularity
        per_day = DAY // g
        costs = self.prefs.get(f.id, {})
        weight = self.scenario.weights.preferences
        by_day: dict[int, int] = {}
        for step in _steps(f.domain):
            day = step // per_day
            by_day[day] = min(by_day.get(day, 10 ** 9), weight * costs.get(step, 0))
        if not (f.needs_room and f.rooms):
            return float(min(by_day.values(), default=0)), None
        best, where = math.inf, None
        for o in f.rooms:
            waste = self._waste(f, o.room)
            for day, pref in by_day.items():
                value = waste + pref + self._price(f, o.room, day, prices)
                if value < best:
                    best, where = value, (self.classes.of_room[o.room], day)
        return float(best), where

    def _track(self, members: list[SessionFacts], prices: Prices, limit: float,
               workers: int, seconds: float | None = None,
               rewards: dict[str, int] | None = None
               ) -> tuple[float, bool, float, dict[tuple[int, int], int]]:
        """(least priced cost of one track's sessions, whether proven, deterministic
        time, sessions per (class, day) in the solution found). ``seconds``: at most this
        much time for the search besides the ``limit`` units. ``rewards``: members that
        may be left out, with their rewards (:meth:`_add_track`)."""
        rewards = rewards or {}
        m = cp_model.CpModel()
        objective: list[Any] = []
        placed = self._add_track(m, members, prices, objective, rewards=rewards)[1]
        if not objective:
            return 0.0, True, 0.0, {}
        m.minimize(sum(objective))
        solver = limited_solver(limit, workers, seconds)
        status = solver.solve(m)
        if status == cp_model.INFEASIBLE:
            raise ValueError(f"track {members[0].session.tracks[0]}: its sessions cannot "
                             "be placed even on their own (the event has no schedule)")
        usage: dict[tuple[int, int], int] = defaultdict(int)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            for x, dl, key in placed:
                if solver.boolean_value(x) and solver.boolean_value(dl):
                    usage[key] += 1
        if status == cp_model.OPTIMAL:
            return solver.objective_value / SCALE, True, solver.deterministic_time, usage
        # a search cut short before any bound: the trivial floor is still one (a
        # session that may be left out adds its own least less its reward, or nothing)
        trivial_floor = sum(min(0.0, self._alone(f, prices)[0] - rewards[f.id] / SCALE)
                            if f.id in rewards else self._alone(f, prices)[0]
                            for f in members)
        return (max(solver.best_objective_bound / SCALE, trivial_floor), False,
                solver.deterministic_time, usage)

    def clusters(self, size: int) -> list[list[str]]:
        """Tracks in clusters of at most ``size`` sessions: first those sharing the most
        people joined (greedily), then the rest in runs of the tracks' order."""
        tracks = sorted(self.groups)
        sessions = {t: len(self.groups[t]) for t in tracks}
        people: dict[str, set[str]] = defaultdict(set)
        for t in tracks:
            for f in self.groups[t]:
                for person in f.session.person_ids:
                    people[person].add(t)
        shared: dict[tuple[str, str], int] = defaultdict(int)
        for of in people.values():
            ordered = sorted(of)
            for i, a in enumerate(ordered):
                for b in ordered[i + 1:]:
                    shared[(a, b)] += 1
        owner = {t: t for t in tracks}
        members = {t: [t] for t in tracks}
        for (a, b), _ in sorted(shared.items(), key=lambda item: (-item[1], item[0])):
            ra, rb = owner[a], owner[b]
            if ra != rb and sum(sessions[t] for t in members[ra] + members[rb]) <= size:
                for t in members[rb]:
                    owner[t] = ra
                members[ra] += members.pop(rb)
        out: list[list[str]] = []
        run: list[str] = []
        for root in sorted(members, key=lambda r: min(members[r])):
            group = members[root]
            if len(group) > 1:
                out.append(group)
                continue
            if run and sum(sessions[t] for t in run + group) > size:
                out.append(run)
                run = []
            run = run + group
        if run:
            out.append(run)
        return [sorted(group) for group in out]

    def attach(self, clusters: list[list[str]]) -> list[list[SessionFacts]]:
        """The required sessions of no single track, each with the cluster it shares the
        most people with (with none: the cluster of fewest sessions so far)."""
        of_person: dict[str, set[int]] = defaultdict(set)
        sizes = []
        for i, names in enumerate(clusters):
            sizes.append(sum(len(self.groups[t]) for t in names))
            for t in names:
                for f in self.groups[t]:
                    for person in f.session.person_ids:
                        of_person[person].add(i)
        out: list[list[SessionFacts]] = [[] for _ in clusters]
        if not clusters:
            return out
        for f in self.alone:
            votes: dict[int, int] = defaultdict(int)
            for person in f.session.person_ids:
                for i in of_person.get(person, ()):
                    votes[i] += 1
            i = (min(votes, key=lambda i: (-votes[i], sizes[i])) if votes
                 else min(range(len(clusters)), key=lambda i: sizes[i]))
            out[i].append(f)
            sizes[i] += 1
        return out

    def cluster(self, groups: list[list[SessionFacts]], prices: Prices, limit: float,
                workers: int, seconds: float | None = None) -> tuple[float, bool, float]:
        """(a lower bound of the least priced cost of several tracks together, whether
        proven, deterministic time): their sub-models in one, with one copy of the placed
        breaks for all of them, ``person-overlap`` between their sessions, and at no
        moment more of their sessions in a room class than its rooms (``room-overlap``
        summed over the class; each session runs for its least length). Each of these
        holds in every schedule, so the least is at least the sum of the tracks' own and
        at most what any schedule pays for them. 0 when the search ends before a bound."""
        g = self.scenario.event.granularity
        m = cp_model.CpModel()
        objective: list[Any] = []
        shared = [[m.new_fixed_size_interval_var(m.new_int_var(lo, hi, ""), size, "")
                   for lo, hi, size in days] for days in self.break_starts]
        by_person: dict[str, list[Any]] = defaultdict(list)
        by_class: dict[int, list[Any]] = defaultdict(list)
        for number, members in enumerate(groups):
            starts, _, chosen = self._add_track(m, members, prices, objective, shared)
            for f, start in starts:
                size = ceil_div(min(f.durations.values()), g)
                for person in f.session.person_ids:
                    by_person[person].append((number, start, size))
            for f, x, c, start in chosen:
                size = ceil_div(min(f.durations.values()), g)
                by_class[c].append(m.new_optional_fixed_size_interval_var(start, size, x, ""))
        for runs in by_person.values():
            if len({track for track, _, _ in runs}) > 1:
                m.add_no_overlap([m.new_fixed_size_interval_var(start, size, "")
                                  for _, start, size in runs])
        for c, ivs in by_class.items():
            if len(ivs) > self.class_rooms[c]:
                m.add_cumulative(ivs, [1] * len(ivs), self.class_rooms[c])
        if not objective:
            return 0.0, True, 0.0
        m.minimize(sum(objective))
        solver = limited_solver(limit, workers, seconds)
        status = solver.solve(m)
        if status == cp_model.OPTIMAL:
            return solver.objective_value / SCALE, True, solver.deterministic_time
        if status == cp_model.FEASIBLE:
            return max(0.0, solver.best_objective_bound / SCALE), False, \
                solver.deterministic_time
        return 0.0, False, solver.deterministic_time

    def _add_track(self, m: cp_model.CpModel, members: list[SessionFacts], prices: Prices,
                   objective: list[Any], breaks: list[list[Any]] | None = None,
                   rewards: dict[str, int] | None = None
                   ) -> tuple[list[tuple[SessionFacts, Any]],
                              list[tuple[Any, Any, tuple[int, int]]],
                              list[tuple[SessionFacts, Any, int, Any]]]:
        """One track's sub-model added to ``m`` (its costs to ``objective``): each
        session's start, the (room, day, (class, day)) literals and each (session, room
        literal, class, start). ``breaks``: the placed breaks' intervals to keep the
        track's sessions off (default: a copy of its own). ``rewards``: members that may
        be left out of the track (sessions of several tracks, :meth:`choice_bound`), each
        with the reward (in 1/SCALE) it earns when in: its costs, its time and its room
        count only when it is in."""
        weights = self.scenario.weights
        g = self.scenario.event.granularity
        per_day = DAY // g
        of_room = self.classes.of_room
        intervals = []
        starts: list[tuple[SessionFacts, Any]] = []
        chosen: list[tuple[SessionFacts, Any, int, Any]] = []
        # rooms of one class and the same (session, available starts) options are one
        options: dict[str, list[tuple[str, tuple[int, ...]]]] = defaultdict(list)
        for f in members:
            if f.needs_room:
                for o in f.rooms:
                    options[o.room].append((f.id, tuple(o.domain.flattened_intervals())))
        keep: dict[tuple[Any, ...], str] = {}
        for room in sorted(options):
            keep.setdefault((of_room[room], tuple(sorted(options[room]))), room)
        kept = set(keep.values())
        used: dict[tuple[str, int], Any] = {}
        days_of_rooms: dict[int, list[Any]] = defaultdict(list)
        placed: list[tuple[Any, Any, tuple[int, int]]] = []
        rewards = rewards or {}
        for f in members:
            domain = f.domain
            start = m.new_int_var_from_domain(domain, f"start[{f.id}]")
            size = ceil_div(min(f.durations.values()), g)
            present = None
            if f.id in rewards:  # in the track or not: counted only when in
                present = m.new_bool_var("")
                objective.append(-rewards[f.id] * present)
                intervals.append(m.new_optional_fixed_size_interval_var(start, size,
                                                                         present, ""))
            else:
                intervals.append(m.new_fixed_size_interval_var(start, size, ""))
            starts.append((f, start))
            for c, lit in preference_levels(m, start, self.prefs.get(f.id, {})):
                if present is not None:
                    paid = m.new_bool_var("")
                    m.add_bool_or([paid, lit.Not(), present.Not()])
                    lit = paid
                objective.append(SCALE * weights.preferences * c * lit)
            if not (f.needs_room and f.rooms):
                continue
            first, last = _bounds(domain)
            days = [d for d in range(first // per_day, last // per_day + 1)
                    if not domain.intersection_with(
                        Domain(d * per_day, d * per_day + per_day - 1)).is_empty()]
            day_lits = {}
            for d in days:
                lit = m.new_bool_var("")
                m.add_linear_expression_in_domain(
                    start, Domain(d * per_day, d * per_day + per_day - 1)).only_enforce_if(lit)
                day_lits[d] = lit
            if present is None:
                m.add_exactly_one(day_lits.values())
            else:
                m.add(sum(day_lits.values()) == present)
            xs = []
            for o in f.rooms:
                if o.room not in kept:
                    continue
                x = m.new_bool_var("")
                xs.append(x)
                chosen.append((f, x, of_room[o.room], start))
                if not domain.is_included_in(o.domain):
                    m.add_linear_expression_in_domain(start, o.domain).only_enforce_if(x)
                waste = SCALE * self._waste(f, o.room)
                if waste:
                    objective.append(waste * x)
                for d, dl in day_lits.items():
                    if (o.room, d) not in used:
                        used[(o.room, d)] = m.new_bool_var("")
                        days_of_rooms[d].append(used[(o.room, d)])
                    m.add_bool_or([used[(o.room, d)], x.Not(), dl.Not()])
                    placed.append((x, dl, (of_room[o.room], d)))
                    cost = math.floor(SCALE * self._price(f, o.room, d, prices) + 1e-9)
                    if cost:
                        here = m.new_bool_var("")  # 1 when in this room that day
                        m.add_bool_or([here, x.Not(), dl.Not()])
                        objective.append(cost * here)
            if present is None:
                m.add_exactly_one(xs)
            else:
                m.add(sum(xs) == present)
        if len(intervals) > 1:
            m.add_no_overlap(intervals)
        observing = [iv for f, iv in zip(members, intervals, strict=True)
                     if f.observes_breaks]
        if breaks is None and observing:
            # this track's own copy of the breaks (the schedule's are one of them)
            breaks = [[m.new_fixed_size_interval_var(m.new_int_var(lo, hi, ""), size, "")
                       for lo, hi, size in days] for days in self.break_starts]
        for copies in breaks if observing and breaks else []:
            if copies:
                m.add_no_overlap(observing + copies)
        if weights.track_room_stability:
            for lits in days_of_rooms.values():
                if len(lits) > 1:
                    excess = m.new_int_var(0, len(lits) - 1, "")
                    m.add(excess >= sum(lits) - 1)
                    objective.append(SCALE * weights.track_room_stability * excess)
        return starts, placed, chosen


def placed_break_starts(scenario: Scenario) -> list[list[tuple[int, int, int]]]:
    """Per placed break, its (first start step, last start step, length in steps) on each
    day it occurs (days whose window cannot hold it are left out: no copy there)."""
    grid = TimeGrid(scenario)
    out = []
    for brk in scenario.breaks.placed:
        days = []
        for d, day in enumerate(scenario.days):
            if brk.days is not None and day not in brk.days:
                continue
            lo, hi = grid.starts_within(d * DAY + brk.window[0], d * DAY + brk.window[1],
                                        brk.duration)
            if lo <= hi:
                days.append((lo, hi, ceil_div(brk.duration, grid.g)))
        out.append(days)
    return out


def add_placed_breaks(m: cp_model.CpModel, scenario: Scenario, observing: list[Any]) -> None:
    """One copy of each placed break on each of its days, which none of ``observing`` (the
    intervals of the sessions that observe breaks) overlaps: a break takes the whole
    capacity of a cumulative over them (nothing when no session observes breaks)."""
    for days in placed_break_starts(scenario) if observing else []:
        breaks = [m.new_fixed_size_interval_var(m.new_int_var(lo, hi, ""), size, "")
                  for lo, hi, size in days]
        if breaks:
            n = len(observing)
            m.add_cumulative(observing + breaks, [1] * n + [n] * len(breaks), n)


def stopped_by_seconds(units: float, limit: float) -> bool:
    """Whether a search that ended without a proof was stopped by its seconds (the CPU
    time left), not by its ``limit`` of deterministic units: it spent less than them."""
    return units < 0.99 * limit


def limited_solver(limit: float, workers: int, seconds: float | None) -> cp_model.CpSolver:
    """A CP-SAT solver stopped by ``limit`` deterministic units, and by ``seconds`` (the CPU
    time left to the bound) when given."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    solver.parameters.max_deterministic_time = limit
    solver.parameters.catch_sigint_signal = False  # Ctrl-C stays the caller's
    if seconds is not None:
        solver.parameters.max_time_in_seconds = max(0.001, seconds)
    return solver


def _unpriced(scenario: Scenario) -> set[str]:
    """Sessions whose room fit is not counted: those registrations may be given to
    (their participants, so their waste, are the schedule's)."""
    chosen = {ref for r in scenario.participants.registrations for ref in r.choices}
    return {s.id for s in scenario.sessions
            if s.id in chosen or (s.series is not None and s.series in chosen)}


def _room_minutes(scenario: Scenario) -> int:
    """What a room holds at most over the event: the minutes of every day's frame."""
    return sum(end - start for start, end in (scenario.frame(d) for d in scenario.days))


def preference_levels(m: cp_model.CpModel, start: Any,
                      costs: dict[int, int]) -> list[tuple[int, Any]]:
    """A session's preference cost as literals of ``m``: one per cost of ``costs`` (start
    step -> the people's windows it breaks), true when ``start`` is among that cost's
    steps, exactly one true; the (cost, literal) pairs of the costs above 0 (none when no
    start costs anything)."""
    if not costs or max(costs.values()) <= 0:
        return []
    by_cost: dict[int, list[int]] = defaultdict(list)
    for step, c in costs.items():
        by_cost[c].append(step)
    levels = []
    for c, steps in by_cost.items():
        lit = m.new_bool_var("")
        m.add_linear_expression_in_domain(start, Domain.from_values(steps)).only_enforce_if(lit)
        levels.append((c, lit))
    m.add_exactly_one(lit for _, lit in levels)
    return [(c, lit) for c, lit in levels if c]


def _bounds(domain: Domain) -> tuple[int, int]:
    flat = domain.flattened_intervals()
    return flat[0], flat[-1]


def _steps(domain: Domain) -> list[int]:
    flat = domain.flattened_intervals()
    return [s for i in range(0, len(flat), 2) for s in range(flat[i], flat[i + 1] + 1)]


def compact_days_tracks(scenario: Scenario, facts: dict[str, SessionFacts] | None = None,
                        limit: float = 10.0, workers: int = 1,
                        seconds: float | None = None) -> float:
    """The floor of :func:`compact_days_with_tracks` (whether the seconds cut it short
    left aside)."""
    return compact_days_with_tracks(scenario, facts, limit, workers, seconds)[0]


def compact_days_with_tracks(scenario: Scenario,
                             facts: dict[str, SessionFacts] | None = None,
                             limit: float = 10.0, workers: int = 1,
                             seconds: float | None = None) -> tuple[float, bool]:
    """A compact-days floor that sees tracks: the least ``Σ_d (latest end of day
    d - frame start) // granularity`` when every required session takes a start of its
    own domain, the sessions of a track do not overlap (``track-overlap``, for sessions
    of one possible track), at no moment do more sessions that need a room run than
    there are rooms (``room-overlap``, summed over rooms), and each placed break takes a
    start in its window on each of its days that no session observing breaks overlaps
    (``breaks``). Every other rule is dropped,
    which only lets more schedules in; optional sessions are left out (a schedule may drop
    them); each session's length is its least over days. CP-SAT's proven optimum, or its
    best bound when ``limit`` deterministic units (or ``seconds``) end the search first;
    and whether ``seconds`` ended it before its units and before a proof (cut short)."""
    facts = facts if facts is not None else FactBuilder(scenario).build()
    weight = scenario.weights.compact_days
    g = scenario.event.granularity
    per_day = DAY // g
    if not weight:
        return 0.0, False
    m = cp_model.CpModel()
    by_track: dict[str, list[Any]] = defaultdict(list)
    rooms = []
    observing: list[Any] = []
    latest: dict[int, list[tuple[Any, Any, int]]] = defaultdict(list)
    for f in facts.values():
        if f.optional or f.domain.is_empty() or not f.durations:
            continue
        minutes = min(f.durations.values())
        start = m.new_int_var_from_domain(f.domain, "")
        interval = m.new_fixed_size_interval_var(start, ceil_div(minutes, g), "")
        if len(f.session.tracks) == 1:
            by_track[f.session.tracks[0]].append(interval)
        if f.needs_room:
            rooms.append(interval)
        if f.observes_breaks:
            observing.append(interval)
        first, last = _bounds(f.domain)
        lits = []
        for d in range(first // per_day, last // per_day + 1):
            day = Domain(d * per_day, d * per_day + per_day - 1)
            if f.domain.intersection_with(day).is_empty():
                continue
            lit = m.new_bool_var("")
            m.add_linear_expression_in_domain(start, day).only_enforce_if(lit)
            latest[d].append((lit, start, minutes))
            lits.append(lit)
        m.add_exactly_one(lits)
    for intervals in by_track.values():
        if len(intervals) > 1:
            m.add_no_overlap(intervals)
    if rooms and len(rooms) > len(scenario.rooms):
        m.add_cumulative(rooms, [1] * len(rooms), len(scenario.rooms))
    add_placed_breaks(m, scenario, observing)
    total = []
    for d, ends in latest.items():
        begin, _ = scenario.frame(scenario.days[d])
        base = d * DAY + begin
        end = m.new_int_var(base, (d + 2) * DAY, "")
        for lit, start, minutes in ends:
            m.add(end >= g * start + minutes).only_enforce_if(lit)
        value = m.new_int_var(0, 2 * per_day, "")
        m.add(g * value >= end - base - g + 1)
        total.append(value)
    if not total:
        return 0.0, False
    m.minimize(sum(total))
    solver = limited_solver(limit, workers, seconds)
    status = solver.solve(m)
    if status == cp_model.OPTIMAL:
        return float(round(solver.objective_value)), False
    if status == cp_model.INFEASIBLE:
        raise ValueError("the sessions cannot be placed even with only their tracks and "
                         "the number of rooms (the event has no schedule)")
    cut = seconds is not None and stopped_by_seconds(solver.deterministic_time, limit)
    return float(max(0, math.ceil(solver.best_objective_bound - 1e-6))), cut
