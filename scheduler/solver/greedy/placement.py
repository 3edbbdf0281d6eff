"""One greedy round: the order sessions are taken in, first fit, and the squeeze score.

Rules: sessions go in :func:`order` (fixed ones first, then movable exclusive sessions,
then the rest with fewest choices and longest first, ``after:`` predecessors always before
their followers); each takes its :func:`first_fit`, the earliest spot where every tracked
rule holds (a movable exclusive session instead takes the spot that :func:`squeeze`\\ s the
sessions with few starts least). A session that fits nowhere may take a spot where exactly
one placed session is in the way, when that one can move elsewhere (:func:`repair`).
"""

from __future__ import annotations

import heapq
import random
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from scheduler.facts import SessionFacts, TimeGrid, ceil_div
from scheduler.scenario.model import DAY, Scenario
from scheduler.schedule import Schedule, ScheduledBreak
from scheduler.solver.greedy import exclusive
from scheduler.solver.greedy.board import (
    Board,
    BoardCaches,
    Relations,
    Spot,
    domain_ranges,
    session_starts,
)
from scheduler.solver.greedy.cap import Cap, every

TIGHT_STARTS = 48
"""Sessions with at most this many allowed starts count in :func:`squeeze`."""
MAX_REPAIRS = 80
"""Moves a repair tries per left-out session."""


def priority(f: SessionFacts) -> int:
    """0: fixed in time; 1: a movable exclusive session (it stops everything else, so it
    goes before the sessions it would squeeze out); 2: everything else."""
    if f.domain.size() == 1:
        return 0
    if f.exclusive and f.observes_breaks:
        return 1
    return 2


def order(scenario: Scenario, facts: dict[str, SessionFacts], by_starts: bool = False,
          ) -> list[SessionFacts]:
    """Predecessors first; among the free, fewest choices and longest first.

    A choice is a (start, room) pair; with ``by_starts`` it is a start alone, and ties go
    to the sessions with more people and tracks (then the longest, then fewer rooms). At
    scale time is what runs out, not rooms: a session with 2 starts and 300 rooms counted
    600 choices and went after hundreds of sessions with 20 starts, which then took its
    people's and track's only times (10,000 sessions: 123 left out by the first round in
    the (start, room) order, 49 in the start order). Also with ``by_starts``, a
    predecessor goes with the most urgent session that must follow it: an award ceremony
    (exclusive) after a competition went, with it, 3,825th of 10,000, when no time was
    left where nothing else runs.
    """
    members: dict[str, list[str]] = defaultdict(list)
    for s in scenario.sessions:
        members[s.series or s.id].append(s.id)
    preds = {s.id: {p for ref in s.after for p in members.get(ref, [])} for s in scenario.sessions}
    urgency = _urgency(facts, preds) if by_starts else {}

    def key(f: SessionFacts) -> tuple[int, ...]:
        choices = f.domain.size() * max(1, len(f.rooms))
        if f.domain.size() == 1:
            return (0, choices, 0)
        if f.exclusive and f.observes_breaks:
            return (1, choices, 0)  # before the sessions it would otherwise squeeze out
        if by_starts:
            held = len(f.session.person_ids) + len(f.session.tracks)
            return (urgency.get(f.id, 2), f.domain.size(), -held, -max(f.durations.values()),
                    len(f.rooms))
        return (2, choices, -max(f.durations.values()))

    # The sessions ready to go, least key first, ties in the order they became ready (and
    # in the facts' order among those ready together): a stable sort of the queue each time
    # some are freed, as a heap (10,000 sessions: a million key reads as re-sorts).
    ready: list[tuple[tuple[int, ...], int, SessionFacts]] = []
    for f in facts.values():
        if not preds[f.id]:
            heapq.heappush(ready, (key(f), len(ready), f))
    arrived = len(ready)
    out: list[SessionFacts] = []
    waiting = {f.id: f for f in facts.values() if preds[f.id]}
    # A waiting session is freed when the last of its predecessors has gone; those freed
    # together join the queue in the facts' order.
    position = {sid: i for i, sid in enumerate(waiting)}
    left = {sid: len(preds[sid]) for sid in waiting}
    followers: dict[str, list[str]] = defaultdict(list)
    for sid in waiting:
        for p in preds[sid]:
            followers[p].append(sid)
    while ready:
        f = heapq.heappop(ready)[2]
        out.append(f)
        freed = []
        for sid in followers.get(f.id, ()):
            left[sid] -= 1
            if left[sid] == 0:
                freed.append(sid)
        for sid in sorted(freed, key=position.__getitem__):
            w = waiting.pop(sid)
            heapq.heappush(ready, (key(w), arrived, w))
            arrived += 1
    out.extend(waiting.values())
    return out


