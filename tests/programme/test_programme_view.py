"""The programme data: what is placed where, labels, links, lanes."""

from __future__ import annotations

import datetime as dt

import pytest

from scheduler.errors import ConfschedError
from scheduler.exporting import ExportContext
from scheduler.publishing import programme_labels as L
from scheduler.publishing.view import ONLINE_COLUMN, build_programme, normalise_color
from scheduler.scenario import Scenario
from scheduler.schedule import Schedule, ScheduledSession, SolveStatus


def test_bishkek_day_has_every_session_and_break_in_time_order(
    bishkek_context: ExportContext,
) -> None:
    data = build_programme(bishkek_context)
    assert data["lang"] == "ru"
    assert [d["date"] for d in data["days"]] == ["2022-06-07"]
    day = data["days"][0]
    sessions = [it for it in day["items"] if it["kind"] == "session"]
    breaks = [it for it in day["items"] if it["kind"] == "break"]
    assert {it["id"] for it in sessions} == {s.id for s in bishkek_context.scenario.sessions}
    assert [b["title"] for b in breaks] == ["Групповое фото и кофе-брейк", "Обед", "Кофе-брейк"]
    starts = [it["start"] for it in day["items"]]
    assert starts == sorted(starts)
    assert [c["id"] for c in day["columns"]] == ["hall", "restaurant"]
    assert day["label"] == "7 июня 2022 г., вторник"
    assert day["grid"] == [9 * 60, 20 * 60]


def test_people_roles_and_names_are_labelled_in_russian(bishkek_context: ExportContext) -> None:
    data = build_programme(bishkek_context)
    opening = next(it for it in data["days"][0]["items"] if it["id"] == "opening")
    assert opening["people"][0] == {"role": "facilitator", "label": "Фасилитатор",
                                    "names": ["Модератор церемонии"]}
    speakers = opening["people"][1]
    assert speakers["label"] == "Спикеры"
    assert "Представитель ПРООН (ПРООН)" in speakers["names"]
    assert opening["format_label"] == "смешанный (онлайн и офлайн)"
    assert opening["instrument_label"] == "Открытие"


def test_hybrid_sessions_carry_the_event_meeting_and_the_cover_shows_it(
    bishkek_context: ExportContext,
) -> None:
    data = build_programme(bishkek_context)
    items = {it["id"]: it for it in data["days"][0]["items"]}
    assert items["session-1"]["link"] == {"url": "https://us02web.zoom.us/j/00000000000",
                                          "id": "000 0000 0000", "passcode": "accel2022"}
    assert items["dinner"]["link"] is None  # in person
    assert data["connection"]["shared"] is True
    assert data["connection"]["passcode"] == "accel2022"
    assert data["event"]["format"] == "смешанный (онлайн и офлайн)"
    assert data["event"]["hours"] == "09:30 – 20:00"


def test_english_labels_when_asked(bishkek: Scenario, bishkek_schedule: Schedule) -> None:
    data = build_programme(ExportContext(scenario=bishkek, schedule=bishkek_schedule, lang="en"))
    assert data["labels"]["passcode"] == "Passcode"
    assert data["days"][0]["label"] == "Tuesday, 7 June 2022"
    # Titles come from the scenario and stay as written.
    assert any(it["title"] == "Обед" for it in data["days"][0]["items"])


def test_unknown_language_falls_back_to_english() -> None:
    assert L.language("de") == "en"
    assert L.language("ru-KG") == "ru"
    assert L.role_label("jury", 3, "ru") == "Жюри"
    assert L.role_label("sound-engineer", 1, "en") == "Sound engineer"


def test_date_ranges() -> None:
    assert L.date_range_label(dt.date(2025, 12, 22), dt.date(2025, 12, 25), "ru") == \
        "22–25 декабря 2025 г."
    assert L.date_range_label(dt.date(2025, 11, 30), dt.date(2025, 12, 2), "en") == \
        "30 November – 2 December 2025"


def test_short_dates_for_day_tabs() -> None:
    saturday, sunday = dt.date(2022, 12, 24), dt.date(2022, 12, 25)
    assert L.short_date_label(saturday, "ru") == "сб, 24 декабря"
    assert L.short_date_label(sunday, "ru") == "вс, 25 декабря"
    assert L.short_date_label(dt.date(2022, 12, 22), "ru") == "чт, 22 декабря"
    assert L.short_date_label(saturday, "en") == "Sat 24 December"


def test_colours_are_normalised_or_rejected() -> None:
    assert normalise_color("#abc") == "#AABBCC"
    assert normalise_color("0072b2") == "#0072B2"
    assert normalise_color("red") is None
    assert normalise_color('#00"); panic("x') is None


def test_big_event_has_twelve_columns_and_track_colours(big_context: ExportContext) -> None:
    data = build_programme(big_context)
    assert len(data["days"]) == 3
    for day in data["days"]:
        assert len(day["columns"]) == 12
        assert len([it for it in day["items"] if it["kind"] == "session"]) == 48
    assert [t["color"] for t in data["tracks"]] == ["#0072B2", "#E69F00", "#009E73", "#CC79A7"]


def _online(sid: str, start: int, end: int) -> ScheduledSession:
    return ScheduledSession(id=sid, title=sid, instrument="talk", day=dt.date(2022, 6, 7),
                            start=start, end=end, room=None, format="online")


def test_overlapping_online_sessions_get_side_by_side_lanes(bishkek: Scenario) -> None:
    schedule = Schedule(event="x", timezone="Asia/Bishkek", status=SolveStatus.FEASIBLE,
                        sessions=[_online("a", 600, 660), _online("b", 630, 690),
                                  _online("c", 700, 730), _online("d", 660, 700)])
    data = build_programme(ExportContext(scenario=bishkek, schedule=schedule))
    day = data["days"][0]
    assert [c["id"] for c in day["columns"]] == [ONLINE_COLUMN]
    lanes = {it["id"]: (it["lane"], it["lanes"]) for it in day["items"]}
    # a and b overlap; d starts when a ends, so it reuses lane 0; c is alone.
    assert lanes == {"a": (0, 2), "b": (1, 2), "d": (0, 2), "c": (0, 1)}


def test_a_schedule_without_timetable_is_refused(bishkek: Scenario) -> None:
    empty = Schedule(event="x", timezone="UTC", status=SolveStatus.INFEASIBLE)
    with pytest.raises(ConfschedError, match="infeasible"):
        build_programme(ExportContext(scenario=bishkek, schedule=empty))


def test_a_session_ending_before_it_starts_is_refused(bishkek: Scenario) -> None:
    schedule = Schedule(event="x", timezone="Asia/Bishkek", status=SolveStatus.FEASIBLE,
                        sessions=[_online("backwards", 700, 640)])
    with pytest.raises(ConfschedError, match=r"'backwards' on 2022-06-07 ends \(10:40\)"):
        build_programme(ExportContext(scenario=bishkek, schedule=schedule))
