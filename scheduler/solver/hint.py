"""A quick greedy placement (list scheduling) used as a starting hint for CP-SAT.

Sessions are taken in order (those with fewer choices first, ``after:`` predecessors
before their followers) and each goes to the earliest start and the smallest free room
where every hard rule the greedy tracks still holds: rooms, people, tracks, breaks,
exclusive sessions, the parallel limit, licences, ``after``, ``same-day``,
``not-parallel``, series and daily limits. Sessions it cannot place are left out; the
hint is only a starting point, CP-SAT decides.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import cast

import numpy as np

from scheduler.scenario.model import DAY, Scenario
from scheduler.schedule import Schedule, ScheduledBreak, ScheduledSession, SolveStatus
from scheduler.solver.facts import SessionFacts, TimeGrid, ceil_div


class _Board:
    """Occupation of every resource over the steps of the event."""

    def __init__(self, scenario: Scenario, grid: TimeGrid) -> None:
        n = grid.horizon + DAY // grid.g
        self.rooms = {r.id: i for i, r in enumerate(scenario.rooms)}
        self.room_busy = np.zeros((max(1, len(scenario.rooms)), n), dtype=bool)
        self.room_owner = np.full((max(1, len(scenario.rooms)), n), -1, dtype=np.int32)
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
        """How crowded each step may become (see :func:`_density`)."""
        self.reserved: set[str] = set()
        """Rooms that some session can use alone: others take them only when no other
        candidate room is free (an offsite tour's bus should not host a talk)."""
        self.tight: list[tuple[int, np.ndarray, int]] = []
        """(index, allowed starts, steps) of the sessions with few allowed starts that an
        exclusive session could squeeze out (see :func:`_squeeze`)."""
        self.per_day: dict[tuple[str, int], int] = defaultdict(int)
        self.capacity = {r.id: r.capacity for r in scenario.rooms}
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


def _order(scenario: Scenario, facts: dict[str, SessionFacts]) -> list[SessionFacts]:
    """Predecessors first; among the free, fewest choices and longest first."""
    members: dict[str, list[str]] = defaultdict(list)
    for s in scenario.sessions:
        members[s.series or s.id].append(s.id)
    preds = {s.id: {p for ref in s.after for p in members.get(ref, [])} for s in scenario.sessions}

    def key(f: SessionFacts) -> tuple[int, int, int]:
        choices = f.domain.size() * max(1, len(f.rooms))
        if f.domain.size() == 1:
            return (0, choices, 0)
        if f.exclusive and f.observes_breaks:
            return (1, choices, 0)  # before the sessions it would otherwise squeeze out
        return (2, choices, -max(f.durations.values()))

    ready = sorted((f for f in facts.values() if not preds[f.id]), key=key)
    done: set[str] = set()
    out: list[SessionFacts] = []
    waiting = {f.id: f for f in facts.values() if preds[f.id]}
    while ready:
        f = ready.pop(0)
        out.append(f)
        done.add(f.id)
        freed = [w for w in waiting.values() if preds[w.id] <= done]
        for w in freed:
            del waiting[w.id]
        if freed:
            ready = sorted([*ready, *freed], key=key)
    out.extend(waiting.values())
    return out


def greedy_schedule(
    scenario: Scenario, facts: dict[str, SessionFacts], time_budget: float | None = None,
    rounds: int = 40, seed: int = 0, *, work: GreedyWork | None = None,
) -> Schedule | None:
    """A placement of as many sessions as the greedy can manage (None if none at all).

    Squeaky wheel: sessions left out of one round go first in the next (but pinned
    sessions, then movable exclusive ones, which stop everything else, still go before
    them), until everything is placed, ``rounds`` are done or ``work.stall_rounds``
    rounds in a row did no better. When a round does no better than the best so far, the
    rest of the order is shaken a little (seeded) so that the rounds do not go in
    circles. Then eject-and-reinsert (:mod:`scheduler.solver.eject`) works on what is
    still left out. When required sessions are still left out, the whole thing starts
    again from a shaken order with another random stream, up to ``work.attempts`` times;
    the attempt leaving fewest out wins.

    Every phase is bounded by counted work (rounds, restarts, insertion steps), never by
    the clock, so the same scenario and seed give the same placement on any machine and
    under any load. ``time_budget`` is only a safety cap for pathological cases, in CPU
    seconds of this process (``time.process_time``), which other jobs on the machine do
    not eat into; if it is ever reached, that run is not reproducible.
    """
    work = work or GreedyWork(rounds=rounds)
    cap = time.process_time() + (time_budget if time_budget is not None else SAFETY_CAP)
    required = [f.id for f in facts.values() if not f.optional]
    spent: list[int] = []
    best: tuple[dict[str, _Spot], list[ScheduledBreak]] | None = None
    for attempt in range(max(1, work.attempts)):
        # Attempt 0 uses the seed itself; later ones their own (still reproducible) stream.
        rng = random.Random(seed if attempt == 0 else f"{seed}/{attempt}")
        placed, breaks = _attempt(scenario, facts, work, cap, rng, attempt > 0, spent)
        if best is None or len(placed) > len(best[0]):
            best = (placed, breaks)
        if all(sid in best[0] for sid in required) or time.process_time() > cap:
            break
    assert best is not None
    return _to_schedule(scenario, facts, *best)


def _attempt(scenario: Scenario, facts: dict[str, SessionFacts], work: GreedyWork, cap: float,
             rng: random.Random, shaken: bool, spent: list[int],
             ) -> tuple[dict[str, _Spot], list[ScheduledBreak]]:
    """Squeaky-wheel rounds, then eject-and-reinsert: the best placement found."""
    order = _order(scenario, facts)
    rank = {f.id: _priority(f) for f in order}
    if shaken:
        _shake(order, rng)
        order = _respect_after(scenario, sorted(order, key=lambda f: rank[f.id]))
    best: tuple[dict[str, _Spot], list[ScheduledBreak], list[SessionFacts]] | None = None
    stalled = 0
    for _ in range(max(1, work.rounds)):
        placed, breaks, _board = _one_round(scenario, order, facts)
        stuck = best is not None and len(placed) <= len(best[0])
        stalled = stalled + 1 if stuck else 0
        if best is None or len(placed) > len(best[0]):
            best = (placed, breaks, order)
        missing = [f for f in order if f.id not in placed]
        if not missing or stalled >= work.stall_rounds or time.process_time() > cap:
            break
        rest = [f for f in order if f.id in placed]
        if stuck:
            _shake(rest, rng)
        # Stable: pinned, then movable exclusive sessions, each with the left-out first.
        order = _respect_after(scenario, sorted([*missing, *rest], key=lambda f: rank[f.id]))
    assert best is not None
    placed, breaks, order = best
    return _eject_rounds(scenario, facts, order, placed, work, cap, rng, spent), breaks


@dataclass(frozen=True)
class GreedyWork:
    """How much work the greedy start may do (counted, so that it is reproducible)."""

    rounds: int = 40
    """Most squeaky-wheel rounds."""
    stall_rounds: int = 8
    """Squeaky-wheel rounds in a row without a better round before eject-and-reinsert."""
    restarts: int = 6
    """Most eject-and-reinsert searches (each from a freshly shaken greedy round)."""
    steps: int = 1000
    """Most insertions of one eject-and-reinsert search."""
    patience: int = 250
    """Insertions without fewer sessions left out after which one search gives up."""
    steps_per_session: int = 40
    """All eject-and-reinsert searches together make at most this many insertions per
    session of the scenario (small events need little; CP-SAT does the rest)."""
    attempts: int = 3
    """Most whole greedy attempts (rounds and eject-and-reinsert), while required
    sessions are still left out."""


SAFETY_CAP = 60.0
"""CPU seconds after which the greedy gives up anyway (a last resort: the work limits
above normally end it long before; a run that hits the cap is not reproducible)."""


def _priority(f: SessionFacts) -> int:
    """0: fixed in time; 1: a movable exclusive session (it stops everything else, so it
    goes before the sessions it would squeeze out); 2: everything else."""
    if f.domain.size() == 1:
        return 0
    if f.exclusive and f.observes_breaks:
        return 1
    return 2


def _eject_rounds(scenario: Scenario, facts: dict[str, SessionFacts], order: list[SessionFacts],
                  placed: dict[str, _Spot], work: GreedyWork, cap: float, rng: random.Random,
                  spent: list[int]) -> dict[str, _Spot]:
    """Eject-and-reinsert from the best round, restarted (other random choices) while
    sessions are still left out, up to ``work.restarts`` times; the placement leaving
    fewest out."""
    from scheduler.solver.eject import eject_and_reinsert

    best = placed
    rank = {f.id: _priority(f) for f in order}
    for restart in range(work.restarts):
        missing = [f for f in order if f.id not in best]
        left = work.steps_per_session * len(facts) - sum(spent)
        if not missing or left <= 0 or time.process_time() > cap:
            break
        if restart:  # restart from a shaken order: other rounds get stuck elsewhere
            order = list(order)
            _shake(order, rng)
            order = _respect_after(scenario, sorted(order, key=lambda f: rank[f.id]))
        start, _, board = _one_round(scenario, order, facts)
        found = eject_and_reinsert(
            scenario, TimeGrid(scenario), board, facts, start,
            [f for f in order if f.id not in start], scenario.parallel_limit,
            scenario.hybrid.licences, cap, rng, max_steps=min(work.steps, left),
            patience=work.patience, spent=spent)
        if len(found) > len(best):
            best = found
    return best


_Spot = tuple[int, int, str | None, str | None]


def _shake(order: list[SessionFacts], rng: random.Random, share: float = 0.05) -> None:
    """Swap a few random neighbours (about ``share`` of the order), in place."""
    for _ in range(max(1, int(len(order) * share))):
        i = rng.randrange(max(1, len(order) - 1))
        if i + 1 < len(order):
            order[i], order[i + 1] = order[i + 1], order[i]


def _respect_after(scenario: Scenario, order: list[SessionFacts]) -> list[SessionFacts]:
    """``order`` with each session moved after its ``after:`` predecessors (stable)."""
    members: dict[str, list[str]] = defaultdict(list)
    for s in scenario.sessions:
        members[s.series or s.id].append(s.id)
    position = {f.id: i for i, f in enumerate(order)}
    out: list[SessionFacts] = []
    done: set[str] = set()
    by_id = {f.id: f for f in order}

    def visit(f: SessionFacts, trail: set[str]) -> None:
        if f.id in done or f.id in trail:
            return
        trail.add(f.id)
        preds = [p for ref in f.session.after for p in members.get(ref, []) if p in by_id]
        for p in sorted(preds, key=position.__getitem__):
            visit(by_id[p], trail)
        done.add(f.id)
        out.append(f)

    for f in order:
        visit(f, set())
    return out


def _density(grid: TimeGrid, facts: dict[str, SessionFacts]) -> np.ndarray:
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
        for a, b in _pairs(flat):
            diff[a] += weight * size
            diff[min(n, b + size)] -= weight * size
    return np.cumsum(diff[:n])


def _one_round(scenario: Scenario, order: list[SessionFacts], facts: dict[str, SessionFacts]
               ) -> tuple[dict[str, _Spot], list[ScheduledBreak], _Board]:
    grid = TimeGrid(scenario)
    board = _Board(scenario, grid)
    board.density = _density(grid, facts)
    board.tight = _tight(grid, board, facts)
    board.reserved = {f.rooms[0].room for f in facts.values() if len(f.rooms) == 1}
    breaks = _place_breaks(scenario, grid, board)
    placed: dict[str, _Spot] = {}
    limit = scenario.parallel_limit
    licences = scenario.hybrid.licences
    for f in order:
        spot = _first_fit(scenario, grid, board, f, placed, limit, licences)
        if spot is None:
            continue
        t, size, room, track = spot
        _occupy(board, f, t, size, room, track, grid)
        placed[f.id] = spot
    for f in order:
        if f.id not in placed:
            _repair(scenario, grid, board, f, facts, placed, limit, licences)
    return placed, breaks, board


def _repair(scenario: Scenario, grid: TimeGrid, board: _Board, f: SessionFacts,
            facts: dict[str, SessionFacts], placed: dict[str, _Spot], limit: int | None,
            licences: int | None) -> bool:
    """Place ``f`` where exactly one other session is in the way, and move that one."""
    tries = 0
    for spot, owner in _spots_blocked_by_one(grid, board, f, placed, limit, licences):
        other = facts.get(board.ids[owner])
        if other is None or other.id not in placed or other.domain.size() == 1:
            continue
        tries += 1
        if tries > MAX_REPAIRS:
            return False
        old = placed.pop(other.id)
        _release(board, other, old, grid)
        _occupy(board, f, *spot, grid)
        placed[f.id] = spot
        moved = _first_fit(scenario, grid, board, other, placed, limit, licences)
        if moved is not None:
            _occupy(board, other, *moved, grid)
            placed[other.id] = moved
            return True
        _release(board, f, spot, grid)
        del placed[f.id]
        _occupy(board, other, *old, grid)
        placed[other.id] = old
    return False


MAX_REPAIRS = 80
"""Moves a repair tries per left-out session."""


def _spots_blocked_by_one(
    grid: TimeGrid, board: _Board, f: SessionFacts, placed: dict[str, _Spot],
    limit: int | None, licences: int | None,
) -> Iterator[tuple[_Spot, int]]:
    """Spots where only one placed session (by room, track or person) is in the way."""
    session = f.session
    steps = f.steps(grid.g)
    rooms: list[str | None] = [o.room for o in f.rooms] or [None]
    tracks: list[str | None] = list(session.tracks) or [None]
    room_domains = {o.room: o.domain for o in f.rooms}
    ctx = _Context(grid, board, f, placed)
    for a, b in _pairs(f.domain.flattened_intervals()):
        for t in range(a, b + 1):
            day = grid.day_of(t)
            size = steps.get(day)
            if size is None or not ctx.allows(t, day, size):
                continue
            span = slice(t, t + size)
            if not _free_except_holders(board, f, span, limit, licences):
                continue
            people = set()
            for pid in session.person_ids:
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
                        blockers |= set(board.room_owner[board.rooms[room], span].tolist())
                        blockers.discard(-1)
                    if len(blockers) == 1:
                        yield (t, size, room, track), blockers.pop()


def _free_except_holders(board: _Board, f: SessionFacts, span: slice, limit: int | None,
                         licences: int | None) -> bool:
    """The rules no single move can fix: breaks, exclusive time, parallel limit, licences."""
    if f.observes_breaks:
        if board.blocked[span].any():
            return False
        if f.exclusive and board.running[span].any():
            return False
        if limit is not None and (board.running[span] >= limit).any():
            return False
    return not (f.session.needs_licence and licences is not None
                and (board.licences[span] >= licences).any())


def _to_schedule(scenario: Scenario, facts: dict[str, SessionFacts], placed: dict[str, _Spot],
                 breaks: list[ScheduledBreak]) -> Schedule | None:
    if not placed:
        return None
    grid = TimeGrid(scenario)
    placed = series_in_day_order(scenario, placed)
    sessions = []
    for sid, (t, _, room, track) in placed.items():
        session = facts[sid].session
        day = grid.day_of(t)
        start = grid.clock(t)
        sessions.append(ScheduledSession(
            id=sid, title=session.title, instrument=session.instrument,
            day=scenario.days[day], start=start,
            end=start + facts[sid].durations.get(day, scenario.duration(session)),
            room=room, track=track, format=session.format,
            people=dict(session.people), participants=session.participants,
            series=session.series,
        ))
    dropped = [f.id for f in facts.values() if f.id not in placed and f.optional]
    return Schedule(event=scenario.event.name, timezone=scenario.event.timezone,
                    status=SolveStatus.FEASIBLE, sessions=sessions, breaks=breaks,
                    dropped=dropped)


def series_in_day_order(scenario: Scenario, placed: Mapping[str, _Spot]) -> dict[str, _Spot]:
    """Relabel the meetings of each series so that meeting k is held before meeting k+1.

    The meetings of a series (``repeat:``; ids ``X#1``, ``X#2``, ... with occurrence
    1, 2, ...) are identical copies except their id and occurrence, so handing their
    placements round keeps every other rule. The placed meetings' spots, earliest first,
    go to the lowest occurrences (a meeting left out is then the last one). A series is
    left as it is when some session's ``after``, ``same-day-as`` or ``not-parallel-with``
    names one of its meetings by id (``cop#2``): that meeting is then not a plain copy.
    """
    named = {ref for s in scenario.sessions
             for ref in (*s.after, *s.same_day_as, *s.not_parallel_with)}
    meetings: dict[str, list[tuple[int, str]]] = {}
    for session in scenario.sessions:
        if session.series is not None and session.occurrence is not None:
            meetings.setdefault(session.series, []).append((session.occurrence, session.id))
    out = dict(placed)
    for ids in meetings.values():
        ids.sort()
        if any(sid in named for _, sid in ids):
            continue
        spots = sorted((placed[sid] for _, sid in ids if sid in placed), key=lambda sp: sp[0])
        for _, sid in ids:
            out.pop(sid, None)
        for (_, sid), spot in zip(ids, spots, strict=False):
            out[sid] = spot
    return out


def _place_breaks(scenario: Scenario, grid: TimeGrid, board: _Board) -> list[ScheduledBreak]:
    """Placed breaks in the middle of their windows; fixed breaks where they are."""
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


class _Context:
    """Where the already placed sessions allow ``f``: after:, same-day, series, apart."""

    def __init__(self, grid: TimeGrid, board: _Board, f: SessionFacts,
                 placed: dict[str, _Spot]) -> None:
        session = f.session
        self.earliest = 0
        for ref in session.after:
            for other_id in board.members.get(ref, []):
                if other_id in placed:
                    t, size, _, _ = placed[other_id]
                    self.earliest = max(self.earliest, t + size)
        self.deadline = min((placed[s][0] for s in board.successors.get(session.id, ())
                             if s in placed), default=None)
        self.days_taken = {grid.day_of(placed[sid][0])
                           for sid in board.members.get(session.series or "", [])
                           if sid in placed and sid != session.id}
        self.same_day = {grid.day_of(placed[r][0]) for r in board.same_day.get(session.id, ())
                         if r in placed}
        self.apart = [placed[r] for r in board.not_parallel.get(session.id, ()) if r in placed]
        self.limits = [(pid, board.daily_limit[pid]) for pid in session.person_ids
                       if pid in board.daily_limit]
        self.board = board

    def allows(self, t: int, day: int, size: int) -> bool:
        if t < self.earliest or (self.deadline is not None and t + size > self.deadline):
            return False
        if day in self.days_taken or (self.same_day and self.same_day != {day}):
            return False  # same-day partners already on two days: nowhere is right
        if any(self.board.per_day[(pid, day)] >= cap for pid, cap in self.limits):
            return False
        return not any(t < pt + ps and pt < t + size for pt, ps, _, _ in self.apart)


def _first_fit(
    scenario: Scenario, grid: TimeGrid, board: _Board, f: SessionFacts,
    placed: dict[str, _Spot], limit: int | None, licences: int | None,
) -> _Spot | None:
    """The earliest spot where every tracked rule holds.

    A movable exclusive session (which stops everything else) instead takes the spot
    where the other sessions' possible starts are thinnest.
    """
    spots = _fits(scenario, grid, board, f, placed, limit, licences)
    if not (f.exclusive and f.observes_breaks and f.domain.size() > 1):
        return next(spots, None)
    candidates = list(spots)
    if not candidates:
        return None
    squeeze = _squeeze(board, placed, [(t, size) for t, size, _, _ in candidates])
    best: tuple[float, _Spot] | None = None
    for spot, pressure in zip(candidates, squeeze, strict=True):
        t, size = spot[0], spot[1]
        crowd = float(pressure) + 1e-3 * float(board.density[t:t + size].sum())
        if best is None or crowd < best[0]:
            best = (crowd, spot)
    return None if best is None else best[1]


TIGHT_STARTS = 48
"""Sessions with at most this many allowed starts count in :func:`_squeeze`."""


def _tight(grid: TimeGrid, board: _Board, facts: dict[str, SessionFacts],
           ) -> list[tuple[int, np.ndarray, int]]:
    """The non-exclusive sessions with few allowed starts: (index, starts, steps)."""
    out = []
    for f in facts.values():
        if f.exclusive or not f.observes_breaks or f.domain.is_empty():
            continue
        if f.domain.size() > TIGHT_STARTS:
            continue
        starts = np.array([t for a, b in _pairs(f.domain.flattened_intervals())
                           for t in range(a, b + 1)], dtype=np.int64)
        out.append((board.index[f.id], starts, max(f.steps(grid.g).values())))
    return out


def _squeeze(board: _Board, placed: dict[str, _Spot], spots: list[tuple[int, int]],
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


def _fits(
    scenario: Scenario, grid: TimeGrid, board: _Board, f: SessionFacts,
    placed: dict[str, _Spot], limit: int | None, licences: int | None,
) -> Iterator[_Spot]:
    """Every spot where every tracked rule holds, earliest first (one room per start)."""
    session = f.session
    steps = f.steps(grid.g)
    ctx = _Context(grid, board, f, placed)
    by_size = sorted(f.rooms, key=lambda o: (o.room in board.reserved, board.capacity[o.room]))
    room_idx = [board.rooms[o.room] for o in by_size]
    room_ids = [o.room for o in by_size]
    room_domains = {o.room: o.domain for o in f.rooms}
    for a, b in _pairs(f.domain.flattened_intervals()):
        for t in range(max(a, ctx.earliest), b + 1):
            day = grid.day_of(t)
            length = steps.get(day)
            if length is None or not ctx.allows(t, day, length):
                continue
            size = length
            span = slice(t, t + size)
            if not _free(board, f, span, day, limit, licences):
                continue
            track = next((tr for tr in session.tracks
                          if not (board.track[tr][span] >= 0).any()), None)
            if session.tracks and track is None:
                continue
            if not f.needs_room:
                yield t, size, None, track
                continue
            if not room_idx:
                return
            busy = cast(list[bool], board.room_busy[room_idx, span].any(axis=1).tolist())
            for k, is_busy in enumerate(busy):
                if not is_busy and room_domains[room_ids[k]].contains(t):
                    yield t, size, room_ids[k], track
                    break


MAX_REPAIR_SPOTS = 60
"""Spots blocked by one other session that a repair tries, per left-out session."""


def _pairs(flat: list[int]) -> list[tuple[int, int]]:
    return [(flat[i], flat[i + 1]) for i in range(0, len(flat), 2)]


def _free(board: _Board, f: SessionFacts, span: slice, day: int, limit: int | None,
          licences: int | None) -> bool:
    session = f.session
    for pid in session.person_ids:
        if (board.person[pid][span] >= 0).any():
            return False
    if not _free_except_holders(board, f, span, limit, licences):
        return False
    for pid in session.person_ids:
        cap = board.daily_limit.get(pid)
        if cap is not None and board.per_day[(pid, day)] >= cap:
            return False
    return True


def _occupy(board: _Board, f: SessionFacts, t: int, size: int, room: str | None,
            track: str | None, grid: TimeGrid) -> None:
    span = slice(t, t + size)
    if room is not None:
        board.room_busy[board.rooms[room], span] = True
        board.room_owner[board.rooms[room], span] = board.index[f.id]
    for pid in f.session.person_ids:
        board.person[pid][span] = board.index[f.id]
        board.per_day[(pid, grid.day_of(t))] += 1
    if track is not None:
        board.track[track][span] = board.index[f.id]
    if f.observes_breaks:
        board.running[span] += 1
        if f.exclusive:
            board.blocked[span] = True
    if f.session.needs_licence:
        board.licences[span] += 1


def _release(board: _Board, f: SessionFacts, spot: _Spot, grid: TimeGrid) -> None:
    """Undo :func:`_occupy`."""
    t, size, room, track = spot
    span = slice(t, t + size)
    if room is not None:
        board.room_busy[board.rooms[room], span] = False
        board.room_owner[board.rooms[room], span] = -1
    for pid in f.session.person_ids:
        board.person[pid][span] = -1
        board.per_day[(pid, grid.day_of(t))] -= 1
    if track is not None:
        board.track[track][span] = -1
    if f.observes_breaks:
        board.running[span] -= 1
        if f.exclusive:
            board.blocked[span] = False
    if f.session.needs_licence:
        board.licences[span] -= 1
