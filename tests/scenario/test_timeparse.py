"""Durations and times of day as organisers write them."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.errors import InputError
from scheduler.scenario import load_scenario, parse_scenario
from scheduler.timeparse import (
    Sexagesimal,
    format_clock,
    format_duration,
    parse_clock,
    parse_duration,
)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [(90, 90), (90.0, 90), ("90", 90), ("90min", 90), ("45m", 45), ("1h", 60), ("1h30", 90),
     ("1h30min", 90), ("1.5h", 90), ("2 hours", 120), (" 1H15 ", 75), ("0", 0)],
)
def test_durations(text: object, minutes: int) -> None:
    assert parse_duration(text) == minutes


@pytest.mark.parametrize(
    ("text", "fragment"),
    [("abc", "is not a duration"), ("", "is not a duration"), ("1h30x", "is not a duration"),
     ("2d", "is not a duration"), (True, "length of time"), (1.5, "length of time"),
     (None, "length of time"), (-5, "cannot be negative"), ("999999h", "longer than a week"),
     ("9" * 400 + "h", "is not a duration"), ("9" * 5000, "is not a duration")],
)
def test_bad_durations_say_how_to_write_one(text: object, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment) as caught:
        parse_duration(text)
    assert len(str(caught.value)) < 200, "long inputs are cut short in the message"


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("09:30", 570), ("9:30", 570), ("9.30", 570), ("00:00", 0), ("24:00", 1440),
     (Sexagesimal(570), 570), (9.3, 570), (17.0, 1020), (9.05, 545), (9.5, 590),
     (24.0, 1440)],
)
def test_clock_times(text: object, minutes: int) -> None:
    assert parse_clock(text) == minutes


@pytest.mark.parametrize(
    "text", ["25:00", "24:01", "12:60", "0930", "noon", "", 9.75, 9.305, -9.3, 25.0, True, -1,
             1441, None],
)
def test_bad_clock_times(text: object) -> None:
    with pytest.raises(ValueError, match="time of day"):
        parse_clock(text)


def test_formatting_round_trips() -> None:
    for minutes in (0, 5, 45, 60, 90, 125, 600):
        assert parse_duration(format_duration(minutes)) == minutes
    for minutes in (0, 570, 1439, 1440):
        assert parse_clock(format_clock(minutes)) == minutes
    assert format_clock(570) == "09:30"
    assert format_duration(90) == "1h30"


def test_an_unquoted_h_mm_time_loads_as_the_docs_say(tmp_path: Path) -> None:
    """scenarios/README.md accepts ``H.MM``; unquoted, YAML reads ``9.30`` as a float."""
    path = tmp_path / "dotted.yaml"
    path.write_text(
        "event: {name: X, first-day: 2024-01-01, day-start: 9.30, day-end: 17.00}\n"
        "rooms: [{id: hall, capacity: 10}]\n"
        "breaks: {placed: [{id: lunch, kind: lunch, duration: 45min, window: [12.30, 14.00]}]}\n"
        "sessions:\n  - {id: a, title: A, instrument: talk}\n",
        encoding="utf-8",
    )
    scenario = load_scenario(path)
    assert (scenario.event.day_start, scenario.event.day_end) == (570, 1020)
    assert scenario.breaks.placed[0].window == (750, 840)


@pytest.mark.parametrize(("number", "example"), [(9, "09:00"), (0, "00:00"), (930, "09:30")])
def test_a_bare_number_is_not_a_clock_time(number: int, example: str) -> None:
    # parse_clock(9) once meant 00:09: never what an organiser who wrote 9 meant.
    with pytest.raises(ValueError, match=f"{number} is a bare number, not a time of day; "
                                         f"write it with a colon, like {example}"):
        parse_clock(number)


EVENT = ("event: {{name: T, timezone: Asia/Bishkek, first-day: 2026-06-01, "
         "day-start: {start}, day-end: '18:00'}}\nsessions: []\n")


@pytest.mark.parametrize("written", ["9:30", "09:30", "'9:30'", "'9.30'"])
def test_clock_times_in_a_scenario_file(written: str) -> None:
    # An unquoted 9:30 is YAML 1.1's base-60 number 570: still a clock time.
    scenario = parse_scenario(EVENT.format(start=written))
    assert scenario.frame(scenario.days[0]) == (570, 1080)


def test_a_bare_number_in_a_scenario_file_is_refused_with_a_hint() -> None:
    with pytest.raises(InputError) as caught:
        parse_scenario(EVENT.format(start="9"), "event.yaml")
    text = str(caught.value)
    assert "event.yaml:1:" in text and "event.day-start: 9 is a bare number" in text
    assert "like 09:00" in text
