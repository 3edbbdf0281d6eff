"""The iCal exporter: files, RFC 5545/5546/7986 properties, two parsers, UIDs, SEQUENCE."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from confsched_ical.export import export_ical
from exporthelp import BISHKEK, BISHKEK_SCHEDULE, FORUM, dropped, make_context, moved
from icalendar import Calendar
from icsparse import overlapping, parse_both

from scheduler.errors import InputError, UsageError
from scheduler.exporting import ExportContext
from scheduler.hookspecs import hookimpl
from scheduler.links import MeetingLink
from scheduler.plugins import get_plugin_manager
from scheduler.publishing.identity import session_uid, uid_prefix
from scheduler.publishing.sequence import STATE_FILE


def _calendar(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_text(encoding="utf-8"))


def _sequences(path: Path) -> dict[str, int]:
    return {str(e["UID"]): int(str(e["SEQUENCE"])) for e in _calendar(path).walk("VEVENT")}


def test_files_are_safe_unique_and_keep_cyrillic(forum: ExportContext, tmp_path: Path) -> None:
    written = export_ical(forum, tmp_path, {})
    names = sorted(str(p.relative_to(tmp_path)) for p in written)
    assert names == sorted([
        "programme.ics",
        "people/Анна-Иванова.ics", "people/анна-иванова-2.ics", "people/CON_.ics",
        "people/etc-passwd.ics", "people/Ольга-Петрова.ics", "people/John-Smith.ics",
        "rooms/Большой-зал.ics", "rooms/Зал-А-Б.ics", "rooms/dots.ics",
        "tracks/Финансирование.ics", "tracks/Партнёрство-сети.ics",
        "participants/Мария-Сидорова.ics", "participants/Мария-Сидорова-2.ics",
        "participants/r3.ics",
    ])
    for path in written:
        assert path.resolve().is_relative_to(tmp_path.resolve())
    assert not list(tmp_path.rglob("*.tmp")), "a temporary file was left behind"


def test_every_calendar_reads_the_same_with_two_parsers(forum: ExportContext,
                                                        tmp_path: Path) -> None:
    export_ical(forum, tmp_path, {})
    titles = {s.id: s.title for s in forum.schedule.sessions}
    for path in tmp_path.rglob("*.ics"):
        events = parse_both(path)
        assert events, path
    programme = parse_both(tmp_path / "programme.ics")
    # 6 sessions + 2 lunches, with their Cyrillic titles intact
    assert len(programme) == 8
    summaries = {p.summary for p in programme}
    assert set(titles.values()) | {"Обед"} == summaries
    assert "Практикум «Заявка на грант»" in summaries


def test_people_and_rooms_calendars_hold_their_sessions_and_never_overlap(
        forum: ExportContext, tmp_path: Path) -> None:
    export_ical(forum, tmp_path, {})
    name = forum.scenario.event.name
    olga = parse_both(tmp_path / "people" / "Ольга-Петрова.ics")
    assert {p.uid for p in olga} == {session_uid(name, "online-1"), session_uid(name, "talk-1")}
    con = parse_both(tmp_path / "people" / "CON_.ics")
    assert {p.uid for p in con} == {session_uid(name, "circle#1"), session_uid(name, "circle#2")}
    for folder in ("people", "rooms"):
        for path in (tmp_path / folder).glob("*.ics"):
            assert overlapping(parse_both(path)) == [], path
    # a registration sees the meetings of the series it asked for
    maria = parse_both(tmp_path / "participants" / "Мария-Сидорова.ics")
    assert {p.uid for p in maria} == {session_uid(name, s)
                                      for s in ("lecture-1", "circle#1", "circle#2")}


def test_an_overlap_in_a_broken_schedule_is_seen(forum: ExportContext, tmp_path: Path) -> None:
    """The overlap check of the test above can fail: an impossible schedule shows it."""
    clash = moved(forum.schedule, "talk-1", "14:00", "14:30")
    data = clash.to_data()
    for item in data["sessions"]:
        if item["id"] == "talk-1":
            item["day"] = "2025-12-22"
            item["people"] = {"speaker": ["con"]}
    export_ical(make_context(FORUM, type(clash).model_validate(data)), tmp_path, {})
    assert overlapping(parse_both(tmp_path / "people" / "CON_.ics"))


def test_rfc_properties(bishkek: ExportContext, tmp_path: Path) -> None:
    export_ical(bishkek, tmp_path, {})
    calendar = _calendar(tmp_path / "programme.ics")
    name = bishkek.scenario.event.name
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == name and str(calendar["NAME"]) == name
    tzids = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    assert tzids == {"Asia/Bishkek"}
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 8 + 3
    for event in events:
        assert "ATTENDEE" not in event
        assert str(event["ORGANIZER"]) == "mailto:accelerator@example.org"
        assert event["ORGANIZER"].params["CN"] == "Акселератор онлайн сообществ"
        assert event.decoded("DTSTAMP").tzinfo is not None
        assert event["DTSTART"].params["TZID"] == "Asia/Bishkek"
        assert str(event["UID"]).startswith(uid_prefix(name))
    by_summary: dict[str, Any] = {str(e["SUMMARY"]): e for e in events}
    session_1 = by_summary[bishkek.schedule.session("session-1").title]
    assert str(session_1["LOCATION"]) == "Конференц-зал «Европа»"
    assert [str(c) for c in session_1["CATEGORIES"].cats] == ["Основная программа",
                                                               "Семинар-практикум"]
    description = str(session_1["DESCRIPTION"])
    assert "Фасилитатор: Фасилитатор дизайн-мышления" in description
    assert "Идентификатор конференции: 000 0000 0000" in description
    conference = session_1["CONFERENCE"]
    assert str(conference) == "https://us02web.zoom.us/j/00000000000"
    assert conference.params["VALUE"] == "URI"
    assert conference.params["FEATURE"] == ["AUDIO", "VIDEO"]
    assert "accel2022" in conference.params["LABEL"]
    assert str(session_1["URL"]) == "https://us02web.zoom.us/j/00000000000"
    opening = by_summary[bishkek.schedule.session("opening").title]
    assert "Спикеры: Представитель Правительства КР" in str(opening["DESCRIPTION"])
    dinner = by_summary["Ужин"]  # in person: no link
    assert "CONFERENCE" not in dinner and "URL" not in dinner
    lunch = by_summary["Обед"]
    assert [str(c) for c in lunch["CATEGORIES"].cats] == ["break"]
    assert str(lunch["DESCRIPTION"]) == "Перерыв: обед"
    assert calendar.decoded("REFRESH-INTERVAL").total_seconds() == 3600
    assert dinner.decoded("DTSTART").isoformat() == "2022-06-07T18:00:00+06:00"
    # breaks are in the programme only
    room = _calendar(tmp_path / "rooms" / "Конференц-зал-Европа.ics")
    assert "Обед" not in {str(e["SUMMARY"]) for e in room.walk("VEVENT")}


def test_online_session_has_online_location_and_its_own_link(forum: ExportContext,
                                                             tmp_path: Path) -> None:
    export_ical(forum, tmp_path, {})
    events = {str(e["UID"]): e for e in _calendar(tmp_path / "programme.ics").walk("VEVENT")}
    online = events[session_uid(forum.scenario.event.name, "online-1")]
    assert str(online["LOCATION"]) == "Онлайн"
    assert str(online["CONFERENCE"]) == "https://meet.example.org/consult"
    hybrid = events[session_uid(forum.scenario.event.name, "lecture-1")]
    assert str(hybrid["CONFERENCE"]) == "https://meet.example.org/big"  # the room's meeting


def test_uids_stable_and_sequence_grows_only_when_a_session_moves(
        bishkek: ExportContext, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    export_ical(bishkek, first, {})
    export_ical(bishkek, second, {})
    assert _sequences(first / "programme.ics") == _sequences(second / "programme.ics")
    export_ical(bishkek, first, {})  # again into the same folder: nothing moved
    start = _sequences(first / "programme.ics")
    assert set(start.values()) == {0}

    uid = session_uid(bishkek.scenario.event.name, "session-4")
    later = moved(bishkek.schedule, "session-4", "16:05", "17:35")
    export_ical(make_context(BISHKEK, later), first, {})
    after = _sequences(first / "programme.ics")
    assert set(after) == set(start)
    assert after[uid] == 1
    assert {u: s for u, s in after.items() if u != uid} == {u: 0 for u in start if u != uid}
    # the same session has the same SEQUENCE in every calendar it is in
    assert _sequences(first / "people" / "Модератор-церемонии.ics")[uid] == 1
    export_ical(make_context(BISHKEK, later), first, {})
    assert _sequences(first / "programme.ics")[uid] == 1
    export_ical(bishkek, first, {})  # moved back: a move again
    assert _sequences(first / "programme.ics")[uid] == 2
    state = json.loads((first / STATE_FILE).read_text(encoding="utf-8"))
    assert state["entries"][uid]["sequence"] == 2


def test_calendars_no_longer_needed_are_removed(forum: ExportContext, tmp_path: Path) -> None:
    """A calendar whose only session was dropped keeps it, cancelled (issue 14 item 6);
    files this exporter did not write are never touched."""
    export_ical(forum, tmp_path, {})
    mine = tmp_path / "people" / "notes.ics"
    mine.write_text("not ours", encoding="utf-8")
    assert (tmp_path / "people" / "etc-passwd.ics").exists()
    export_ical(make_context(FORUM, dropped(forum.schedule, "talk-1")), tmp_path, {})
    only = Calendar.from_ical((tmp_path / "people" / "etc-passwd.ics").read_bytes())
    assert [str(e["STATUS"]) for e in only.walk("VEVENT")] == ["CANCELLED"]
    assert (tmp_path / "people" / "Ольга-Петрова.ics").exists()
    assert mine.read_text(encoding="utf-8") == "not ours"
    state = json.loads((tmp_path / STATE_FILE).read_text(encoding="utf-8"))
    state["files"].append("people/old-name.ics")
    (tmp_path / STATE_FILE).write_text(json.dumps(state), encoding="utf-8")
    (tmp_path / "people" / "old-name.ics").write_text("BEGIN:VCALENDAR", encoding="utf-8")
    export_ical(forum, tmp_path, {})  # a calendar written before and no longer produced
    assert not (tmp_path / "people" / "old-name.ics").exists()


def test_broken_state_file_is_a_clear_error(bishkek: ExportContext, tmp_path: Path) -> None:
    (tmp_path / STATE_FILE).write_text("{broken", encoding="utf-8")
    with pytest.raises(InputError) as info:
        export_ical(bishkek, tmp_path, {})
    message = str(info.value)
    assert STATE_FILE in message and ":1:2" in message and "delete it" in message


def test_output_that_is_a_file_is_refused(bishkek: ExportContext, tmp_path: Path) -> None:
    target = tmp_path / "out.ics"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(UsageError, match="is a file"):
        export_ical(bishkek, target, {})


class _FakeZoom:
    """A plugin that provides a meeting link for one session, as the Zoom plugin does."""

    @hookimpl
    def session_links(self, context: ExportContext) -> dict[str, MeetingLink]:
        return {"session-2": MeetingLink("https://zoom.example.org/j/42", "42", "Пароль",
                                         provider="zoom")}


def test_links_from_plugins_win(tmp_path: Path) -> None:
    manager = get_plugin_manager()
    plugin = _FakeZoom()
    manager.register(plugin, name="fake-zoom-for-test")
    try:
        context = make_context(BISHKEK, BISHKEK_SCHEDULE)
        export_ical(context, tmp_path, {})
    finally:
        manager.unregister(plugin)
    events = {str(e["SUMMARY"]): e for e in _calendar(tmp_path / "programme.ics").walk("VEVENT")}
    session_2 = events[context.schedule.session("session-2").title]
    assert str(session_2["CONFERENCE"]) == "https://zoom.example.org/j/42"
    assert session_2["CONFERENCE"].params["LABEL"].startswith("Zoom; ")
    assert "Код доступа: Пароль" in str(session_2["DESCRIPTION"])
    session_1 = events[context.schedule.session("session-1").title]
    assert str(session_1["CONFERENCE"]) == "https://us02web.zoom.us/j/00000000000"


def test_an_error_while_building_leaves_the_folder_as_it_was(
        bishkek: ExportContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every calendar is built before the first is written: a failure in the last one
    changes no file of the earlier export, and writes no new one."""
    export_ical(bishkek, tmp_path, {})
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    calendars = len([p for p in before if p.suffix == ".ics"])
    from scheduler.publishing.calendar import CalendarWriter

    real = CalendarWriter.to_ical
    built: list[str] = []

    def fails_on_the_last(writer: CalendarWriter, name: str, *args: Any) -> Any:
        built.append(name)
        if len(built) == calendars:
            raise RuntimeError("the last calendar cannot be built")
        return real(writer, name, *args)

    monkeypatch.setattr(CalendarWriter, "to_ical", fails_on_the_last)
    later = moved(bishkek.schedule, "session-4", "16:05", "17:35")
    with pytest.raises(RuntimeError):
        export_ical(make_context(BISHKEK, later), tmp_path, {})
    assert len(built) == calendars > 2
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before


