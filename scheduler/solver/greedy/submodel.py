"""A CP-SAT sub-model for the required sessions the ejection chains left out.

Rule: for each left-out session in turn, free a neighbourhood of placed sessions around
it, fix the rest of the board, and let a small CP-SAT model re-place the freed sessions
and the left-out one together. The neighbourhood grows outwards, level by level
(:data:`LEVELS`): the people's other sessions on the days a session may use, and the
sessions in its way at its least blocked starts (:data:`STARTS` of them; by person,
daily limit, track, room or ``after``/``same-day``/series/``not-parallel`` partner), then
the same for each session so freed, up to :data:`MOST_FREED` sessions. Sessions that
cannot move (one start) stay where they are, and so do exclusive sessions in a first
model. If that one leaves the session out, a second model goes *through* the exclusive
sessions in its way: at its least blocked starts that one of them holds, that exclusive
session is freed too, with the sessions running at its :data:`DESTINATIONS` easiest other
starts (:func:`_destinations`), since it can only go where nothing else runs.

Each session of the sub-model chooses one of its *spots*: a start, a track and a room
that are free on the board without the freed sessions (every rule the board tracks:
breaks, exclusive sessions, people, tracks, rooms and their availability, relations to
the sessions that stay), at most :data:`ROOMS_PER_START` rooms per start and track (the
smallest first, as the greedy chooses, and always the session's own room). Among
themselves the chosen spots keep the same rules: one session per room, person and track
at a time, a person's daily limit (less what the fixed sessions already use that day),
the parallel limit and the licences (cumulative, over what the fixed sessions already
use), ``after``, ``same-day``, series days and ``not-parallel``. Every freed session gets
a spot; a left-out session may stay out. The objective places as many left-out sessions
as possible, then moves as few freed sessions as possible (their old spots are the hint).

This is an ejection chain of any depth and any width at once, decided by CP-SAT instead
of one session at a time. It relies only on the board's rules (those the greedy tracks),
so its placement is one the greedy could have made; the solve still hands the start to
the checker. It runs on one worker with a fixed seed and a deterministic time limit
(:data:`DETERMINISTIC_LIMIT`), so the same board gives the same placement; the greedy's
time caps bound it too. The number left out only goes down: when the sub-model places
none, nothing changes.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from scheduler.facts import SessionFacts
from scheduler.solver.greedy.board import Board, Relations, Spot, domain_ranges, session_starts
from scheduler.solver.greedy.chains import Limits
from scheduler.solver.greedy.eject import blocked_spots

LEVELS = 3
"""How far the neighbourhood grows from a left-out session: 1 frees what is in its way, 2
also what is in the way of those, ..."""
STARTS = 12
"""Per session of the neighbourhood: the least blocked starts whose sessions in the way
are freed."""
MOST_FREED = 300
"""Most placed sessions freed in one sub-model."""
ROOMS_PER_START = 3
"""Most rooms offered per start and track (free rooms of one start are alike for the
sub-model; a few leave room for two freed sessions at the same time)."""
EXCLUSIVE_COST = 3
"""An exclusive session in the way counts as this many sessions when starts are ranked."""
DESTINATIONS = 2
"""Per exclusive session freed: the other starts of it whose running sessions are freed."""
CROWD = 12
"""Per exclusive session freed: the starts with fewest sessions running weighed as its
destinations."""
TIGHT = 20
"""A session with at most this many starts is hard to move away from a destination."""
TIGHT_COST = 10
"""What such a session counts for when destinations are ranked."""
DETERMINISTIC_LIMIT = 20.0
"""CP-SAT's deterministic time limit for one sub-model."""


@dataclass(frozen=True)
class _Option:
    """One spot a session of the sub-model may take, and its Boolean."""

    spot: Spot
    day: int
    lit: cp_model.IntVar


