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

from collections.abc import Callable

from ortools.sat.python import cp_model

from scheduler.facts import SessionFacts
from scheduler.solver.greedy.board import Board, Spot

SCALE = 1000
"""Squeeze scores are rounded to thousandths for the integer objective."""
MAX_CHOICES = 20_000
"""Most (session, start) choices a plan looks at; a bigger group keeps the one-by-one
placement (the plan is for a few keynotes, not for hundreds of exclusive sessions)."""
DETERMINISTIC_LIMIT = 5.0
"""CP-SAT's deterministic time limit for one plan (the best plan found by then is used)."""


Crowd = Callable[[Board, dict[str, Spot], list[Spot]], list[float]]
"""How badly each spot of an exclusive session squeezes the others (lower is better)."""


def plan(board: Board, group: list[SessionFacts], placed: dict[str, Spot], limit: int | None,
         licences: int | None, crowd: Crowd) -> dict[str, Spot]:
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
            choices[f.id] = [(s, round(SCALE * c)) for s, c in zip(
                spots, crowd(board, placed, spots), strict=True)]
    if len(choices) < 2:
        return {}
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
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = DETERMINISTIC_LIMIT
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return {}
    return {sid: next(spot for (spot, _), x in zip(choices[sid], xs, strict=True)
                      if solver.boolean_value(x))
            for sid, xs in picks.items()}
