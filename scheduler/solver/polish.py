"""A quick local search on a small event's start schedule, before the proof search.

The greedy start places sessions without looking at who wants which: it leaves participant
clashes of 1,510 on talks-100, whose optimum (320) has none. CP-SAT's neighbourhood
searches take 20-30 s on two cores to get from there to 321-325, since each of its
sub-models of that model costs about a second. This search does most of that work in a
fraction of a second before the model is built, so the proof search starts near the
optimum (docs/benchmarks.md, "A polished start").

Events of up to :data:`SCALE_UP_TO` sessions are polished too, with candidate moves
ranked from tables (:meth:`PolishSearch._best_move_at_scale`): on large (1,000 sessions) the
greedy's 9,838 becomes 4,575 in 8 CPU s, below half the generator's planted timetable,
and the neighbourhood search starts from there (docs/benchmarks.md, "The polished start
at scale").

Two moves, each taken only when it lowers the objective (at scale also a third: a
session to another free room at the same time, or at a better start):

- **swap**: two sessions of the same length exchange their places (day, start and room);
- **shift**: a session moves to a free time of its own room, clear of the placed breaks.

The objective of a move is the sum of the soft terms a move can change, weighted as in the
scenario: participant clashes, preferences, room fit, track room stability, facilitator
same room, room changes, compact days and instrument spread (:mod:`scheduler.solver.evaluate`
defines each; the other terms do not depend on where and when a session runs).

A move must keep the hard rules these moves can break: the new start and room are ones the
session's facts allow (its restrictions: people's and rooms' availability, earliest and
latest, pinned times), the room is free then (shift), no person of the session and no
session of its track is elsewhere at the new time, and no session that runs alone
(``exclusive``) overlaps it. Sessions whose rules tie them to others (series meetings,
``after``, ``same-day-as``, ``not-parallel-with``, ``exclusive``) never move. Rules these
moves do not track are left to the independent checker, which judges each pass over all
sessions as a whole: a pass that breaks a hard rule is undone and the sessions named in
the violations stay where they are in the next pass; a pass that does not lower the
checker's objective ends the search. So the result is never worse than the start, by the
checker's own score.
"""

from __future__ import annotations

import heapq
import math
import random
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from scheduler.checker import check
from scheduler.facts import SessionFacts, TimeGrid
from scheduler.scenario.model import Scenario
from scheduler.schedule import Schedule, ScheduledSession
from scheduler.solver.bounds import coarse_lengths

POLISH_UP_TO = 100
"""Sessions up to which the start is polished (the small events CP-SAT should prove)."""
PASSES = 8
"""Most passes over all sessions (each pass checked by the checker)."""
SCALE_UP_TO = 3000
"""Sessions up to which a large event's start is polished too (:data:`POLISH_UP_TO` <
sessions <= this), with the pruned moves of :data:`CANDIDATES`; from
:data:`~scheduler.solver.greedy.start.AT_SCALE` on the greedy's own time is what counts."""
SCALE_PASSES = 20
"""Most passes above :data:`POLISH_UP_TO` sessions."""
SCALE_MIN_GAIN = 0.002
"""Above :data:`POLISH_UP_TO` sessions the search also ends after a pass that lowered the
checker's objective by less than this share (each pass costs a second or more there; the
first pass gains 18-42% on large, euro and informs, the fifth 0.3-0.6%)."""
TRACK_MOVES = 1000
"""Above :data:`POLISH_UP_TO` sessions (with or without participant clash pairs): after
the passes, at most this many track moves (:mod:`scheduler.solver.trackday`; fewer when
the deadline comes first). Counted, so that a run without a deadline (``--deterministic``)
stays reproducible: on euro seed 11 600 of them took 11 CPU s and 1,762 to 1,665."""
TRACK_MOVES_PAIRS = 0
"""... and this many on an event with participant clash pairs (large) when no deadline
ends them (the polish of a ``--deterministic`` solve): none, as before large8. A move
costs 8-10x a euro move's CPU there (large 36: 300 moves in 35-47 CPU s, euro 11: 1,000
in 16), which the count does not see: 150 of them added about 27 s of wall time to each
``--deterministic`` solve of a 200-session large cut under load 20
(``tests/solver/test_solve_deadline.py``, 42 -> 96 s for its two solves), outside that
solve's budget of units. On the clock they run (up to :data:`TRACK_MOVES`)."""
TRACK_STALL = 100
"""... which grow to larger units, then stop, after this many in a row took nothing
(:func:`scheduler.solver.trackday.improve`)."""
ANNEAL_MOVES = 100_000
"""Tries of the annealing (:meth:`PolishSearch.anneal`) of a small event's start with
participant clash pairs and sessions of mixed lengths (pycon), after the descent, under
``deterministic`` (on the wall clock its time ends it: :data:`ANNEAL_SHARE`)."""
ANNEAL_MOVES_ON_CLOCK = 10_000_000
"""On the wall clock the most tries (its time, not this count, ends it: about 60,000 tries
a CPU second)."""
ANNEAL_SHARE = 0.75
"""On the wall clock the annealing gets this share of the solve's time left when it begins
(after the model's build and the floor, ``run.anneal``) ...
(``pycon2``: an annealing second lowers pycon's objective several times more than a
second of CP-SAT's 2-worker search from the same start)."""
ANNEAL_RESERVE_CPU = 1.0
"""... but leaves CP-SAT this many CPU seconds (at the process's measured speed) for its
presolve, which gives the bound, and search ..."""
ANNEAL_LEAST_SHARE = 0.25
"""... and gets at least this share of the time left (a loaded machine)."""
ANNEAL_TELL_EVERY = 1.0
"""On the wall clock, the most often (seconds) the annealing tells its best state so far,
checked (the live status line and the schedule a Ctrl-C keeps follow it)."""
ANNEAL_START_DRAWS = 3
"""A relocation's new start: the one with the fewest participant clashes of this many
drawn at random (from the clash tables; 1: a random start). 100,000 tries from the polished
start, pycon seeds 0-4, two random seeds each: mean 771 with 1, 719 with 3 (``pycon2``)."""
ANNEAL_FIT_FIRST = 0.5
"""The share of relocations that try the free rooms best-fitting first (the others in a
random order)."""
ANNEAL_FROM = 51
ANNEAL_HOT, ANNEAL_COLD = 30.0, 1.0
"""Its temperature, in the objective's units, at the first and the last try."""
CANDIDATES = 32
"""Above :data:`POLISH_UP_TO` sessions, each session scores every swap and shift by the
change of its participant clashes and room fit alone (table lookups), and only the best
this many of each are scored exactly (every soft term) and tested against the hard rules.
Every session tries every move below it (the search the proofs depend on)."""


