"""Re-time and re-room a few tracks as one unit: a small CP-SAT sub-model over their
sessions, with every other session fixed where it is.

The polish (:mod:`scheduler.solver.polish`) moves one or two sessions at a time. On
events made of tracks (euro, informs) it stops where no single swap or shift pays: a
session's best start is held by another session of its own track, and the rooms left
are paid for by the times (docs/benchmarks.md, ``quality3``). This move frees a whole
unit at once:

- **track-day**: the sessions of one track on one day;
- **tracks**: the sessions of :data:`TRACKS` tracks on one day, each next track holding a
  room the unit uses that day (they may trade times and rooms);
- **tracks all days**: the sessions of :data:`TRACKS_ALL_DAYS` tracks on every day (they
  may change days too);
- **slots**: every movable session (any track, or none) at :data:`SLOTS` slot starts,
  on any days: they trade those starts and the rooms, so the sub-model re-plans which
  sessions share a slot across every track (what no unit of a few tracks sees);
- **clash** (only on events with participant clash pairs, large): the sessions of
  :data:`CLASHES` clashes left, drawn in proportion to their weight, each with its
  track's sessions that day, free to change days;
- **half-day** (only on events with participant clash pairs, in the neighbourhood
  loop of a solve: ``improve(half_days=True)``): every
  movable session of one day whose start is in a window of :data:`HALF_DAY_SHARE` of
  that day's movable sessions (130-180 on large), re-timed and re-roomed together on
  their day, with :data:`HALF_DAY_LIMIT` units (a clash left there is the price of a
  track keeping its room: undoing it moves other tracks' rooms as well, which no unit of
  a few tracks holds);

drawn adaptively (as the neighbourhood search of :mod:`scheduler.solver.lns` draws its
kinds: in proportion to each kind's recent gain per deterministic unit),
and solves where each of them runs: a start among the *slot starts* (the clock minutes at
which a session of its length starts somewhere in the schedule now, on the days its facts
allow, and its own start), and a room among a few (its own, the rooms the unit holds now,
its track's rooms on those days, the best-fitting ones its facts allow) that is free then
given every other session. The sub-model holds the exact change of every soft term a
place can change (as :meth:`polish.PolishSearch.delta` counts them, tested equal to the
checker's change): participant clashes (with the fixed sessions, and among the freed
ones), preferences, room fit, distinct rooms per track / facilitator / person and day,
compact days and instrument spread. Hard rules it keeps: each session one place its
facts allow; no two sessions in one room, of one track or with one person at once, with
the fixed ones as well; breaks; sessions that run alone. The limits on how many run at
once (licences, max-parallel) and a person's sessions per day are tested on the result
(:meth:`polish.PolishSearch._crowd_ok`), and the held sessions (series, ``after``,
``same-day-as``, ``not-parallel-with``, ``exclusive``) never move.

A sub-model's solution is taken when the polish's exact delta of the move is negative;
:func:`improve` runs such moves until its deadline or its move budget, and hands back the
schedule only if the independent checker passes it with a lower objective than the
start's (else the start).
"""

from __future__ import annotations

import os
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ortools.sat.python import cp_model

from scheduler.checker import check
from scheduler.facts import SessionFacts
from scheduler.scenario.model import Scenario
from scheduler.schedule import Schedule
from scheduler.solver import stoppable
from scheduler.solver.polish import Move, Place, PolishSearch, held

if TYPE_CHECKING:
    from scheduler.solver.trackhelper import Helper

