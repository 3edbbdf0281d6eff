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

import math
import random
import time
from collections.abc import Iterable, Iterator

import numpy as np
from ortools.sat.python.cp_model import Domain

from scheduler.facts import SessionFacts
from scheduler.solver.greedy.board import Board, Spot, session_starts
from scheduler.solver.greedy.placement import first_fit

MAX_BLOCKERS = 5
"""Most placed sessions ejected to make room for one left-out session."""
TABU_STEPS = 12
"""Insertions during which a just-inserted session may not be ejected."""
MAX_STEPS = 4000
"""Most insertions one search tries."""
PATIENCE = 250
"""Insertions without a new best (fewer left out) after which one search gives up."""


def eject_and_reinsert(
    board: Board, facts: dict[str, SessionFacts], placed: dict[str, Spot],
    missing: list[SessionFacts], limit: int | None, licences: int | None, deadline: float,
    rng: random.Random, max_steps: int = MAX_STEPS, patience: int = PATIENCE,
    spent: list[int] | None = None, wall: float | None = None,
) -> dict[str, Spot]:
    """Try to place every session of ``missing``; returns the best placement found.

    ``board`` and ``placed`` describe the current placement and are changed in place.
    The search ends after ``max_steps`` insertions, or ``patience`` insertions in a row
    that did not leave fewer sessions out than the best so far (counted work: the same
    input and random state give the same result on any machine); ``deadline`` (a
    ``time.process_time()`` value, CPU seconds) is only a safety cap, and so is ``wall``
    (a ``time.monotonic()`` value) when given. The insertions made are appended to
    ``spent`` when given.

    Each time a session is ejected its *weight* grows, and ejecting heavy sessions costs
    more (breakout weighting): two sessions that keep pushing each other out make the
    search look for other spots. A session just inserted is tabu for ``TABU_STEPS``
    insertions; when every option is tabu, only the last inserted session stays
    protected, and when even that leaves no option the tabu list is ignored.
    """
    queue = list(missing)
    best = dict(placed)
    best_missing = len(queue)
    tabu: dict[int, int] = {}
    weight: dict[int, float] = {}
    last = -1
    base = _base_costs(board, facts)
    hopeless = 0
    step = 0
    best_step = 0
    while (queue and step < max_steps and step - best_step < patience
           and time.process_time() < deadline
           and (wall is None or time.monotonic() < wall)):
        step += 1
        f = queue.pop(0)
        spot = first_fit(board, f, placed, limit, licences)
        if spot is not None:
            board.occupy(f, spot)
            placed[f.id] = spot
        else:
            choice = None
            for protected in (tabu, {last: tabu.get(last, 0)}, {}):
                choice = _least_blocked(board, f, facts, placed, limit, licences,
                                        protected, step, rng, weight, base)
                if choice is not None:
                    break
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
                board.release(other, placed.pop(sid))
                index = board.index[sid]
                weight[index] = weight.get(index, 0.0) + 1.0
                ejected.append(other)
            board.occupy(f, spot)
            placed[f.id] = spot
            last = board.index[f.id]
            tabu[last] = step + TABU_STEPS
            for other in ejected:
                moved = first_fit(board, other, placed, limit, licences)
                if moved is not None:
                    board.occupy(other, moved)
                    placed[other.id] = moved
                else:
                    queue.append(other)
        if len(queue) < best_missing:
            best_missing = len(queue)
            best_step = step
            best = dict(placed)
    if spent is not None:
        spent.append(step)
    return best


def _base_costs(board: Board, facts: dict[str, SessionFacts]) -> list[float | None]:
    """Per board index: the cost of ejecting that session (None: it cannot move)."""
    out: list[float | None] = []
    for sid in board.ids:
        f = facts.get(sid)
        movable = f is not None and f.domain.size() > 1
        out.append(1.0 + 0.2 * len(f.session.person_ids) if f is not None and movable
                   else None)
    return out