@dataclass
class Place:
    """One session's place: ``[start, end)`` in event minutes (day index x 1440 + clock)."""

    start: int
    end: int
    room: str | None


Move = dict[str, Place]
"""New places of the sessions a move changes."""


def polish(scenario: Scenario, facts: dict[str, SessionFacts], start: Schedule,
           *, deadline: float | None = None,
           on_better: Callable[[float], None] | None = None, workers: int = 1,
           ) -> Schedule:
    """``start`` improved by swaps and shifts (a new schedule), or ``start`` itself when no
    move helps, the start breaks a hard rule, or it is not a complete placement of sessions
    with facts. Stops at ``deadline`` (``time.monotonic()``) between moves.

    ``on_better`` is told the checker's objective of the start once the checker has passed
    it, then of every better schedule a pass finds: each is a complete schedule that breaks
    no hard rule, so a live status line may show it while the polish goes on. ``workers``:
    processes for the track moves (:func:`scheduler.solver.trackday.improve`)."""
    if not start.sessions or any(s.id not in facts for s in start.sessions):
        return start
    base = check(scenario, start)
    if not base.ok or base.objective is None:
        return start
    if on_better is not None:
        on_better(base.objective)
    frozen: set[str] = set()
    search = PolishSearch(scenario, facts, start, frozen)
    best, best_objective = start, base.objective
    for _ in range(SCALE_PASSES if search.scale else PASSES):
        if not search.sweep(deadline):
            break
        candidate = search.schedule()
        report = check(scenario, candidate)
        if not report.ok:  # a rule the moves do not track: its sessions stay, pass again
            broken = {sid for v in report.violations for sid in v.sessions}
            if broken <= frozen:
                break
            frozen |= broken
            search = PolishSearch(scenario, facts, best, frozen)
            continue
        if report.objective is None or report.objective >= best_objective:
            break
        small_gain = best_objective - report.objective < SCALE_MIN_GAIN * best_objective
        best, best_objective = candidate, report.objective
        if on_better is not None:
            on_better(best_objective)
        if search.scale and small_gain:
            break
        if deadline is not None and time.monotonic() >= deadline:
            break
    moves = TRACK_MOVES if deadline is not None or search.by_rooms else TRACK_MOVES_PAIRS
    if search.scale and moves and (deadline is None or time.monotonic() < deadline):
        # the passes end where no swap or shift pays; whole tracks re-timed and re-roomed
        # together go on (scheduler/solver/trackday.py), with clash pairs (large) as well
        # as without (euro, informs)
        # without a deadline (a --deterministic solve) only a count of moves ends them:
        # no slot moves, whose CPU that count does not see (trackday.TRACK_KINDS)
        from scheduler.solver.trackday import TRACK_KINDS, improve
        best = improve(scenario, facts, best, deadline=deadline, moves=moves,
                       on_better=on_better, stall=TRACK_STALL, workers=workers,
                       kinds=None if deadline is not None else TRACK_KINDS)
    return best


def anneal_applies(scenario: Scenario, facts: dict[str, SessionFacts]) -> bool:
    """Whether a start is annealed (:data:`ANNEAL_MOVES`): :data:`ANNEAL_FROM` to
    :data:`POLISH_UP_TO` sessions, with participant clash pairs, of lengths that share no
    divisor above the grid step (pycon; not talks-like events, which the room-and-day
    plan and the two-phase search prove from the descent's start)."""
    if not ANNEAL_FROM <= len(facts) <= POLISH_UP_TO:
        return False
    if not any(n > 0 for n in scenario.interest_counts().values()):
        return False
    lengths = [m for f in facts.values() for m in f.durations.values()]
    return not coarse_lengths(lengths, TimeGrid(scenario).g)


def anneal_start(scenario: Scenario, facts: dict[str, SessionFacts], best: Schedule,
                 objective: float, *, moves: int, until: float | None = None,
                 seed: int = 0, tell: Callable[[Schedule], None] | None = None,
                 stop: threading.Event | None = None) -> Schedule:
    """``best`` (a checked complete schedule of checker's ``objective``, the polished
    start) annealed: ``moves`` tries of :meth:`PolishSearch.anneal` (random generator
    seeded with ``seed``), cooled by the share of the tries made or of the time to
    ``until`` (``time.monotonic()``; None: the count alone) gone, whichever is larger;
    then the passes of the descent again, until ``until``. ``best`` itself when the
    result breaks a hard rule or is not better by the checker. With ``until``, ``tell``
    gets each best state of the way that the checker passes and scores lower than every
    one told before (and than ``objective``), at most every :data:`ANNEAL_TELL_EVERY`
    seconds. ``stop`` (a first Ctrl-C) ends the tries and skips the descent."""
    search = PolishSearch(scenario, facts, best, set())
    lowest = objective

    def checked(places: dict[str, Place]) -> None:
        nonlocal lowest
        candidate = search.schedule(places)
        report = check(scenario, candidate)
        if (tell is not None and report.ok and report.objective is not None
                and report.objective < lowest):
            lowest = report.objective
            tell(candidate)
    places = search.anneal(moves, random.Random(seed), until,
                           checked if tell is not None else None, stop)
    if places is None:
        return best
    walked = search.schedule(places)
    search = PolishSearch(scenario, facts, walked, set())
    for _ in range(PASSES):
        if (stop is not None and stop.is_set()) or not search.sweep(until):
            break
    for candidate in (search.schedule(), walked):
        report = check(scenario, candidate)
        if report.ok and report.objective is not None and report.objective < objective:
            return candidate
    return best


def held(scenario: Scenario, facts: dict[str, SessionFacts]) -> set[str]:
    """Sessions that never move: those that run alone (``exclusive``), meetings of a
    series, and sessions tied to others in time (``after``, ``same-day-as``,
    ``not-parallel-with``, either side)."""
    held = {sid for sid, fact in facts.items() if fact.exclusive}
    for session in scenario.sessions:
        ties = [*session.after, *session.same_day_as, *session.not_parallel_with]
        if session.series is not None or ties:
            held.add(session.id)
            held.update(ties)
    return held


