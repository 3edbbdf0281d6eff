"""An odd but valid pretalx event, served by a stand-in of its API (no pretalx needed).

Found by life3 importing as an outsider: a speaker who gave no availability (pretalx's
CfP makes it optional, and its own scheduler then takes them as available throughout)
was written `available: []`, "available nowhere", and the whole import was refused; a
workshop without a speaker became a talk, and a slot with a time but no room was left
unpinned, both without a word.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from confsched_pretalx.client import PretalxClient, PretalxError
from confsched_pretalx.importer import scenario_data

from scheduler.importing.instruments import instrument_table
from scheduler.importing.output import scenario_yaml, write_imported
from scheduler.scenario import load_scenario

EVENT = {"name": {"ru": "Осенний митап", "en": "Autumn meetup"}, "slug": "dst",
         "locale": "ru", "timezone": "Europe/Berlin", "date_from": "2025-10-25",
         "date_to": "2025-10-26"}  # the clocks go back in the night between
ROOMS: list[dict[str, Any]] = [{"id": 1, "name": {"ru": "Зал «Юг»"}, "capacity": 50,
                                "availabilities": [
    {"start": "2025-10-25T09:00:00+02:00", "end": "2025-10-25T20:00:00+02:00"},
    {"start": "2025-10-26T09:00:00+01:00", "end": "2025-10-26T20:00:00+01:00"}]}]
TRACKS = [{"id": 5, "name": {"ru": "Пустой трек"}}, {"id": 6, "name": {"ru": "Доклады"}}]
TYPES: list[dict[str, Any]] = [{"id": 1, "name": {"ru": "Workshop"}, "default_duration": 90},
         {"id": 2, "name": {"ru": "Talk"}, "default_duration": 30}]
SPEAKERS: list[dict[str, Any]] = [{"code": "AAA", "name": "Анна Ёлкина", "availabilities": [
                {"start": "2025-10-26T10:00:00+01:00", "end": "2025-10-26T18:00:00+01:00"}]},
            {"code": "BBB", "name": "Борис", "availabilities": []}]
SUBMISSIONS: list[dict[str, Any]] = [
    {"code": "S1", "title": "После перевода часов", "speakers": ["AAA"], "submission_type": 2,
     "track": 6},
    {"code": "S2", "title": "Воркшоп без ведущего", "speakers": [], "submission_type": 1},
    {"code": "S3", "title": "Без зала", "speakers": ["BBB"], "submission_type": 2}]
SLOTS: list[dict[str, Any]] = [
    {"id": 11, "submission": "S1", "room": 1, "start": "2025-10-26T10:00:00+01:00"},
    {"id": 12, "submission": "S3", "room": None, "start": "2025-10-25T11:00:00+02:00"}]


def _page(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"count": len(items), "next": None, "results": items}


def _serve(request: httpx.Request) -> httpx.Response:
    answers: dict[str, Any] = {
        "/": EVENT, "/rooms/": _page(ROOMS), "/tracks/": _page(TRACKS),
        "/submission-types/": _page(TYPES), "/speakers/": _page(SPEAKERS),
        "/submissions/": _page(SUBMISSIONS), "/schedules/": _page([{"id": 9, "version": None}]),
        "/slots/": _page(SLOTS)}
    found = answers.get(request.url.path.removeprefix("/api/events/dst"))
    return httpx.Response(404 if found is None else 200, json=found)


def test_an_odd_event_imports_and_says_what_it_assumed(tmp_path: Path) -> None:
    notes: list[str] = []
    with PretalxClient("http://pretalx.test", "dst", "token",
                       transport=httpx.MockTransport(_serve)) as client:
        data = scenario_data(client, False, instrument_table(()), notes)
    out = tmp_path / "dst.yaml"
    write_imported(scenario_yaml(data, "test"), out, source="test", what="the event",
                   hint="-", notes=[])
    scenario = load_scenario(out)
    people = {p.id: p for p in scenario.people}
    assert people["BBB"].available is None and people["AAA"].available  # throughout; stated
    sessions = {s.id: s for s in scenario.sessions}
    assert sessions["S1"].pin is not None and sessions["S1"].pin.start == 10 * 60
    assert sessions["S3"].pin is None and sessions["S2"].instrument == "talk"
    assert [t.name for t in scenario.tracks] == ["Пустой трек", "Доклады"]
    said = "\n".join(notes)
    assert "gave no availability within the event's days (Борис)" in said
    assert "S2 is a Workshop without a speaker" in said
    assert "S3 has a time but no room" in said


@pytest.mark.parametrize(("answer", "said"), [
    (httpx.Response(200, text="<html>Sign in</html>", headers={"content-type": "text/html"}),
     "answered text/html, not pretalx's JSON API"),
    (httpx.Response(200, json={"name": "x"}), "not shaped as its API documents (KeyError"),
])
def test_a_server_that_is_not_pretalx_is_named_not_a_crash(answer: httpx.Response,
                                                           said: str) -> None:
    """Found by life3: an HTML page (a login proxy, --url of a page) or an answer of
    another shape ended in "internal error ... a bug in confsched"."""
    transport = httpx.MockTransport(lambda request: answer)
    with (PretalxClient("http://pretalx.test", "dst", "token", transport=transport) as client,
          pytest.raises(PretalxError, match=said.replace("(", r"\("))):
        scenario_data(client, False, instrument_table(()), [])