def test_another_event_in_the_same_folder_cancels_nothing_of_the_first(
        forum: ExportContext, bishkek: ExportContext, tmp_path: Path) -> None:
    """Two events exported into one folder (the default ``out``): the second's calendars
    showed every session of the first as cancelled, under the second's titles and rooms;
    and the file names the first gave its rooms' ids passed to the second's rooms."""
    export_ical(forum, tmp_path, {})
    export_ical(bishkek, tmp_path, {})
    prefix = uid_prefix(bishkek.scenario.event.name)
    for path in tmp_path.rglob("*.ics"):
        for event in _calendar(path).walk("VEVENT"):
            assert str(event["UID"]).startswith(prefix), path
            assert str(event["STATUS"]) == "CONFIRMED", (path, str(event["SUMMARY"]))
    rooms = {p.stem for p in (tmp_path / "rooms").glob("*.ics")}
    assert rooms == {"Конференц-зал-Европа", "Ресторан-отеля"}
    export_ical(bishkek, tmp_path, {})  # the state is the second event's now: as usual
    assert {p.stem for p in (tmp_path / "rooms").glob("*.ics")} == rooms


def test_a_state_naming_one_file_twice_still_gives_each_calendar_its_own(
        forum: ExportContext, tmp_path: Path) -> None:
    """The state remembers each id's file; a hand-edited state that gives two people one
    file must not make one calendar overwrite the other."""
    export_ical(forum, tmp_path, {})
    state = json.loads((tmp_path / STATE_FILE).read_text(encoding="utf-8"))
    state["names"]["people/olga"] = state["names"]["people/anna1"]
    (tmp_path / STATE_FILE).write_text(json.dumps(state), encoding="utf-8")
    before = sorted(p.name for p in (tmp_path / "people").glob("*.ics"))
    export_ical(forum, tmp_path, {})
    after = json.loads((tmp_path / STATE_FILE).read_text(encoding="utf-8"))["names"]
    assert after["people/olga"] != after["people/anna1"]
    assert sorted(p.name for p in (tmp_path / "people").glob("*.ics")) == before
