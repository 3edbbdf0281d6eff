"""Slots for the movable exclusive sessions, chosen together.

An exclusive session (a keynote, an award ceremony) stops everything else while it runs.
Placed one after another, each takes the start that squeezes the other sessions least
(:func:`~scheduler.solver.greedy.placement.squeeze`) *for itself*: the first ones take
the harmless starts, and the last one may find only starts that take away the only times
of dozens of other sessions (a 10,000-session congress, seed 3: the last of 9 keynotes
had 2 free starts left, each wiping out the starts of about 32 sessions, and 3 required
sessions could go nowhere).

:func:`plan` instead scores every free start of every exclusive session on the same
board and picks one start for each, pairwise apart in time, with the least total
squeeze: a small CP-SAT model (one Boolean per session and start, an optional interval
for each, one no-overlap), solved on one worker with a deterministic time limit, so the
same board gives the same plan. The total is a sum of each start's own squeeze: two
exclusive sessions that together take a session's last starts are not seen as such; the
round places each session at its planned spot only if every tracked rule still holds
there, and otherwise at its own first fit, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from ortools.sat.python import cp_model

from scheduler.facts import SessionFacts
from scheduler.solver.greedy.board import Board, Spot, session_starts

SCALE = 1000
"""Squeeze scores are rounded to thousandths for the integer objective."""
MAX_CHOICES = 20_000
"""Most (session, start) choices a plan looks at; a bigger group keeps the one-by-one
placement (the plan is for a few keynotes, not for hundreds of exclusive sessions)."""
DETERMINISTIC_LIMIT = 5.0
"""CP-SAT's deterministic time limit for one plan (the best plan found by then is used)."""


Avoid = Sequence[Sequence[tuple[int, int]]]
"""Per session to keep clear of: its starts (step, steps) the plan should not cover."""
AVOID_COST = 100.0
"""What a spot costs per session of ``avoid`` it takes a start from: more than any
squeeze (a squeeze is a sum of shares of at most about a hundred sessions' starts)."""


def _covered(spot: Spot, avoid: Avoid) -> int:
    """How many sessions of ``avoid`` lose a start to ``spot``."""
    return sum(1 for spans in avoid if any(spot.overlaps(t, n) for t, n in spans))


Crowd = Callable[[Board, dict[str, Spot], list[Spot]], list[float]]
"""How badly each spot of an exclusive session squeezes the others (lower is better)."""
Fit = Callable[[Board, SessionFacts, dict[str, Spot], "int | None", "int | None"], "Spot | None"]
"""Where a session goes on the board now (:func:`~scheduler.solver.greedy.placement.first_fit`)."""


def place_group(board: Board, group: list[SessionFacts], placed: dict[str, Spot],
                facts: dict[str, SessionFacts], limit: int | None, licences: int | None,
                crowd: Crowd, fit: Fit, avoid: Avoid = ()) -> dict[str, Spot]:
    """Plan ``group`` (:func:`plan`) and place each of its sessions at its planned spot
    when every tracked rule holds there (in ``group``'s order); the plan.

    The sessions placed before the plan that may still move (more than one start, not
    exclusive: the ``after:`` predecessors of pinned sessions go first in a round, each at
    its earliest fit) are lifted off the board while the plan is made, so they do not
    decide where the keynotes go: those out of the plan's way go back where they were,
    the others to their first fit once the group is placed (nowhere: left out, for the
    round's repair and what follows it).
    """
    lifted = {sid: spot for sid, spot in placed.items()
              if facts[sid].domain.size() > 1
              and not (facts[sid].exclusive and facts[sid].observes_breaks)}
    for sid in lifted:
        board.release(facts[sid], placed.pop(sid))
    planned = plan(board, group, placed, limit, licences, crowd, avoid)
    displaced = [sid for sid, spot in lifted.items()
                 if any(_in_way(board, facts[sid], spot, facts[e], at)
                        for e, at in planned.items())]
    for sid, spot in lifted.items():
        if sid not in displaced:
            board.occupy(facts[sid], spot)
            placed[sid] = spot
    for f in group:
        target = planned.get(f.id)
        if target is not None and any(s == target
                                      for s in board.fits(f, placed, limit, licences)):
            board.occupy(f, target)
            placed[f.id] = target
    for sid in displaced:
        again = fit(board, facts[sid], placed, limit, licences)
        if again is not None:
            board.occupy(facts[sid], again)
            placed[sid] = again
    return planned


