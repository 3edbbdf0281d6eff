"""Fixtures for the printed programme tests: the Bishkek scenario with the seed-001
timetable, and a generated 12-room, 3-day event."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from programme_helpers import (  # noqa: E402
    ARTIFACTS,
    BISHKEK,
    BISHKEK_BREAKS,
    BISHKEK_DAY,
    BISHKEK_TIMES,
    big_scenario_text,
    big_schedule,
    hand_schedule,
)

from scheduler.exporting import ExportContext  # noqa: E402
from scheduler.scenario import Scenario, load_scenario, parse_scenario  # noqa: E402
from scheduler.schedule import Schedule  # noqa: E402


@pytest.fixture(scope="session")
def bishkek() -> Scenario:
    return load_scenario(BISHKEK)


@pytest.fixture(scope="session")
def bishkek_schedule(bishkek: Scenario) -> Schedule:
    return hand_schedule(bishkek, BISHKEK_TIMES, BISHKEK_DAY, BISHKEK_BREAKS)


@pytest.fixture()
def bishkek_context(bishkek: Scenario, bishkek_schedule: Schedule) -> ExportContext:
    return ExportContext(scenario=bishkek, schedule=bishkek_schedule)


@pytest.fixture(scope="session")
def big() -> Scenario:
    return parse_scenario(big_scenario_text(), "big.yaml")


@pytest.fixture(scope="session")
def big_context(big: Scenario) -> ExportContext:
    return ExportContext(scenario=big, schedule=big_schedule(big))


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
