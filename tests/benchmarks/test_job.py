"""One benchmark job of confsched (scheduler/bench/job.py): what it records of a solve."""

from __future__ import annotations

from typing import Any

import pytest

import scheduler.solver as solver_package
from scheduler.bench.job import run_confsched
from scheduler.scenario.model import Scenario


def test_a_schedule_without_a_progress_report_still_has_its_first_time(
        seminar: Scenario, monkeypatch: pytest.MonkeyPatch) -> None:
    # On a loaded machine the search may find nothing within its limit and the start
    # heuristic's schedule is returned without any progress report: the first schedule
    # then came when the solve returned, not never (CI at load 20 read None)
    real = solver_package.solve

    def silent(scenario: Scenario, options: Any) -> Any:
        options.progress = None
        return real(scenario, options)

    monkeypatch.setattr(solver_package, "solve", silent)
    record = run_confsched(seminar, {"time_limit": 0.5, "deterministic": True})
    assert record["checked_ok"] is True
    assert record["first_feasible"] == record["seconds"] and record["trace"] == []
