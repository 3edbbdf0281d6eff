"""The CalDAV publisher against a real Radicale server on loopback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from caldav.davclient import DAVClient
from confsched_caldav.connect import PASSWORD_VAR, USERNAME_VAR, with_principal
from confsched_caldav.publish import PublishReport, publish
from exporthelp import FORUM, FORUM_SCHEDULE, dropped, make_context, moved

from scheduler.errors import ConfschedError, UsageError
from scheduler.exporting import ExportContext
from scheduler.publishing.identity import session_uid, uid_prefix
from scheduler.scenario import load_scenario

FOREIGN = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//someone else//EN
BEGIN:VEVENT
UID:someone-else-1@example.org
DTSTAMP:20251201T000000Z
DTSTART:20251222T060000Z
DTEND:20251222T070000Z
SUMMARY:Чужое событие
END:VEVENT
END:VCALENDAR
"""


@pytest.fixture
def login(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(USERNAME_VAR, "alice")
    monkeypatch.setenv(PASSWORD_VAR, "s3cret")


def _server_events(url: str, calendar: str) -> dict[str, Any]:
    """UID -> VEVENT of a calendar, read with a separate client."""
    client = DAVClient(url=url, username="alice", password="s3cret")
    try:
        for found in client.principal().calendars():
            if found.get_display_name() == calendar:
                out = {}
                for resource in found.events():
                    component = resource.icalendar_component
                    assert str(component["UID"]) not in out, "two copies of one event"
                    out[str(component["UID"])] = component
                return out
    finally:
        client.close()
    raise AssertionError(f"no calendar {calendar!r}")


def _publish(url: str, context: ExportContext, name: str,
             per_track: bool = False) -> PublishReport:
    return with_principal(url, lambda p: publish(context, p, name, per_track))


def test_publish_is_idempotent_updates_moves_and_deletes_drops(
        radicale: str, login: None, forum: ExportContext) -> None:
    name = "Форум — тест 1"
    first = _publish(radicale, forum, name)
    assert len(first.created) == 8 and not first.updated and not first.deleted
    events = _server_events(radicale, name)
    assert len(events) == 8
    assert {str(e["SUMMARY"]) for e in events.values()} >= {"Практикум «Заявка на грант»"}

    again = _publish(radicale, forum, name)
    assert len(again.unchanged) == 8 and not again.created and not again.updated
    assert _server_events(radicale, name).keys() == events.keys()

    # a foreign event on the same calendar is never touched
    client = DAVClient(url=radicale, username="alice", password="s3cret")
    [calendar] = [c for c in client.principal().calendars() if c.get_display_name() == name]
    calendar.save_event(FOREIGN)
    client.close()

    event_name = forum.scenario.event.name
    uid = session_uid(event_name, "talk-1")
    later = moved(forum.schedule, "talk-1", "12:00", "12:30")
    report = _publish(radicale, make_context(FORUM, later), name)
    assert report.updated == [uid] and not report.created and not report.deleted
    events = _server_events(radicale, name)
    assert len(events) == 9
    assert int(events[uid]["SEQUENCE"]) == 1
    assert events[uid].decoded("DTSTART").isoformat() == "2025-12-23T12:00:00+03:00"

    gone = session_uid(event_name, "online-1")
    report = _publish(radicale, make_context(FORUM, dropped(later, "online-1")), name)
    assert report.cancelled == [gone] and not report.deleted  # issue 14 item 6
    events = _server_events(radicale, name)
    assert str(events[gone]["STATUS"]) == "CANCELLED" and int(events[gone]["SEQUENCE"]) == 1
    assert "someone-else-1@example.org" in events
    assert len([u for u in events if u.startswith(uid_prefix(event_name))]) == 8
    assert int(events[uid]["SEQUENCE"]) == 1  # not moved again


def test_per_track_calendars(radicale: str, login: None, forum: ExportContext) -> None:
    name = "Форум — тест 2"
    report = _publish(radicale, forum, name, per_track=True)
    assert report.calendars == [name, f"{name} — Финансирование", f"{name} — Партнёрство/сети"]
    main = _server_events(radicale, name)
    money = _server_events(radicale, f"{name} — Финансирование")
    event_name = forum.scenario.event.name
    assert set(money) == {session_uid(event_name, "lecture-1"),
                          session_uid(event_name, "workshop-1")}
    assert session_uid(event_name, "online-1") in main  # no track: the main calendar
    assert len(main) == 3  # the online session and two lunches
    assert len(_publish(radicale, forum, name, per_track=True).unchanged) == 8


def test_wrong_password_is_a_clear_error(radicale: str, forum: ExportContext,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(USERNAME_VAR, "alice")
    monkeypatch.setenv(PASSWORD_VAR, "wrong-секрет")
    with pytest.raises(ConfschedError) as info:
        _publish(radicale, forum, "x")
    message = str(info.value)
    assert "refused the login" in message and "alice" in message
    assert "wrong-секрет" not in message


def test_unreachable_server_and_bad_urls(forum: ExportContext, login: None) -> None:
    with pytest.raises(ConfschedError, match="cannot reach"):
        _publish("http://127.0.0.1:9/", forum, "x")
    with pytest.raises(UsageError, match="remove them from the URL"):
        _publish("http://alice:s3cret@127.0.0.1:9/", forum, "x")
    with pytest.raises(UsageError, match="http"):
        _publish("ftp://127.0.0.1/", forum, "x")


def test_cli_publishes_twice_without_duplicates(radicale: str, login: None) -> None:
    from click.testing import CliRunner

    from scheduler.cli import main

    args = ["export", "caldav", str(FORUM), str(FORUM_SCHEDULE), "--url", radicale,
            "--calendar", "Форум через CLI"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert "8 created, 0 updated, 0 unchanged, 0 deleted" in first.stdout
    second = CliRunner().invoke(main, args)
    assert second.exit_code == 0, second.output
    assert "0 created, 0 updated, 8 unchanged, 0 deleted" in second.stdout
    assert len(_server_events(radicale, "Форум через CLI")) == 8


def test_a_renamed_event_with_its_old_name_as_id_keeps_its_calendars(
        radicale: str, login: None, tmp_path: Path) -> None:
    """Renamed after publishing, the old name kept as ``id:`` (what the refusal says): the
    calendars of the old name are taken over and renamed, never made again beside them;
    and an event whose id is a slug finds its calendars by their URL after a rename."""
    from click.testing import CliRunner

    from scheduler.cli import main

    text = FORUM.read_text("utf-8")
    old = load_scenario(FORUM).event.name
    renamed = tmp_path / "renamed.yaml"
    renamed.write_text(text.replace(f"  name: {old}\n", f"  name: {old} (2)\n  id: {old}\n"),
                       "utf-8")
    for scenario in (FORUM, renamed):
        result = CliRunner().invoke(main, ["export", "caldav", str(scenario),
                                           str(FORUM_SCHEDULE), "--url", radicale,
                                           "--per-track"])
        assert result.exit_code == 0, result.output
    assert "0 created" in result.stdout and "0 cancelled" in result.stdout, result.stdout
    client = DAVClient(url=radicale, username="alice", password="s3cret")
    names = [c.get_display_name() for c in client.principal().calendars()]
    client.close()
    assert not [n for n in names if n == old or n.startswith(f"{old} — ")], names
    assert len(_server_events(radicale, f"{old} (2) — Финансирование")) == 2

    # An event with an id of its own (a slug): its calendars are made at a URL from the id
    # and found there after any rename.
    schedule = tmp_path / "slug-schedule.yaml"
    schedule.write_text(FORUM_SCHEDULE.read_text("utf-8").replace(
        f"event: {old}\n", f"event: {old}\nevent_id: forum-slug\n", 1), "utf-8")
    for new_name in ("Форум с id", "Форум с id, переименованный"):
        renamed.write_text(text.replace(f"  name: {old}\n",
                                        f"  name: {new_name}\n  id: forum-slug\n"), "utf-8")
        result = CliRunner().invoke(main, ["export", "caldav", str(renamed), str(schedule),
                                           "--url", radicale, "--per-track"])
        assert result.exit_code == 0, result.output
    assert "0 created" in result.stdout and "0 cancelled" in result.stdout, result.stdout
    client = DAVClient(url=radicale, username="alice", password="s3cret")
    names = [c.get_display_name() for c in client.principal().calendars()]
    client.close()
    assert not [n for n in names if n.startswith("Форум с id —") or n == "Форум с id"], names
    assert len(_server_events(radicale, "Форум с id, переименованный — Финансирование")) == 2
