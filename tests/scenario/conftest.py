"""Fixtures of the scenario-model tests: a small valid scenario to vary."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from scenario_base import BASE

from scheduler.scenario import Scenario, parse_scenario


@pytest.fixture
def make() -> Callable[[str], Scenario]:
    """Parse the base scenario with ``extra`` appended (more sessions, or other sections)."""

    def build(extra: str = "") -> Scenario:
        return parse_scenario(BASE + extra, "test.yaml")

    return build