def _urgency(facts: dict[str, SessionFacts], preds: dict[str, set[str]]) -> dict[str, int]:
    """Per session: the most urgent :func:`priority` of itself and every session that must
    follow it (through ``after:``, transitively)."""
    successors: dict[str, set[str]] = defaultdict(set)
    for sid, before in preds.items():
        for p in before:
            successors[p].add(sid)
    out: dict[str, int] = {}

    def visit(sid: str, trail: set[str]) -> int:
        if sid in out:
            return out[sid]
        own = priority(facts[sid]) if sid in facts else 2
        trail.add(sid)
        for nxt in successors.get(sid, ()):
            if nxt not in trail:
                own = min(own, visit(nxt, trail))
        trail.discard(sid)
        out[sid] = own
        return own

    for sid in facts:
        visit(sid, set())
    return out


def shake(sessions: list[SessionFacts], rng: random.Random, share: float = 0.05) -> None:
    """Swap a few random neighbours (about ``share`` of the order), in place."""
    for _ in range(max(1, int(len(sessions) * share))):
        i = rng.randrange(max(1, len(sessions) - 1))
        if i + 1 < len(sessions):
            sessions[i], sessions[i + 1] = sessions[i + 1], sessions[i]


def respect_after(scenario: Scenario, sessions: list[SessionFacts]) -> list[SessionFacts]:
    """``sessions`` with each moved after its ``after:`` predecessors (stable)."""
    members: dict[str, list[str]] = defaultdict(list)
    for s in scenario.sessions:
        members[s.series or s.id].append(s.id)
    position = {f.id: i for i, f in enumerate(sessions)}
    out: list[SessionFacts] = []
    done: set[str] = set()
    by_id = {f.id: f for f in sessions}

    def visit(f: SessionFacts, trail: set[str]) -> None:
        if f.id in done or f.id in trail:
            return
        trail.add(f.id)
        preds = [p for ref in f.session.after for p in members.get(ref, []) if p in by_id]
        for p in sorted(preds, key=position.__getitem__):
            visit(by_id[p], trail)
        done.add(f.id)
        out.append(f)

    for f in sessions:
        visit(f, set())
    return out


def density(grid: TimeGrid, facts: dict[str, SessionFacts]) -> np.ndarray:
    """Per step: how much the non-exclusive sessions may need it (each spreads 1 over
    the steps it could occupy)."""
    n = grid.horizon + DAY // grid.g
    diff = np.zeros(n + 1, dtype=np.float64)
    for f in facts.values():
        if f.exclusive or not f.observes_breaks or f.domain.is_empty():
            continue
        size = max(f.steps(grid.g).values())
        flat = f.domain.flattened_intervals()
        weight = 1.0 / (f.domain.size() * size)
        for a, b in domain_ranges(flat):
            diff[a] += weight * size
            diff[min(n, b + size)] -= weight * size
    return np.cumsum(diff[:n])


def tight(grid: TimeGrid, board: Board, facts: dict[str, SessionFacts],
          ) -> list[tuple[int, np.ndarray, int]]:
    """The non-exclusive sessions with few allowed starts: (index, starts, steps)."""
    out = []
    for f in facts.values():
        if f.exclusive or not f.observes_breaks or f.domain.is_empty():
            continue
        if f.domain.size() > TIGHT_STARTS:
            continue
        starts = np.array([t for a, b in domain_ranges(f.domain.flattened_intervals())
                           for t in range(a, b + 1)], dtype=np.int64)
        out.append((board.index[f.id], starts, max(f.steps(grid.g).values())))
    return out


