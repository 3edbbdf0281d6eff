"""The greedy's board: which session holds each room, person and track at every step.

A :class:`Spot` is where one session goes (start step, length in steps, room, track). The
:class:`Board` records occupation: :meth:`Board.occupy` and :meth:`Board.release` put a
session on and off it, :meth:`Board.free` says whether a span is free for a session under
every rule the greedy tracks, and :meth:`Board.fits` lists the spots where a session fits,
earliest first. :class:`Relations` holds what the already placed sessions allow a session
(``after:``, ``same-day-as:``, series, ``not-parallel-with:``, daily limits).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import cast

import numpy as np
from ortools.sat.python.cp_model import Domain

from scheduler.facts import SessionFacts, TimeGrid
from scheduler.scenario.model import DAY, Scenario


@dataclass(frozen=True, slots=True)
class Spot:
    """Where one session goes: ``steps`` steps from step ``start``, in ``room`` on ``track``."""

    start: int
    steps: int
    room: str | None
    track: str | None

    @property
    def end(self) -> int:
        """The first step after the session."""
        return self.start + self.steps

    def overlaps(self, start: int, steps: int) -> bool:
        """Whether ``[start, start + steps)`` shares a step with this spot."""
        return start < self.end and self.start < start + steps


def domain_ranges(flat: list[int]) -> list[tuple[int, int]]:
    """``[a, b, c, d]`` (a flattened domain) -> ``[(a, b), (c, d)]``, bounds included."""
    return [(flat[i], flat[i + 1]) for i in range(0, len(flat), 2)]


def session_starts(grid: TimeGrid, f: SessionFacts) -> Iterator[tuple[int, int, int]]:
    """Every start step ``t`` of ``f``'s domain on a day it has a duration for, in order,
    with that day and its length in steps: ``(t, day, size)``."""
    steps = f.steps(grid.g)
    for a, b in domain_ranges(f.domain.flattened_intervals()):
        for t in range(a, b + 1):
            day = grid.day_of(t)
            size = steps.get(day)
            if size is not None:
                yield t, day, size


@dataclass
class BoardCaches:
    """What a board works out once per session (its rooms in the orders the greedy
    tries them, its people), which boards of the same scenario and facts may share
    (:func:`~scheduler.solver.greedy.placement.boards_shared`): each entry keeps the
    facts (and the reserved rooms) it was worked out for and is checked against them."""

    by_size: dict[str, tuple[SessionFacts, set[str], np.ndarray, list[str], list[Domain]]] = (
        field(default_factory=dict))
    """A session id -> its rooms in the order :meth:`Board.fits` tries them."""
    candidate_rooms: dict[str, tuple[SessionFacts, list[str | None], np.ndarray, list[bool],
                                     list[Domain]]] = field(default_factory=dict)
    """A session id -> its candidate rooms as eject-and-reinsert and the chains look at
    them (``eject._candidate_rooms``)."""
    people: dict[str, tuple[SessionFacts, list[str]]] = field(default_factory=dict)
    """A session id -> its ``person_ids`` (a property that builds a new list each time,
    read about 1.5 million times by a 10,000-session greedy): see :meth:`Board.people`."""


class Board:
    """Occupation of every resource over the steps of the event."""

    def __init__(self, scenario: Scenario, grid: TimeGrid,
                 caches: BoardCaches | None = None) -> None:
        n = grid.horizon + DAY // grid.g
        self.grid = grid
        self.rooms = {r.id: i for i, r in enumerate(scenario.rooms)}
        self.room_busy = np.zeros((n, max(1, len(scenario.rooms))), dtype=bool)
        """Step x room: held (steps first, so that one span of every room is one block)."""
        self.room_owner = np.full((n, max(1, len(scenario.rooms))), -1, dtype=np.int32)
        """Step x room: the index of the session holding it (-1: free), steps first like
        ``room_busy`` (one span of every room is one block)."""
        self.index = {s.id: i for i, s in enumerate(scenario.sessions)}
        self.ids = [s.id for s in scenario.sessions]
        self.person: dict[str, np.ndarray] = defaultdict(lambda: np.full(n, -1, dtype=np.int32))
        self.track: dict[str, np.ndarray] = defaultdict(lambda: np.full(n, -1, dtype=np.int32))
        """Per person and track: the index of the session holding each step (-1: free)."""
        self.running = np.zeros(n, dtype=np.int32)
        """Sessions that observe breaks, per step."""
        self.blocked = np.zeros(n, dtype=bool)
        """Breaks and exclusive sessions."""
        self.licences = np.zeros(n, dtype=np.int32)
        self.density = np.zeros(n, dtype=np.float64)
        """How crowded each step may become (see :func:`placement.density`)."""
        self.reserved: set[str] = set()
        """Rooms that some session can use alone: others take them only when no other
        candidate room is free (an offsite tour's bus should not host a talk)."""
        self.tight: list[tuple[int, np.ndarray, int]] = []
        """(index, allowed starts, steps) of the sessions with few allowed starts that an
        exclusive session could squeeze out (see :func:`placement.squeeze`)."""
        self.per_day: dict[tuple[str, int], int] = defaultdict(int)
        self.capacity = {r.id: r.capacity for r in scenario.rooms}
        self._capacities = np.array([r.capacity for r in scenario.rooms] or [0], dtype=np.int64)
        self.changes = 0
        """Counts :meth:`occupy` and :meth:`release` calls (the only moves once the breaks
        are placed), so that :meth:`fits` knows when what it worked out ahead is stale."""
        self.not_parallel: dict[str, set[str]] = defaultdict(set)
        """Sessions that may not overlap each session (both directions, series expanded)."""
        self.members: dict[str, list[str]] = defaultdict(list)
        """A session id or series name -> the session ids it stands for."""
        for s in scenario.sessions:
            self.members[s.id].append(s.id)
            if s.series:
                self.members[s.series].append(s.id)
        self.same_day: dict[str, set[str]] = defaultdict(set)
        self.successors: dict[str, set[str]] = defaultdict(set)
        for s in scenario.sessions:
            for ref in s.after:
                for other in self.members.get(ref, []):
                    self.successors[other].add(s.id)
            for ref in s.not_parallel_with:
                for other in self.members.get(ref, []):
                    self.not_parallel[s.id].add(other)
                    self.not_parallel[other].add(s.id)
            for ref in s.same_day_as:
                for other in self.members.get(ref, []):
                    self.same_day[s.id].add(other)
                    self.same_day[other].add(s.id)
        self.daily_limit = {p.id: p.max_sessions_per_day for p in scenario.people
                            if p.max_sessions_per_day is not None}
        self.sessions_of: dict[str, list[str]] = defaultdict(list)
        """A person -> the ids of their sessions (in scenario order)."""
        self.licensed: dict[str, None] = {}
        """The sessions that hold an online licence while they run, in scenario order (the
        board's index order: eject-and-reinsert and the chains read them in that order)."""
        self._fixed: tuple[Mapping[str, SessionFacts], list[bool]] | None = None
        self._movable_licensed: tuple[Mapping[str, SessionFacts],
                                      list[tuple[str, int]]] | None = None
        self._reserved: tuple[set[str], np.ndarray] | None = None
        """``reserved`` as a flag per room row."""
        caches = caches if caches is not None else BoardCaches()
        self._by_size = caches.by_size
        self.candidate_rooms = caches.candidate_rooms
        self._people = caches.people
        for s in scenario.sessions:
            for pid in s.person_ids:
                self.sessions_of[pid].append(s.id)
            if s.needs_licence:
                self.licensed[s.id] = None

    def fixed_in_time(self, facts: Mapping[str, SessionFacts]) -> list[bool]:
        """Per session index: whether the session has one possible start (it cannot move).
        Worked out once per board and facts (the chains ask it millions of times)."""
        if self._fixed is None or self._fixed[0] is not facts:
            self._fixed = (facts, [facts[sid].domain.size() == 1 if sid in facts else False
                                   for sid in self.ids])
        return self._fixed[1]

    def movable_licensed(self, facts: Mapping[str, SessionFacts]) -> list[tuple[str, int]]:
        """(id, index) of the licensed sessions that can move (more than one start), in
        the board's index order. Worked out once per board and facts (eject-and-reinsert
        and the chains asked every licensed session's domain size at every search: a
        tenth of a 10,000-session start, ``benchmarks/results/huge/huge2``)."""
        if self._movable_licensed is None or self._movable_licensed[0] is not facts:
            fixed = self.fixed_in_time(facts)
            index = self.index
            self._movable_licensed = (facts, [(sid, index[sid]) for sid in self.licensed
                                              if sid in facts and not fixed[index[sid]]])
        return self._movable_licensed[1]

    def people(self, f: SessionFacts) -> list[str]:
        """``f.session.person_ids``, read once per session (the board's sessions do not
        change while it lives)."""
        got = self._people.get(f.id)
        if got is None or got[0] is not f:
            got = self._people[f.id] = (f, f.session.person_ids)
        return got[1]

    # ------------------------------------------------------------------ occupation

    def room_taken(self, room: str, span: slice) -> bool:
        """Whether ``room`` holds a session at any step of ``span``."""
        return bool(self.room_busy[span, self.rooms[room]].any())

    def occupy(self, f: SessionFacts, spot: Spot) -> None:
        """Put session ``f`` at ``spot``: its room, people and track are held there."""
        self.changes += 1
        span = slice(spot.start, spot.end)
        if spot.room is not None:
            self.room_busy[span, self.rooms[spot.room]] = True
            self.room_owner[span, self.rooms[spot.room]] = self.index[f.id]
        for pid in self.people(f):
            self.person[pid][span] = self.index[f.id]
            self.per_day[(pid, self.grid.day_of(spot.start))] += 1
        if spot.track is not None:
            self.track[spot.track][span] = self.index[f.id]
        if f.observes_breaks:
            self.running[span] += 1
            if f.exclusive:
                self.blocked[span] = True
        if f.session.needs_licence:
            self.licences[span] += 1

    def release(self, f: SessionFacts, spot: Spot) -> None:
        """Undo :meth:`occupy`."""
        self.changes += 1
        span = slice(spot.start, spot.end)
        if spot.room is not None:
            self.room_busy[span, self.rooms[spot.room]] = False
            self.room_owner[span, self.rooms[spot.room]] = -1
        for pid in self.people(f):
            self.person[pid][span] = -1
            self.per_day[(pid, self.grid.day_of(spot.start))] -= 1
        if spot.track is not None:
            self.track[spot.track][span] = -1
        if f.observes_breaks:
            self.running[span] -= 1
            if f.exclusive:
                self.blocked[span] = False
        if f.session.needs_licence:
            self.licences[span] -= 1

    # ------------------------------------------------------------------ questions

    def free_of_fixed(self, f: SessionFacts, span: slice, limit: int | None,
                      licences: int | None) -> bool:
        """The rules no single move can fix hold in ``span``: breaks, exclusive time, the
        parallel limit and licences."""
        if f.observes_breaks:
            if self.blocked[span].any():
                return False
            if f.exclusive and self.running[span].any():
                return False
            if limit is not None and (self.running[span] >= limit).any():
                return False
        return not (f.session.needs_licence and licences is not None
                    and (self.licences[span] >= licences).any())

    def free(self, f: SessionFacts, span: slice, day: int, limit: int | None,
             licences: int | None) -> bool:
        """``f``'s people are free in ``span``, below their daily limit on ``day``, and
        :meth:`free_of_fixed` holds."""
        people = self.people(f)
        for pid in people:
            if (self.person[pid][span] >= 0).any():
                return False
        if not self.free_of_fixed(f, span, limit, licences):
            return False
        for pid in people:
            cap = self.daily_limit.get(pid)
            if cap is not None and self.per_day[(pid, day)] >= cap:
                return False
        return True

    def _taken(self, f: SessionFacts) -> list[int]:
        """Prefix counts of the steps ``f`` cannot use whatever the room: one of its people
        is busy, or (when it observes breaks) a break or an exclusive session holds it.
        ``taken[t + size] != taken[t]`` says at once what :meth:`free` would find slowly,
        step by step (at 10,000 sessions most of the greedy's time)."""
        busy = np.zeros(len(self.blocked), dtype=bool)
        for pid in self.people(f):
            busy |= self.person[pid] >= 0
        if f.observes_breaks:
            busy |= self.blocked
        taken = [0]
        taken += busy.cumsum().tolist()
        return taken

    def fits(self, f: SessionFacts, placed: dict[str, Spot], limit: int | None,
             licences: int | None) -> Iterator[Spot]:
        """Every spot where every tracked rule holds, earliest first (one room per start:
        the smallest free one, rooms some session can use alone last)."""
        grid = self.grid
        session = f.session
        steps = f.steps(grid.g)
        relations = Relations(self, f, placed)
        room_idx, room_ids, room_domains = self._rooms_by_size(f)
        taken, seen = self._taken(f), self.changes
        breaks, exclusive = f.observes_breaks, f.exclusive
        licence_cap = licences if f.session.needs_licence else None
        for a, b in domain_ranges(f.domain.flattened_intervals()):
            for t in range(max(a, relations.earliest), b + 1):
                if self.changes != seen:  # the caller moved something between two spots
                    taken, seen = self._taken(f), self.changes
                day = grid.day_of(t)
                size = steps.get(day)
                if size is None or taken[t + size] != taken[t]:
                    continue  # a person busy or a break then: :meth:`free` would say no
                if not relations.allows(t, day, size):
                    continue  # (with the daily limits :meth:`free` checks)
                span = slice(t, t + size)
                # What :meth:`free` checks beyond ``taken`` and ``relations``, i.e.
                # :meth:`free_of_fixed` without the breaks and exclusive time ``taken`` holds.
                if breaks and ((exclusive and self.running[span].any()) or (
                        limit is not None and (self.running[span] >= limit).any())):
                    continue
                if licence_cap is not None and (self.licences[span] >= licence_cap).any():
                    continue
                track = next((tr for tr in session.tracks
                              if not (self.track[tr][span] >= 0).any()), None)
                if session.tracks and track is None:
                    continue
                if not f.needs_room:
                    yield Spot(t, size, None, track)
                    continue
                if not room_ids:
                    return
                # The free rooms, smallest first (at scale most rooms are busy most of
                # the time: walking all of them in Python was most of this method).
                held = np.logical_or.reduce(self.room_busy[span], axis=0)
                free = (~held[room_idx]).nonzero()[0]
                for k in cast(list[int], free.tolist()):
                    if room_domains[k].contains(t):
                        yield Spot(t, size, room_ids[k], track)
                        break

    def _rooms_by_size(self, f: SessionFacts) -> tuple[np.ndarray, list[str], list[Domain]]:
        """``f``'s candidate rooms, smallest first and the rooms some session can use alone
        last: their rows on the board, their ids and the starts each allows ``f``.
        Worked out once per session and board (the rooms and facts do not change while a
        board lives)."""
        got = self._by_size.get(f.id)
        if got is None or got[0] is not f or got[1] is not self.reserved:
            if self._reserved is None or self._reserved[0] is not self.reserved:
                flags = np.zeros(len(self._capacities), dtype=bool)
                flags[np.array([self.rooms[r] for r in self.reserved if r in self.rooms],
                               dtype=np.intp)] = True
                self._reserved = (self.reserved, flags)
            options = f.rooms
            index = self.rooms
            rows = np.fromiter((index[o.room] for o in options), dtype=np.intp,
                               count=len(options))
            # Reserved last, then by capacity, ties in ``f.rooms``' order (a stable sort).
            by_size = np.lexsort((self._capacities[rows], self._reserved[1][rows]))
            chosen = [options[i] for i in by_size.tolist()]
            got = self._by_size[f.id] = (f, self.reserved, rows[by_size],
                                         [o.room for o in chosen], [o.domain for o in chosen])
        return got[2], got[3], got[4]


class Relations:
    """Where the already placed sessions allow ``f``: after:, same-day, series, apart, and
    its people's daily limits."""

    def __init__(self, board: Board, f: SessionFacts, placed: dict[str, Spot]) -> None:
        grid = board.grid
        session = f.session
        self.earliest = 0
        for ref in session.after:
            for other_id in board.members.get(ref, []):
                if other_id in placed:
                    self.earliest = max(self.earliest, placed[other_id].end)
        self.deadline = min((placed[s].start for s in board.successors.get(session.id, ())
                             if s in placed), default=None)
        self.days_taken = {grid.day_of(placed[sid].start)
                           for sid in board.members.get(session.series or "", [])
                           if sid in placed and sid != session.id
                           and session.run is None}  # runs (#12) may share a day
        self.same_day = {grid.day_of(placed[r].start)
                         for r in board.same_day.get(session.id, ()) if r in placed}
        self.apart = [placed[r] for r in board.not_parallel.get(session.id, ()) if r in placed]
        self.limits = [(pid, board.daily_limit[pid]) for pid in board.people(f)
                       if pid in board.daily_limit]
        self.board = board

    def allows(self, t: int, day: int, size: int) -> bool:
        """Whether starting at step ``t`` (on ``day``, for ``size`` steps) keeps them."""
        if t < self.earliest or (self.deadline is not None and t + size > self.deadline):
            return False
        if day in self.days_taken or (self.same_day and self.same_day != {day}):
            return False  # same-day partners already on two days: nowhere is right
        if any(self.board.per_day[(pid, day)] >= cap for pid, cap in self.limits):
            return False
        return not any(other.overlaps(t, size) for other in self.apart)
