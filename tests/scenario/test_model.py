"""The scenario model's time arithmetic and series expansion."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from scenario_base import BASE

from scheduler.scenario import DAY, Scenario, parse_scenario


def test_event_minutes_skip_skipped_days(make: Callable[[str], Scenario]) -> None:
    scenario = make("")
    third = dt.date(2024, 3, 3)
    assert scenario.day_index(third) == 1  # the 2nd is skipped
    assert scenario.at(third, 600) == DAY + 600
    assert scenario.split(DAY + 600) == (third, 600)


def test_remote_windows_are_converted_to_the_event_clock(make: Callable[[str], Scenario]) -> None:
    scenario = make("")
    remote = scenario.person("remote")
    # 12:00-15:00 in Bishkek (UTC+6) is 09:00-12:00 in Moscow (UTC+3), on both event days.
    windows = scenario.windows_in_event_time(remote.available or [], remote.timezone)
    assert windows == [(9 * 60, 12 * 60), (DAY + 9 * 60, DAY + 12 * 60)]


def test_series_expand_into_numbered_meetings(make: Callable[[str], Scenario]) -> None:
    scenario = make(
        "  - {id: cop, title: Сообщество, instrument: community-of-practice,\n"
        "     people: {coordinator: [anna]}, repeat: {count: 2}}\n"
    )
    meetings = [s for s in scenario.sessions if s.series == "cop"]
    assert [m.id for m in meetings] == ["cop#1", "cop#2"]
    assert [m.occurrence for m in meetings] == [1, 2]
    assert scenario.source_index("cop#2") == 1


def test_default_series_count_is_one_meeting_a_day(make: Callable[[str], Scenario]) -> None:
    scenario = make(
        "  - {id: cop, title: Сообщество, instrument: community-of-practice,\n"
        "     people: {coordinator: [anna]}, repeat: {}}\n"
    )
    assert len([s for s in scenario.sessions if s.series == "cop"]) == len(scenario.days) == 2


def test_whole_day_sessions_fill_the_shortest_frame(make: Callable[[str], Scenario]) -> None:
    text = BASE.replace(
        "rooms:\n", "rooms:\n  - {id: bus, capacity: 20, tags: [offsite]}\n"
    ).replace("  last-day: 2024-03-03\n", "  last-day: 2024-03-03\n  day-frames:\n"
              "    2024-03-03: {start: '10:00', end: '16:00'}\n")
    scenario = parse_scenario(
        text + "  - {id: tour, title: Тур, instrument: study-tour, people: {coordinator: [anna]}}\n"
    )
    tour = scenario.session("tour")
    assert scenario.is_whole_day(tour)
    assert scenario.duration(tour) == 6 * 60  # the 3rd's frame is 10:00-16:00


def test_interest_counts_from_registrations(make: Callable[[str], Scenario]) -> None:
    scenario = make(
        "  - {id: s2, title: B, instrument: talk}\n"
        "participants:\n"
        "  registrations:\n"
        "    - {id: p1, sessions: [s1, s2]}\n"
        "    - {id: p2, sessions: [s2, s1]}\n"
        "  interest-pairs:\n"
        "    - {sessions: [s1, s2], count: 5}\n"
    )
    assert scenario.interest_counts()[("s1", "s2")] == 7