def squeeze(board: Board, placed: dict[str, Spot], spots: list[tuple[int, int]],
            ) -> np.ndarray:
    """How badly putting an exclusive session at each spot squeezes the tight sessions.

    For every tight session not yet placed: its starts still free of breaks and exclusive
    sessions, and the share of them the spot would take away; the score sums the squares
    of those shares, plus one for each session that would lose every start (so a spot
    where some session has nowhere else to go is avoided whenever possible).
    """
    score = np.zeros(len(spots), dtype=np.float64)
    if not board.tight or not spots:
        return score
    placed_idx = {board.index[sid] for sid in placed}
    blocked = np.concatenate([[0], np.cumsum(board.blocked, dtype=np.int64)])
    n = len(board.blocked)
    lo = np.array([t for t, _ in spots], dtype=np.int64)
    hi = np.array([t + size for t, size in spots], dtype=np.int64)
    for index, starts, size in board.tight:
        if index in placed_idx:
            continue
        ends = np.minimum(starts + size, n)
        free = starts[(blocked[ends] - blocked[starts]) == 0]
        if free.size == 0:
            continue
        # A start t clashes with the spot [a, b) when t < b and a < t + size.
        first = np.searchsorted(free, lo - size + 1, side="left")
        last = np.searchsorted(free, hi, side="left")
        share = (last - first) / free.size
        score += share * share + (share >= 1.0)
    return score


def first_fit(board: Board, f: SessionFacts, placed: dict[str, Spot], limit: int | None,
              licences: int | None) -> Spot | None:
    """The earliest spot where every tracked rule holds.

    A movable exclusive session (which stops everything else) instead takes the spot
    where the other sessions' possible starts are thinnest.
    """
    spots = board.fits(f, placed, limit, licences)
    if not (f.exclusive and f.observes_breaks and f.domain.size() > 1):
        return next(spots, None)
    candidates = list(spots)
    if not candidates:
        return None
    best: tuple[float, Spot] | None = None
    for spot, score in zip(candidates, crowd(board, placed, candidates), strict=True):
        if best is None or score < best[0]:
            best = (score, spot)
    return None if best is None else best[1]


def crowd(board: Board, placed: dict[str, Spot], spots: list[Spot]) -> list[float]:
    """Per spot of an exclusive session: its :func:`squeeze`, plus a thousandth of how much
    the other sessions may need its steps (:func:`density`), which breaks ties."""
    scores = squeeze(board, placed, [(s.start, s.steps) for s in spots])
    return [float(pressure) + 1e-3 * float(board.density[spot.start:spot.end].sum())
            for spot, pressure in zip(spots, scores, strict=True)]


def place_breaks(scenario: Scenario, board: Board) -> list[ScheduledBreak]:
    """Placed breaks in the middle of their windows; fixed breaks where they are."""
    grid = board.grid
    out = []
    for d, day in enumerate(scenario.days):
        for brk in scenario.breaks.placed:
            if brk.days is not None and day not in brk.days:
                continue
            lo, hi = grid.starts_within(brk.window[0], brk.window[1], brk.duration)
            if lo > hi:
                continue
            t = d * grid.per_day + (lo + hi) // 2
            board.blocked[t:t + ceil_div(brk.duration, grid.g)] = True
            start = grid.clock(t)
            out.append(ScheduledBreak(id=f"{brk.id}@{day}", title=brk.title or brk.id,
                                      kind=brk.kind, day=day, start=start,
                                      end=start + brk.duration))
        for fixed in scenario.breaks.fixed:
            if fixed.day is None or fixed.day == day:
                a = d * grid.per_day + fixed.start // grid.g
                b = d * grid.per_day + ceil_div(fixed.end, grid.g)
                board.blocked[a:b] = True
    return out


@dataclass(eq=False)
class _Shared:
    """What every fresh board of one scenario and facts works out alike (see
    :func:`boards_shared`)."""

    scenario: Scenario
    facts: dict[str, SessionFacts]
    density: np.ndarray | None = None
    tight: list[tuple[int, np.ndarray, int]] = field(default_factory=list)
    reserved: set[str] = field(default_factory=set)
    caches: BoardCaches = field(default_factory=BoardCaches)


