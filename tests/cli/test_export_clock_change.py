"""Daylight-saving changes never give a published event the wrong length.

A scenario whose day hours contain a clock change is refused at load (see the corpus:
clock-change-*.yaml); an event across the change weekend, with ordinary hours, exports
every session with DTEND - DTSTART equal to its planned length; a schedule edited by hand
to put a session across the change (Europe/Berlin 2025-03-30 02:30 does not exist,
2025-10-26 02:30 happens twice) is refused before anything is written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from scheduler.cli import main

SCENARIO = """\
event:
  name: Frühjahrstagung
  timezone: Europe/Berlin
  first-day: {first}
  last-day: {last}
  day-start: "09:00"
  day-end: "18:00"
rooms:
  - {{id: hall, name: Saal, capacity: 40}}
sessions:
  - {{id: a, title: Eröffnung, instrument: talk, duration: 60min}}
  - {{id: b, title: Vortrag, instrument: talk, duration: 45min}}
"""

SCHEDULE = """\
format: confsched-schedule
version: 1
event: Frühjahrstagung
timezone: Europe/Berlin
status: feasible
sessions:
  - {{id: a, title: Eröffnung, instrument: talk, day: {day_a}, start: "{a0}", end: "{a1}",
      room: hall}}
  - {{id: b, title: Vortrag, instrument: talk, day: {day_b}, start: "10:00", end: "10:45",
      room: hall}}
"""


def _files(tmp_path: Path, first: str, last: str, day_a: str, a0: str, a1: str,
           day_b: str) -> tuple[Path, Path]:
    scenario = tmp_path / "scenario.yaml"
    scenario.write_text(SCENARIO.format(first=first, last=last), encoding="utf-8")
    schedule = tmp_path / "schedule.yaml"
    schedule.write_text(SCHEDULE.format(day_a=day_a, a0=a0, a1=a1, day_b=day_b),
                        encoding="utf-8")
    return scenario, schedule


def _lengths(path: Path) -> dict[str, dt.timedelta]:
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(event["SUMMARY"]): event.decoded("DTEND") - event.decoded("DTSTART")
            for event in calendar.walk("VEVENT")}


@pytest.mark.parametrize(("first", "last"), [("2025-03-29", "2025-03-31"),
                                             ("2025-10-25", "2025-10-27")])
def test_an_event_over_the_change_weekend_keeps_every_length(
    tmp_path: Path, first: str, last: str
) -> None:
    change = dt.date.fromisoformat(first) + dt.timedelta(days=1)
    scenario, schedule = _files(tmp_path, first, last, change.isoformat(), "09:00", "10:00",
                                change.isoformat())
    out = tmp_path / "ical"
    result = CliRunner().invoke(main, ["export", "ical", str(scenario), str(schedule),
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert _lengths(out / "programme.ics") == {"Eröffnung": dt.timedelta(minutes=60),
                                               "Vortrag": dt.timedelta(minutes=45)}


@pytest.mark.parametrize(("first", "day", "start", "end", "words"), [
    ("2025-03-29", "2025-03-30", "02:30", "03:30", "do not exist"),
    ("2025-03-29", "2025-03-30", "01:30", "03:30", "do not exist"),
    ("2025-10-25", "2025-10-26", "02:30", "03:30", "happen twice"),
    ("2025-10-25", "2025-10-26", "01:30", "02:30", "happen twice"),
])
def test_a_hand_edited_entry_across_the_change_is_refused(
    tmp_path: Path, first: str, day: str, start: str, end: str, words: str
) -> None:
    last = (dt.date.fromisoformat(first) + dt.timedelta(days=2)).isoformat()
    scenario, schedule = _files(tmp_path, first, last, day, start, end, day)
    for fmt in ("ical", "web"):
        out = tmp_path / fmt
        result = CliRunner().invoke(main, ["export", fmt, str(scenario), str(schedule),
                                           "-o", str(out)])
        assert result.exit_code == 2, result.output
        assert f"{schedule}:7:" in result.output
        assert f"'a' runs {start}-{end} across a clock change" in result.output
        assert words in result.output
        assert "internal error" not in result.output
        assert not out.exists()


def test_the_change_is_found_where_it_is() -> None:
    from scheduler.scenario.clockchange import change_within, day_changes

    (spring,) = day_changes("Europe/Berlin", dt.date(2025, 3, 30))
    assert (spring.start, spring.end, spring.forward) == (120, 180, True)
    (autumn,) = day_changes("Europe/Berlin", dt.date(2025, 10, 26))
    assert (autumn.start, autumn.end, autumn.forward) == (120, 180, False)
    assert day_changes("Europe/Berlin", dt.date(2025, 3, 29)) == ()
    assert change_within("Europe/Berlin", dt.date(2025, 3, 30), 60, 120) is None  # ends at it
    assert change_within("Europe/Berlin", dt.date(2025, 3, 30), 180, 240) is None  # after it
    assert change_within("Europe/Berlin", dt.date(2025, 3, 30), 119, 121) is spring
    assert day_changes("Asia/Tashkent", dt.date(2025, 3, 30)) == ()
