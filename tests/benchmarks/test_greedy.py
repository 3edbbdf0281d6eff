"""The greedy baseline: its schedules pass the checker; it reports what it cannot place."""

from __future__ import annotations

from scheduler.bench.greedy import greedy
from scheduler.checker import check
from scheduler.scenario.model import Scenario
from tests.benchmarks.conftest import tiny


def test_generated_seminar_is_placed_and_checked(seminar: Scenario) -> None:
    result = greedy(seminar)
    report = check(seminar, result.schedule)
    assert result.complete, result.unplaced
    assert report.ok, [str(v) for v in report.violations]
    assert len(result.schedule.sessions) + len(result.dropped) == len(seminar.sessions)


def test_most_constrained_session_goes_first() -> None:
    # 'free' comes first in the file; 'busy' can only run 09:00-10:00. Taking them in file
    # order would put 'free' at 09:00 and leave no place for 'busy'.
    scenario = tiny(
        sessions="  - {id: free, title: A, instrument: talk, duration: 60min}\n"
                 "  - {id: busy, title: B, instrument: talk, duration: 60min,"
                 " people: {speaker: [ann]}}\n",
        people="  - {id: ann, available: [{start: '09:00', end: '10:00'}]}\n",
    )
    result = greedy(scenario)
    assert result.complete
    assert result.schedule.session("busy").start == 9 * 60
    assert check(scenario, result.schedule).ok


def test_unplaceable_sessions_are_reported_and_optional_ones_dropped() -> None:
    scenario = tiny(
        sessions="  - {id: one, title: A, instrument: talk, duration: 60min}\n"
                 "  - {id: two, title: B, instrument: talk, duration: 60min}\n"
                 "  - {id: three, title: C, instrument: talk, duration: 60min}\n"
                 "  - {id: extra, title: D, instrument: talk, duration: 60min,"
                 " optional: true}\n",
    )
    result = greedy(scenario)
    assert len(result.unplaced) == 1
    assert result.dropped == ["extra"]
    assert not result.complete
    report = check(scenario, result.schedule)
    assert "placement" in report.rules_broken()


def test_breaks_and_tracks_are_honoured() -> None:
    scenario = tiny(
        sessions="  - {id: a, title: A, instrument: talk, duration: 60min, track: t}\n"
                 "  - {id: b, title: B, instrument: talk, duration: 60min, track: t}\n",
        rooms="  - {id: r1, capacity: 50}\n  - {id: r2, capacity: 50}\n",
        end="12:30",
        extra="tracks: [{id: t}]\nbreaks: {placed: [{id: coffee, duration: 30min,"
              " window: ['09:30', '10:30']}]}\n",
    )
    result = greedy(scenario)
    (coffee,) = result.schedule.breaks
    placed = sorted((s.start, s.end) for s in result.schedule.sessions)
    assert placed[0][1] <= placed[1][0]  # same track: one after the other
    for start, end in placed:
        assert end <= coffee.start or coffee.end <= start
    assert check(scenario, result.schedule).ok
