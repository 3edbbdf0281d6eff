"""Shared helpers of the property tests: the solve every test uses, the known open bugs
(scenarios the properties skip until the bug is fixed), and small schedule utilities."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hypothesis import HealthCheck, assume, event, settings
from strategies import dump, load

from scheduler.checker import CheckReport
from scheduler.scenario import Scenario
from scheduler.schedule import Schedule, ScheduledSession
from scheduler.solver import Result, SolveOptions, solve

PROFILE = "confsched-property"
EXAMPLES = int(os.environ.get("CONFSCHED_PROPERTY_EXAMPLES", "70"))
"""Examples per property; raise it (e.g. 2000) to hunt for disagreements locally."""

settings.register_profile(
    PROFILE,
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=os.environ.get("CONFSCHED_PROPERTY_RANDOM") != "1",
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.filter_too_much],
)


def profile(examples: int | None = None) -> settings:
    """The property profile (reproducible in CI), with fewer examples if asked."""
    base = settings.get_profile(PROFILE)
    if examples is None:
        return settings(base)
    return settings(base, max_examples=min(examples, EXAMPLES))


OPTIONS: dict[str, Any] = dict(time_limit=0.5, seed=0, workers=1, deterministic=True,
               handle_sigint=False, diagnose_time_limit=1.0)
"""Half a deterministic unit on one worker: Hypothesis replays an example (to confirm a
failure, or to shrink it) and must see the same schedule again; with a wall-clock limit
the replay drew differently on a loaded CI machine (FlakyStrategyDefinition)."""


def run_solver(scenario: Scenario, diagnose: bool = True) -> Result:
    """The solver as the property tests call it: :data:`OPTIONS`, seed 0; ``diagnose``
    off skips explaining infeasibility (the costly part) when a test does not look."""
    return solve(scenario, SolveOptions(**OPTIONS, diagnose=diagnose))


# --------------------------------------------------------------------------- known bugs


@dataclass(frozen=True)
class KnownBug:
    """An open disagreement: its case file, and which generated scenarios show it."""

    case: str
    shows: Callable[[Scenario], bool]


KNOWN_BUGS: tuple[KnownBug, ...] = ()
"""Each has tests/property/cases/<case>.yaml and a strict xfail test in test_cases.py;
when the bug is fixed that test fails (XPASS): delete the entry here at the same time."""


def known_bug(scenario: Scenario) -> str | None:
    """The case name of an open bug this scenario runs into, if any."""
    for bug in KNOWN_BUGS:
        if bug.shows(scenario):
            return bug.case
    return None


# --------------------------------------------------------------------------- solving


def solved(data: dict[str, Any], diagnose: bool = False) -> tuple[Scenario, Result]:
    """Load the drawn scenario (the loader must accept it) and solve it; scenarios that
    run into a known open bug are set aside (see property_support.KNOWN_BUGS)."""
    scenario = load(data)
    bug = known_bug(scenario)
    event(f"known bug: {bug}" if bug else "no known bug")
    assume(bug is None)
    result = run_solver(scenario, diagnose)
    event(f"status: {result.status.value}")
    return scenario, result


def shown(data: dict[str, Any], report: CheckReport | None = None,
          schedule: Schedule | None = None) -> str:
    """The scenario (and what went wrong) for an assertion message."""
    text = "\nscenario:\n" + dump(data)
    if schedule is not None:
        text += "\nschedule:\n" + schedule.dumps()
    if report is not None:
        text += "\nviolations:\n" + "\n".join(map(str, report.violations))
        text += "\nwarnings:\n" + "\n".join(report.warnings)
    return text


# --------------------------------------------------------------------------- schedules


def terms_of(schedule: Schedule) -> dict[str, tuple[int, int, int]]:
    """``name -> (weight, value, penalty)`` as the schedule states them."""
    return {name: (t.weight, t.value, t.penalty) for name, t in schedule.objective_terms.items()}


def moved(entry: ScheduledSession, **fields: Any) -> ScheduledSession:
    """A copy of a schedule line with some fields changed (``start`` keeps the length)."""
    if "start" in fields and "end" not in fields:
        fields["end"] = fields["start"] + (entry.end - entry.start)
    return entry.model_copy(update=fields)


def replace(schedule: Schedule, *entries: ScheduledSession) -> Schedule:
    """A copy of the schedule with these lines replacing those of the same id."""
    by_id = {e.id: e for e in entries}
    return schedule.model_copy(update={
        "sessions": [by_id.get(e.id, e) for e in schedule.sessions]})