class PolishSearch:
    """The places, the hard-rule tests of a move and its change of the objective."""

    def __init__(self, scenario: Scenario, facts: dict[str, SessionFacts], start: Schedule,
                 frozen: set[str]) -> None:
        self.scenario, self.facts, self.start = scenario, facts, start
        self.grid = TimeGrid(scenario)
        self.day_minutes = self.grid.per_day * self.grid.g
        self.sessions = {s.id: s for s in start.sessions}
        self.place: dict[str, Place] = {}
        for s in start.sessions:
            first = scenario.day_index(s.day) * self.day_minutes + s.start
            self.place[s.id] = Place(first, first + (s.end - s.start), s.room)
        self.weights = scenario.weights
        self.interest: dict[str, dict[str, int]] = defaultdict(dict)
        for (a, b), n in scenario.interest_counts().items():
            if a in self.place and b in self.place:
                self.interest[a][b] = n
                self.interest[b][a] = n
        listed = {sid: list(dict.fromkeys(p for ids in s.people.values() for p in ids))
                  for sid, s in self.sessions.items()}
        self.listed = listed
        # who may be in one place at a time: the session's people, and its track (two
        # sessions of one track never overlap)
        self.busy: dict[str, set[str]] = {
            sid: set(listed[sid]) | ({f"track {s.track}"} if s.track is not None else set())
            for sid, s in self.sessions.items()}
        self.by_busy: dict[str, set[str]] = defaultdict(set)
        for sid, keys in self.busy.items():
            for key in keys:
                self.by_busy[key].add(sid)
        self.by_room: dict[str, set[str]] = defaultdict(set)
        for sid, place in self.place.items():
            if place.room is not None:
                self.by_room[place.room].add(sid)
        self.exclusive = {sid for sid in self.place if facts[sid].exclusive}
        self.held = held(scenario, facts) | frozen
        self.frozen = frozen
        self.partners: dict[int, list[str]] = defaultdict(list)
        """Session length -> the sessions the annealing may move, of that length."""
        self.breaks = [(scenario.day_index(b.day) * self.day_minutes + b.start,
                        scenario.day_index(b.day) * self.day_minutes + b.end)
                       for b in start.breaks]
        self.capacity = {r.id: r.capacity for r in scenario.rooms}
        # keys whose distinct rooms per day beyond one are paid: (term, who)
        self.groups: dict[str, list[tuple[str, str]]] = {
            sid: [(term, who) for term, who in
                  ([("track_room_stability", s.track)] if s.track else [])
                  + [("facilitator_same_room", p) for p in s.people.get("facilitator", [])]
                  + [("room_changes", p) for p in listed[sid]]
                  if getattr(self.weights, term)]  # a term weighted 0 costs nothing
            for sid, s in self.sessions.items()}
        self.rooms_of: dict[tuple[str, str, int], Counter[str]] = defaultdict(Counter)
        for sid, place in self.place.items():
            if place.room is not None:
                for term, who in self.groups[sid]:
                    self.rooms_of[(term, who, self._day(place.start))][place.room] += 1
        self.distinct = {key: sum(1 for n in held.values() if n > 0)
                         for key, held in self.rooms_of.items()}
        counts = Counter(s.instrument for s in scenario.sessions)
        days = len(scenario.days)
        self.spread_cap = {name: math.ceil(n / days) for name, n in counts.items() if n >= 2}
        self.per_day: Counter[tuple[str, int]] = Counter(
            (self.sessions[sid].instrument, self._day(p.start)) for sid, p in self.place.items())
        self.frame_start = [scenario.frame(day)[0] for day in scenario.days]
        self.people = {p.id: p for p in scenario.people}
        self.picky = {sid for sid, ids in listed.items()
                      if any(self.people[p].avoid or self.people[p].prefer
                             for p in ids if p in self.people)}
        """Sessions with someone who avoids or prefers times (the others pay no
        preferences wherever they run)."""
        self._preference_cache: dict[tuple[str, int, int], int] = {}
        self.ends: dict[int, Counter[int]] = defaultdict(Counter)
        """Day -> how many sessions end at each clock minute (the latest end is the
        largest key still counted)."""
        for p in self.place.values():
            self.ends[self._day(p.start)][p.end - self._day(p.start) * self.day_minutes] += 1
        self.latest = self._latest_ends()
        self.crowds = self._crowds()
        self.daily_limit = {p.id: p.max_sessions_per_day for p in scenario.people
                            if p.max_sessions_per_day is not None}
        """Person -> ``max-sessions-per-day`` (only those who have one)."""
        self.per_person_day: Counter[tuple[str, int]] = Counter(
            (pid, self._day(self.place[sid].start)) for sid in self.place
            for pid in listed[sid] if pid in self.daily_limit)
        self.scale = len(self.place) > POLISH_UP_TO
        self.by_rooms = not any(self.interest.values())
        """At scale, a new start is ranked by the instrument spread too and tries its
        track's rooms of that day first (:meth:`_rooms_for`) only on events without
        participant clash pairs (euro, informs: there the room terms and the spread are
        what is left; polish alone on held-out seeds 0.2-1.9% lower). With clash pairs
        (large) it was neutral alone (-0.8% to +0.8%) and worse in each of three 60-s
        solves against main under load 11-15 (docs/benchmarks.md, ``quality3``)."""
        self.by_length: dict[int, list[str]] = defaultdict(list)
        """Session length -> the sessions that may move, of that length (a move keeps
        every length)."""
        for sid, p in self.place.items():
            if sid not in self.held:
                self.by_length[p.end - p.start].append(sid)
        self._fit_cache: dict[tuple[str, str | None], int] = {}
        self._fits_of: dict[str, dict[str | None, int]] = {}
        self._prefs_of: dict[str, dict[int, int]] = {}
        self._domains_of: dict[str, dict[str, list[Any]]] = {}
        self.occupied: dict[str, Counter[int]] = defaultdict(Counter)
        """Room -> how many sessions hold each grid step of it (0 or 1 in a schedule)."""
        for place in self.place.values():
            if place.room is not None:
                self.occupied[place.room].update(self._steps(place))
        self.starts = {sid: self._starts(sid) for sid in self.place}
        self.ties = self._ties()
        self.clash_at = {sid: {t: self._clashes(sid, t, t + self.place[sid].end
                                                - self.place[sid].start)
                               for t in self.starts[sid]} for sid in self.place}

    # ------------------------------------------------------------------ the objective

    def _day(self, minute: int) -> int:
        return minute // self.day_minutes

    def _preferences(self, sid: str, first: int, end: int) -> int:
        """(session, person) pairs in an avoid window or outside all prefer windows."""
        key = (sid, first, end)
        if key not in self._preference_cache:
            total = 0
            for pid in self.listed[sid]:
                person = self.people.get(pid)
                if person is None:
                    continue
                if person.avoid:
                    windows = self.scenario.windows_in_event_time(person.avoid, person.timezone)
                    total += any(first < we and ws < end for ws, we in windows)
                if person.prefer:
                    windows = self.scenario.windows_in_event_time(person.prefer,
                                                                  person.timezone)
                    total += not any(ws <= first and end <= we for ws, we in windows)
            self._preference_cache[key] = total
        return self._preference_cache[key]

    def _fit(self, sid: str, room: str | None) -> int:
        key = (sid, room)
        if key not in self._fit_cache:
            self._fit_cache[key] = 0 if room is None else max(
                0, (self.capacity[room] - self.sessions[sid].participants) // 10)
        return self._fit_cache[key]

    def _steps(self, place: Place) -> range:
        """The grid steps ``place`` touches."""
        return range(place.start // self.grid.g, -(-place.end // self.grid.g))

    def _fits(self, sid: str) -> dict[str | None, int]:
        """Room -> the room fit of ``sid`` there, for the rooms its facts allow (None, no
        room, for a session that needs none)."""
        if sid not in self._fits_of:
            fact = self.facts[sid]
            out: dict[str | None, int] = {o.room: self._fit(sid, o.room) for o in fact.rooms}
            if not fact.needs_room:
                out[None] = 0
            self._fits_of[sid] = out
        return self._fits_of[sid]

    def _crowds(self) -> list[tuple[int, set[str], Counter[int]]]:
        """The limits on how many sessions run at once: (limit, the sessions it counts,
        how many of them run in each grid step), for ``hybrid.licences`` (online and
        hybrid sessions) and ``event.max-parallel`` (sessions that observe breaks)."""
        out = []
        licences, parallel = self.scenario.hybrid.licences, self.scenario.parallel_limit
        for limit, members in (
                (licences, {sid for sid in self.place
                             if self.facts[sid].session.needs_licence}),
                (parallel, {sid for sid in self.place if self.facts[sid].observes_breaks})):
            if limit is None or not members:
                continue
            counts: Counter[int] = Counter()
            for sid in members:
                p = self.place[sid]
                counts.update(range(p.start // self.grid.g, p.end // self.grid.g))
            out.append((limit, members, counts))
        return out

    def _crowd_ok(self, move: Move) -> bool:
        """No limit on sessions at once (licences, max-parallel) and no person's
        ``max-sessions-per-day`` is passed with the sessions of ``move`` at their new
        places."""
        if self.daily_limit:
            days: Counter[tuple[str, int]] = Counter()
            for sid, new in move.items():
                old_day, new_day = self._day(self.place[sid].start), self._day(new.start)
                if old_day != new_day:
                    for pid in self.listed[sid]:
                        if pid in self.daily_limit:
                            days[(pid, old_day)] -= 1
                            days[(pid, new_day)] += 1
            if any(d > 0 and self.per_person_day[key] + d > self.daily_limit[key[0]]
                   for key, d in days.items()):
                return False
        g = self.grid.g
        for limit, members, counts in self.crowds:
            change: Counter[int] = Counter()
            for sid, new in move.items():
                if sid in members:
                    old = self.place[sid]
                    change.subtract(range(old.start // g, old.end // g))
                    change.update(range(new.start // g, new.end // g))
            if any(d > 0 and counts[step] + d > limit for step, d in change.items()):
                return False
        return True

    def _starts(self, sid: str) -> list[int]:
        """The starts (event minutes) the facts allow ``sid`` with its current length."""
        fact, g = self.facts[sid], self.grid.g
        length = self.place[sid].end - self.place[sid].start
        out = []
        for day in range(len(self.scenario.days)):
            if fact.durations.get(day) != length:
                continue
            for first in range(day * self.day_minutes, (day + 1) * self.day_minutes - length + 1,
                               g):
                if fact.domain.contains(first // g):
                    out.append(first)
        return out

    def _clashes(self, sid: str, first: int, end: int, skip: str = "") -> int:
        """People wanting ``sid`` and a session overlapping ``[first, end)`` (others where
        they are, ``skip`` left out)."""
        total = 0
        for other, n in self.interest[sid].items():
            if other != skip:
                p = self.place[other]
                if first < p.end and p.start < end:
                    total += n
        return total

    def _clash_delta(self, move: Move) -> int:
        """The change of the clashes: from the tables for a shift or a swap of places."""
        items = list(move.items())
        if len(items) == 1:
            sid, new = items[0]
            old, table = self.place[sid], self.clash_at[sid]
            if new.start in table and old.start in table:
                return table[new.start] - table[old.start]
        elif len(items) == 2:
            (a, new_a), (b, new_b) = items
            pa, pb = self.place[a], self.place[b]
            ta, tb = self.clash_at[a], self.clash_at[b]
            if (new_a.start == pb.start and new_b.start == pa.start and pa.start in ta
                    and pb.start in ta and pa.start in tb and pb.start in tb):
                w = self.interest[a].get(b, 0)
                overlap = int(pa.start < pb.end and pb.start < pa.end)
                # a's and b's clashes with everyone else; their own pair keeps its overlap
                return (ta[pb.start] - w - (ta[pa.start] - w * overlap)
                        + tb[pa.start] - w - (tb[pb.start] - w * overlap))
        total = 0
        for sid, new in move.items():
            old = self.place[sid]
            for other, n in self.interest[sid].items():
                if other in move:
                    if other < sid:
                        continue  # the pair once
                    o_new, o_old = move[other], self.place[other]
                else:
                    o_new = o_old = self.place[other]
                total += n * ((new.start < o_new.end and o_new.start < new.end)
                              - (old.start < o_old.end and o_old.start < old.end))
        return total

    def delta(self, move: Move) -> int:
        """How much the weighted objective changes when the sessions of ``move`` take their
        new places (negative: better)."""
        w = self.weights
        total = w.participant_clashes * self._clash_delta(move)
        other_day = False
        for sid, new in move.items():
            old = self.place[sid]
            if sid in self.picky:
                total += w.preferences * (self._preferences(sid, new.start, new.end)
                                          - self._preferences(sid, old.start, old.end))
            if new.room != old.room:
                total += w.room_fit * (self._fit(sid, new.room) - self._fit(sid, old.room))
            other_day = other_day or self._day(new.start) != self._day(old.start)
        if other_day or any(new.room != self.place[sid].room for sid, new in move.items()):
            total += self._group_delta(move)
        if other_day:
            total += self._spread_delta(move)
        return total + self._compact_delta(move)

    def _group_delta(self, move: Move) -> int:
        """Rooms per (track / facilitator / person, day) beyond one, before and after."""
        net: dict[tuple[str, str, int], dict[str, int]] = {}
        for sid, new in move.items():
            old = self.place[sid]
            for term, who in self.groups[sid]:
                for place, sign in ((old, -1), (new, 1)):
                    if place.room is not None:
                        rooms = net.setdefault((term, who, self._day(place.start)), {})
                        rooms[place.room] = rooms.get(place.room, 0) + sign
        total = 0
        for key, rooms in net.items():
            held = self.rooms_of[key]
            before = self.distinct.get(key, 0)
            now = before + sum((held[room] + d > 0) - (held[room] > 0)
                               for room, d in rooms.items() if d)
            if now != before:
                total += getattr(self.weights, key[0]) * (max(0, now - 1) - max(0, before - 1))
        return total

    def _compact_delta(self, move: Move) -> int:
        """Each used day: steps from its frame start to its latest session end."""
        if not self.weights.compact_days:
            return 0
        quiet = True  # no session leaves a day's latest end, none goes past one
        for sid, new in move.items():
            old = self.place[sid]
            old_day, new_day = self._day(old.start), self._day(new.start)
            if (old.end - old_day * self.day_minutes == self.latest.get(old_day)
                    or new.end - new_day * self.day_minutes > self.latest.get(new_day, -1)):
                quiet = False
        if quiet:
            return 0
        days = {self._day(p.start) for p in move.values()}
        days |= {self._day(self.place[sid].start) for sid in move}
        total = 0
        for day in days:
            total += self._latest_cost(day, move) - self._latest_cost(day, {})
        return self.weights.compact_days * total

    def _latest_cost(self, day: int, move: Move) -> int:
        """The day's compact-days value with the sessions of ``move`` at their new places."""
        base = day * self.day_minutes
        latest = self.latest.get(day)
        if any(self.place[sid].end - base == latest for sid in move):  # without them
            leaving: Counter[int] = Counter(
                self.place[sid].end - base for sid in move if self._day(self.place[sid].start)
                == day)
            latest = max((end for end, n in self.ends[day].items() if n - leaving[end] > 0),
                         default=None)
        for place in move.values():
            if self._day(place.start) == day:
                end = place.end - base
                latest = end if latest is None else max(latest, end)
        if latest is None:
            return 0
        return (latest - self.frame_start[day]) // self.grid.g

    def _latest_ends(self) -> dict[int, int]:
        """Each used day's latest session end (clock minutes)."""
        return {day: max(end for end, n in ends.items() if n > 0)
                for day, ends in self.ends.items() if any(n > 0 for n in ends.values())}

    def _spread_delta(self, move: Move) -> int:
        """Sessions of an instrument on one day beyond its fair share per day."""
        change: Counter[tuple[str, int]] = Counter()
        for sid, new in move.items():
            name = self.sessions[sid].instrument
            if name in self.spread_cap:
                change[(name, self._day(self.place[sid].start))] -= 1
                change[(name, self._day(new.start))] += 1
        total = 0
        for key, d in change.items():
            if d:
                cap = self.spread_cap[key[0]]
                total += max(0, self.per_day[key] + d - cap) - max(0, self.per_day[key] - cap)
        return self.weights.instrument_spread * total

    # ------------------------------------------------------------------ the hard rules

    def _allowed(self, sid: str, first: int, length: int, room: str | None) -> bool:
        """The facts allow ``sid`` to start at minute ``first`` with this length, in
        ``room``."""
        fact = self.facts[sid]
        if first % self.grid.g:
            return False
        step = first // self.grid.g
        if fact.durations.get(self.grid.day_of(step)) != length or not fact.domain.contains(step):
            return False
        if room is None:
            return not fact.needs_room
        domains = self._room_domains(sid).get(room)
        return domains is not None and any(d.contains(step) for d in domains)

    def _room_allows(self, sid: str, first: int, room: str) -> bool:
        """The facts allow ``sid`` in ``room`` at minute ``first``, a start its facts
        allow it with its length (:meth:`_allowed` with the time's part known true)."""
        domains = self._room_domains(sid).get(room)
        step = first // self.grid.g
        return domains is not None and any(d.contains(step) for d in domains)

    def _room_domains(self, sid: str) -> dict[str, list[Any]]:
        """Room -> the domains (of starts) in which the facts allow ``sid`` there."""
        if sid not in self._domains_of:
            out: dict[str, list[Any]] = defaultdict(list)
            for o in self.facts[sid].rooms:
                out[o.room].append(o.domain)
            self._domains_of[sid] = dict(out)
        return self._domains_of[sid]

    def _free(self, sid: str, first: int, end: int, skip: str) -> bool:
        """No person of ``sid`` (nor its track) is elsewhere in ``[first, end)``, and no
        session that runs alone (``exclusive``) is then, ``skip`` and ``sid`` left out."""
        for other in self.exclusive:
            if other not in (sid, skip):
                p = self.place[other]
                if first < p.end and p.start < end:
                    return False
        for key in self.busy[sid]:
            for other in self.by_busy[key]:
                if other not in (sid, skip):
                    p = self.place[other]
                    if first < p.end and p.start < end:
                        return False
        return True

    def _room_free(self, sid: str, room: str, first: int, end: int) -> bool:
        """``room`` is free in ``[first, end)`` (``sid`` left out), and a session that
        observes the breaks does not meet one. (Starts are on the grid, so two places
        overlap exactly when the grid steps they touch do.)"""
        used = self.occupied[room]
        mine = self.place[sid]
        g = self.grid.g
        for step in range(first // g, -(-end // g)):
            if used[step] - (mine.room == room and mine.start // g <= step < -(-mine.end // g)):
                return False
        return not self.facts[sid].observes_breaks or all(
            not (first < b_end and b_start < end) for b_start, b_end in self.breaks)

    # ------------------------------------------------------------------ the search

    def sweep(self, deadline: float | None) -> bool:
        """One pass: each session (but the held ones) takes its best improving move. True
        when some move was taken. Above :data:`POLISH_UP_TO` sessions, those in the
        heaviest participant clashes go first."""
        moved = False
        order = list(self.place)
        if self.scale:
            order.sort(key=lambda sid: -self.clash_at[sid].get(self.place[sid].start, 0))
        for sid in order:
            if deadline is not None and time.monotonic() >= deadline:
                break
            if sid in self.held:
                continue
            move = self._best_move_at_scale(sid) if self.scale else self._best_move(sid)
            if move is not None:
                self._apply(move)
                moved = True
        return moved

    def _ties(self) -> dict[str, list[tuple[str, str]]]:
        """Session -> its rules with other sessions, as (kind, other): ``before`` (it
        ends before the other starts), ``after`` (the reverse), ``day`` (the same day),
        ``apart`` (no overlap), ``series`` (another meeting of its series: another
        day, in their order); each rule on both of its sessions."""
        members: dict[str, list[str]] = defaultdict(list)
        for sid in self.sessions:
            members[sid].append(sid)
            series_of = self.facts[sid].session.series
            if series_of is not None and series_of != sid:
                members[series_of].append(sid)
        ties: dict[str, list[tuple[str, str]]] = defaultdict(list)
        series: dict[str, list[str]] = defaultdict(list)
        for sid in self.sessions:
            session = self.facts[sid].session
            for ref in session.after:
                for other in members.get(ref, []):
                    ties[sid].append(("after", other))
                    ties[other].append(("before", sid))
            for ref in session.same_day_as:
                for other in members.get(ref, []):
                    ties[sid].append(("day", other))
                    ties[other].append(("day", sid))
            for ref in session.not_parallel_with:
                for other in members.get(ref, []):
                    ties[sid].append(("apart", other))
                    ties[other].append(("apart", sid))
            if session.series is not None and session.run is None:
                series[session.series].append(sid)
        for meetings in series.values():
            for sid in meetings:
                ties[sid].extend(("series", other) for other in meetings if other != sid)
        return dict(ties)

    def _clear_of_breaks(self, move: Move) -> bool:
        """No session of ``move`` that observes the breaks meets a placed break there."""
        return all(not self.facts[sid].observes_breaks
                   or all(not (new.start < b_end and b_start < new.end)
                          for b_start, b_end in self.breaks)
                   for sid, new in move.items())

    def _ties_ok(self, move: Move) -> bool:
        """The sessions of ``move`` at their new places keep their rules with the others
        (``after``, ``same-day-as``, ``not-parallel-with``, a series' days and order)."""
        for sid, new in move.items():
            for kind, other in self.ties.get(sid, ()):
                there = move.get(other) or self.place[other]
                if kind == "after" and new.start < there.end:
                    return False
                if kind == "before" and there.start < new.end:
                    return False
                if kind == "day" and self._day(new.start) != self._day(there.start):
                    return False
                if kind == "apart" and new.start < there.end and there.start < new.end:
                    return False
                if kind == "series":
                    mine, theirs = self._day(new.start), self._day(there.start)
                    k, j = (self.facts[sid].session.occurrence or 0,
                            self.facts[other].session.occurrence or 0)
                    if mine == theirs or (mine < theirs) != (k < j):
                        return False
        return True

    def anneal(self, moves: int, rng: random.Random, until: float | None = None,
               tell: Callable[[dict[str, Place]], None] | None = None,
               stop: threading.Event | None = None) -> dict[str, Place] | None:
        """Simulated annealing over swaps and relocations (any start and room the facts
        allow, the room free then): ``moves`` tries, a worse move taken with probability
        ``exp(-delta / T)``, ``T`` cooling geometrically from :data:`ANNEAL_HOT` to
        :data:`ANNEAL_COLD`. Every move passes the same hard-rule tests as the descent's.
        Returns the places of the best state seen when it is better than the start (the
        search's own state is then left wherever the walk ended), else None. Half the
        tries move a session that is in a participant clash. With ``until`` (the wall
        clock), ``tell`` gets the best state seen when it is new, at most every
        :data:`ANNEAL_TELL_EVERY` seconds. ``stop`` set (a first Ctrl-C) ends the tries."""
        movable = [sid for sid in self.place
                   if sid not in self.exclusive and sid not in self.frozen]
        if not movable or moves <= 0:
            return None
        self.partners = defaultdict(list)
        for sid in movable:
            self.partners[self.place[sid].end - self.place[sid].start].append(sid)
        current = best = 0
        best_places: dict[str, Place] | None = None
        began = time.monotonic()
        span = None if until is None else max(1e-9, until - began)
        temperature, gone = ANNEAL_HOT, 0.0
        clashing: list[str] | None = None
        told, last = None, began
        for tried in range(moves):
            if tried % 256 == 0:
                if stop is not None and stop.is_set():
                    break
                gone = tried / moves
                if span is not None:
                    now = time.monotonic()
                    gone = max(gone, (now - began) / span)
                    if (tell is not None and best_places is not None
                            and best_places is not told and now - last >= ANNEAL_TELL_EVERY):
                        tell(best_places)
                        told, last = best_places, time.monotonic()
                if gone >= 1.0:
                    break
                temperature = ANNEAL_HOT * (ANNEAL_COLD / ANNEAL_HOT) ** gone
            sid = rng.choice(movable)
            if rng.random() < 0.5:
                if clashing is None:  # after each move taken
                    clashing = [m for m in movable
                                if self.clash_at[m].get(self.place[m].start, 0) > 0]
                if clashing:
                    sid = rng.choice(clashing)
            move = self._random_move(sid, rng)
            if move is None:
                continue
            delta = self.delta(move)
            if delta > 0 and rng.random() >= math.exp(-delta / temperature):
                continue
            if not self._crowd_ok(move):
                continue
            self._apply(move)
            clashing = None
            current += delta
            if current < best:
                best, best_places = current, dict(self.place)
        return best_places

    def _random_move(self, sid: str, rng: random.Random) -> Move | None:
        """A random swap of ``sid`` with a movable session of its length, or a relocation
        to a start its facts allow (the fewest-clash of :data:`ANNEAL_START_DRAWS` random
        ones) in a free room it may use (best-fitting first in :data:`ANNEAL_FIT_FIRST` of
        them, else random), when the hard rules the moves track allow it (the crowd limits
        aside: tested after the objective); else None."""
        here = self.place[sid]
        length = here.end - here.start
        if rng.random() < 0.5:
            other = rng.choice(self.partners[length])
            there = self.place[other]
            if other == sid or (there.start == here.start and there.room == here.room):
                return None
            if not self._swap_ok(sid, other):
                return None
            move = {sid: Place(there.start, there.end, there.room),
                    other: Place(here.start, here.end, here.room)}
            return move if self._ties_ok(move) and self._clear_of_breaks(move) else None
        starts = self.starts[sid]
        if not starts:
            return None
        clashes = self.clash_at[sid]
        first = min((rng.choice(starts) for _ in range(ANNEAL_START_DRAWS)),
                    key=clashes.__getitem__)
        fits = self._fits(sid)
        rooms = list(fits)
        rng.shuffle(rooms)
        if rng.random() < ANNEAL_FIT_FIRST:
            rooms.sort(key=fits.__getitem__)  # stable: ties stay shuffled
        room = next((r for r in rooms if r is None or (
            (first != here.start or r != here.room) and self._room_allows(sid, first, r)
            and self._room_free(sid, r, first, first + length))), "")
        if room == "" or (first == here.start and room == here.room):
            return None
        if not self._free(sid, first, first + length, ""):
            return None
        move = {sid: Place(first, first + length, room)}
        return move if self._ties_ok(move) and self._clear_of_breaks(move) else None

    def _best_move(self, sid: str) -> Move | None:
        """The move of ``sid`` that lowers the objective most (None: none does)."""
        here = self.place[sid]
        length = here.end - here.start
        best_gain, best = 0, None
        for other, there in self.place.items():  # swaps of places
            if other == sid or other in self.held or there.end - there.start != length:
                continue
            move = {sid: Place(there.start, there.end, there.room),
                    other: Place(here.start, here.end, here.room)}
            gain = -self.delta(move)
            if gain > best_gain and self._swap_ok(sid, other) and self._crowd_ok(move):
                best_gain, best = gain, move
        # shifts to a free time of its own room (to other rooms too: 380 instead of 373 on
        # talks-100, 288 instead of 296 on talks-50, at three times the cost)
        rooms = [here.room] if here.room is not None else []
        for first in self.starts[sid]:
            for room in rooms:
                if first == here.start and room == here.room:
                    continue
                move = {sid: Place(first, first + length, room)}
                if not self._allowed(sid, first, length, room):
                    continue
                gain = -self.delta(move)
                if (gain > best_gain and self._room_free(sid, room, first, first + length)
                        and self._free(sid, first, first + length, "")
                        and self._crowd_ok(move)):
                    best_gain, best = gain, move
        return best

    def _best_move_at_scale(self, sid: str) -> Move | None:
        """:meth:`_best_move` with pruned candidates. Every swap of places and every start
        are ranked by the change of participant clashes, preferences and (swaps) room fit,
        read from tables; the best :data:`CANDIDATES` swaps and the best
        :data:`CANDIDATES` starts where a room is free (its own, else the best-fitting free
        one it may use) are scored exactly and tested, and so is every move to another
        free room at the same time."""
        here = self.place[sid]
        length = here.end - here.start
        w = self.weights
        wc, wf, wp = w.participant_clashes, w.room_fit, w.preferences
        table, fits, prefs = self.clash_at[sid], self._fits(sid), self._prefs(sid)
        now = table.get(here.start, 0)
        fit_here = fits.get(here.room, 0)
        pref_here = prefs.get(here.start, 0) if prefs else 0
        ranked: list[tuple[int, str]] = []
        for other in self.by_length[length]:
            there = self.place[other]
            at_there = table.get(there.start)
            if at_there is None or there.room not in fits or other == sid:
                continue  # a start or room ``sid`` may not take
            other_fits = self._fits(other)
            other_table = self.clash_at[other]
            at_here = other_table.get(here.start)
            if at_here is None or here.room not in other_fits or (
                    there.start == here.start and there.room == here.room):
                continue
            cheap = wc * (at_there - now + at_here - other_table[there.start])
            if wf and there.room != here.room:
                cheap += wf * (fits[there.room] + other_fits[here.room] - fit_here
                               - other_fits[there.room])
            if wp and there.start != here.start:
                other_prefs = self._prefs(other)
                if prefs:
                    cheap += wp * (prefs[there.start] - pref_here)
                if other_prefs:
                    cheap += wp * (other_prefs[here.start] - other_prefs[there.start])
            ranked.append((cheap, other))
        best_gain, best = 0, None
        for _, other in heapq.nsmallest(CANDIDATES, ranked):
            there = self.place[other]
            move = {sid: Place(there.start, there.end, there.room),
                    other: Place(here.start, here.end, here.room)}
            gain = -self.delta(move)
            if gain > best_gain and self._swap_ok(sid, other) and self._crowd_ok(move):
                best_gain, best = gain, move
        moves: list[Move] = []
        if here.room is not None:
            rooms = sorted(fits, key=lambda room: (room != here.room, fits[room], str(room)))
            found = 0
            base = wc * now + wp * pref_here
            # by spread and track rooms too only without clash pairs (below, ``by_rooms``)
            spread = (self._spread_by_day(sid) if self.by_rooms
                      else [0] * len(self.scenario.days))
            track = self.sessions[sid].track
            for cheap, first in sorted(
                    (wc * n + (wp * prefs[t] if prefs else 0) + spread[self._day(t)], t)
                    for t, n in table.items() if t != here.start):
                if found >= CANDIDATES:
                    break
                # a start with fewer clashes, preferences or instruments over their
                # share that day: any free room it may use (its own first, then its
                # track's rooms that day, then the best-fitting); else only its own room
                order = rooms[:1]
                if cheap < base:
                    order = (self._rooms_for(track, self._day(first), rooms) if self.by_rooms
                             else rooms)
                for room in order:  # ``first`` is one of its starts: only the room's rules
                    if (room is not None and self._room_allows(sid, first, room)
                            and self._room_free(sid, room, first, first + length)):
                        found += 1
                        moves.append({sid: Place(first, first + length, room)})
                        break
            for room in rooms:
                if (room not in (here.room, None) and self._room_allows(sid, here.start, room)
                        and self._room_free(sid, room, here.start, here.end)):
                    moves.append({sid: Place(here.start, here.end, room)})
        for move in moves:  # each in a room free then (tested above, before scoring it)
            new = move[sid]
            gain = -self.delta(move)
            if (gain > best_gain and self._free(sid, new.start, new.end, "")
                    and self._crowd_ok(move)):
                best_gain, best = gain, move
        return best

    def _spread_by_day(self, sid: str) -> list[int]:
        """Day -> the change of the weighted instrument spread if ``sid`` moved to that
        day (0 for its own day)."""
        name, here = self.sessions[sid].instrument, self._day(self.place[sid].start)
        days = len(self.scenario.days)
        w = self.weights.instrument_spread
        if not w or name not in self.spread_cap:
            return [0] * days
        cap = self.spread_cap[name]
        n_here = self.per_day[(name, here)]
        leave = max(0, n_here - 1 - cap) - max(0, n_here - cap)
        out = []
        for day in range(days):
            n = self.per_day[(name, day)]
            out.append(0 if day == here else w * (leave + max(0, n + 1 - cap) - max(0, n - cap)))
        return out

    def _rooms_for(self, track: str | None, day: int, rooms: list[str | None]
                   ) -> list[str | None]:
        """``rooms`` (its own first, then by fit) with the rooms ``track`` holds on ``day``
        moved up behind its own (a session joining its track's room pays no extra room)."""
        held = self.rooms_of.get(("track_room_stability", track or "", day)) if track else None
        if not held:
            return rooms
        mine = [r for r in rooms[1:] if r is not None and held.get(r, 0) > 0]
        return rooms[:1] + mine + [r for r in rooms[1:] if r not in mine]

    def _prefs(self, sid: str) -> dict[int, int]:
        """Start -> the preferences ``sid`` pays there (empty: it pays none anywhere)."""
        if sid not in self._prefs_of:
            length = self.place[sid].end - self.place[sid].start
            self._prefs_of[sid] = ({t: self._preferences(sid, t, t + length)
                                    for t in self.clash_at[sid]} if sid in self.picky else {})
        return self._prefs_of[sid]

    def _swap_ok(self, a: str, b: str) -> bool:
        """``a`` and ``b`` may take each other's place: times and rooms their facts allow,
        no person (or track) of either elsewhere then."""
        pa, pb = self.place[a], self.place[b]
        length = pa.end - pa.start
        return (self._allowed(a, pb.start, length, pb.room)
                and self._allowed(b, pa.start, length, pa.room)
                and self._free(a, pb.start, pb.end, b) and self._free(b, pa.start, pa.end, a))

    def _apply(self, move: Move) -> None:
        g = self.grid.g
        for _limit, members, counts in self.crowds:
            for sid, new in move.items():
                if sid in members:
                    old = self.place[sid]
                    counts.subtract(range(old.start // g, old.end // g))
                    counts.update(range(new.start // g, new.end // g))
        for sid, new in move.items():
            old = self.place[sid]
            if old.room is not None:
                self.by_room[old.room].discard(sid)
                self.occupied[old.room].subtract(self._steps(old))
                for term, who in self.groups[sid]:
                    key = (term, who, self._day(old.start))
                    self.rooms_of[key][old.room] -= 1
                    self.distinct[key] -= self.rooms_of[key][old.room] == 0
            name = self.sessions[sid].instrument
            self.per_day[(name, self._day(old.start))] -= 1
            self.per_day[(name, self._day(new.start))] += 1
            old_day = self._day(old.start)
            self.ends[old_day][old.end - old_day * self.day_minutes] -= 1
            for pid in self.listed[sid]:
                if pid in self.daily_limit:
                    self.per_person_day[(pid, old_day)] -= 1
        for sid, new in move.items():
            new_day = self._day(new.start)
            for pid in self.listed[sid]:
                if pid in self.daily_limit:
                    self.per_person_day[(pid, new_day)] += 1
            self.ends[new_day][new.end - new_day * self.day_minutes] += 1
            if new.room is not None:
                self.by_room[new.room].add(sid)
                self.occupied[new.room].update(self._steps(new))
                for term, who in self.groups[sid]:
                    key = (term, who, self._day(new.start))
                    self.rooms_of[key][new.room] += 1
                    self.distinct[key] = (self.distinct.get(key, 0)
                                          + (self.rooms_of[key][new.room] == 1))
            old = self.place[sid]
            self.place[sid] = new
            for other, n in self.interest[sid].items():
                table = self.clash_at[other]
                length = self.place[other].end - self.place[other].start
                # only the starts t of ``other`` whose [t, t + length) meets the old or
                # the new place can change
                near = {*range(((old.start - length) // g + 1) * g, old.end, g),
                        *range(((new.start - length) // g + 1) * g, new.end, g)}
                for t in near:
                    if t in table:
                        table[t] += n * ((t < new.end and new.start < t + length)
                                         - (t < old.end and old.start < t + length))
        self.latest = self._latest_ends()

    def schedule(self, places: dict[str, Place] | None = None) -> Schedule:
        """The start with every session at its current place (or at ``places``)."""
        places = self.place if places is None else places
        sessions: list[ScheduledSession] = []
        for s in self.start.sessions:
            p = places[s.id]
            clock = p.start % self.day_minutes
            sessions.append(s.model_copy(update={
                "day": self.scenario.days[self._day(p.start)], "start": clock,
                "end": clock + (p.end - p.start), "room": p.room}))
        return self.start.model_copy(update={"sessions": sessions})
