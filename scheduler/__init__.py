"""confsched: conference and knowledge-exchange event scheduling with CP-SAT.

The library API (everything the CLI does is reachable from here):

- :func:`load_scenario` reads and validates a scenario file;
- :func:`solve` turns a scenario into a :class:`Result` holding a :class:`Schedule`;
- :func:`check` re-verifies a schedule against its scenario, independently of the solver;
- :func:`load_schedule` / :func:`save_schedule` read and write the schedule file.
"""

from scheduler.errors import ConfschedError, InputError, Problem, UnsolvableError, UsageError
from scheduler.scenario import Scenario, load_scenario, parse_scenario
from scheduler.schedule import Schedule, SolveStatus, load_schedule, save_schedule

__all__ = [
    "ConfschedError", "InputError", "Problem", "Scenario", "Schedule", "SolveStatus",
    "UnsolvableError", "UsageError", "load_schedule", "load_scenario", "parse_scenario",
    "save_schedule",
]
