"""CoSPLib's objective of a solution workbook, computed by the core's one scorer.

The rule: a CoSPLib solution is scored exactly as CoSPLib's checker
(``Solver_Checker_v1.1.py``) scores it, by :mod:`scheduler.talks.score`, the same scorer
the engine's checker uses. That module follows each ``evaluate_*`` method of CoSPLib's
``Solver/solution.py`` (docs/cosplib.md gives the method for each), quirks included:
time slots grouped by the *string* ``session name + slot number``, the chairs term
counted over room positions, and the always-on multi-slot term (a split submission costs
10,000,000, slots not consecutive 1,000,000,000, an unscheduled multi-slot submission
makes the term exactly 1,000,000,000). Here the instance and the solution are only
handed to it (:func:`confsched_cosplib.problem.as_problem`, ``as_grid``).
"""

from __future__ import annotations

from typing import Any

from confsched_cosplib.instance import Instance
from confsched_cosplib.problem import as_grid, as_problem
from confsched_cosplib.solution import Solution
from scheduler.talks import score as core
from scheduler.talks.score import NOT_CONSECUTIVE_PENALTY, SPLIT_PENALTY

__all__ = ["NOT_CONSECUTIVE_PENALTY", "SPLIT_PENALTY", "all_scheduled", "counts", "score",
           "valid"]


def counts(instance: Instance, solution: Solution) -> dict[str, int]:
    """Each term's count (unweighted), every term, weight 0 too."""
    return core.counts(as_problem(instance), as_grid(solution))


def all_scheduled(instance: Instance, solution: Solution) -> bool:
    """Every submission appears in exactly as many slots as it needs."""
    return core.all_scheduled(as_problem(instance), as_grid(solution))


def valid(instance: Instance, solution: Solution) -> bool:
    """Every submission sits in a room holding its own track (the checker's validity)."""
    return core.valid(as_problem(instance), as_grid(solution))


def score(instance: Instance, solution: Solution) -> dict[str, Any]:
    """The objective and its breakdown, as CoSPLib's checker computes them.

    Returns ``{"objective": int, "feasible": bool, "valid": bool, "terms": {name:
    {"count", "weight", "penalty"}}}``. Terms with weight 0 are left out (as the checker
    does), except the always-on ``multi_slot`` term (weight 1).
    """
    return core.score(as_problem(instance), as_grid(solution))
