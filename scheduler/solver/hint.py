"""A quick greedy placement (list scheduling) used as a starting hint for CP-SAT."""

from __future__ import annotations

from scheduler.scenario.model import Scenario
from scheduler.schedule import Schedule
from scheduler.solver.facts import SessionFacts


def greedy_schedule(scenario: Scenario, facts: dict[str, SessionFacts]) -> Schedule | None:
    """Not written yet."""
    return None
