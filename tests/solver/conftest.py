"""Fixtures of the solver tests (the helpers live in tests/solver/helpers.py)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.solver.helpers import scenario_data


@pytest.fixture
def data() -> dict[str, Any]:
    """The base scenario: one day 09:00-12:00, two rooms, three people, no sessions."""
    return scenario_data()