def place_by_submodel(board: Board, facts: dict[str, SessionFacts], placed: dict[str, Spot],
                      missing: Iterable[SessionFacts], limits: Limits) -> list[str]:
    """Place what it can of ``missing``, one sub-model per left-out session in turn
    (``board`` and ``placed`` change in place); the ids of the sessions still left out."""
    targets = [f for f in missing if f.id not in placed]
    for f in targets:
        # First with the exclusive sessions where they are; then, if that fails, through
        # the exclusive sessions in its way.
        for through in (False, True):
            if limits.reached() or f.id in placed:
                break
            freed = neighbourhood(board, facts, placed, f, through)
            if through and not any(facts[sid].exclusive for sid in freed):
                break
            old = {sid: placed.pop(sid) for sid in freed}
            for sid, spot in old.items():
                board.release(facts[sid], spot)
            chosen: dict[str, Spot] | None = None
            try:
                chosen = _solve(board, facts, placed, [facts[sid] for sid in freed], [f],
                                old, limits)
            finally:  # the freed sessions go back (where they were, if anything failed)
                for sid, spot in (old if chosen is None else chosen).items():
                    board.occupy(facts[sid], spot)
                    placed[sid] = spot
    return [f.id for f in targets if f.id not in placed]


def neighbourhood(board: Board, facts: dict[str, SessionFacts], placed: dict[str, Spot],
                  target: SessionFacts, through_exclusive: bool = False) -> list[str]:
    """The placed sessions to free around ``target`` (see the module text), nearest
    first; at most :data:`MOST_FREED`. With ``through_exclusive``, only around the
    target's starts where an exclusive session is in the way: that session too, and what
    runs at its easiest destinations."""
    grid = board.grid
    freed: dict[str, None] = {}
    seen = {target.id}

    def free(sid: str, into: list[SessionFacts], exclusive_too: bool = False) -> None:
        if sid in seen or sid not in placed or len(freed) >= MOST_FREED:
            return
        g = facts[sid]
        if g.exclusive and g.observes_breaks and not exclusive_too:
            return  # only the target's own exclusive blockers move (they cost a slot)
        seen.add(sid)
        if g.domain.size() > 1:
            freed[sid] = None
            into.append(g)

    def same_days(f: SessionFacts, into: list[SessionFacts]) -> None:
        """Its people's sessions on the days it may use: any of them may have to go (a
        daily limit, or a person's day that must be reshuffled)."""
        days = {grid.day_of(t) for a, b in domain_ranges(f.domain.flattened_intervals())
                for t in range(a, b + 1)}
        for pid in f.session.person_ids:
            for sid in board.sessions_of.get(pid, ()):
                if sid in placed and grid.day_of(placed[sid].start) in days:
                    free(sid, into)

    level: list[SessionFacts] = []
    same_days(target, level)
    movable = _exclusive_spots(facts, placed) if through_exclusive else []
    moving: dict[str, Spot] = {}  # exclusive blockers -> the target's spot they block
    for spot, ids, over in _least_blocked(board, facts, placed, target, movable):
        for sid in ids:
            free(sid, level)
        for sid in over:
            moving.setdefault(sid, spot)
    for sid, spot in moving.items():
        free(sid, level, exclusive_too=True)
        for ids in _destinations(board, facts, placed, facts[sid], spot):
            for other in ids:
                free(other, level)
    for _ in range(LEVELS - 1):
        todo, level = level, []
        for f in todo:
            same_days(f, level)
            # Exclusive sessions stay: starts they hold are no way out at this depth.
            for _, ids, _ in _least_blocked(board, facts, placed, f, []):
                for sid in ids:
                    free(sid, level)
        if not level or len(freed) >= MOST_FREED:
            break
    return list(freed)


def _exclusive_spots(facts: dict[str, SessionFacts], placed: dict[str, Spot],
                     ) -> list[tuple[str, Spot]]:
    """The placed movable exclusive sessions (observing breaks) and their spots."""
    return sorted((sid, spot) for sid, spot in placed.items()
                  if facts[sid].exclusive and facts[sid].observes_breaks
                  and facts[sid].domain.size() > 1)


