"""What an organiser sees for mistakes found in fresh-eyes QA: each said once, correctly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from scheduler.errors import InputError, Problem
from scheduler.scenario import Scenario

SERIES = ("  - {id: cop, title: Сообщество практиков, instrument: community-of-practice,\n"
          "     repeat: {count: 2}, people: {coordinator: [anna]}%s}\n")


def _problems(make: Callable[[str], Scenario], extra: str) -> list[Problem]:
    with pytest.raises(InputError) as caught:
        make(extra)
    return caught.value.problems


def test_a_plain_session_and_a_series_with_the_same_id_are_refused(
        make: Callable[[str], Scenario]) -> None:
    extra = ("  - {id: cop, title: Открытие, instrument: talk}\n" + SERIES % "")
    problems = _problems(make, extra)
    assert any("the session id 'cop' is used twice" in p.message for p in problems), problems


def test_two_series_with_the_same_id_are_refused(make: Callable[[str], Scenario]) -> None:
    problems = _problems(make, SERIES % "" + SERIES % "")
    messages = [p.message for p in problems]
    assert messages.count("the session id 'cop' is used twice") == 1, messages


def test_a_series_refers_to_itself_said_once_without_a_circle(
        make: Callable[[str], Scenario]) -> None:
    problems = _problems(make, SERIES % ", after: [cop]")
    assert [p.message for p in problems] == ["a session cannot refer to itself"], problems


def test_a_problem_of_a_series_is_said_once_not_once_per_meeting(
        make: Callable[[str], Scenario]) -> None:
    problems = _problems(make, SERIES % ", rooms: [attic]")
    assert [p.message for p in problems] == ["unknown room 'attic'"], problems


def test_a_key_that_exists_elsewhere_gets_no_did_you_mean_itself(
        make: Callable[[str], Scenario]) -> None:
    problems = _problems(make, "  - {id: s9, title: A, instrument: talk, room: hall}\n")
    assert len(problems) == 1
    assert "did you mean 'room'" not in (problems[0].hint or ""), problems[0]
    assert "pin" in (problems[0].hint or "") or "rooms" in (problems[0].hint or ""), problems[0]


def test_a_misspelt_role_is_named_in_the_missing_role_problem(
        make: Callable[[str], Scenario]) -> None:
    problems = _problems(make, SERIES.replace("coordinator", "coordinater") % "")
    assert len(problems) == 1
    assert "'coordinater'" in (problems[0].hint or ""), problems[0]
    assert "did you mean 'coordinator'" in (problems[0].hint or ""), problems[0]


def test_a_break_window_written_backwards_is_said_so(make: Callable[[str], Scenario]) -> None:
    problems = _problems(make, "breaks:\n  placed:\n"
                               "    - {id: lunch, duration: 60min, window: ['14:00', '12:00']}\n")
    assert len(problems) == 1
    assert "the window ends before it starts" in problems[0].message, problems[0]
    from scenario_base import BASE

    assert problems[0].line == BASE.count("\n") + 3, problems[0]  # the '- {id: lunch' line


def test_a_schedule_given_as_the_scenario_is_one_clear_problem(tmp_path: Path) -> None:
    """Arguments swapped (export ical SCHEDULE SCENARIO): one problem, not dozens."""
    from scheduler.scenario import load_scenario

    schedule = Path(__file__).resolve().parents[1] / "plugins" / "data" / "bishkek-schedule.yaml"
    with pytest.raises(InputError) as caught:
        load_scenario(schedule)
    problems = caught.value.problems
    assert len(problems) == 1, problems
    assert "is a schedule file" in problems[0].message
    assert problems[0].file == str(schedule) and problems[0].hint


@pytest.mark.parametrize(("written", "meant"), [("asia/bishkek", "Asia/Bishkek"),
                                                ("Europe/Moskow", "Europe/Moscow")])
def test_a_misspelt_timezone_gets_the_nearest_name(written: str, meant: str) -> None:
    from scenario_base import BASE

    from scheduler.scenario import parse_scenario

    with pytest.raises(InputError) as caught:
        parse_scenario(BASE.replace("Europe/Moscow", written, 1), "test.yaml")
    problem = caught.value.problems[0]
    assert f"did you mean {meant!r}" in (problem.hint or ""), problem


def test_an_interest_pair_of_one_session_with_itself_is_refused(
        make: Callable[[str], Scenario]) -> None:
    """Almost surely a typo for another session; it was silently ignored."""
    problems = _problems(make, "participants:\n  interest-pairs:\n"
                               "    - {sessions: [s1, s1], count: 12}\n")
    assert [p.message for p in problems] == ["an interest pair names 's1' twice"], problems
    assert problems[0].hint


def test_a_person_available_nowhere_but_in_a_session_is_refused() -> None:
    """``available: []`` means never; with a required session that cannot be solved, and
    the solver's diagnosis ('available only in their listed windows') hid the reason."""
    from scenario_base import BASE

    from scheduler.scenario import parse_scenario

    text = BASE.replace("{id: anna, name: Анна, organisation: A}",
                        "{id: anna, name: Анна, organisation: A, available: []}")
    text += "  - {id: s2, title: A, instrument: talk, people: {speaker: [anna]}}\n"
    with pytest.raises(InputError) as caught:
        parse_scenario(text, "test.yaml")
    problems = caught.value.problems
    assert [p.message for p in problems] == [
        "Анна is available nowhere (available: []) but takes part in 's2'"], problems
    assert problems[0].path == "people[0].available" and problems[0].hint
    optional = text.replace("people: {speaker: [anna]}}", "people: {speaker: [anna]}, "
                            "optional: true}")
    assert parse_scenario(optional, "test.yaml").people[0].available == []
