"""Lower bounds on a scenario's objective: no schedule the checker accepts costs less.

- :mod:`~scheduler.lower_bound.tracks`: the track relaxation (preferences, room fit,
  track-room stability and dropped bounded together, each track's sessions alone, the
  shared rooms priced) and compact days with tracks;
- :mod:`~scheduler.lower_bound.floors`: per-term floors computed without a search;
- :mod:`~scheduler.lower_bound.combined`: their combination within a CPU-time limit, as
  ``confsched bound`` prints it.

Each module's docstring holds its validity argument. Imports OR-Tools (the CLI loads this
package only when a bound is asked for).
"""

from scheduler.lower_bound.combined import LowerBound, Part, gap, lower_bound

__all__ = ["LowerBound", "Part", "gap", "lower_bound"]