def _least_blocked(board: Board, facts: dict[str, SessionFacts], placed: dict[str, Spot],
                   f: SessionFacts, movable: list[tuple[str, Spot]],
                   ) -> list[tuple[Spot, list[str], list[str]]]:
    """The sessions in ``f``'s way at its :data:`STARTS` least blocked starts (``f``
    itself aside when placed), fewest first: (spot, sessions, the exclusive ones); with
    ``movable`` (exclusive sessions and their spots), only the starts where one of those
    is in the way.

    Such a session counts as :data:`EXCLUSIVE_COST` sessions when those are ranked
    (moving it means emptying another slot); the board's
    own search for blockers skips such starts, so they are looked at with the exclusive
    sessions (``movable``: each with its spot) taken off the board for a moment."""
    own = board.index[f.id]
    exclusive = [(sid, spot) for sid, spot in movable if sid != f.id]
    for sid, spot in exclusive:
        board.release(facts[sid], spot)
    fewest: dict[int, tuple[int, Spot, set[int]]] = {}  # per start: its fewest blockers
    try:
        for spot, blockers in blocked_spots(board, f, facts, placed, None, None):
            blockers.discard(own)
            if spot.start not in fewest or len(blockers) < fewest[spot.start][0]:
                fewest[spot.start] = (len(blockers), spot, blockers)
        if exclusive:  # starts where nothing but an exclusive session is in the way
            for spot in board.fits(f, placed, None, None):
                fewest[spot.start] = (0, spot, set())
    finally:
        for sid, spot in exclusive:
            board.occupy(facts[sid], spot)
    best: list[tuple[float, Spot, list[str], list[str]]] = []
    for _, spot, blockers in fewest.values():
        over = [sid for sid, there in exclusive if there.overlaps(spot.start, spot.steps)]
        if blockers or over:
            best.append((len(blockers) + EXCLUSIVE_COST * len(over), spot,
                         sorted(board.ids[b] for b in blockers), over))
    ranked = sorted(best, key=lambda item: (item[0], item[1].start))
    return [(spot, ids, over) for _, spot, ids, over in ranked if over or not movable][:STARTS]


def _destinations(board: Board, facts: dict[str, SessionFacts], placed: dict[str, Spot],
                  f: SessionFacts, clear: Spot) -> list[list[str]]:
    """For an exclusive session that must leave ``clear`` free: the sessions running at
    its :data:`DESTINATIONS` other starts that are easiest to empty, easiest first.

    Of the :data:`CROWD` starts clear of ``clear`` with fewest sessions running (no break
    then; a shift across its own spot counts too: that spot is free once it moves), those whose
    sessions are all movable, ranked by those sessions, each counting 1, or
    :data:`TIGHT_COST` when it has few starts (:data:`TIGHT`) and so few places to go."""
    grid = board.grid
    steps = f.steps(grid.g)
    here = placed[f.id]
    board.release(f, here)
    try:
        counts: list[tuple[int, int]] = []
        for t, _, size in session_starts(grid, f):
            if t == here.start or clear.overlaps(t, size):
                continue
            span = slice(t, t + size)
            if not board.blocked[span].any():
                counts.append((int(board.running[span].max()), t))
    finally:
        board.occupy(f, here)
    counts.sort()
    ranked: list[tuple[int, int, list[str]]] = []
    for _, t in counts[:CROWD]:
        size = steps[grid.day_of(t)]
        there = sorted(sid for sid, spot in placed.items()
                       if sid != f.id and facts[sid].observes_breaks and spot.overlaps(t, size))
        sizes = [facts[sid].domain.size() for sid in there]
        if all(n > 1 for n in sizes):
            ranked.append((sum(TIGHT_COST if n <= TIGHT else 1 for n in sizes), t, there))
    ranked.sort(key=lambda r: r[:2])
    return [there for _, _, there in ranked[:DESTINATIONS]]


def _options(board: Board, f: SessionFacts, fixed: dict[str, Spot], limits: Limits,
             keep: Spot | None) -> list[tuple[Spot, int]]:
    """``f``'s spots free on ``board`` (which holds only the fixed sessions), with their
    days: every start and track, at most :data:`ROOMS_PER_START` rooms each, and
    ``keep`` (the session's own spot) always."""
    grid = board.grid
    session = f.session
    relations = Relations(board, f, fixed)
    rooms = sorted(f.rooms, key=lambda o: (o.room in board.reserved, board.capacity[o.room],
                                           o.room))
    tracks: list[str | None] = list(session.tracks) or [None]
    out: list[tuple[Spot, int]] = []
    for t, day, size in session_starts(grid, f):
        if not relations.allows(t, day, size):
            continue
        span = slice(t, t + size)
        if not board.free(f, span, day, limits.parallel, limits.licences):
            continue
        for track in tracks:
            if track is not None and (board.track[track][span] >= 0).any():
                continue
            if not f.needs_room:
                out.append((Spot(t, size, None, track), day))
                continue
            found = 0
            for option in rooms:
                if found >= ROOMS_PER_START and not (
                        keep is not None and keep.start == t and keep.room == option.room
                        and keep.track == track):
                    continue
                if not option.domain.contains(t):
                    continue
                if board.room_taken(option.room, span):
                    continue
                out.append((Spot(t, size, option.room, track), day))
                found += 1
    if keep is not None and all(spot != keep for spot, _ in out):
        out.append((keep, grid.day_of(keep.start)))  # free before: free now (safety)
    return out


