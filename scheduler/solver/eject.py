"""Eject-and-reinsert: place the sessions the greedy left out by moving those in the way.

Rule: a left-out session takes the spot where the fewest (at most ``MAX_BLOCKERS``) placed
sessions stand in its way (same room, person or track at that time; a licensed session
when the licences run out; an ``after``/``same-day``/series/``not-parallel`` partner; a
person's other session that day when their daily limit is reached); those are
taken out and put back wherever they still fit, and any that fit nowhere join the queue
of left-out sessions. A session just inserted is *tabu* for a few steps (it cannot be
ejected again at once), so the chain does not go in circles. Only rules the greedy tracks
are ever relied on, so every placement it produces still satisfies them; the best state
seen (fewest sessions left out) is kept.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable, Iterator

from scheduler.scenario.model import Scenario
from scheduler.solver.facts import SessionFacts, TimeGrid
from scheduler.solver.hint import (
    _Board,
    _first_fit,
    _free_except_holders,
    _occupy,
    _pairs,
    _release,
    _Spot,
)

MAX_BLOCKERS = 5
"""Most placed sessions ejected to make room for one left-out session."""
TABU_STEPS = 12
"""Insertions during which a just-inserted session may not be ejected."""
MAX_STEPS = 4000
"""Most insertions one search tries."""


def eject_and_reinsert(
    scenario: Scenario, grid: TimeGrid, board: _Board, facts: dict[str, SessionFacts],
    placed: dict[str, _Spot], missing: list[SessionFacts], limit: int | None,
    licences: int | None, deadline: float, rng: random.Random,
) -> dict[str, _Spot]:
    """Try to place every session of ``missing``; returns the best placement found.

    ``board`` and ``placed`` describe the current placement and are changed in place.
    """
    queue = list(missing)
    best = dict(placed)
    best_missing = len(queue)
    tabu: dict[str, int] = {}
    last = ""
    hopeless = 0
    step = 0
    while queue and step < MAX_STEPS and time.monotonic() < deadline:
        step += 1
        f = queue.pop(0)
        spot = _first_fit(scenario, grid, board, f, placed, limit, licences)
        if spot is not None:
            _occupy(board, f, *spot, grid)
            placed[f.id] = spot
        else:
            choice = _least_blocked(grid, board, f, facts, placed, limit, licences, tabu,
                                    step, rng)
            if choice is None:
                # Aspiration: rather than give up, ignore the tabu list but for the last one.
                choice = _least_blocked(grid, board, f, facts, placed, limit, licences,
                                        {last: tabu.get(last, 0)}, step, rng)
            if choice is None:
                queue.append(f)  # nothing can make room now; try the others first
                hopeless += 1
                if hopeless >= len(queue):
                    break
                continue
            hopeless = 0
            spot, blockers = choice
            ejected = []
            for sid in blockers:
                other = facts[sid]
                _release(board, other, placed.pop(sid), grid)
                ejected.append(other)
            _occupy(board, f, *spot, grid)
            placed[f.id] = spot
            tabu[f.id] = step + TABU_STEPS
            last = f.id
            for other in ejected:
                moved = _first_fit(scenario, grid, board, other, placed, limit, licences)
                if moved is not None:
                    _occupy(board, other, *moved, grid)
                    placed[other.id] = moved
                else:
                    queue.append(other)
        if len(queue) < best_missing:
            best_missing = len(queue)
            best = dict(placed)
    return best


def _least_blocked(
    grid: TimeGrid, board: _Board, f: SessionFacts, facts: dict[str, SessionFacts],
    placed: dict[str, _Spot], limit: int | None, licences: int | None,
    tabu: dict[str, int], step: int, rng: random.Random,
) -> tuple[_Spot, set[str]] | None:
    """The spot with the fewest (and easiest to move) blockers, none of them tabu."""
    best: tuple[float, _Spot, set[str]] | None = None
    for spot, blockers in _blocked_spots(grid, board, f, facts, placed, limit, licences):
        ids = {board.ids[b] for b in blockers}
        if any(tabu.get(sid, 0) > step or sid not in facts or facts[sid].domain.size() <= 1
               for sid in ids):
            continue
        cost = sum(1.0 + 0.2 * len(facts[sid].session.person_ids) for sid in ids)
        cost += rng.random() * 1.5
        if best is None or cost < best[0]:
            best = (cost, spot, ids)
    return None if best is None else (best[1], best[2])


def _blocked_spots(
    grid: TimeGrid, board: _Board, f: SessionFacts, facts: dict[str, SessionFacts],
    placed: dict[str, _Spot], limit: int | None, licences: int | None,
) -> Iterator[tuple[_Spot, set[int]]]:
    """Spots where 1 to ``MAX_BLOCKERS`` placed sessions are in the way: by room, track or
    person, or by a relation (``after``, ``same-day``, series, ``not-parallel``)."""
    session = f.session
    steps = f.steps(grid.g)
    rooms: list[str | None] = [o.room for o in f.rooms] or [None]
    tracks: list[str | None] = list(session.tracks) or [None]
    room_domains = {o.room: o.domain for o in f.rooms}
    related = _Related(grid, board, f, placed, facts)
    for a, b in _pairs(f.domain.flattened_intervals()):
        for t in range(a, b + 1):
            day = grid.day_of(t)
            size = steps.get(day)
            if size is None:
                continue
            people = related.blockers(t, day, size)
            if people is None or len(people) > MAX_BLOCKERS:
                continue
            span = slice(t, t + size)
            if not _free_except_holders(board, f, span, limit, None):
                continue
            if session.needs_licence and licences is not None:
                # A full licence pool: one licensed session across all the full steps.
                full = [u for u in range(t, t + size) if board.licences[u] >= licences]
                if full:
                    holder = related.licence_holder(full[0], full[-1] + 1)
                    if holder is None:
                        continue
                    people.add(holder)
            for pid in session.person_ids:
                people.update(board.person[pid][span].tolist())
            people.discard(-1)
            if len(people) > MAX_BLOCKERS:
                continue
            for track in tracks:
                holders = set(people)
                if track is not None:
                    holders.update(board.track[track][span].tolist())
                    holders.discard(-1)
                if len(holders) > MAX_BLOCKERS:
                    continue
                for room in rooms:
                    if room is not None and not room_domains[room].contains(t):
                        continue
                    blockers = set(holders)
                    if room is not None:
                        blockers.update(board.room_owner[board.rooms[room], span].tolist())
                        blockers.discard(-1)
                    if 0 < len(blockers) <= MAX_BLOCKERS:
                        yield (t, size, room, track), blockers


class _Related:
    """The placed sessions whose relations to ``f`` forbid a spot (None: a daily limit)."""

    def __init__(self, grid: TimeGrid, board: _Board, f: SessionFacts,
                 placed: dict[str, _Spot], facts: dict[str, SessionFacts]) -> None:
        session = f.session
        self.grid = grid
        self.board = board
        index = board.index

        def spots(ids: Iterable[str]) -> list[tuple[int, _Spot]]:
            return [(index[sid], placed[sid]) for sid in ids
                    if sid in placed and sid != session.id]

        self.before = spots({o for ref in session.after for o in board.members.get(ref, [])})
        self.later = spots(board.successors.get(session.id, ()))
        self.series = spots(board.members.get(session.series or "", []))
        self.same_day = spots(board.same_day.get(session.id, ()))
        self.apart = spots(board.not_parallel.get(session.id, ()))
        self.limits = [(pid, board.daily_limit[pid]) for pid in session.person_ids
                       if pid in board.daily_limit]
        self.by_day: dict[tuple[str, int], list[tuple[int, int]]] = {}
        """(person, day) -> (domain size, index) of the person's placed sessions."""
        limited = {pid for pid, _ in self.limits}
        if limited:
            for sid, (pt, _, _, _) in placed.items():
                other = facts[sid]
                for pid in limited & set(other.session.person_ids):
                    self.by_day.setdefault((pid, grid.day_of(pt)), []).append(
                        (other.domain.size(), index[sid]))

        self.licensed = [(pt, pt + ps, index[sid]) for sid, (pt, ps, _, _) in placed.items()
                         if facts[sid].session.needs_licence and facts[sid].domain.size() > 1
                         ] if session.needs_licence else []

    def licence_holder(self, lo: int, hi: int) -> int | None:
        """A movable licensed session running through all of [lo, hi), if any."""
        holders = [i for a, b, i in self.licensed if a <= lo and hi <= b]
        return holders[0] if holders else None

    def blockers(self, t: int, day: int, size: int) -> set[int] | None:
        out: set[int] = set()
        for pid, cap in self.limits:
            if self.board.per_day[(pid, day)] >= cap:
                # The person's most movable session that day makes room.
                that_day = self.by_day.get((pid, day))
                if not that_day:
                    return None
                out.add(max(that_day)[1])
        out |= {i for i, (pt, ps, _, _) in self.before if pt + ps > t}
        out |= {i for i, (pt, _, _, _) in self.later if pt < t + size}
        out |= {i for i, (pt, _, _, _) in self.series if self.grid.day_of(pt) == day}
        out |= {i for i, (pt, _, _, _) in self.same_day if self.grid.day_of(pt) != day}
        out |= {i for i, (pt, ps, _, _) in self.apart if t < pt + ps and pt < t + size}
        return out
