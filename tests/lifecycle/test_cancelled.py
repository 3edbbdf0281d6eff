"""A session published and then dropped is published as cancelled, with a raised
SEQUENCE, in iCal files and on CalDAV; not silently removed (issue 14, item 6)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from caldav.davclient import DAVClient
from confsched_caldav.connect import PASSWORD_VAR, USERNAME_VAR, with_principal
from confsched_caldav.publish import publish
from confsched_ical.export import export_ical
from exporthelp import BISHKEK, BISHKEK_SCHEDULE, make_context
from icalendar import Calendar
from icsparse import in_deep_stack, parse_ics_library

from scheduler.exporting import ExportContext
from scheduler.publishing.identity import session_uid
from scheduler.schedule import Schedule, load_schedule

DROPPED = "session-4"


def without(schedule: Schedule, session_id: str) -> Schedule:
    """``schedule`` re-solved without one session: gone from sessions, listed as dropped."""
    data = schedule.to_data()
    data["sessions"] = [s for s in data["sessions"] if s["id"] != session_id]
    data["dropped"] = [*data["dropped"], session_id]
    return Schedule.model_validate(data)


def contexts() -> tuple[ExportContext, ExportContext]:
    published = load_schedule(BISHKEK_SCHEDULE)
    return make_context(BISHKEK, published), make_context(BISHKEK, without(published, DROPPED))


def states(path: Path) -> dict[str, tuple[str, int, str]]:
    """UID -> (STATUS, SEQUENCE, SUMMARY), read by icalendar and checked against ``ics``."""
    text = path.read_text("utf-8")
    first = {str(e["UID"]): (str(e["STATUS"]), int(str(e["SEQUENCE"])), str(e["SUMMARY"]))
             for e in Calendar.from_ical(text).walk("VEVENT")}
    assert read_with_ics(text) == first, path
    assert len(parse_ics_library(text)) == len(first)
    return first


def read_with_ics(text: str) -> dict[str, tuple[str, int, str]]:
    """The same, read by the ``ics`` package (in a thread with a large stack: see icsparse)."""
    import ics

    def read() -> dict[str, tuple[str, int, str]]:
        out = {}
        for event in ics.Calendar(text).events:
            sequence = next(int(x.value) for x in event.extra if x.name == "SEQUENCE")
            out[event.uid] = (str(event.status), sequence, str(event.name))
        return out

    return in_deep_stack(read)


def test_ical_publishes_a_dropped_session_as_cancelled(tmp_path: Path) -> None:
    before, after = contexts()
    uid = session_uid(before.scenario.event.name, DROPPED)
    export_ical(before, tmp_path, {})
    assert states(tmp_path / "programme.ics")[uid][:2] == ("CONFIRMED", 0)
    people = [p for p in (tmp_path / "people").glob("*.ics") if uid in p.read_text("utf-8")]
    assert people

    export_ical(after, tmp_path, {})
    status, sequence, summary = states(tmp_path / "programme.ics")[uid]
    assert (status, sequence) == ("CANCELLED", 1)
    assert summary == before.scenario.session(DROPPED).title
    others = {u: s for u, s in states(tmp_path / "programme.ics").items() if u != uid}
    assert {s[:2] for s in others.values()} == {("CONFIRMED", 0)}
    for person in people:  # every calendar it was in says so
        assert states(person)[uid][:2] == ("CANCELLED", 1)

    export_ical(after, tmp_path, {})  # again: still cancelled, SEQUENCE not raised again
    assert states(tmp_path / "programme.ics")[uid][:2] == ("CANCELLED", 1)

    export_ical(before, tmp_path, {})  # it is back
    assert states(tmp_path / "programme.ics")[uid][:2] == ("CONFIRMED", 2)


@pytest.fixture
def login(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(USERNAME_VAR, "alice")
    monkeypatch.setenv(PASSWORD_VAR, "s3cret")


def _server(url: str, name: str) -> dict[str, Any]:
    client = DAVClient(url=url, username="alice", password="s3cret")
    try:
        [found] = [c for c in client.principal().calendars() if c.get_display_name() == name]
        return {str(r.icalendar_component["UID"]): r.icalendar_component
                for r in found.events()}
    finally:
        client.close()


def test_caldav_keeps_a_dropped_session_as_cancelled(radicale: str, login: None) -> None:
    before, after = contexts()
    uid = session_uid(before.scenario.event.name, DROPPED)
    name = "Бишкек — отмены"

    def run(context: ExportContext) -> Any:
        return with_principal(radicale, lambda p: publish(context, p, name, False))

    run(before)
    report = run(after)
    assert report.cancelled == [uid] and not report.deleted
    event = _server(radicale, name)[uid]
    assert (str(event["STATUS"]), int(event["SEQUENCE"])) == ("CANCELLED", 1)
    again = run(after)
    assert uid in again.unchanged and not again.cancelled
    assert int(_server(radicale, name)[uid]["SEQUENCE"]) == 1
    back = run(before)
    assert back.updated == [uid]
    event = _server(radicale, name)[uid]
    assert (str(event["STATUS"]), int(event["SEQUENCE"])) == ("CONFIRMED", 2)