def _solve(board: Board, facts: dict[str, SessionFacts], fixed: dict[str, Spot],
           freed: list[SessionFacts], targets: list[SessionFacts], old: dict[str, Spot],
           limits: Limits) -> dict[str, Spot] | None:
    """Spots for every freed session and as many targets as possible; None when no target
    gets one (or the model finds nothing)."""
    model = cp_model.CpModel()
    sessions = [*freed, *targets]
    options: dict[str, list[_Option]] = {}
    for f in sessions:
        if limits.reached():  # (deadline3: the options cost seconds at 10,000 sessions)
            return None
        spots = _options(board, f, fixed, limits, old.get(f.id))
        options[f.id] = [_Option(spot, day, model.new_bool_var(f"{f.id}@{k}"))
                         for k, (spot, day) in enumerate(spots)]
    present: dict[str, cp_model.IntVar | int] = {}
    for f in freed:
        model.add_exactly_one(o.lit for o in options[f.id])
        present[f.id] = 1
    for f in targets:
        if not options[f.id]:
            present[f.id] = 0
            continue
        lit = model.new_bool_var(f"{f.id}:placed")
        model.add(sum(o.lit for o in options[f.id]) == lit)
        present[f.id] = lit
    if not any(isinstance(p, cp_model.IntVar) for p in present.values()):
        return None
    intervals = {sid: [model.new_optional_fixed_size_interval_var(
        o.spot.start, o.spot.steps, o.lit, f"{sid}@{k}") for k, o in enumerate(opts)]
        for sid, opts in options.items()}
    _resources(model, facts, options, intervals)
    _daily_limits(model, board, facts, options)
    _capacity(model, board, facts, options, intervals, limits)
    _relations(model, board, facts, options, intervals, present)
    placed_targets = [p for f in targets if isinstance(p := present[f.id], cp_model.IntVar)]
    kept = [o.lit for f in freed for o in options[f.id] if o.spot == old[f.id]]
    # Each left-out session placed outweighs every move; then as few moves as possible.
    model.minimize(-(len(freed) + 1) * sum(placed_targets) - sum(kept))
    for f in freed:
        for o in options[f.id]:
            model.add_hint(o.lit, o.spot == old[f.id])
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = DETERMINISTIC_LIMIT
    solver.parameters.catch_sigint_signal = False
    if limits.reached():
        return None
    if limits.cap.wall is not None:  # in a solve: CP-SAT's own limit is on the wall clock
        solver.parameters.max_time_in_seconds = limits.cap.wall - time.monotonic()
    # Without a wall-clock deadline only the deterministic limit ends it (a CPU cap passed
    # to CP-SAT as seconds would be wall-clock time: under load, another result).
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    if not any(solver.boolean_value(p) for p in placed_targets):
        return None
    return {sid: o.spot for sid, opts in options.items() for o in opts
            if solver.boolean_value(o.lit)}


def _resources(model: cp_model.CpModel, facts: dict[str, SessionFacts],
               options: dict[str, list[_Option]],
               intervals: dict[str, list[cp_model.IntervalVar]]) -> None:
    """One session at a time per room, person and track."""
    groups: dict[tuple[str, str], list[cp_model.IntervalVar]] = defaultdict(list)
    users: dict[tuple[str, str], set[str]] = defaultdict(set)
    for sid, opts in options.items():
        people = facts[sid].session.person_ids
        for o, iv in zip(opts, intervals[sid], strict=True):
            keys = [("person", pid) for pid in people]
            if o.spot.room is not None:
                keys.append(("room", o.spot.room))
            if o.spot.track is not None:
                keys.append(("track", o.spot.track))
            for key in keys:
                groups[key].append(iv)
                users[key].add(sid)
    for key, ivs in groups.items():
        if len(users[key]) > 1:
            model.add_no_overlap(ivs)
    # An exclusive session stops every other session observing breaks while it runs: in
    # one cumulative of capacity n (the number of those sessions), each takes 1 and an
    # exclusive one n.
    observing = sorted(sid for sid in options if facts[sid].observes_breaks)
    if any(facts[sid].exclusive for sid in observing):
        n = len(observing)
        items = [(iv, n if facts[sid].exclusive else 1)
                 for sid in observing for iv in intervals[sid]]
        model.add_cumulative([iv for iv, _ in items], [d for _, d in items], n)


