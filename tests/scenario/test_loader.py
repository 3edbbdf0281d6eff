"""The loader: valid files load, problems come back with file, line, column and a fix."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from scheduler.errors import InputError
from scheduler.scenario import Scenario, load_scenario, parse_scenario


def _problems(text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        parse_scenario(text, "t.yaml")
    return [str(p) for p in caught.value.problems]


def test_the_base_scenario_loads(make: Callable[[str], Scenario]) -> None:
    scenario = make("")
    assert scenario.event.name == "Семинар"
    assert [d.isoformat() for d in scenario.days] == ["2024-03-01", "2024-03-03"]
    assert scenario.duration(scenario.session("s1")) == 30  # the talk's default


def test_keys_work_in_both_spellings(make: Callable[[str], Scenario]) -> None:
    scenario = make(
        "  - {id: s2, title: A, instrument: talk, not_parallel_with: [s1]}\n"
        "  - {id: s3, title: B, instrument: talk, not-parallel-with: [s1]}\n"
    )
    assert scenario.session("s2").not_parallel_with == ["s1"]
    assert scenario.session("s3").not_parallel_with == ["s1"]


def test_instrument_overrides_work_in_both_spellings(make: Callable[[str], Scenario]) -> None:
    scenario = make(
        "instruments:\n"
        "  workshop: {max-participants: 50, default_duration: 60min}\n"
        "  lecture: {exclusive: true}\n"
    )
    workshop = scenario.catalogue["workshop"]
    assert workshop.max_participants == 50
    assert workshop.default_duration == 60
    assert workshop.required_roles == {"facilitator": 1}  # untouched fields stay
    assert scenario.catalogue["lecture"].exclusive


def test_bad_instrument_override_points_at_the_field(make: Callable[[str], Scenario]) -> None:
    with pytest.raises(InputError) as caught:
        make("instruments:\n  workshop: {max-participants: 0}\n")
    problem = caught.value.problems[0]
    assert problem.path == "instruments.workshop.max-participants"
    assert (problem.line, problem.column) == (17, 14)
    assert "errors.pydantic.dev" not in str(caught.value)


def test_unknown_key_suggests_the_closest_one() -> None:
    found = _problems("event: {name: X, first-day: 2024-01-01, timezon: UTC}\n")
    assert any("unknown key 'timezon'" in p and "did you mean 'timezone'" in p for p in found)


def test_wrong_types_are_said_plainly() -> None:
    found = _problems("event: {name: X, first-day: 2024-01-01}\nrooms: {id: a}\n")
    assert found == [
        "t.yaml:2:1: rooms: expected a list here (lines starting with '- ', or [a, b])\n"
        "    fix: see rooms in scenarios/README.md"
    ]


def test_dates_in_the_wrong_order_point_at_last_day() -> None:
    found = _problems("event: {name: X, first-day: 2024-01-05, last-day: 2024-01-01}\n")
    assert found == ["t.yaml:1:41: event.last-day: last-day is before first-day\n"
                     "    fix: swap first-day and last-day"]


def test_a_bare_number_as_id_gets_the_quoting_fix() -> None:
    found = _problems("event: {name: X, first-day: 2024-01-01}\nrooms: [{id: 101, capacity: 5}]\n")
    assert found == [
        "t.yaml:2:10: rooms[0].id: expected text here\n"
        '    fix: put it in quotes, e.g. "101" (YAML reads bare numbers, dates and yes/no as '
        "other types)"
    ]


def test_numbers_beyond_any_event_are_refused() -> None:
    found = _problems(
        "event: {name: X, first-day: 2024-01-01}\n"
        "rooms: [{id: r, capacity: 100000000000000000000}]\n"
        "weights: {room-fit: 10000000000}\n"
        "hybrid: {licences: -1}\n"
    )
    assert len(found) == 3
    assert all("t.yaml:" in p and "fix:" in p for p in found)


def test_load_scenario_reads_files(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("\ufeffevent: {name: Зал, first-day: 2024-01-01}\n", encoding="utf-8")
    assert load_scenario(path).event.name == "Зал"
    path.write_bytes("event: {name: Зал}\n".encode("cp1251"))
    with pytest.raises(InputError, match="not valid UTF-8"):
        load_scenario(path)


def test_a_value_of_the_wrong_form_is_one_problem_naming_the_forms() -> None:
    found = _problems(
        "event: {name: X, first-day: 2024-01-01}\n"
        "sessions:\n  - {id: a, title: A, instrument: talk, track: 5}\n"
    )
    assert found == [
        "t.yaml:3:41: sessions[0].track: either expected text here, or expected a list here "
        "(lines starting with '- ', or [a, b])\n"
        '    fix: put it in quotes, e.g. "101" (YAML reads bare numbers, dates and yes/no as '
        "other types)"
    ]


def test_max_parallel_tracks_needs_tracks() -> None:
    found = _problems("event: {name: X, first-day: 2024-01-01, max-parallel: tracks}\n")
    assert len(found) == 1 and "there are no tracks" in found[0]
    assert found[0].startswith("t.yaml:1:41: event.max-parallel:")
