"""Static checks that need no solver, each pointing at the offending line."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from scenario_base import BASE

from scheduler.errors import InputError, Problem
from scheduler.scenario import Scenario, parse_scenario


def _refused(make: Callable[[str], Scenario], extra: str) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        make(extra)
    assert all(p.hint for p in caught.value.problems), caught.value
    return caught.value.problems


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        ("  - {id: s2, title: A, instrument: talk, after: [s2]}\n", "cannot refer to itself"),
        ("  - {id: s2, title: A, instrument: talk, after: [nope]}\n", "unknown session 'nope'"),
        ("  - {id: s2, title: A, instrument: talk, rooms: [attic]}\n", "unknown room 'attic'"),
        ("  - {id: s2, title: A, instrument: talk, track: t9}\n", "unknown track 't9'"),
        ("  - {id: s2, title: A, instrument: talk, days: [2024-03-02]}\n",
         "2024-03-02 is not a day of the event"),
        ("  - {id: s2, title: A, instrument: talk, duration: 20min}\n",
         "not a multiple of the time granularity"),
        ("  - {id: s2, title: A, instrument: talk, earliest: '17:00', latest: '17:15'}\n",
         "leave less time than the session lasts"),
        ("  - {id: s2, title: A, instrument: knowledge-jam, duration: 60min,\n"
         "     people: {facilitator: [anna], broker: [remote]}}\n", "lasts at least 90 min"),
        ("  - {id: s2, title: A, instrument: expert-visit, format: online,\n"
         "     people: {expert: [anna]}}\n", "cannot be run online"),
        ("  - {id: s2, title: A, instrument: knowledge-fair}\n", "tagged 'exhibition'"),
        ("  - {id: s2, title: A, instrument: twinning, people: {member: [anna]}}\n",
         "needs people from 2 organisations"),
        ("  - {id: s2, title: A, instrument: community-of-practice,\n"
         "     people: {coordinator: [anna]}}\n", "is a series of regular meetings"),
        ("  - {id: s2, title: A, instrument: talk, people: {speaker: [anna, anna]}}\n",
         "lists the same person twice"),
        ("breaks:\n  placed:\n    - {id: c, duration: 30min, window: ['10:00', '10:15']}\n",
         "longer than its window"),
        ("breaks:\n  fixed:\n    - {id: c, start: '10:00', end: '10:30'}\n"
         "    - {id: c, start: '15:00', end: '15:30'}\n", "the break id 'c' is used twice"),
    ],
)
def test_problem_found(make: Callable[[str], Scenario], extra: str, fragment: str) -> None:
    problems = _refused(make, extra)
    assert any(fragment in p.message for p in problems), problems
    assert all(p.line and p.line >= 14 for p in problems if fragment in p.message)


def test_a_circle_of_after_references_names_it(make: Callable[[str], Scenario]) -> None:
    problems = _refused(
        make,
        "  - {id: a, title: A, instrument: talk, after: [c]}\n"
        "  - {id: b, title: B, instrument: talk, after: [a]}\n"
        "  - {id: c, title: C, instrument: talk, after: [b]}\n",
    )
    assert len(problems) == 1
    assert "a -> c -> b -> a" in problems[0].message


def test_series_in_after_and_registrations_are_fine(make: Callable[[str], Scenario]) -> None:
    scenario = make(
        "  - {id: cop, title: C, instrument: community-of-practice,\n"
        "     people: {coordinator: [anna]}, repeat: {count: 2}}\n"
        "  - {id: wrap, title: W, instrument: talk, after: [cop]}\n"
        "participants:\n  registrations: [{id: p1, sessions: [cop, wrap]}]\n"
    )
    assert scenario.session("wrap").after == ["cop"]


def test_remote_windows_may_name_the_neighbouring_day() -> None:
    text = BASE.replace(
        'available: [{start: "12:00", end: "15:00"}]',
        'available: [{day: 2024-02-29, start: "23:00", end: "23:59"}]',
    )
    assert parse_scenario(text).person("remote").available
    local = text.replace("timezone: Asia/Bishkek,", "")
    with pytest.raises(InputError, match="2024-02-29 is not a day of the event"):
        parse_scenario(local)
    far = text.replace("2024-02-29", "2024-02-20")
    with pytest.raises(InputError, match="2024-02-20 is not a day of the event"):
        parse_scenario(far)


def test_breaks_on_other_days_are_refused(make: Callable[[str], Scenario]) -> None:
    problems = _refused(
        make, "breaks:\n  fixed:\n    - {id: c, day: 2024-03-09, start: '10:00', end: '10:30'}\n"
    )
    assert any("2024-03-09 is not a day of the event" in p.message for p in problems)


def test_a_default_duration_off_the_grid_says_it_is_the_instruments(
        make: Callable[[str], Scenario]) -> None:
    """hand1: a closing written without a duration (the catalogue's 15 min) under a
    30-minute grid was reported as 'sessions[3].duration: 15 min ...', a field the
    organiser never wrote."""
    problems = _refused(make, "  - {id: s2, title: A, instrument: webinar}\n"
                              "instruments:\n  webinar: {default-duration: 20min}\n")
    [problem] = [p for p in problems if "granularity" in p.message]
    assert "gives no duration" in problem.message and "webinar's default of 20 min" \
        in problem.message
    assert (problem.path or "").endswith("instrument") and problem.line and problem.line >= 14
    assert problem.hint and "duration: 15min or duration: 30min" in problem.hint
