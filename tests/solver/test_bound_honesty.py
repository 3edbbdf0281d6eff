"""The bound a solve reports is a lower bound of the event's objective, or none at all.

At scale the model keeps only each session's best-fitting rooms (and some of the
qualified people): it has fewer schedules than the event, so CP-SAT's bound for it may
lie above the event's optimum. Such a run reports no bound and no gap, and says why.
"""

from __future__ import annotations

import pytest

from scheduler.checker import check
from scheduler.generate import generate_yaml, params_for
from scheduler.scenario import parse_scenario
from scheduler.schedule import SolveStatus
from scheduler.solver import SolveOptions, run, solve
from scheduler.solver.report import status_line

pytestmark = pytest.mark.slow  # real solves


@pytest.fixture(scope="module")
def event():
    return parse_scenario(generate_yaml(params_for("seminar"), 2), "seminar.yaml")


def _solve(event):
    return solve(event, SolveOptions(time_limit=0.5, seed=0, workers=1, deterministic=True))


def test_a_model_with_rooms_limited_reports_no_bound(event,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run, "ROOM_PAIRS_AT_SCALE", 0)  # "at scale" from the first pair
    monkeypatch.setattr(run, "ROOMS_AT_SCALE", 1)
    result = _solve(event)
    assert result.caps.rooms, "the scenario should have sessions with several rooms"
    assert result.schedule is not None and check(event, result.schedule).ok
    assert result.status == SolveStatus.FEASIBLE  # an optimum of a restricted model only
    assert result.schedule.solve.bound is None and result.schedule.solve.gap is None
    assert "no bound: rooms or people were limited" in status_line(result)


def test_a_full_model_reports_its_bound_and_the_gap_of_the_checked_objective(event) -> None:
    result = _solve(event)
    assert not result.caps.any
    schedule = result.schedule
    assert schedule is not None
    report = check(event, schedule)
    assert report.ok
    bound, gap = schedule.solve.bound, schedule.solve.gap
    assert bound is not None and gap is not None and bound <= report.objective
    if result.status == SolveStatus.FEASIBLE:
        assert gap == pytest.approx((report.objective - bound) / max(1.0, report.objective))
    else:
        assert gap == 0.0 and bound == pytest.approx(report.objective)


def _solve_watched(event):
    """A solve and every progress report it made."""
    reports: list = []
    result = solve(event, SolveOptions(time_limit=0.5, seed=0, workers=1, deterministic=True,
                                       progress=reports.append))
    return result, [r for r in reports if r.objective is not None]


def test_the_live_progress_of_a_model_with_rooms_limited_shows_no_bound(
        event, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(run, "ROOM_PAIRS_AT_SCALE", 0)
    monkeypatch.setattr(run, "ROOMS_AT_SCALE", 1)
    result, reports = _solve_watched(event)
    assert result.caps.rooms
    assert reports, "the search reported no schedule while it ran"
    assert all(r.bound is None and r.gap is None for r in reports)


def test_the_live_progress_of_a_full_model_shows_its_bound(event) -> None:
    result, reports = _solve_watched(event)
    assert not result.caps.any
    assert reports and any(r.bound is not None for r in reports)


def test_a_choices_event_reports_a_bound_of_at_least_zero() -> None:
    # Every registration's part of ``choices`` is >= 0 (none of its ``take`` choices can
    # rank better than its first ``take``); modelled as a plain sum of ranks the search's
    # early bound fell far below 0 (-270 on seed 3 after 2 s), a gap above 100%.
    event = parse_scenario(generate_yaml(params_for("seminar", sessions=12, choices=2), 3),
                           "choices.yaml")
    result = solve(event, SolveOptions(time_limit=0.3, seed=0, workers=1,
                                       deterministic=True))
    schedule = result.schedule
    assert schedule is not None
    report = check(event, schedule)
    assert report.ok
    bound = schedule.solve.bound
    assert bound is not None and 0 <= bound <= report.objective
    assert schedule.solve.gap is not None and schedule.solve.gap <= 1.0
