"""day-frame, time-grid, duration, earliest-latest, pinned, after, same-day, not-parallel
and series: when each session runs."""

from __future__ import annotations

import datetime as dt

from scheduler.checker import check


def test_day_frame(build):
    sc = build.scenario(build.session("a"), build.session("b", days=["2024-05-07"]))
    assert build.check(sc, {"a": "17:00", "b": "d2 09:00"}).ok
    report = build.check(sc, {"a": "17:30", "b": "d1 09:00"})
    assert build.broken(report) == {"day-frame"}
    found = build.messages(report, "day-frame")
    assert "'Сессия a' (17:30-18:30) on 2024-05-06 is outside the day's frame 09:00-18:00" \
        in found
    assert any("it may only be on 2024-05-07" in m for m in found)


def test_day_frame_day_not_of_the_event(build):
    sc = build.scenario(build.session("a"))
    schedule = build.schedule(sc, {"a": "10:00"})
    schedule.sessions[0].day = dt.date(2024, 5, 8)
    report = check(sc, schedule)
    assert build.broken(report) == {"day-frame"}
    assert "2024-05-08, which is not a day of the event" in report.violations[0].message


def test_day_frame_uses_per_day_frames(build):
    sc = build.scenario(build.session("a"),
                        event={"day-frames": {"2024-05-07": {"start": "10:00", "end": "14:00"}}})
    assert build.check(sc, {"a": "d2 13:00"}).ok
    assert build.broken(build.check(sc, {"a": "d2 09:00"})) == {"day-frame"}


def test_time_grid(build):
    sc = build.scenario(build.session("a"), event={"granularity": 15})
    assert build.check(sc, {"a": "10:15"}).ok
    report = build.check(sc, {"a": "10:20"})
    assert build.broken(report) == {"time-grid"}
    assert "starts at 10:20, not on the 15-minute grid" in report.violations[0].message


def test_duration(build):
    sc = build.scenario(build.session("a", duration="45min"))
    assert build.check(sc, {"a": "10:00-10:45"}).ok
    report = build.check(sc, {"a": "10:00-11:00"})
    assert build.broken(report) == {"duration"}
    assert "lasts 60 min; the scenario says 45 min" in report.violations[0].message


def test_whole_day_session_fills_its_frame(build):
    tour = build.session("tour", instrument="study-tour", participants=15,
                         people={"coordinator": ["bakyt"]})
    sc = build.scenario(tour, event={"day-frames": {"2024-05-07": {"start": "08:00",
                                                                   "end": "19:00"}}})
    assert build.check(sc, {"tour": "d2 08:00-19:00 @bus"}).ok
    report = build.check(sc, {"tour": "d2 09:00-18:00 @bus"})
    assert build.broken(report) == {"duration"}
    assert "must fill the day's frame 08:00-19:00" in report.violations[0].message


def test_earliest_latest(build):
    sc = build.scenario(build.session("a", earliest="11:00", latest="15:00"))
    assert build.check(sc, {"a": "11:00"}).ok
    assert build.check(sc, {"a": "14:00"}).ok
    early = build.check(sc, {"a": "10:55"})
    late = build.check(sc, {"a": "14:05"})
    assert build.broken(early) == build.broken(late) == {"earliest-latest"}
    assert "before its earliest time 11:00" in early.violations[0].message
    assert "after its latest time 15:00" in late.violations[0].message


def test_pinned(build):
    sc = build.scenario(build.session("a", pin={"day": "2024-05-07", "start": "10:00",
                                                  "room": "small"}))
    assert build.check(sc, {"a": "d2 10:00 @small"}).ok
    report = build.check(sc, {"a": "d1 11:00 @big"})
    assert build.broken(report) == {"pinned"}
    found = " | ".join(build.messages(report, "pinned"))
    assert "pinned to 2024-05-07 but is on 2024-05-06" in found
    assert "pinned to start at 10:00" in found
    assert "pinned to Малый зал but is in Большой зал" in found


def test_after(build):
    sc = build.scenario(build.session("a"), build.session("b", after=["a"]))
    assert build.check(sc, {"a": "10:00", "b": "11:00"}).ok  # may start as a ends
    assert build.check(sc, {"a": "16:00", "b": "d2 09:00"}).ok
    report = build.check(sc, {"a": "10:00 @big", "b": "10:55 @small"})
    assert build.broken(report) == {"after"}
    assert report.violations[0].sessions == ("b", "a")


def test_after_a_series_means_every_meeting(build):
    sc = build.scenario(
        build.session("cop", instrument="community-of-practice", repeat={"count": 2},
                      people={"coordinator": ["aigul"]}),
        build.session("wrap", after=["cop"]),
    )
    assert build.check(sc, {"cop#1": "10:00", "cop#2": "d2 10:00", "wrap": "d2 12:00"}).ok
    report = build.check(sc, {"cop#1": "10:00", "cop#2": "d2 10:00", "wrap": "d1 12:00"})
    assert build.broken(report) == {"after"}
    assert report.violations[0].sessions == ("wrap", "cop#2")


def test_after_a_dropped_session_imposes_nothing(build):
    sc = build.scenario(build.session("a", optional=True), build.session("b", after=["a"]))
    assert build.check(sc, {"b": "09:00"}, dropped=["a"]).ok


def test_same_day(build):
    sc = build.scenario(build.session("a"), build.session("b", same_day_as=["a"]))
    assert build.check(sc, {"a": "d2 10:00", "b": "d2 15:00"}).ok
    report = build.check(sc, {"a": "d2 10:00", "b": "d1 15:00"})
    assert build.broken(report) == {"same-day"}
    assert "must be on the same day as 'Сессия a'" in report.violations[0].message


def test_not_parallel(build):
    sc = build.scenario(build.session("a"), build.session("b", not_parallel_with=["a"]))
    assert build.check(sc, {"a": "10:00 @big", "b": "11:00 @small"}).ok
    report = build.check(sc, {"a": "10:00 @big", "b": "10:30 @small"})
    assert build.broken(report) == {"not-parallel"}


def test_series_meetings_on_different_days(build):
    sc = build.scenario(build.session("cop", instrument="community-of-practice",
                                      repeat={"count": 2}, people={"coordinator": ["aigul"]}))
    assert build.check(sc, {"cop#1": "10:00", "cop#2": "d2 10:00"}).ok
    report = build.check(sc, {"cop#1": "10:00", "cop#2": "d1 14:00"})
    assert build.broken(report) == {"series"}
    assert "are both on 2024-05-06" in report.violations[0].message


def test_series_meetings_are_held_in_order(build):
    sc = build.scenario(build.session("cop", instrument="community-of-practice",
                                      repeat={"count": 2}, people={"coordinator": ["aigul"]}))
    report = build.check(sc, {"cop#1": "d2 10:00", "cop#2": "d1 10:00"})
    assert build.broken(report) == {"series"}
    assert "meeting 2 of the series 'cop'" in report.violations[0].message
    assert "held before meeting 1" in report.violations[0].message