def _least_blocked(
    board: Board, f: SessionFacts, facts: dict[str, SessionFacts],
    placed: dict[str, Spot], limit: int | None, licences: int | None,
    tabu: dict[int, int], step: int, rng: random.Random,
    weight: dict[int, float] | None = None, base: list[float | None] | None = None,
) -> tuple[Spot, list[str]] | None:
    """The spot with the fewest, lightest and easiest to move blockers, none of them tabu
    (sessions by board index; the blockers returned in a fixed order, so that the result
    does not depend on hashing).

    Every spot with blockers draws one random tie-breaker, in :func:`blocked_spots`'
    order; the rooms of one start and track that nothing holds share one set of
    blockers, whose cost is summed once."""
    weight = weight or {}
    base = base if base is not None else _base_costs(board, facts)
    best: tuple[float, tuple[int, int, str | None, str | None], set[int]] | None = None
    lowest = math.inf
    draw = rng.random
    tabu_until, extra = tabu.get, weight.get
    for t, size, track, items in blocked_runs(board, f, facts, placed, limit, licences):
        last: set[int] | None = None
        cost: float | None = None
        for room, blockers in items:
            if blockers is not last:
                last = blockers
                cost = 0.0
                for b in blockers:
                    one = base[b]
                    if one is None or tabu_until(b, 0) > step:
                        cost = None
                        break
                    cost += one + extra(b, 0.0)
            if cost is None:
                continue
            total = cost + draw() * 1.5
            if total < lowest:
                lowest = total
                best = (total, (t, size, room, track), blockers)
    if best is None:
        return None
    return Spot(*best[1]), sorted(board.ids[b] for b in best[2])


def blocked_spots(
    board: Board, f: SessionFacts, facts: dict[str, SessionFacts],
    placed: dict[str, Spot], limit: int | None, licences: int | None, pick: int = 0,
) -> Iterator[tuple[Spot, set[int]]]:
    """Spots where 1 to ``MAX_BLOCKERS`` placed sessions are in the way: by room, track or
    person, or by a relation (``after``, ``same-day``, series, ``not-parallel``), each
    with its own set of them, earliest start first, then by track and room
    (:func:`blocked_runs` spot by spot).

    Where a person's daily limit is reached, their ``pick``-th most movable session that
    day (0: the most movable; the least movable when fewer) is the one in the way."""
    for t, size, track, items in blocked_runs(board, f, facts, placed, limit, licences, pick):
        for room, blockers in items:
            yield Spot(t, size, room, track), set(blockers)


Run = tuple[int, int, "str | None", list[tuple["str | None", set[int]]]]
"""(start, steps, track, [(room, blockers), ...]): the blocked spots of one start and
track in room order. The rooms nothing holds then share one set object (``is`` the same),
which the caller must not change."""


