"""The greedy start: a quick placement (list scheduling) that CP-SAT starts its search from.

- :mod:`~scheduler.solver.greedy.board`: the :class:`Board` (occupy, release, free, fits)
  and the :class:`Spot` a session takes;
- :mod:`~scheduler.solver.greedy.placement`: one round (order, first fit, squeeze, the
  one-move repair);
- :mod:`~scheduler.solver.greedy.exclusive`: the movable exclusive sessions' spots chosen
  together (at scale);
- :mod:`~scheduler.solver.greedy.eject`: eject-and-reinsert for what a round left out;
- :mod:`~scheduler.solver.greedy.chains`: ejection chains of depth 2 (at scale);
- :mod:`~scheduler.solver.greedy.cap`: the time caps (CPU, wall clock) all of them stop at;
- :mod:`~scheduler.solver.greedy.start`: the entry point :func:`greedy_schedule` (squeaky
  wheel rounds, restarts, counted work) and the :class:`StartHeuristic` protocol another
  start can implement.
"""

from scheduler.solver.greedy.board import Board, Spot
from scheduler.solver.greedy.start import (
    GreedyWork,
    StartHeuristic,
    greedy_schedule,
    greedy_start,
    series_in_day_order,
    to_schedule,
)

__all__ = ["Board", "GreedyWork", "Spot", "StartHeuristic", "greedy_schedule", "greedy_start",
           "series_in_day_order", "to_schedule"]