_SHARED: list[_Shared] = []
"""The :func:`boards_shared` blocks open now, innermost last."""


@contextmanager
def boards_shared(scenario: Scenario, facts: dict[str, SessionFacts]) -> Iterator[None]:
    """Within this block, the fresh boards of ``scenario`` and ``facts`` (the very
    objects) share what depends on them alone: the density, the tight sessions, the rooms
    kept for sessions that can use nothing else, and the boards' per-session caches
    (:class:`~scheduler.solver.greedy.board.BoardCaches`). A 10,000-session greedy makes
    six to eight boards, each of which worked all of that out again
    (``benchmarks/results/huge/huge2``). Nothing a board changes is shared. Each block
    finds only its own scenario and facts (by identity), so solves in other threads are
    not disturbed."""
    entry = _Shared(scenario, facts)
    _SHARED.append(entry)
    try:
        yield
    finally:  # this block's own entry (blocks of other threads may end in any order):
        _SHARED.remove(entry)  # one call, by identity (eq=False), so no other thread cuts in


def fresh_board(scenario: Scenario, facts: dict[str, SessionFacts],
                ) -> tuple[Board, list[ScheduledBreak]]:
    """An empty board with what a round needs (density, tight sessions, rooms kept for
    the sessions that can use nothing else) and the breaks placed."""
    grid = TimeGrid(scenario)
    shared = next((s for s in reversed(_SHARED)
                   if s.scenario is scenario and s.facts is facts), None)
    board = Board(scenario, grid, None if shared is None else shared.caches)
    if shared is not None and shared.density is not None:
        board.density, board.tight, board.reserved = (shared.density, shared.tight,
                                                      shared.reserved)
        return board, place_breaks(scenario, board)
    board.density = density(grid, facts)
    board.tight = tight(grid, board, facts)
    board.reserved = {f.rooms[0].room for f in facts.values() if len(f.rooms) == 1}
    if shared is not None:
        shared.density, shared.tight, shared.reserved = (board.density, board.tight,
                                                         board.reserved)
    return board, place_breaks(scenario, board)


def board_of(scenario: Scenario, facts: dict[str, SessionFacts], placed: dict[str, Spot],
             ) -> Board:
    """A fresh board holding the placement ``placed``."""
    board, _ = fresh_board(scenario, facts)
    for sid, spot in placed.items():
        board.occupy(facts[sid], spot)
    return board


def spots_of(scenario: Scenario, facts: dict[str, SessionFacts], schedule: Schedule,
             ) -> dict[str, Spot]:
    """A schedule's sessions as the greedy's spots (start step, steps, room, track): the
    placement the board can hold again (:func:`board_of`)."""
    grid = TimeGrid(scenario)
    days = list(scenario.days)
    placed: dict[str, Spot] = {}
    for s in schedule.sessions:
        day = days.index(s.day)
        placed[s.id] = Spot(day * grid.per_day + s.start // grid.g,
                            facts[s.id].steps(grid.g)[day], s.room, s.track)
    return placed


class Round(NamedTuple):
    """What one greedy round gives: the placement, the breaks and the board after it."""

    placed: dict[str, Spot]
    breaks: list[ScheduledBreak]
    board: Board