def blocked_runs(
    board: Board, f: SessionFacts, facts: dict[str, SessionFacts],
    placed: dict[str, Spot], limit: int | None, licences: int | None, pick: int = 0,
    most: int = MAX_BLOCKERS,
) -> Iterator[Run]:
    """:func:`blocked_spots` grouped by start and track, without a :class:`Spot` or a set
    per room: at 10,000 sessions a left-out session has hundreds of rooms at each start,
    and building a spot and a set for each was most of the chains' and of
    eject-and-reinsert's time (``benchmarks/results/huge/first30``). The same spots and
    blockers in the same order (and each room's set built the same way, so that it is
    walked in the same order).

    ``most`` (at most :data:`MAX_BLOCKERS`): only spots with at most that many sessions in
    the way; a caller that keeps no more (the chains keep 3) skips, at each start, the
    rooms and the tracks once more are in the way of every room there, and gets the same
    spots it kept before in the same order."""
    most = min(most, MAX_BLOCKERS)
    grid = board.grid
    session = f.session
    rooms, rows, always, domains = _candidate_rooms(board, f)
    tracks: list[str | None] = list(session.tracks) or [None]
    related = _Related(board, f, placed, facts, pick)
    # Rooms that allow every start of ``f`` need no check per start.
    every_room = list(range(len(always))) if all(always) else None
    for t, day, size in session_starts(grid, f):
        span = slice(t, t + size)
        busy: set[int] = set()
        for pid in session.person_ids:
            busy.update(board.person[pid][span].tolist())
        busy.discard(-1)
        people = related.blockers(t, day, size, busy)
        if people is None:
            continue
        people |= busy
        if len(people) > most:
            continue
        if not board.free_of_fixed(f, span, limit, None):
            continue
        if session.needs_licence and licences is not None:
            # A full licence pool: one licensed session across all the full steps.
            full = [u for u in range(t, t + size) if board.licences[u] >= licences]
            if full:
                holder = related.licence_holder(full[0], full[-1] + 1)
                if holder is None:
                    continue
                people.add(holder)
                if len(people) > most:
                    continue
        allowed = every_room if every_room is not None else [
            k for k, ok in enumerate(always) if ok or domains[k].contains(t)]
        single, several = _held_rooms(board, rows, span) if len(rows) else ({}, {})
        for track in tracks:
            holders = set(people)
            if track is not None:
                holders.update(board.track[track][span].tolist())
                holders.discard(-1)
            if len(holders) > most:
                continue
            if rooms == [None]:
                if holders:
                    yield t, size, track, [(None, set(holders))]
                continue
            shared = set(holders)
            shared_ok = 0 < len(shared) <= most
            items: list[tuple[str | None, set[int]]] = []
            add = items.append
            owner_of, owners_of = single.get, several.get
            room_most = len(holders) < most
            for k in allowed:
                owner = owner_of(k)
                if owner is not None:  # one session holds the room all along
                    if room_most or owner in holders:
                        blockers = set(holders)
                        # (a set, as the walk spot by spot did: merging a set may grow
                        # the table first, which decides the order the set is walked in)
                        blockers.update({owner})
                        add((rooms[k], blockers))
                    continue
                owners = owners_of(k)
                if owners is None:
                    if shared_ok:
                        add((rooms[k], shared))
                    continue
                blockers = set(holders)
                blockers.update(owners)
                if 0 < len(blockers) <= most:
                    add((rooms[k], blockers))
            if items:
                yield t, size, track, items


def _candidate_rooms(board: Board, f: SessionFacts,
                     ) -> tuple[list[str | None], np.ndarray, list[bool], list[Domain]]:
    """``f``'s rooms in ``f.rooms``' order ([None] when it needs none), their board rows,
    whether each allows every start of ``f`` (no per-start check then) and each one's
    starts; worked out once per session and board."""
    got = board.candidate_rooms.get(f.id)
    if got is not None and got[0] is f:
        return got[1], got[2], got[3], got[4]
    rooms: list[str | None] = [o.room for o in f.rooms] or [None]
    rows = np.array([board.rooms[o.room] for o in f.rooms], dtype=np.int64)
    size = f.domain.size()
    always = [f.domain.intersection_with(o.domain).size() == size for o in f.rooms] or [True]
    domains = [o.domain for o in f.rooms] or [f.domain]
    board.candidate_rooms[f.id] = (f, rooms, rows, always, domains)
    return rooms, rows, always, domains


def _held_rooms(board: Board, rows: np.ndarray, span: slice,
                ) -> tuple[dict[int, int], dict[int, set[int]]]:
    """The candidate rooms (by position in ``rows``) that some session holds during
    ``span``: those one session holds all along, with that session, and the others with
    the sessions holding them (a set built from the room's column of the board over the
    span, so that it is walked in the same order as the spot-by-spot walk's).

    The span of every room is one contiguous block of the board (steps first): its
    highest and lowest owner per room come from that block, then the candidate rooms'
    are picked (gathering the candidate rooms' rows first, and a set per room, cost a
    tenth of a 10,000-session start, ``benchmarks/results/huge/huge2``)."""
    block = board.room_owner[span]
    top = block.max(axis=0)[rows]
    held = top >= 0
    if not held.any():
        return {}, {}
    mixed = held & (block.min(axis=0)[rows] != top)
    one = np.flatnonzero(held & ~mixed)
    single: dict[int, int] = dict(zip(one.tolist(), top[one].tolist(), strict=True))
    several: dict[int, set[int]] = {}
    many = np.flatnonzero(mixed)
    if many.size:  # the columns of all such rooms at once, each as a list
        for k, column in zip(many.tolist(), block[:, rows[many]].T.tolist(), strict=True):
            owners: set[int] = set(column)
            owners.discard(-1)
            several[k] = owners
    return single, several


