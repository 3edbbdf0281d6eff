"""Ejection chains of depth 2: place a left-out session by moving what is in its way, and,
when a session so moved fits nowhere free, by moving what is in *its* way.

Rule, for one left-out session L: take L's spots where at most ``MOST[2]`` placed,
movable sessions are in the way (the best spot of every start first, then every start's
second best, ...; ``SPOTS[2]`` of them). Put L there and move each session in its way
(fewest (start, room) choices first) to its first free spot; one that fits nowhere free
takes one of its own ``SPOTS[1]`` spots where at most ``MOST[1]`` other movable sessions
are in the way (none of them L or a session already moved), and those go to their first
free spots. If every session moved lands somewhere, the chain is kept; else every move is
undone. A person's daily limit is in the way through each of their sessions that day in
turn (the most movable one may be the one that cannot go anywhere else).

Only the board's own rules are relied on (those the greedy tracks), so the placement stays
one the greedy could have made; the solve still hands it to the checker. Unlike
eject-and-reinsert (:mod:`eject`) no chain ever leaves a placed session out: the number
left out only goes down.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from scheduler.facts import SessionFacts
from scheduler.solver.greedy.board import Board, Spot
from scheduler.solver.greedy.cap import Cap
from scheduler.solver.greedy.eject import blocked_runs
from scheduler.solver.greedy.placement import first_fit

DEPTH = 2
"""How deep a chain goes: 1 moves only what is in the left-out session's way, 2 also what
is in the way of those."""
MOST = {2: 3, 1: 3}
"""Per depth left: most sessions moved out of one spot."""
SPOTS = {2: 60, 1: 30}
"""Per depth left: spots tried, fewest sessions in the way first."""
LOOKS = 50
"""Most searches for spots (:func:`_spots`: the left-out session's, and those of the
sessions moved out of its way) one chain makes; a chain that has made this many without
placing its session gives up (counted work: the same board gives the same result).