def one_round(scenario: Scenario, sessions: list[SessionFacts], facts: dict[str, SessionFacts],
              *, joint: bool = False, cap: Cap | None = None,
              avoid: exclusive.Avoid = ()) -> Round:
    """A fresh board, the breaks, then every session of ``sessions`` at its first fit (and
    a one-move :func:`repair` for those that fit nowhere).

    With ``joint``, the movable exclusive sessions take the spots :func:`exclusive.plan`
    chooses for them together (planned when the first of them comes up, and again for
    the rest when one comes up that the plan could not include yet because a session it
    must follow or share a day with was not placed), each only where every rule still
    holds, else at its own first fit (:func:`exclusive.place_group`: the plan keeps clear
    of the starts in ``avoid``, and sessions placed before it that can still move are
    lifted while it is made).

    With ``cap``, the round asks it every :data:`~scheduler.solver.greedy.cap.CHECK_EVERY`
    sessions (and before each repair) and, once it has passed, stops there: the round
    then holds the sessions placed so far, a valid partial placement (at 10,000 sessions
    a round costs 6-8 CPU s, 20-30 s of wall time under load, and was the part of a solve
    that could not be stopped).
    """
    stop = every(cap) if cap is not None else (lambda: False)
    board, breaks = fresh_board(scenario, facts)
    placed: dict[str, Spot] = {}
    limit = scenario.parallel_limit
    licences = scenario.hybrid.licences
    considered: set[str] = set()  # the sessions the last plan looked at
    members: dict[str, list[str]] = defaultdict(list)
    for s in scenario.sessions:
        members[s.series or s.id].append(s.id)

    def ready(g: SessionFacts) -> bool:
        refs = (*g.session.after, *g.session.same_day_as)
        return all(p in placed or p not in facts for ref in refs for p in members.get(ref, []))

    stopped = False
    for f in sessions:
        if stop():
            stopped = True
            break
        if joint and priority(f) == 1 and f.id not in considered:
            group = [g for g in sessions if priority(g) == 1 and g.id not in placed and ready(g)]
            considered = {g.id for g in group}
            exclusive.place_group(board, group, placed, facts, limit, licences, crowd, first_fit,
                                  avoid)
        if f.id in placed:
            continue
        spot = first_fit(board, f, placed, limit, licences)
        if spot is None:
            continue
        board.occupy(f, spot)
        placed[f.id] = spot
    for f in sessions:
        if f.id in placed:
            continue
        if stopped or (cap is not None and cap.reached()):
            break
        repair(board, f, facts, placed, limit, licences)
    return Round(placed, breaks, board)


def repair(board: Board, f: SessionFacts, facts: dict[str, SessionFacts],
           placed: dict[str, Spot], limit: int | None, licences: int | None) -> bool:
    """Place ``f`` where exactly one other session is in the way, and move that one."""
    tries = 0
    for spot, owner in blocked_by_one(board, f, placed, limit, licences):
        other = facts.get(board.ids[owner])
        if other is None or other.id not in placed or other.domain.size() == 1:
            continue
        tries += 1
        if tries > MAX_REPAIRS:
            return False
        old = placed.pop(other.id)
        board.release(other, old)
        board.occupy(f, spot)
        placed[f.id] = spot
        moved = first_fit(board, other, placed, limit, licences)
        if moved is not None:
            board.occupy(other, moved)
            placed[other.id] = moved
            return True
        board.release(f, spot)
        del placed[f.id]
        board.occupy(other, old)
        placed[other.id] = old
    return False


def blocked_by_one(board: Board, f: SessionFacts, placed: dict[str, Spot], limit: int | None,
                   licences: int | None) -> Iterator[tuple[Spot, int]]:
    """Spots where only one placed session (by room, track or person) is in the way."""
    grid = board.grid
    session = f.session
    rooms: list[str | None] = [o.room for o in f.rooms] or [None]
    tracks: list[str | None] = list(session.tracks) or [None]
    room_domains = {o.room: o.domain for o in f.rooms}
    relations = Relations(board, f, placed)
    for t, day, size in session_starts(grid, f):
        if not relations.allows(t, day, size):
            continue
        span = slice(t, t + size)
        if not board.free_of_fixed(f, span, limit, licences):
            continue
        people = set()
        for pid in board.people(f):
            people |= set(board.person[pid][span].tolist())
        people.discard(-1)
        if len(people) > 1:
            continue
        for track in tracks:
            holders = set(people)
            if track is not None:
                holders |= set(board.track[track][span].tolist())
                holders.discard(-1)
            if len(holders) > 1:
                continue
            for room in rooms:
                if room is not None and not room_domains[room].contains(t):
                    continue
                blockers = set(holders)
                if room is not None:
                    blockers |= set(board.room_owner[span, board.rooms[room]].tolist())
                    blockers.discard(-1)
                if len(blockers) == 1:
                    yield Spot(t, size, room, track), blockers.pop()