def _in_way(board: Board, g: SessionFacts, spot: Spot, e: SessionFacts, at: Spot) -> bool:
    """Whether ``g`` at ``spot`` keeps the exclusive session ``e`` from ``at``: they
    overlap and ``g`` stops for breaks (so for ``e`` too) or shares a person, room or
    track with it."""
    if not spot.overlaps(at.start, at.steps):
        return False
    if g.observes_breaks:
        return True
    return bool(set(board.people(g)) & set(board.people(e))) or (
        spot.room is not None and spot.room == at.room) or (
        spot.track is not None and spot.track == at.track)


def plan(board: Board, group: list[SessionFacts], placed: dict[str, Spot], limit: int | None,
         licences: int | None, crowd: Crowd, avoid: Avoid = ()) -> dict[str, Spot]:
    """One spot per session of ``group`` (movable exclusive sessions), apart in time, with
    the least total squeeze of the other sessions; {} when no such choice is found.

    A session's choices are the spots where every tracked rule holds on ``board`` now (one
    room per start, as :meth:`Board.fits` gives them); a session without any is left out
    of the plan (it will be placed, or left out, by its own first fit). ``crowd`` scores
    the spots (:func:`~scheduler.solver.greedy.placement.crowd`).
    """
    choices: dict[str, list[tuple[Spot, int]]] = {}
    total = 0
    for f in group:
        spots = list(board.fits(f, placed, limit, licences))
        total += len(spots)
        if total > MAX_CHOICES:
            return {}
        if spots:
            choices[f.id] = [(s, round(SCALE * (c + AVOID_COST * _covered(s, avoid))))
                             for s, c in zip(spots, crowd(board, placed, spots), strict=True)]
    if len(choices) < 2:
        return {}  # one session alone: its own first fit (``avoid`` aside)
    model = cp_model.CpModel()
    picks: dict[str, list[cp_model.IntVar]] = {}
    intervals = []
    cost = []
    for sid, options in choices.items():
        picks[sid] = []
        for k, (spot, score) in enumerate(options):
            x = model.new_bool_var(f"{sid}@{k}")
            picks[sid].append(x)
            intervals.append(model.new_optional_fixed_size_interval_var(
                spot.start, spot.steps, x, f"{sid}@{k}"))
            cost.append(score * x)
        model.add_exactly_one(picks[sid])
    model.add_no_overlap(intervals)
    model.minimize(sum(cost))
    solver = cp_model.CpSolver()
    solver.parameters.catch_sigint_signal = False  # else CP-SAT leaves SIGINT at SIG_DFL
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = DETERMINISTIC_LIMIT
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return {}
    return {sid: next(spot for (spot, _), x in zip(choices[sid], xs, strict=True)
                      if solver.boolean_value(x))
            for sid, xs in picks.items()}


def shut_out(board: Board, facts: dict[str, SessionFacts], placed: dict[str, Spot],
             missing: list[SessionFacts]) -> dict[str, tuple[list[tuple[int, int]], int]]:
    """Per session of ``missing`` that a placed movable exclusive session shuts out: its
    starts (step, steps) that no break covers but such a session does, and how many of
    its starts no break covers (fixed-in-time exclusive sessions count as breaks)."""
    grid = board.grid
    own = np.zeros(len(board.blocked), dtype=bool)
    for sid, spot in placed.items():
        g = facts[sid]
        if g.exclusive and g.observes_breaks and g.domain.size() > 1:
            own[spot.start:spot.end] = True
    if not own.any():
        return {}
    other = board.blocked & ~own  # breaks and exclusive sessions that cannot move
    out: dict[str, tuple[list[tuple[int, int]], int]] = {}
    for f in missing:
        if f.exclusive or not f.observes_breaks:
            continue
        free = [(t, size) for t, _, size in session_starts(grid, f)
                if not other[t:t + size].any()]
        spans = [(t, size) for t, size in free if own[t:t + size].any()]
        if spans:
            out[f.id] = (spans, len(free))
    return out
