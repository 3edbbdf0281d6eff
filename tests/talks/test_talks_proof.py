"""Talks optimality is claimed only with a valid lower bound of the checker's objective.

The exact model keeps an ordered track to one room a talk-slot. Its optimum is a proof only
together with a bound on the schedules it leaves out (talks_search.full_bound): these
tiny scenarios have one ordered track, two rooms and two one-slot talk-slots."""

from __future__ import annotations

from typing import Any

import pytest

from scheduler.checker import check
from scheduler.scenario import Scenario
from scheduler.schedule import SolveStatus
from scheduler.solver import SolveOptions, solve
from tests.talks.helpers import small_data

pytestmark = pytest.mark.slow


def tiny(second_order: int | None, weights: dict[str, int], **t2: Any) -> Scenario:
    """One track (no chairs), rooms r1 and r2, talk-slots am and pm of one slot each;
    t1 (order 1) and t2 (order ``second_order``; None: unordered). Every other term
    weighs 0."""
    if second_order is not None:
        t2 = {**t2, "order": second_order}
    names = ("tracks-sessions", "tracks-rooms", "sessions-rooms", "similar-tracks",
             "rooms-per-track", "parallel-tracks", "consecutive-tracks",
             "submissions-timezones", "submissions-order", "submissions-sessions",
             "submissions-rooms", "presenters-conflicts", "attendees-conflicts",
             "chairs-conflicts", "attendees-conflicts-timeslot",
             "presenters-conflicts-timeslot")
    data = small_data(
        tracks=[{"id": "ecom", "penalties": {"talk-slots": {"pm": weights.pop("pm", 0)}}}],
        **{"talk-slots": [{"id": "am", "day": "2026-07-10", "start": "10:00", "slots": 1},
                          {"id": "pm", "day": "2026-07-10", "start": "14:00", "slots": 1}]},
        talks=[{"id": "t1", "title": "Первый", "track": "ecom", "presenters": ["cid"],
                "order": 1},
               {"id": "t2", "title": "Второй", "track": "ecom", "presenters": ["dan"],
                **t2}],
        weights={"talks": {name: weights.get(name, 0) for name in names}},
    )
    return Scenario.model_validate(data, context={"text": True})


def solved(scenario: Scenario) -> tuple[SolveStatus, int, float | None]:
    result = solve(scenario, SolveOptions(time_limit=10, workers=2, seed=1,
                                          handle_sigint=False, diagnose=False,
                                          deterministic=True))
    assert result.schedule is not None, (result.status, result.diagnosis)
    report = check(scenario, result.schedule)
    assert report.ok, [str(v) for v in report.violations]
    assert report.objective == result.schedule.objective
    return result.status, result.schedule.objective, result.schedule.solve.bound


def test_an_optimum_the_one_room_restriction_cuts_off_is_not_called_optimal() -> None:
    # One room a talk-slot: t2 (unordered) in am, t1 in pm: t1's position is 2, order
    # costs 10 (t2 in pm costs 50). Both in am in two rooms cost 1 (a second room) and
    # keep t1 first: the true optimum is 1, the restricted one 10.
    scenario = tiny(None, {"rooms-per-track": 1, "submissions-order": 10,
                        "submissions-sessions": 1},
                    penalties={"talk-slots": {"pm": 50}})
    status, objective, bound = solved(scenario)
    assert status == SolveStatus.FEASIBLE
    assert objective == 10  # what the restricted model finds
    assert bound is not None and bound <= 1  # valid: a schedule of value 1 exists


def test_an_optimum_the_restriction_keeps_is_proven() -> None:
    # t1 in am and t2 in pm in one room cost 3 (the track in pm); two rooms in one
    # talk-slot cost 5 at least: the restricted optimum 3 is the true one, and proven.
    scenario = tiny(2, {"rooms-per-track": 5, "submissions-order": 10, "pm": 3,
                        "tracks-sessions": 1})
    status, objective, bound = solved(scenario)
    assert (status, objective, bound) == (SolveStatus.OPTIMAL, 3, 3)
