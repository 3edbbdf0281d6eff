"""An event renamed after publishing keeps everything it published, given ``id:`` (fast).

The forum of test_forum_life.py is solved and published (Zoom on the loopback look-alike,
iCal, frab XML, the web page with participants' private calendars); then the organiser
fixes its name, and, as the refusal tells them, keeps the old name as the event's ``id:``;
re-solves from the published schedule and publishes again into the same places. Before
``id:`` existed this gave every subscriber each session twice (the old UIDs cancelled, new
ones added), new Zoom links, new frab guids and a new acronym.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from fakezoom import FakeZoom, start
from icalendar import Calendar
from zoomhelp import ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET

from scheduler.checker import check
from scheduler.cli import main
from scheduler.publishing.identity import session_uid
from scheduler.scenario import load_scenario
from scheduler.schedule import load_schedule

FORUM = Path(__file__).resolve().parent / "data" / "forum.yaml"
OLD = "Форум «Степь знаний» 2025"
NEW = "Форум «Степь знаний – 2025»"


@dataclass
class Published:
    uids: dict[str, set[str]]  # calendar file (relative) -> UIDs of CONFIRMED events
    cancelled: int
    names: set[str]  # X-WR-CALNAME of the programme
    meetings: dict[str, str]
    guids: set[str]
    acronym: str
    links: str


@dataclass
class Life:
    folder: Path
    zoom: FakeZoom
    refused: Result
    first: Published
    second: Published


def cli(*args: str, env: dict[str, str] | None = None, code: int = 0) -> Result:
    result = CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def published(folder: Path, schedule: str) -> Published:
    uids: dict[str, set[str]] = {}
    cancelled = 0
    for path in sorted([*(folder / "ical").rglob("*.ics"), *(folder / "site").rglob("*.ics")]):
        calendar = Calendar.from_ical(path.read_bytes())
        found = [(str(e["UID"]), str(e["STATUS"])) for e in calendar.walk("VEVENT")]
        uids[str(path.relative_to(folder))] = {u for u, s in found if s == "CONFIRMED"}
        cancelled += sum(s == "CANCELLED" for _, s in found)
    programme = Calendar.from_ical((folder / "ical" / "programme.ics").read_bytes())
    meetings = {k: v["meeting_id"] for k, v in json.loads(
        (folder / f"{schedule}.zoom.json").read_text("utf-8"))["meetings"].items()}
    root = ET.parse(folder / "frab" / "schedule.xml").getroot()
    return Published(uids, cancelled, {str(programme["X-WR-CALNAME"])}, meetings,
                     {e.get("guid", "") for e in root.iter("event")},
                     root.findtext("conference/acronym") or "",
                     (folder / "links.csv").read_text("utf-8-sig"))


@pytest.fixture(scope="module")
def life(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Life]:
    folder = tmp_path_factory.mktemp("renamed")
    scenario = folder / "forum.yaml"
    text = FORUM.read_text("utf-8")
    scenario.write_text(text, "utf-8")
    fake = FakeZoom(ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET)
    server, _ = start(fake)
    env = {"ZOOM_ACCOUNT_ID": ACCOUNT_ID, "ZOOM_CLIENT_ID": CLIENT_ID,
           "ZOOM_CLIENT_SECRET": CLIENT_SECRET, "ZOOM_API_URL": fake.base_url + "/v2",
           "ZOOM_OAUTH_URL": fake.base_url + "/oauth/token"}
    monkey = pytest.MonkeyPatch()
    monkey.chdir(folder)

    def publish(schedule: str) -> Published:
        cli("zoom", "sync", "forum.yaml", schedule, env=env)
        cli("export", "ical", "forum.yaml", schedule, "-o", "ical")
        cli("export", "frab", "forum.yaml", schedule, "-o", "frab")
        cli("export", "web", "forum.yaml", schedule, "-o", "site",
            "--participant-calendars", "links.csv")
        return published(folder, schedule)

    try:
        cli("solve", "forum.yaml", "-o", "pub.yaml", "--time-limit", "20", "--workers", "1")
        first = publish("pub.yaml")
        assert OLD in text
        scenario.write_text(text.replace(OLD, NEW), "utf-8")  # the name fixed
        refused = cli("solve", "forum.yaml", "--from", "pub.yaml", "-o", "new.yaml", code=2)
        scenario.write_text(text.replace(f"  name: {OLD}\n", f"  name: {NEW}\n  id: {OLD}\n"),
                            "utf-8")  # what the refusal says
        cli("solve", "forum.yaml", "--from", "pub.yaml", "-o", "new.yaml", "--time-limit",
            "20", "--workers", "1")
        yield Life(folder, fake, refused, first, publish("new.yaml"))
    finally:
        monkey.undo()
        server.shutdown()


def test_without_an_id_the_rename_is_refused_with_the_way_out(life: Life) -> None:
    assert f"add id: '{OLD}' under event:" in life.refused.output
    assert "Traceback" not in life.refused.output


def test_the_renamed_schedule_is_checked_and_keeps_its_id(life: Life) -> None:
    schedule = load_schedule(life.folder / "new.yaml")
    assert (schedule.event, schedule.event_id) == (NEW, OLD)
    assert check(load_scenario(life.folder / "forum.yaml"), schedule).ok
    # The first schedule, of an event without an id, has no event_id in its file.
    assert "event_id" not in (life.folder / "pub.yaml").read_text("utf-8")


def test_every_calendar_keeps_its_uids_and_nothing_is_cancelled(life: Life) -> None:
    first, second = life.first, life.second
    assert session_uid(OLD, "opening") in first.uids["ical/programme.ics"]  # as before ids
    assert second.uids == first.uids  # same files, same UIDs
    assert (first.cancelled, second.cancelled) == (0, 0)
    assert (first.names, second.names) == ({OLD}, {NEW})
    assert second.links == first.links  # private calendars keep their addresses


def test_zoom_meetings_are_kept_and_renamed(life: Life) -> None:
    assert life.second.meetings == life.first.meetings
    assert len(life.zoom.api_calls("POST")) == len(life.first.meetings)
    assert not life.zoom.api_calls("DELETE")
    topics = " ".join(m["topic"] + m["agenda"] for m in life.zoom.meetings.values())
    assert NEW in topics and OLD not in topics


def test_frab_guids_and_acronym_are_kept(life: Life) -> None:
    assert life.second.guids == life.first.guids and life.first.guids
    assert life.second.acronym == life.first.acronym
