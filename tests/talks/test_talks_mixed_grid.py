"""Talks beside sessions on an event grid the talks do not keep (found by the brute-force
oracle, tests/property/oracle.py: shape ``talks-mixed``).

Talks keep their talk-slot's slot grid: 20-minute talks from 09:00 end at 09:20, 09:40,
... On a 30-minute event grid the solve of the sessions (talks fixed first) counted time in
30-minute steps and pinned each presenter's and chair's busy stretch at its true start:
a start off the grid allows nothing, so every such event was called infeasible, though
the checker passes schedules of it. And "infeasible with the talks' timetable fixed" is
no proof that the event has no schedule: it is unknown.
"""

from __future__ import annotations

from typing import Any

from scheduler.checker import check
from scheduler.schedule import SolveStatus
from scheduler.solver import SolveOptions, solve
from tests.talks.helpers import small, small_data

OPTIONS = dict(time_limit=4.0, workers=1, seed=0, deterministic=True, handle_sigint=False,
               diagnose=False)


def off_grid() -> dict[str, Any]:
    """One room, a 30-minute grid, two talk-slots of two 20-minute slots back to back
    (09:00-09:40, 09:40-10:20: rounded out to the grid they overlap), four talks, and a
    lecture by a presenter."""
    data = small_data()
    data["event"].update({"day-start": "09:00", "day-end": "12:00", "granularity": "30min"})
    data["rooms"] = [{"id": "r1", "capacity": 80, "tags": ["hybrid"]}]
    data["talk-slots"] = [{"id": "a", "day": "2026-07-10", "start": "09:00", "slots": 2},
                          {"id": "b", "day": "2026-07-10", "start": "09:40", "slots": 2}]
    data["talks"] = [
        {"id": "t1", "title": "Первый", "track": "ecom", "presenters": ["cid"]},
        {"id": "t2", "title": "Second", "track": "ecom", "presenters": ["dan"]},
        {"id": "t3", "title": "Third", "track": "evo", "presenters": ["eva"]},
        {"id": "t4", "title": "Fourth", "track": "evo", "presenters": ["dan"]},
    ]
    data["breaks"] = {}
    data["sessions"] = [{"id": "lec", "title": "Лекция", "instrument": "lecture",
                         "duration": "60min", "people": {"speaker": ["dan"]}}]
    return data


def test_talks_off_the_event_grid_still_leave_the_sessions_a_place() -> None:
    scenario = small(**off_grid())
    result = solve(scenario, SolveOptions(**OPTIONS))  # type: ignore[arg-type]
    assert result.schedule is not None, (result.status, result.diagnosis)
    assert result.status == SolveStatus.FEASIBLE
    report = check(scenario, result.schedule)
    assert report.ok, [str(v) for v in report.violations]
    lec = next(s for s in result.schedule.sessions if s.id == "lec")
    assert lec.start >= 10 * 60 + 30  # after the talks (dan presents in both talk-slots)


def test_sessions_that_do_not_fit_beside_the_talks_timetable_are_unknown_not_infeasible(
) -> None:
    """ann's lecture must end by 10:00, and ann chairs ecom, which its penalty sends to
    09:00-10:00 too: the talks, grouped first, take that hour. ecom at 10:00 leaves the
    lecture its hour, so the event has schedules: no proof of infeasibility."""
    data = off_grid()
    data["event"]["day-end"] = "11:00"
    data["talk-slots"] = [{"id": "a", "day": "2026-07-10", "start": "09:00", "slots": 3},
                          {"id": "b", "day": "2026-07-10", "start": "10:00", "slots": 3}]
    data["talks"] = data["talks"][:2]
    data["sessions"][0].update(people={"speaker": ["ann"]}, latest="10:00")  # ecom's chair
    data["tracks"][0]["penalties"] = {"talk-slots": {"b": 5}}
    scenario = small(**data)
    options = {**OPTIONS, "diagnose": True, "diagnose_time_limit": 2.0}
    result = solve(scenario, SolveOptions(**options))  # type: ignore[arg-type]
    assert result.schedule is None
    assert result.status == SolveStatus.UNKNOWN, result.status
    assert result.diagnosis[0].startswith("the talks were grouped first; with their timetable")
