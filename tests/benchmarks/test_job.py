"""One benchmark job's record (scheduler/bench/job.py)."""

from __future__ import annotations

import pytest

from scheduler.bench.job import run_confsched
from scheduler.scenario.model import Scenario
from scheduler.solver import run as running


def test_a_schedule_returned_without_a_progress_report_has_its_first_time(
        seminar: Scenario, monkeypatch: pytest.MonkeyPatch) -> None:
    """A loaded machine (load 20 on 2 cores) spent a 3-s limit before the model was
    built: the solve returned the start heuristic's checked schedule and never reported
    progress, and the record said ``first_feasible`` None beside ``checked_ok`` True
    (tests/benchmarks/test_runner.py failed on it). Here the limit is gone at once, by
    events, not by load; the first schedule's time is the start's."""
    monkeypatch.setattr(running, "out_of_time", lambda run: True)
    record = run_confsched(seminar, {"time_limit": 30.0, "seed": 0})
    assert record["checked_ok"] is True
    assert record["trace"] == []  # no progress report came
    assert record["first_feasible"] is not None
    assert 0 < record["first_feasible"] <= record["seconds"]
