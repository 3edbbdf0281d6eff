"""Scenario builders for the diagnosis tests (the solver tests' helpers, reused)."""

from tests.solver.conftest import build, run, scenario_data, talk

__all__ = ["build", "run", "scenario_data", "talk"]