A chain either places its session or changes nothing (not even what the searches after it
read: they depend on the set of placements, not on the placement dict's order), so a
budget changes the greedy's path only where a chain would have succeeded after more
searches. On the 10,000-session congress seeds 1-5 a chain that succeeded made at most
37, one that failed up to 140 (seed 3: 25 failed chains, 13.7 CPU s of its start's 32
without the budget, 7.5 with it; the same start either way on every seed:
``benchmarks/results/huge/first32``)."""


@dataclass
class _Journal:
    """The moves of one chain, to undo them when the chain fails."""

    board: Board
    placed: dict[str, Spot]
    done: list[tuple[SessionFacts, Spot | None, Spot | None]] = field(default_factory=list)
    """(session, where it was (None: unplaced), where it went (None: taken off))."""
    looks: int = 0
    """Searches for spots this chain has made (:data:`LOOKS` at most)."""

    def look(self) -> bool:
        """Count one more search for spots; False once the chain has made
        :data:`LOOKS` (it then gives up)."""
        if self.looks >= LOOKS:
            return False
        self.looks += 1
        return True

    def take_off(self, f: SessionFacts) -> None:
        spot = self.placed.pop(f.id)
        self.board.release(f, spot)
        self.done.append((f, spot, None))

    def put(self, f: SessionFacts, spot: Spot) -> None:
        self.board.occupy(f, spot)
        self.placed[f.id] = spot
        self.done.append((f, None, spot))

    def undo(self) -> None:
        for f, was, went in reversed(self.done):
            if went is not None:
                self.board.release(f, self.placed.pop(f.id))
            if was is not None:
                self.board.occupy(f, was)
                self.placed[f.id] = was
        self.done.clear()


@dataclass(frozen=True)
class Limits:
    """The event-wide limits the board checks, and when the chains must stop (the
    greedy's time caps)."""

    parallel: int | None
    licences: int | None
    cap: Cap

    def reached(self) -> bool:
        """Whether either time cap has passed."""
        return self.cap.reached()


def place_by_chains(board: Board, facts: dict[str, SessionFacts], placed: dict[str, Spot],
                    missing: Iterable[SessionFacts], limits: Limits) -> list[str]:
    """Try a chain of depth 2 for each session of ``missing`` in turn (``board`` and
    ``placed`` are changed in place); the ids of those still left out."""
    left = [f for f in missing if f.id not in placed]
    # Shallow chains for every session first: most need no more, and a deep search at a
    # first spot that leads nowhere costs far more than a shallow one elsewhere.
    for depth in range(1, DEPTH + 1):
        still: list[SessionFacts] = []
        for f in left:
            if limits.reached() or not _place(board, facts, placed, f, limits, depth):
                still.append(f)
        left = still
    return [f.id for f in left]


def _spots(board: Board, facts: dict[str, SessionFacts], placed: dict[str, Spot],
           f: SessionFacts, limits: Limits, most: int, keep: set[str], count: int,
           ) -> list[tuple[Spot, list[str]]]:
    """``f``'s ``count`` spots with the fewest (1 to ``most``) movable sessions in the way,
    none of them in ``keep``; each person's daily limit through each of their sessions.

    One room per start, track and set of sessions in the way (the first found): the rooms
    of one start are alike for what follows, and trying many starts is what helps."""
    picks = max((board.daily_limit.get(pid, 0) for pid in f.session.person_ids), default=0)
    found: dict[tuple[int, str | None, tuple[str, ...]], tuple[int, Spot]] = {}
    fixed = board.fixed_in_time(facts).__getitem__
    name = board.ids.__getitem__
    # ``keep`` and the spots found so far by board index (no names sorted for a set of
    # sessions in the way already found at that start and track, or one touching ``keep``).
    kept = {board.index[sid] for sid in keep if sid in board.index}
    seen: set[tuple[int, str | None, frozenset[int]]] = set()
    for pick in range(max(1, picks)):
        for t, size, track, items in blocked_runs(board, f, facts, placed, limits.parallel,
                                                  limits.licences, pick, most):
            last: set[int] | None = None
            for room, blockers in items:
                if blockers is last:  # the free rooms of a start share one set: its
                    continue          # first room is the one kept
                last = blockers
                if (len(blockers) <= most and kept.isdisjoint(blockers)
                        and not any(map(fixed, blockers))):
                    key = (t, track, frozenset(blockers))
                    if key not in seen:
                        seen.add(key)
                        ids = tuple(sorted(map(name, blockers)))
                        found[(t, track, ids)] = (len(found), Spot(t, size, room, track))
    # The best spot of every start first, then every start's second best, ...; within a
    # round, fewest in the way first, then the order found (earliest start first). The
    # cheapest spots often share one start that leads nowhere (the person's session
    # before it has no time left), while the way out is at another start.
    by_start: dict[tuple[int, str | None], list[tuple[int, int, Spot, tuple[str, ...]]]] = {}
    for (start, track, ids), (order, spot) in found.items():
        by_start.setdefault((start, track), []).append((len(ids), order, spot, ids))
    ranked: list[tuple[int, int, int, Spot, tuple[str, ...]]] = []
    for group in by_start.values():
        group.sort(key=lambda g: g[:2])
        ranked.extend((k, size, order, spot, ids)
                      for k, (size, order, spot, ids) in enumerate(group))
    ranked.sort(key=lambda r: r[:3])
    return [(spot, list(ids)) for _, _, _, spot, ids in ranked[:count]]


def _place(board: Board, facts: dict[str, SessionFacts], placed: dict[str, Spot],
           f: SessionFacts, limits: Limits, depth: int = DEPTH) -> bool:
    """Place ``f`` by a chain of depth at most ``depth``; False (nothing changed) when
    none works."""
    journal = _Journal(board, placed)
    if _move(board, facts, placed, f, limits, journal, {f.id}, depth):
        return True
    journal.undo()
    return False


def _move(board: Board, facts: dict[str, SessionFacts], placed: dict[str, Spot],
          f: SessionFacts, limits: Limits, journal: _Journal, keep: set[str],
          depth: int) -> bool:
    """Put ``f`` (not on the board) at its first free spot, or else, with ``depth`` left,
    at one of its :data:`SPOTS` ``[depth]`` spots whose movable sessions (none of them in
    ``keep``) can all be moved the same way one level less deep. The moves go into
    ``journal``; on False the journal is as it was."""
    spot = first_fit(board, f, placed, limits.parallel, limits.licences)
    if spot is not None:
        journal.put(f, spot)
        return True
    if depth <= 0 or not journal.look():
        return False
    for spot, ids in _spots(board, facts, placed, f, limits, MOST[depth], keep, SPOTS[depth]):
        if limits.reached() or journal.looks >= LOOKS:
            return False
        mark = len(journal.done)
        for sid in ids:
            journal.take_off(facts[sid])
        journal.put(f, spot)
        deeper = keep | set(ids)
        # Fewest choices first: a session with many would take the only time of another.
        ids = sorted(ids, key=lambda sid: (_choices(facts[sid]), sid))
        if all(_move(board, facts, placed, facts[sid], limits, journal, deeper, depth - 1)
               for sid in ids):
            keep.update(deeper)
            return True
        _undo_to(journal, mark)
    return False
def _choices(f: SessionFacts) -> int:
    """How many (start, room) pairs a session has."""
    return f.domain.size() * max(1, len(f.rooms))


def _undo_to(journal: _Journal, mark: int) -> None:
    """Undo the journal's moves after its first ``mark`` ones."""
    tail = journal.done[mark:]
    del journal.done[mark:]
    rest = _Journal(journal.board, journal.placed, tail)
    rest.undo()
