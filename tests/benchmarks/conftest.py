"""Fixtures of the benchmark tests: small generated scenarios and hand-made ones."""

from __future__ import annotations

import pytest

from scheduler.generate import generate_yaml, params_for
from scheduler.scenario import parse_scenario
from scheduler.scenario.model import Scenario


@pytest.fixture(scope="session")
def seminar() -> Scenario:
    """The generated one-day seminar (every instrument family, seed 1)."""
    return parse_scenario(generate_yaml(params_for("seminar"), 1), "seminar.yaml")


@pytest.fixture(scope="session")
def talks() -> Scenario:
    """A tiny talks-only instance conference-scheduler can express (12 talks, 2 rooms)."""
    params = params_for("pycon", sessions=12, rooms=2, days=1, tracks=2, registrations=30,
                        simple=True)
    return parse_scenario(generate_yaml(params, 2), "talks.yaml")


def tiny(sessions: str, people: str = "", rooms: str = "  - {id: a, capacity: 50}\n",
         end: str = "11:00", extra: str = "") -> Scenario:
    """A hand-made scenario: one day 09:00-``end``, the given rooms, people and sessions
    (``extra``: more top-level YAML, e.g. tracks or breaks)."""
    text = extra + (
        "event: {name: Тест, first-day: 2026-06-01, day-start: '09:00', "
        f"day-end: '{end}', granularity: 30min}}\n"
        f"rooms:\n{rooms}"
        + (f"people:\n{people}" if people else "")
        + f"sessions:\n{sessions}"
    )
    return parse_scenario(text, "tiny.yaml")