KINDS = ("tracks", "tracks all days", "track-day", "slots")
"""In the order of their first turns (then drawn by recent gain per unit of work)."""
CLASH = "clash"
"""The kind drawn only on events with participant clash pairs (large), first of all:
the tracks (on their day) of the sessions in :data:`CLASHES` participant clashes left,
drawn in proportion to their weight, free to change days (:meth:`TrackMoves.clash_unit`)."""
HALF_DAY = "half-day"
"""The kind drawn on events with participant clash pairs when :func:`improve` is asked
for it (the neighbourhood loop of a solve, large), after the other kinds' first turns:
about half of one day's movable sessions at once (:meth:`TrackMoves.half_day_unit`)."""
ALL_KINDS = (CLASH, HALF_DAY, *KINDS)
ALONE = frozenset({"slots", HALF_DAY})
"""Kinds whose units are large (100-200 sessions): each runs in a round of its own kind
only (a ``slots`` unit alone; a ``half-day`` unit with a second one, on another day,
side by side: the helper's core is not left idle)."""
HALF_DAY_SHARE = 0.5
"""Share of a day's movable sessions (a window of consecutive starts) a ``half-day``
unit frees."""
HALF_DAY_LIMIT = 10.0
"""Deterministic units (and wall seconds under a deadline) per ``half-day`` sub-model at
most (:data:`SUB_LIMIT` for the others): on the 300-s schedules of large 36 and 37, the
twelve half-days each proven in 0.2-4.5 units or stopped at 20 (benchmarks/results/lns/
large10/). Wall seconds as many as units, as for every kind: with the seconds left to
the deadline, and in the polish too, the polish's moves took large 37 from 5,958 only to
5,459 under load 16-23 (main's to 3,868) and it ended at 4,464 against main's 3,387
(``300s-first/``)."""
CLASHES = 2
"""Clashes a ``clash`` neighbourhood frees the tracks of."""
TRACK_KINDS = KINDS[:-1]
"""The kinds without ``slots``: what :func:`improve` draws from when only a count of moves
ends it (no deadline: the polish of a ``--deterministic`` solve). A slot move costs 10-14x
a track move's CPU (1,000 moves: euro 11 46 against 16 CPU s, informs 12 172 against 25;
benchmarks/results/lns/quality6/), most of it in building its sub-model, which the count
of moves and the units do not see: with slots, such a solve's start would take minutes
longer, outside its budget of units."""
TRACKS = 4
"""Tracks a ``tracks`` neighbourhood frees on one day. On euro seed 11, 600 moves from
the polished 1,762: 1 track 1,716 (300 moves), 2 tracks 1,693, 3 1,679 (6 CPU s),
4 1,665 (11 CPU s), 6 1,637 (43 CPU s), 8 1,632 (172 CPU s)."""
MAX_TRACKS = 8
"""With ``stall`` (:func:`improve`): once that many sub-models in a row took nothing, a
``tracks`` neighbourhood frees twice as many tracks, up to this many, before the moves
stop. From the polished euro seed 11, 1,500 moves: 1,636 in 20.6 CPU s with 4 tracks
throughout, 1,625 in 13.4 CPU s growing after 100 idle sub-models (they stopped at 8);
informs seed 12: 3,879 in 29 CPU s against 3,825 in 45 CPU s."""
TRACKS_ALL_DAYS = 2
"""Tracks a ``tracks all days`` neighbourhood frees, on every day (so they may change
days: instrument spread and preferences across days)."""
SLOTS = 3
"""Slot starts (on any days) a ``slots`` neighbourhood frees, across every track and
room. From the track moves' rest (1,000 of them) on informs seed 12 (3,900), 60 slot
moves: 2 starts 3,757 in 10 CPU s, 3 starts 3,706 in 19 CPU s; euro seed 11 (1,620):
1,602 in 5 CPU s, 1,597 in 9 CPU s (6 starts: 1,588 in 24 CPU s)."""
ROOMS_PER_SESSION = 6
"""Best-fitting rooms a freed session may take besides its own and the unit's."""
SUB_LIMIT = 2.0
"""Deterministic units (and wall seconds) per sub-model at most."""
ROUND = 2
"""Sub-models drawn from one schedule, solved side by side (:func:`improve`)."""
WORKERS = 2
"""Processes solving a round's sub-models (the master and a helper process,
:mod:`scheduler.solver.trackhelper`)."""
DECAY = 0.7
FLOOR_SHARE = 0.1


@dataclass
class SubModel:
    """One neighbourhood's CP-SAT model: ``x[(sid, start, room)]`` places a freed session."""

    model: cp_model.CpModel
    x: dict[tuple[str, int, str | None], cp_model.IntVar]
    current: dict[str, tuple[int, str | None]]
    """Each freed session's place now (a solution of the model)."""
    objective: cp_model.LinearExpr
    constant: int = 0


@dataclass
class Stats:
    """What :func:`improve` did (for benchmarks and tests)."""

    tried: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ALL_KINDS, 0))
    taken: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ALL_KINDS, 0))
    gain: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ALL_KINDS, 0))
    units: float = 0.0
    moves: list[tuple[str, int, int]] = field(default_factory=list)
    """(kind, sessions freed, change of the objective) of each move taken."""
    helped: int = 0
    """Sub-models a helper process solved (:mod:`scheduler.solver.trackhelper`)."""