def _daily_limits(model: cp_model.CpModel, board: Board, facts: dict[str, SessionFacts],
                  options: dict[str, list[_Option]]) -> None:
    """A person's sessions of the sub-model on a day, with the fixed ones, within their
    daily limit."""
    per: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
    for sid, opts in options.items():
        for pid in facts[sid].session.person_ids:
            if pid in board.daily_limit:
                for o in opts:
                    per[(pid, o.day)].append(o.lit)
    for (pid, day), lits in per.items():
        room = board.daily_limit[pid] - board.per_day[(pid, day)]
        if len(lits) > room:
            model.add(sum(lits) <= max(0, room))


def _capacity(model: cp_model.CpModel, board: Board, facts: dict[str, SessionFacts],
              options: dict[str, list[_Option]],
              intervals: dict[str, list[cp_model.IntervalVar]], limits: Limits) -> None:
    """The parallel limit (sessions observing breaks) and the licences, over what the
    fixed sessions already use at each step."""
    for cap, used, counts in (
            (limits.parallel, board.running, lambda f: f.observes_breaks),
            (limits.licences, board.licences, lambda f: f.session.needs_licence)):
        if cap is None:
            continue
        items = [iv for sid, ivs in intervals.items() if counts(facts[sid]) for iv in ivs]
        if len(items) < 2:
            continue
        demands = [1] * len(items)
        starts = [o.spot.start for sid, opts in options.items() if counts(facts[sid])
                  for o in opts]
        ends = [o.spot.end for sid, opts in options.items() if counts(facts[sid])
                for o in opts]
        lo, hi = min(starts), max(ends)
        run_start, run_value = lo, int(used[lo])
        for t in range(lo + 1, hi + 1):
            value = int(used[t]) if t < hi else -1
            if value != run_value:
                if run_value > 0:
                    items.append(model.new_fixed_size_interval_var(
                        run_start, t - run_start, f"used@{run_start}"))
                    demands.append(run_value)
                run_start, run_value = t, value
        model.add_cumulative(items, demands, cap)


def _relations(model: cp_model.CpModel, board: Board, facts: dict[str, SessionFacts],
               options: dict[str, list[_Option]],
               intervals: dict[str, list[cp_model.IntervalVar]],
               present: dict[str, cp_model.IntVar | int]) -> None:
    """``after``, ``same-day``, series days and ``not-parallel`` between two sessions of
    the sub-model (those with a fixed session are in their spots already)."""
    inside = set(options)

    def start(sid: str) -> cp_model.LinearExprT:
        return cp_model.LinearExpr.weighted_sum([o.lit for o in options[sid]],
                                                [o.spot.start for o in options[sid]])

    def end(sid: str) -> cp_model.LinearExprT:
        return cp_model.LinearExpr.weighted_sum([o.lit for o in options[sid]],
                                                [o.spot.end for o in options[sid]])

    def day(sid: str) -> cp_model.LinearExprT:
        return cp_model.LinearExpr.weighted_sum([o.lit for o in options[sid]],
                                                [o.day for o in options[sid]])

    def both(a: str, b: str) -> list[cp_model.IntVar]:
        return [p for p in (present[a], present[b]) if isinstance(p, cp_model.IntVar)]

    def usable(a: str, b: str) -> bool:
        return all(not isinstance(present[s], int) or present[s] == 1 for s in (a, b))

    for sid in sorted(inside):
        session = facts[sid].session
        for ref in session.after:
            for other in board.members.get(ref, []):
                if other in inside and other != sid and usable(sid, other):
                    model.add(end(other) <= start(sid)).only_enforce_if(both(sid, other))
        for other in sorted(board.same_day.get(sid, ())):
            if other in inside and other > sid and usable(sid, other):
                model.add(day(other) == day(sid)).only_enforce_if(both(sid, other))
        for other in sorted(board.not_parallel.get(sid, ())):
            if other in inside and other > sid and usable(sid, other):
                model.add_no_overlap([*intervals[sid], *intervals[other]])
        if session.series and session.run is None:
            for other in board.members.get(session.series, []):
                if other in inside and other > sid and usable(sid, other):
                    model.add(day(other) != day(sid)).only_enforce_if(both(sid, other))
