"""The conference-scheduler adapter: a tiny instance solved by the peer passes our checker."""

from __future__ import annotations

import pytest

from scheduler.bench.peers.conference_scheduler_adapter import (
    Translation,
    solve_with_conference_scheduler,
    unsupported,
)
from scheduler.checker import check
from scheduler.scenario.model import Scenario
from scheduler.schedule import SolveStatus

# PuLP 3 announces its 4.0 API through DeprecationWarnings raised inside the peer's code.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_tiny_talks_instance_round_trips_through_the_peer(talks: Scenario) -> None:
    assert unsupported(talks) == []
    result = solve_with_conference_scheduler(talks, time_limit=30)
    assert result.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)
    assert result.schedule is not None
    report = check(talks, result.schedule)
    assert report.ok, [str(v) for v in report.violations]
    assert len(result.schedule.sessions) == len(talks.sessions)
    assert result.variables > 0 and result.constraints > 0


def test_every_event_has_a_dummy_unavailability_and_person_tags(talks: Scenario) -> None:
    translation = Translation(talks)
    assert all(event.unavailability for event in translation.events)
    for session, event in zip(talks.sessions, translation.events, strict=True):
        assert {f"person:{p}" for p in session.person_ids} <= set(event.tags)
    # Slots never overlap a break and all have the longest session's length.
    for slot in translation.slots:
        assert slot.duration == max(talks.duration(s) for s in talks.sessions)


def test_rich_scenarios_are_refused_with_reasons(seminar: Scenario) -> None:
    reasons = unsupported(seminar)
    assert "after: ordering between sessions" in reasons
    result = solve_with_conference_scheduler(seminar, time_limit=5)
    assert result.schedule is None and result.reasons == reasons