class _Related:
    """The placed sessions whose relations to ``f`` forbid a spot (None: a daily limit)."""

    def __init__(self, board: Board, f: SessionFacts, placed: dict[str, Spot],
                 facts: dict[str, SessionFacts], pick: int = 0) -> None:
        session = f.session
        self.pick = pick
        grid = board.grid
        self.grid = grid
        self.board = board
        index = board.index

        def spots(ids: Iterable[str]) -> list[tuple[int, Spot]]:
            return [(index[sid], placed[sid]) for sid in ids
                    if sid in placed and sid != session.id]

        self.before = spots({o for ref in session.after for o in board.members.get(ref, [])})
        self.later = spots(board.successors.get(session.id, ()))
        self.series = spots(board.members.get(session.series or "", [])
                            if session.run is None else [])  # runs (#12) may share a day
        self.same_day = spots(board.same_day.get(session.id, ()))
        self.apart = spots(board.not_parallel.get(session.id, ()))
        self.limits = [(pid, board.daily_limit[pid]) for pid in session.person_ids
                       if pid in board.daily_limit]
        self.by_day: dict[tuple[str, int], list[tuple[int, int]]] = {}
        """(person, day) -> (domain size, index) of the person's placed sessions."""
        # Looked up through the board's indexes (each person's sessions, the licensed
        # sessions), not by scanning every placed session's people: at 10,000 sessions
        # that scan was most of an insertion's time.
        for pid in dict.fromkeys(pid for pid, _ in self.limits):
            for sid in board.sessions_of.get(pid, ()):
                spot = placed.get(sid)
                if spot is not None:
                    self.by_day.setdefault((pid, grid.day_of(spot.start)), []).append(
                        (facts[sid].domain.size(), index[sid]))

        self._placed, self._facts = placed, facts

    def licence_holder(self, lo: int, hi: int) -> int | None:
        """The placed movable licensed session running through all of [lo, hi) that comes
        first on the board (lowest index), if any: by board index, never in ``placed``'s
        order (which sessions are placed decides, not the history of insertions and
        removals that left them there; first32). The licensed sessions are walked in
        that order until the first one found (gathering them all for each search was a
        tenth of a 10,000-session start: ``benchmarks/results/huge/huge2``)."""
        placed = self._placed
        for sid, i in self.board.movable_licensed(self._facts):
            spot = placed.get(sid)
            if spot is not None and spot.start <= lo and hi <= spot.start + spot.steps:
                return i
        return None

    def blockers(self, t: int, day: int, size: int, busy: set[int] | None = None,
                 ) -> set[int] | None:
        """The sessions in the way of ``f`` at [t, t + size) on ``day`` by a relation or
        a person's daily limit (None: a limit no move makes room for). ``busy``: the
        sessions in the way anyway (``f``'s people's, then); a person at their daily limit
        whose session that day is among those needs no other moved (first32: seed 3's
        ``work-2526`` could follow ``dial-1960`` only where the person's ``conf-4560`` ran,
        and the limit asked for ``dial-1960`` to move as well, which it cannot)."""
        out: set[int] = set()
        out |= {i for i, sp in self.before if sp.end > t}
        out |= {i for i, sp in self.later if sp.start < t + size}
        out |= {i for i, sp in self.series if self.grid.day_of(sp.start) == day}
        out |= {i for i, sp in self.same_day if self.grid.day_of(sp.start) != day}
        out |= {i for i, sp in self.apart if sp.overlaps(t, size)}
        moved = out | busy if busy else out
        for pid, cap in self.limits:
            over = self.board.per_day[(pid, day)] - cap + 1
            if over > 0:
                # The person's most movable session that day makes room (or the
                # ``pick``-th most movable: moving that one may be what works), unless
                # one that moves anyway does.
                that_day = self.by_day.get((pid, day))
                if not that_day:
                    return None
                if sum(i in moved for _, i in that_day) >= over:
                    continue
                ranked = sorted(that_day, reverse=True)
                out.add(ranked[min(self.pick, len(ranked) - 1)][1])
        return out
