"""confsched: conference and knowledge-exchange event scheduling with CP-SAT.

The library API (everything the CLI does is reachable from here):

- :func:`load_scenario` reads and validates a scenario file;
- :func:`solve` turns a scenario into a :class:`Result` holding a :class:`Schedule`;
- :func:`check` re-verifies a schedule against its scenario, independently of the solver;
- :func:`load_schedule` / :func:`save_schedule` read and write the schedule file;
- :func:`export` publishes a schedule in an installed format, with the command line's
  guards (pairing, publishability, output rules).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names as mypy and editors see them
    from scheduler.errors import (
        ConfschedError,
        InputError,
        Problem,
        UnsolvableError,
        UsageError,
    )
    from scheduler.publishing.pipeline import export
    from scheduler.scenario import Scenario, load_scenario, parse_scenario
    from scheduler.schedule import Schedule, SolveStatus, load_schedule, save_schedule

_WHERE = {
    "ConfschedError": "scheduler.errors", "InputError": "scheduler.errors",
    "Problem": "scheduler.errors", "UnsolvableError": "scheduler.errors",
    "UsageError": "scheduler.errors",
    "Scenario": "scheduler.scenario", "load_scenario": "scheduler.scenario",
    "parse_scenario": "scheduler.scenario",
    "Schedule": "scheduler.schedule", "SolveStatus": "scheduler.schedule",
    "load_schedule": "scheduler.schedule", "save_schedule": "scheduler.schedule",
    "export": "scheduler.publishing.pipeline",
}

__all__ = [
    "ConfschedError", "InputError", "Problem", "Scenario", "Schedule", "SolveStatus",
    "UnsolvableError", "UsageError", "export", "load_schedule", "load_scenario", "parse_scenario",
    "save_schedule",
]


def __getattr__(name: str) -> Any:
    """Import the public names on first use (PEP 562), so that ``import scheduler`` is
    instant: the command line installs its Ctrl-C handler before pydantic and OR-Tools
    load, and a Ctrl-C in the first instant is a quiet exit 130, not a traceback."""
    if name in _WHERE:
        value = getattr(importlib.import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'scheduler' has no attribute {name!r}")
