"""The life of a small hand-written event, as an outside organiser lives it (fast).

A two-day forum in Almaty (Cyrillic everywhere): pools of facilitators, brokers, jury and
coordinators, a workshop run twice that registrations choose, hybrid rooms, online
sessions under two licences, placed breaks, a speaker in Berlin. Solve, check, publish
(Zoom on the loopback look-alike, iCal, the web page with participants' calendars opted
in); then edit as organisers do: a typo fixed in a title, a person renamed, a session
removed, a hybrid session made in-person, a series shortened, a break window moved, a
room made smaller, a participant added; re-solve from the published schedule, check,
publish again into the same places (the web page now without participants' calendars).

What must hold afterwards, each found broken once:
- every calendar keeps its address: the renamed person's file stays (renamed inside), the
  room whose only session moved out is emptied, not deleted (a deleted file leaves the
  subscribers' copies stale);
- a participant's private web calendar holds the workshop run they were given;
- an export without ``--participant-calendars`` takes the private calendars down;
- plus what held already: meetings updated or deleted, never duplicated; dropped sessions
  cancelled with a raised SEQUENCE; no stale title; no secret in any file written.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from fakezoom import FakeZoom, start
from icalendar import Calendar
from zoomhelp import ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET, SECRETS

from scheduler.checker import check
from scheduler.cli import main
from scheduler.scenario import load_scenario
from scheduler.schedule import Schedule, load_schedule

FORUM = Path(__file__).resolve().parent / "data" / "forum.yaml"

EDITS = [  # (before, after): what the organiser changes after publishing
    ("Практикум по медиаплану", "Практикум по медиапланированию"),  # a typo in a title
    ("Дмитрий Ким", "Дмитрий Ли"),  # a person renamed (same id)
    ("  - {id: berlin, title: Лекция из Берлина о грантах ЕС, instrument: lecture, format: "
     "online, track: money, people: {speaker: [hans]}, participants: 40}\n", ""),  # removed
    ("after: [awards, jam, berlin]", "after: [awards, jam]"),
    ("sessions: [berlin], choices", "sessions: [opening], choices"),
    ("format: hybrid, track: money", "format: in-person, track: money"),  # hybrid -> in person
    ("participants: 20, rooms: [room-c]", "participants: 20"),  # the jam may leave room-c
    ("repeat: {count: 2}", "repeat: {count: 1}"),  # the series' second meeting cancelled
    ('window: ["12:30", "14:30"]', 'window: ["13:00", "15:00"]'),  # a break window moved
    ("capacity: 25, tags: [hybrid]", "capacity: 15, tags: [hybrid]"),  # room-c made smaller
    ("    - {id: r3,", "    - {id: r4, name: Асхат Жумабаев, sessions: [contest], "
     "choices: [media-ws]}\n    - {id: r3,"),  # a participant added
]
NAMES = ("Жанна Петрова", "Олжас Сейтказы", "Мария Иванова", "Асхат Жумабаев")


@dataclass
class Life:
    folder: Path
    zoom: FakeZoom
    published: Schedule
    resolved: Schedule
    first_meetings: dict[str, str]
    first_private: dict[str, set[str]]
    cancelled_private: dict[str, set[str]]
    outputs: dict[str, Result]


def cli(*args: str, env: dict[str, str] | None = None) -> Result:
    result = CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def events(path: Path) -> list[tuple[str, str, str, int]]:
    """(UID, SUMMARY, STATUS, SEQUENCE) of each VEVENT, in file order."""
    calendar = Calendar.from_ical(path.read_bytes())
    return [(str(e["UID"]), str(e["SUMMARY"]), str(e["STATUS"]), int(str(e["SEQUENCE"])))
            for e in calendar.walk("VEVENT")]


def private_calendars(site: Path, links: Path,
                      status: str = "CONFIRMED") -> dict[str, set[str]]:
    """Registration id -> the titles of that status in its private web calendar."""
    rows = links.read_text("utf-8-sig").splitlines()[1:]
    out = {}
    for row in rows:
        rid, *_, calendar = row.split(",")
        out[rid] = {summary for _, summary, each, _ in events(site / calendar)
                    if each == status}
    return out


@pytest.fixture(scope="module")
def life(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Life]:
    folder = tmp_path_factory.mktemp("forum")
    scenario = folder / "forum.yaml"
    scenario.write_text(FORUM.read_text("utf-8"), "utf-8")
    fake = FakeZoom(ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET)
    server, thread = start(fake)
    env = {"ZOOM_ACCOUNT_ID": ACCOUNT_ID, "ZOOM_CLIENT_ID": CLIENT_ID,
           "ZOOM_CLIENT_SECRET": CLIENT_SECRET, "ZOOM_API_URL": fake.base_url + "/v2",
           "ZOOM_OAUTH_URL": fake.base_url + "/oauth/token"}
    outputs: dict[str, Result] = {}
    monkey = pytest.MonkeyPatch()
    monkey.chdir(folder)
    try:
        cli("solve", "forum.yaml", "-o", "pub.yaml", "--time-limit", "20", "--workers", "1")
        outputs["zoom-first"] = cli("zoom", "sync", "forum.yaml", "pub.yaml", env=env)
        cli("export", "ical", "forum.yaml", "pub.yaml", "-o", "ical")
        cli("export", "web", "forum.yaml", "pub.yaml", "-o", "site",
            "--participant-calendars", "links.csv")
        first_meetings = {k: v["meeting_id"] for k, v in json.loads(
            (folder / "pub.yaml.zoom.json").read_text("utf-8"))["meetings"].items()}
        first_private = private_calendars(folder / "site", folder / "links.csv")

        text = scenario.read_text("utf-8")
        for before, after in EDITS:
            assert text.count(before) == 1, before
            text = text.replace(before, after)
        scenario.write_text(text, "utf-8")
        cli("solve", "forum.yaml", "--from", "pub.yaml", "-o", "new.yaml", "--time-limit",
            "20", "--workers", "1")
        outputs["zoom-second"] = cli("zoom", "sync", "forum.yaml", "new.yaml", env=env)
        cli("export", "ical", "forum.yaml", "new.yaml", "-o", "ical")
        cli("export", "web", "forum.yaml", "new.yaml", "-o", "site",
            "--participant-calendars", "links.csv")
        second_private = private_calendars(folder / "site", folder / "links.csv",
                                           "CANCELLED")
        cli("export", "web", "forum.yaml", "new.yaml", "-o", "site")  # no longer opted in
        yield Life(folder, fake, load_schedule(folder / "pub.yaml"),
                   load_schedule(folder / "new.yaml"), first_meetings, first_private,
                   second_private, outputs)
    finally:
        monkey.undo()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_both_schedules_are_checked(life: Life) -> None:
    first = load_scenario(life.folder / "forum.yaml")
    assert check(first, life.resolved).ok
    assert {"berlin", "cop#2"} <= {s.id for s in life.published.sessions}
    placed = {s.id: s for s in life.resolved.sessions}
    assert "berlin" not in placed and "cop#2" not in placed
    assert placed["jam"].room != "room-c"  # 20 people no longer fit its 15 seats


def test_zoom_meetings_follow_and_are_never_made_twice(life: Life) -> None:
    gone = {life.first_meetings[f"session:{sid}"] for sid in ("berlin", "cop#2", "jam")}
    assert not gone & {str(m) for m in life.zoom.meetings}
    online = {s.id for s in life.resolved.sessions if s.format in ("online", "hybrid")}
    state = json.loads((life.folder / "new.yaml.zoom.json").read_text("utf-8"))["meetings"]
    assert set(state) == {f"session:{sid}" for sid in online}
    assert sorted(int(r["meeting_id"]) for r in state.values()) == sorted(life.zoom.meetings)
    assert len(life.zoom.api_calls("POST")) == len(life.first_meetings)  # nothing created again


def test_a_renamed_person_keeps_their_calendar_file(life: Life) -> None:
    ical = life.folder / "ical"
    # The renamed person keeps their file; it is named and holds as now.
    renamed = ical / "people" / "Дмитрий-Ким.ics"
    assert renamed.is_file()
    assert "Дмитрий Ли" in str(Calendar.from_ical(renamed.read_bytes())["X-WR-CALNAME"])
    assert [summary for _, summary, _, _ in events(renamed)] == ["Джем знаний о фандрайзинге"]
    assert not (ical / "people" / "Дмитрий-Ли.ics").exists()  # one calendar, not two


def test_a_room_left_without_sessions_is_emptied_not_gone(life: Life) -> None:
    room = life.folder / "ical" / "rooms" / "Аудитория-В.ics"
    assert room.is_file() and events(room) == []
    assert b"BEGIN:VTIMEZONE" in room.read_bytes()  # RFC 5545: at least one component


def test_dropped_sessions_are_cancelled_where_they_were(life: Life) -> None:
    ical = life.folder / "ical"
    for path, title in ((ical / "programme.ics", "Лекция из Берлина о грантах ЕС"),
                        (ical / "people" / "Ханс-Мюллер.ics", "Лекция из Берлина о грантах ЕС"),
                        (ical / "participants" / "Олжас-Сейтказы.ics",
                         "Лекция из Берлина о грантах ЕС"),
                        (ical / "participants" / "Мария-Иванова.ics",
                         "Сообщество практиков «Цифровые НКО»")):
        found = [(status, sequence) for _, summary, status, sequence in events(path)
                 if summary == title]
        assert ("CANCELLED", 1) in found, (path.name, found)
    for path in ical.rglob("*.ics"):
        uids = [uid for uid, *_ in events(path)]
        assert len(uids) == len(set(uids)), path  # no duplicates
    jam = [sequence for _, summary, _, sequence in events(ical / "programme.ics")
           if summary == "Джем знаний о фандрайзинге"]
    assert jam == [1]  # it moved to another room once


def test_private_calendars_hold_the_runs_their_choices_were_given(life: Life) -> None:
    given = {rid for s in life.published.sessions for rid in s.registrations}
    assert {"r1", "r2", "r3"} <= given
    assert "Практикум по медиаплану" in life.first_private["r1"]  # her first choice
    assert "Практикум по медиаплану" in life.first_private["r3"]
    assert life.first_private["r2"] & {"Учебный тур в НКО «Ашык»", "Практикум по медиаплану"}


def test_private_calendars_show_dropped_sessions_cancelled(life: Life) -> None:
    assert life.cancelled_private["r2"] == {"Лекция из Берлина о грантах ЕС"}
    assert life.cancelled_private["r3"] == {"Сообщество практиков «Цифровые НКО»"}
    assert life.cancelled_private["r1"] == set() and life.cancelled_private["r4"] == set()


def test_private_calendars_are_taken_down_when_not_asked_for(life: Life) -> None:
    private = life.folder / "site" / "ical" / "private"
    assert not (private.exists() and list(private.glob("*.ics")))
    for path in (life.folder / "site").rglob("*"):
        if path.is_file():
            text = path.read_text("utf-8")
            assert not [n for n in NAMES if n in text or n.split()[1] in text], path


def test_no_stale_title_and_no_secret_anywhere(life: Life) -> None:
    topics = " ".join(m["topic"] + m["agenda"] for m in life.zoom.meetings.values())
    assert "медиаплану" not in topics
    for path in life.folder.rglob("*"):
        if path.is_file() and path.suffix in (".ics", ".html", ".json", ".yaml", ".csv"):
            text = path.read_text("utf-8")
            assert not [s for s in SECRETS if s in text], path
            if path.parent.name != "private" and path.suffix in (".ics", ".html"):
                confirmed = [summary for _, summary, status, _ in events(path)
                             if status == "CONFIRMED"] if path.suffix == ".ics" else [text]
                assert not [t for t in confirmed if "медиаплану" in t], path
    for result in life.outputs.values():
        assert not [s for s in SECRETS if s in result.output]
    assert yaml.safe_load((life.folder / "new.yaml").read_text("utf-8"))