class TrackMoves:
    """The schedule being improved (a polish search state) and the sub-models over it."""

    def __init__(self, scenario: Scenario, facts: dict[str, SessionFacts], start: Schedule,
                 seed: int = 0, rooms: dict[str, set[str]] | None = None) -> None:
        self.scenario = scenario
        self.rooms = rooms
        """Session -> the only rooms it may take (a model's room options: the
        neighbourhood search hands the result back to its model); None: any its facts
        allow."""
        self.search = PolishSearch(scenario, facts, start, set())
        self.rng = random.Random(seed)
        s = self.search
        self.held = held(scenario, facts)
        self.tracks: dict[str, list[str]] = defaultdict(list)
        for sid, session in s.sessions.items():
            if session.track is not None and sid not in self.held:
                self.tracks[session.track].append(sid)
        self.track_names = sorted(self.tracks)
        self.scores = dict.fromkeys(ALL_KINDS, 0.0)
        self.clashy = any(s.interest.values())
        """The event has participant clash pairs: the ``clash`` kind is drawn too."""
        self.kinds: tuple[str, ...] = with_clash(KINDS, self.clashy)
        """The kinds :meth:`draw` draws from (:func:`improve`'s ``kinds``)."""
        self.half_days = 0
        """``half-day`` units drawn so far (their days go in turn)."""
        self.clash_free_at: int | None = None
        """How many moves were taken (``len(applied)``) when a ``clash`` unit last found
        no clash left: until the next move there is none, so :meth:`draw` skips the kind
        (review11: each draw of it was a wasted turn)."""
        self.stats = Stats()
        self.timed = True
        """Whether a sub-model may also stop on the wall clock (its limit in seconds as
        well as in units): only under a caller's deadline. Without one (a counted run,
        ``--deterministic``) the units alone stop it, so the same moves come out on any
        machine at any load."""
        self.applied: list[Move] = []
        """Every move taken, in order (a helper process replays them)."""
        self.tracks_per_unit = TRACKS
        """Tracks a ``tracks`` neighbourhood frees now (doubled up to :data:`MAX_TRACKS`
        when the moves have come to rest, :func:`improve`)."""

    # ------------------------------------------------------------ neighbourhoods

    def _slot_clocks(self) -> dict[int, set[int]]:
        """Session length -> the clock minutes at which a session of that length starts
        now (on any day)."""
        s = self.search
        out: dict[int, set[int]] = defaultdict(set)
        for p in s.place.values():
            out[p.end - p.start].add(p.start % s.day_minutes)
        return out

    def track_day(self, track: str, day: int | None) -> list[str]:
        """The movable sessions of ``track`` on ``day`` (None: every day)."""
        s = self.search
        return [sid for sid in self.tracks.get(track, [])
                if day is None or s._day(s.place[sid].start) == day]

    def choose(self, kind: str) -> tuple[list[str], bool]:
        """The sessions a neighbourhood of ``kind`` frees, and whether they may change
        days: ``track-day`` one track on one day; ``tracks`` :data:`TRACKS` tracks on one
        day; ``tracks all days`` :data:`TRACKS_ALL_DAYS` tracks on every day. The first
        track is drawn at random; each next one has a session that day in a room the
        unit holds (else any track)."""
        s = self.search
        if kind == "slots":
            free = self.slot_unit()
            return free, len({s._day(s.place[sid].start) for sid in free}) > 1
        if kind == CLASH:
            return self.clash_unit(), True
        if kind == HALF_DAY:
            return self.half_day_unit(), False
        track = self.rng.choice(self.track_names)
        days = sorted({s._day(s.place[sid].start) for sid in self.tracks[track]})
        day = self.rng.choice(days)
        count = {"track-day": 1, "tracks": self.tracks_per_unit,
                 "tracks all days": TRACKS_ALL_DAYS}[kind]
        every_day = kind == "tracks all days"
        unit = self.track_day(track, None if every_day else day)
        taken = {track}
        for _ in range(count - 1):
            rooms = {s.place[sid].room for sid in unit if s._day(s.place[sid].start) == day}
            near = sorted({track_of for room in rooms if room is not None
                           for o in s.by_room[room]
                           if (track_of := s.sessions[o].track) is not None
                           and track_of not in taken and o not in self.held
                           and s._day(s.place[o].start) == day})
            if not near:
                near = [t for t in self.track_names if t not in taken]
            if not near:
                break
            other = self.rng.choice(near)
            taken.add(other)
            unit += self.track_day(other, None if every_day else day)
        return unit, every_day

    def slot_unit(self) -> list[str]:
        """Every movable session (of any track, or none) starting at one of :data:`SLOTS`
        slot starts (the starts of movable sessions, on any day), drawn at random:
        with ``within`` (:meth:`build`) they trade those starts and the rooms, so the
        sub-model re-plans which sessions share each of those slots (and, across days,
        how many run on each)."""
        s = self.search
        movable = [sid for sid in sorted(s.place) if sid not in self.held]
        starts = sorted({s.place[sid].start for sid in movable})
        if not starts:
            return []
        chosen = set(self.rng.sample(starts, min(SLOTS, len(starts))))
        return [sid for sid in movable if s.place[sid].start in chosen]

    def half_day_unit(self) -> list[str]:
        """About :data:`HALF_DAY_SHARE` of one day's movable sessions: those with the
        consecutive starts of a window drawn at random (the day the next in turn, so
        that two units of a round are on two days and never meet)."""
        s = self.search
        days = sorted({s._day(s.place[sid].start) for sid in s.place if sid not in self.held})
        if not days:
            return []
        day = days[self.half_days % len(days)]
        self.half_days += 1
        movable = sorted((s.place[sid].start, sid) for sid in s.place
                         if sid not in self.held and s._day(s.place[sid].start) == day)
        size = max(1, round(HALF_DAY_SHARE * len(movable)))
        first = self.rng.randrange(len(movable) - size + 1)
        return [sid for _, sid in movable[first:first + size]]

    def clashes(self) -> list[tuple[int, str, str]]:
        """(people who want both, a, b) of every pair of overlapping sessions with
        participant interest in both, one of them movable; in a fixed order."""
        s = self.search
        out = []
        for a in sorted(s.interest):
            pa = s.place[a]
            for b, n in s.interest[a].items():
                if a < b and (a not in self.held or b not in self.held):
                    pb = s.place[b]
                    if pa.start < pb.end and pb.start < pa.end:
                        out.append((n, a, b))
        out.sort(key=lambda c: (-c[0], c[1], c[2]))
        return out

    def clash_unit(self) -> list[str]:
        """The sessions behind :data:`CLASHES` participant clashes left, drawn in
        proportion to their weight (Efraimidis-Spirakis keys, as the neighbourhood
        search draws its clashes): each movable session of a clash with every movable
        session of its track on its day (alone when it has no track). With ``other
        days`` (:meth:`choose`): a clash is often cheapest undone on another day."""
        s = self.search
        clashes = self.clashes()
        if not clashes:
            self.clash_free_at = len(self.applied)
        keyed = sorted(((self.rng.random() ** (1.0 / max(1, n)), a, b)
                        for n, a, b in clashes), reverse=True)
        unit: dict[str, None] = {}
        for _, a, b in keyed[:CLASHES]:
            for sid in (a, b):
                if sid in self.held or sid in unit:
                    continue
                track = s.sessions[sid].track
                if track is None or track not in self.tracks:
                    unit[sid] = None
                else:
                    unit.update(dict.fromkeys(self.track_day(track, s._day(s.place[sid].start))))
        return list(unit)

    # ------------------------------------------------------------ the sub-model

    def build(self, free: list[str], other_days: bool, within: bool = False) -> SubModel:
        """The sub-model freeing ``free`` (each on its own day unless ``other_days``;
        with ``within``, each at one of the freed sessions' starts now)."""
        s = self.search
        g = s.grid.g
        w = s.weights
        freed = set(free)
        clocks = self._slot_clocks()
        slots = {s.place[sid].start for sid in free}
        model = cp_model.CpModel()
        x: dict[tuple[str, int, str | None], cp_model.IntVar] = {}
        current = {sid: (s.place[sid].start, s.place[sid].room) for sid in free}
        mine_in_room: dict[str, set[int]] = defaultdict(set)
        for sid in free:
            p = s.place[sid]
            if p.room is not None:
                mine_in_room[p.room].update(s._steps(p))
        unit_rooms = {s.place[sid].room for sid in free} - {None}
        terms: list[tuple[int, Any]] = []  # (cost, variable)
        constant = 0
        cover: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
        """(session, grid step) -> its places covering that step."""
        in_room: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
        """(room, grid step) -> freed places there then."""
        on_day: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
        for sid in free:
            here = s.place[sid]
            length = here.end - here.start
            day_now = s._day(here.start)
            fits = s._fits(sid)
            track = s.sessions[sid].track
            # rooms: its own, the unit's, its track's on any day, the best-fitting few
            track_rooms = {room for day in range(len(self.scenario.days))
                           for room, n in s.rooms_of.get(
                               ("track_room_stability", track, day), Counter()).items()
                           if n > 0} if track else set()
            best = sorted((r for r in fits if r is not None), key=lambda r: (fits[r], r))
            unit = [r for r in best if r in unit_rooms]
            rooms: list[str | None] = list(dict.fromkeys(
                [here.room, *sorted(r for r in track_rooms if r in fits),
                 *unit[:ROOMS_PER_SESSION], *best[:ROOMS_PER_SESSION]]))
            starts = [t for t in s.starts[sid]
                      if (other_days or s._day(t) == day_now)
                      and (t == here.start or t % s.day_minutes in clocks[length])
                      and (not within or t in slots)]
            # fixed sessions it may not meet: its people's and track's, and the exclusive
            blockers = [s.place[o] for key in s.busy[sid] for o in s.by_busy[key]
                        if o not in freed]
            blockers += [s.place[o] for o in s.exclusive if o not in freed]
            prefs = s._prefs(sid)
            placed: list[cp_model.IntVar] = []
            for t in starts:
                end = t + length
                if t != here.start and any(t < b.end and b.start < end for b in blockers):
                    continue
                if s.facts[sid].observes_breaks and any(
                        t < be and bs < end for bs, be in s.breaks):
                    continue
                steps = range(t // g, -(-end // g))
                clash = sum(n for o, n in s.interest[sid].items()
                            if o not in freed and t < s.place[o].end and s.place[o].start < end)
                for room in rooms:
                    if room is None and None not in fits:
                        continue
                    if room is not None and (t, room) != (here.start, here.room):
                        occupied = s.occupied[room]  # (the most selective test first)
                        if any(occupied[k] - (k in mine_in_room[room]) > 0 for k in steps):
                            continue
                    if room is not None and (room not in fits or not s._room_allows(sid, t, room)
                                             or (self.rooms is not None
                                                 and room not in self.rooms.get(sid, ()))):
                        continue
                    lit = model.new_bool_var(f"x[{sid},{t},{room}]")
                    x[(sid, t, room)] = lit
                    placed.append(lit)
                    cost = w.participant_clashes * clash + w.room_fit * s._fit(sid, room)
                    if prefs:
                        cost += w.preferences * (prefs[t] if t in prefs
                                                 else s._preferences(sid, t, end))
                    if cost:
                        terms.append((cost, lit))
                    for k in steps:
                        cover[(sid, k)].append(lit)
                        if room is not None:
                            in_room[(room, k)].append(lit)
                    on_day[(sid, s._day(t))].append(lit)
            model.add_exactly_one(placed)
        # one session a room at a time
        for lits in in_room.values():
            if len(lits) > 1:
                model.add_at_most_one(lits)
        # one place at a time for a person or a track among the freed sessions
        steps_of: dict[str, set[int]] = defaultdict(set)
        for (sid, k) in cover:
            steps_of[sid].add(k)
        by_key: dict[str, list[str]] = defaultdict(list)
        for sid in free:
            for key in sorted(s.busy[sid]):  # (sorted: the same model in every process)
                by_key[key].append(sid)
        for members in by_key.values():
            if len(members) < 2:
                continue
            for k in set().union(*(steps_of[m] for m in members)):
                lits = [lit for m in members for lit in cover.get((m, k), [])]
                if len(lits) > 1:
                    model.add_at_most_one(lits)
        # participant clashes among the freed sessions: a pair overlaps when some step
        # holds both
        for i, a in enumerate(free):
            for b in free[i + 1:]:
                n = s.interest[a].get(b, 0)
                if not n or not w.participant_clashes:
                    continue
                both = model.new_bool_var(f"clash[{a},{b}]")
                for k in steps_of[a] & steps_of[b]:
                    model.add(sum(cover[(a, k)]) + sum(cover[(b, k)]) <= 1 + both)
                terms.append((w.participant_clashes * n, both))
        days = {d for (_sid, d) in on_day}
        # distinct rooms per track / facilitator / person and day, beyond one
        groups: dict[tuple[str, str, int], dict[str, list[cp_model.IntVar]]] = defaultdict(
            lambda: defaultdict(list))
        for (sid, t, room), lit in x.items():
            if room is None:
                continue
            for term, who in s.groups[sid]:
                groups[(term, who, s._day(t))][room].append(lit)
        keys = set(groups)
        # (key, room) -> freed sessions of that key in that room now (they leave it)
        leaving: Counter[tuple[tuple[str, str, int], str | None]] = Counter()
        for sid in free:  # keys the freed sessions leave too
            p = s.place[sid]
            for term, who in set(s.groups[sid]):
                keys.add((term, who, s._day(p.start)))
                leaving[((term, who, s._day(p.start)), p.room)] += 1
        for gkey in sorted(keys):
            weight = getattr(w, gkey[0])
            fixed = {room for room, n in s.rooms_of.get(gkey, Counter()).items()
                     if n - leaving[(gkey, room)] > 0}
            used: list[cp_model.IntVar] = []
            for room, lits in groups.get(gkey, {}).items():
                if room in fixed:
                    continue
                u = model.new_bool_var(f"u[{gkey},{room}]")
                for lit in lits:
                    model.add_implication(lit, u)
                used.append(u)
            if fixed:
                constant += weight * (len(fixed) - 1)
                terms.extend((weight, u) for u in used)
            elif used:
                extra = model.new_int_var(0, len(used), f"extra[{gkey}]")
                model.add(extra >= sum(used) - 1)
                terms.append((weight, extra))
        # compact days: each day's latest end (in grid steps from its frame start)
        if w.compact_days:
            for day in days | {s._day(s.place[sid].start) for sid in free}:
                base = day * s.day_minutes
                ends = Counter(s.ends.get(day, Counter()))
                for sid in free:
                    if s._day(s.place[sid].start) == day:
                        ends[s.place[sid].end - base] -= 1
                frame = s.frame_start[day]
                fixed_end = max((e for e, n in ends.items() if n > 0), default=None)
                floor = (fixed_end - frame) // g if fixed_end is not None else 0
                top = floor
                lits_ends = []
                for (sid, t, _room), lit in x.items():
                    if s._day(t) == day:
                        e = t + s.place[sid].end - s.place[sid].start - base
                        c = (e - frame) // g
                        if c > floor:
                            lits_ends.append((c, lit))
                            top = max(top, c)
                if not lits_ends:
                    constant += w.compact_days * floor
                    continue
                latest = model.new_int_var(floor, top, f"latest[{day}]")
                for c, lit in lits_ends:
                    model.add(latest >= c).only_enforce_if(lit)
                terms.append((w.compact_days, latest))
        # instrument spread: sessions of an instrument on a day beyond its share
        if w.instrument_spread and other_days:
            names = {s.sessions[sid].instrument for sid in free} & set(s.spread_cap)
            for name in sorted(names):
                cap = s.spread_cap[name]
                mine = [sid for sid in free if s.sessions[sid].instrument == name]
                for day in range(len(self.scenario.days)):
                    fixed_n = s.per_day[(name, day)] - sum(
                        1 for sid in mine if s._day(s.place[sid].start) == day)
                    lits = [lit for sid in mine for lit in on_day.get((sid, day), [])]
                    if not lits:
                        constant += w.instrument_spread * max(0, fixed_n - cap)
                        continue
                    over = model.new_int_var(0, len(lits) + fixed_n, f"over[{name},{day}]")
                    model.add(over >= fixed_n + sum(lits) - cap)
                    terms.append((w.instrument_spread, over))
        objective = cp_model.LinearExpr.weighted_sum([v for _, v in terms],
                                                     [c for c, _ in terms])
        model.minimize(objective)
        for (sid, t, room), lit in x.items():
            model.add_hint(lit, current[sid] == (t, room))
        return SubModel(model, x, current, objective, constant)

    # ------------------------------------------------------------ one move

    def solve(self, sub: SubModel, limit: float = SUB_LIMIT, workers: int = 1,
              seed: int = 0, exact: bool = False, seconds: float | None = None
              ) -> tuple[Move | None, int | None, float]:
        """Solve ``sub``; the move to its best solution (None: no place changes), the
        sub-model's change of the objective (with ``exact``: one more solve with the
        current places fixed; else None) and the deterministic units spent."""
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.num_workers = workers
        params.max_deterministic_time = limit
        if self.timed:  # wall seconds: ``seconds``, else as many as units
            params.max_time_in_seconds = limit if seconds is None else seconds
        params.random_seed = seed
        params.catch_sigint_signal = False
        # the LP relaxation proves these small models optimal fast: on 40 sub-models of
        # informs seed 12, 1.2 s in all with level 2, 10 s with levels 0 and 1 (which
        # ran into the limit), objectives as good or better
        params.linearization_level = 2
        status = stoppable.solve(solver, sub.model)  # Ctrl-C stops it at once
        units = float(solver.deterministic_time)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None, 0, units
        s = self.search
        move: Move = {}
        found: dict[str, tuple[int, str | None]] = {}
        for (sid, t, room), lit in sub.x.items():
            if solver.boolean_value(lit):
                found[sid] = (t, room)
                if sub.current[sid] != (t, room):
                    length = s.place[sid].end - s.place[sid].start
                    move[sid] = Place(t, t + length, room)
        if not move:
            return None, 0, units
        if not exact:
            return move, None, units
        # both sides with the helpers at their least values: a search stopped by its limit
        # may leave a helper above its least, and its objective_value above the
        # placement's own cost
        return move, self.value_at(sub, found) - self.value_at(sub, sub.current), units

    def value_at(self, sub: SubModel, places: dict[str, tuple[int, str | None]]) -> int:
        """The sub-model's objective (without its constant) with each freed session at
        ``places`` (the helpers at their least values). Limited in units, not seconds."""
        fixed = sub.model.clone()
        for (sid, t, room), lit in sub.x.items():
            fixed.add(lit == int(places[sid] == (t, room)))
        fixed.clear_hints()
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.catch_sigint_signal = False
        solver.parameters.max_deterministic_time = 5.0
        status = stoppable.solve(solver, fixed)
        if status != cp_model.OPTIMAL:
            raise RuntimeError("the current places are not a solution of the sub-model")
        return int(round(solver.objective_value))

    def step(self, kind: str, limit: float = SUB_LIMIT) -> int:
        """One neighbourhood of ``kind``: the change of the objective taken (0: none)."""
        free, other_days = self.choose(kind)
        self.stats.tried[kind] += 1
        if not free:
            return 0
        if kind == HALF_DAY:
            limit = max(limit, HALF_DAY_LIMIT)
        move, units = self.solve_unit(free, other_days, self.rng.randrange(1 << 30), limit,
                                      within=kind == "slots")
        return self.take(kind, free, move, units)

    def solve_unit(self, free: list[str], other_days: bool, seed: int,
                   limit: float = SUB_LIMIT, seconds: float | None = None,
                   within: bool = False) -> tuple[Move | None, float]:
        """The move the sub-model freeing ``free`` finds (None: none), and its units
        (``within``: :meth:`build`)."""
        sub = self.build(free, other_days, within)
        move, _change, units = self.solve(sub, limit, seed=seed, seconds=seconds)
        return move, units

    def take(self, kind: str, free: list[str], move: Move | None, units: float,
             changed: dict[str, Place] | None = None) -> int:
        """Apply ``move`` (found by a sub-model of ``kind`` freeing ``free``) when it
        breaks no hard rule and its exact change of the objective is negative; the gain
        (0: not taken). ``changed``: sessions moved since the sub-model's schedule was
        read (another sub-model of the same round), with their places now: the move must
        not meet them in a room, a person or a track, nor an exclusive session; the moves
        taken are added to it."""
        self.stats.units += units
        gain = 0
        if move is not None and (not changed or not self.meets(move, changed)):
            delta = self.search.delta(move)
            if delta < 0 and self.search._crowd_ok(move) and self.changeover_ok(move):
                self.search._apply(move)
                self.applied.append(move)
                if changed is not None:
                    changed.update(move)
                gain = -delta
                self.stats.taken[kind] += 1
                self.stats.gain[kind] += gain
                self.stats.moves.append((kind, len(free), delta))
        self.scores[kind] = DECAY * self.scores[kind] + (1 - DECAY) * gain / max(0.05, units)
        return gain

    def meets(self, move: Move, changed: dict[str, Place]) -> bool:
        """Whether a place of ``move`` overlaps a place of ``changed`` (a session not in
        ``move``) in one room, with a person or a track of both, or when either runs
        alone (``exclusive``)."""
        s = self.search
        for a, pa in move.items():
            for b, pb in changed.items():
                if b in move or not (pa.start < pb.end and pb.start < pa.end):
                    continue
                if (pa.room is not None and pa.room == pb.room) or s.busy[a] & s.busy[b] \
                        or a in s.exclusive or b in s.exclusive:
                    return True
        return False

    def changeover_ok(self, move: Move) -> bool:
        """With the event's ``changeover: N``, no person of a moved session goes from
        another room to it, or from it to another room, with less than N minutes between
        them on one day (the checker's person-overlap rule; the sub-model states plain
        overlap only)."""
        changeover = self.scenario.event.changeover
        if not changeover:
            return True
        s = self.search
        for sid, new in move.items():
            if new.room is None:
                continue
            day = s._day(new.start)
            for pid in s.listed[sid]:
                for other in s.by_busy[pid]:
                    if other == sid:
                        continue
                    there = move.get(other, s.place[other])
                    if there.room is None or there.room == new.room \
                            or s._day(there.start) != day:
                        continue
                    if max(there.start - new.end, new.start - there.end) < changeover:
                        return False
        return True

    def draw(self) -> str:
        """The next kind, in proportion to recent gain per unit (each at least
        :data:`FLOOR_SHARE`)."""
        kinds = self.kinds
        if self.clash_free_at == len(self.applied):  # no clash left since that unit
            kinds = tuple(k for k in kinds if k != CLASH)
        total = sum(max(0.0, self.scores[k]) for k in kinds)
        if total <= 0:
            return self.rng.choice(kinds)
        rest = 1 - FLOOR_SHARE * len(kinds)
        u, edge = self.rng.random(), 0.0
        for kind in kinds:
            edge += FLOOR_SHARE + rest * max(0.0, self.scores[kind]) / total
            if u < edge:
                return kind
        return kinds[-1]


def with_clash(kinds: tuple[str, ...], clashy: bool, half_days: bool = False
               ) -> tuple[str, ...]:
    """``kinds`` with :data:`CLASH` first on an event with participant clash pairs
    (``clashy``), and :data:`HALF_DAY` last with ``half_days``; without them otherwise (euro
    and informs draw as before)."""
    rest = tuple(k for k in kinds if k not in (CLASH, HALF_DAY))
    if not clashy:
        return rest
    return (CLASH, *rest, HALF_DAY) if half_days else (CLASH, *rest)


def unit_limit(kind: str, deadline: float | None) -> tuple[float, float | None]:
    """Deterministic units and wall seconds (None: the units) for a sub-model of
    ``kind``: :data:`SUB_LIMIT` of both for most; for a half-day :data:`HALF_DAY_LIMIT`
    units, and as many seconds at most before ``deadline`` (at least :data:`SUB_LIMIT`)."""
    if kind != HALF_DAY:
        return SUB_LIMIT, None
    if deadline is None:
        return HALF_DAY_LIMIT, None
    return HALF_DAY_LIMIT, max(SUB_LIMIT, min(HALF_DAY_LIMIT, deadline - time.monotonic()))


def helper_workers(workers: int) -> int:
    """Processes for the track moves of a solve asked for ``workers`` CP-SAT workers:
    :data:`WORKERS` when it asked for two or more and this process may run on two cores
    or more, else 1. The search is not running while the moves run, so the helper takes
    the core its second worker would have. The moves are the same either way; in wall time
    the helper paid at idle (1.24-1.30x on euro 11) and at load 7-16 (euro 11: 48.5 and
    52.6 s against 49.9 and 86.9 s; informs 12: 97.8 and 93.2 against 178.7 and 122.9 s)
    for 6-25% more CPU (benchmarks/results/lns/process6/)."""
    if workers < WORKERS:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return WORKERS if cores >= WORKERS else 1


HELPER_GRACE = 2.0
"""Wall seconds past :func:`improve`'s deadline that the master waits for the helper's
answer; then it ends the helper and solves that sub-model itself (the same move)."""


def helper_wait(deadline: float | None) -> float | None:
    """How long the master waits for one answer of the helper: the helper's own bound
    (None: :data:`~scheduler.solver.trackhelper.WAIT`) without a deadline, else until
    :data:`HELPER_GRACE` seconds past the deadline, at most that bound. Before
    (review10), a helper that stopped answering held a timed solve up to 60 s past its
    deadline."""
    if deadline is None:
        return None
    from scheduler.solver.trackhelper import WAIT

    return min(WAIT, max(0.0, deadline - time.monotonic()) + HELPER_GRACE)


def start_helper(scenario: Scenario, start: Schedule,
                 rooms: dict[str, set[str]] | None) -> Helper | None:
    """A helper process (:class:`~scheduler.solver.trackhelper.Helper`), or None when
    none can be started (no memory, no interpreter): the moves then run on one process.
    Imported here: ``python -m scheduler.solver.trackhelper`` imports this package first,
    which must not have imported the helper's module already."""
    from scheduler.solver.trackhelper import Helper

    try:
        return Helper(scenario, start, rooms)
    except OSError:
        return None


def improve(scenario: Scenario, facts: dict[str, SessionFacts], start: Schedule, *,
            deadline: float | None = None, moves: int | None = None, seed: int = 0,
            on_better: Callable[[float], None] | None = None,
            stats: Stats | None = None, rooms: dict[str, set[str]] | None = None,
            stall: int | None = None, stop: Callable[[], bool] | None = None,
            workers: int = 1, kinds: tuple[str, ...] | None = None,
            half_days: bool = False) -> Schedule:
    """``start`` improved by track moves until ``deadline`` (``time.monotonic()``) or
    ``moves`` sub-models, whichever comes first (one of them must be given); ``start``
    itself when nothing was taken, or when the checker does not pass the result with a
    lower objective. ``rooms``: each session's only rooms (:class:`TrackMoves`).
    ``stall``: after this many sub-models in a row without a move taken, free twice as
    many tracks (up to :data:`MAX_TRACKS`), and stop when that has come to rest too.
    ``stop``: asked between rounds; true ends the moves there (the first Ctrl-C of
    the neighbourhood loop), what was taken is checked and kept.

    The sub-models run in rounds of :data:`ROUND` units drawn from one schedule (the
    second unit dropped when it shares a session with the first); their moves are taken
    in order, each tested against the sessions the round moved already
    (:meth:`TrackMoves.take`). ``workers``: with 2, a helper process
    (:mod:`scheduler.solver.trackhelper`, its own interpreter) solves the second unit of
    each round; with 1 the same sub-models run one after the other: the same moves either
    way. A helper that dies, or does not answer, leaves the master solving alone.
    ``kinds``: the kinds drawn (default :data:`KINDS`; the polish without a deadline
    passes :data:`TRACK_KINDS`), with :data:`CLASH` first on an event with participant
    clash pairs (:func:`with_clash`). ``half_days``: on such an event, :data:`HALF_DAY`
    too (the neighbourhood loop of a solve asks for it; the polish does not: from its
    start, 5,000-6,000 on large, the small units gain faster)."""
    if deadline is None and moves is None:
        raise ValueError("improve needs a deadline or a number of moves")
    if not start.sessions or any(s.id not in facts for s in start.sessions):
        return start
    base = check(scenario, start)
    if not base.ok or base.objective is None:
        return start
    work = TrackMoves(scenario, facts, start, seed, rooms)
    if not work.track_names:
        return start
    work.timed = deadline is not None
    work.kinds = with_clash(kinds or KINDS, work.clashy, half_days)
    helper = start_helper(scenario, start, rooms) if workers > 1 else None
    turn = idle = 0
    carried: str | None = None
    """A ``slots`` kind drawn second in a round, or after one: it goes first in the next
    (a slot unit frees 100-200 sessions, which nearly always meet the other unit's)."""
    try:
        while (stop is None or not stop()) and (moves is None or turn < moves) and (
                deadline is None or time.monotonic() < deadline) and (
                stall is None or idle < stall):
            units: list[tuple[str, list[str], bool, int]] = []
            for _ in range(ROUND if moves is None else min(ROUND, moves - turn)):
                kind = carried or (work.kinds[turn] if turn < len(work.kinds)
                                   else work.draw())
                carried = None
                if units and units[0][0] == HALF_DAY:
                    kind = HALF_DAY  # its pair, on another day
                elif units and (kind in ALONE or units[0][0] in ALONE):
                    carried = kind
                    break
                turn += 1
                free, other_days = work.choose(kind)
                work.stats.tried[kind] += 1
                if units and set(free) & set(units[0][1]):
                    free = []
                units.append((kind, free, other_days, work.rng.randrange(1 << 30)))
            found: list[tuple[Move | None, float]] = [(None, 0.0)] * len(units)
            remote = (helper is not None and len(units) > 1 and bool(units[1][1])
                      and helper.poll_ready())
            if remote:
                assert helper is not None
                remote = helper.submit(work, units[1][1], units[1][2], units[1][3],
                                       *unit_limit(units[1][0], deadline),
                                       units[1][0] == "slots")
            for i, (kind, free, other_days, sub_seed) in enumerate(units):
                if free and not (remote and i == 1):
                    found[i] = work.solve_unit(free, other_days, sub_seed,
                                               *unit_limit(kind, deadline),
                                               within=kind == "slots")
            if remote:
                assert helper is not None
                answer = helper.result(helper_wait(deadline))
                if answer is None:  # the helper is gone: the master solves it (same move)
                    kind, free, other_days, sub_seed = units[1]
                    answer = work.solve_unit(free, other_days, sub_seed,
                                             *unit_limit(kind, deadline),
                                             within=kind == "slots")
                found[1] = answer
            if helper is not None and helper.failed:
                work.stats.helped = helper.solved
                helper.close()
                helper = None
            changed: dict[str, Place] = {}
            for (kind, free, _other, _seed), (move, spent) in zip(units, found, strict=True):
                gained = work.take(kind, free, move, spent, changed) if free else 0
                idle = 0 if gained else idle + 1
            if stall is not None and idle >= stall and work.tracks_per_unit < MAX_TRACKS:
                work.tracks_per_unit = min(MAX_TRACKS, 2 * work.tracks_per_unit)
                idle = 0
    finally:
        if helper is not None:
            work.stats.helped = helper.solved
            helper.close()
    if stats is not None:
        stats.__dict__.update(work.stats.__dict__)
    if not any(work.stats.taken.values()):
        return start
    result = work.search.schedule()
    report = check(scenario, result)
    if not report.ok or report.objective is None or report.objective >= base.objective:
        return start
    if on_better is not None:
        on_better(report.objective)
    return result
