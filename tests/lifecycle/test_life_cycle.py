"""The life cycle of a real event, end to end (issue 14, "Done when").

Solve a shipped scenario; publish to Zoom (the loopback look-alike of tests/zoom), to a
real Radicale (CalDAV), as a web page and as iCal files; then edit the scenario as
organisers do (a typo in a title is fixed, a speaker cancels so that their session is
dropped); re-solve with ``--from`` the published schedule; publish again into the same
places. Afterwards: no duplicate Zoom meeting and none orphaned, no stale title anywhere,
the dropped session cancelled (not gone) in iCal and CalDAV, and no participant's name on
the public web page. Every schedule is verified by the independent checker.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from caldav.davclient import DAVClient
from click.testing import CliRunner, Result
from fakezoom import FakeZoom, start
from icalendar import Calendar
from zoomhelp import ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET

from scheduler.cli import main
from scheduler.publishing.identity import session_uid
from scheduler.scenario import load_scenario
from scheduler.schedule import Schedule, load_schedule

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "scenarios" / "knowledge-week.yaml"
OLD_TITLE = "Пленарный доклад: региональные медиа и доверие к НКО"
NEW_TITLE = "Пленарный доклад: региональные медиа и доверие к некоммерческим организациям"
STALE = "доверие к НКО"
FIXED = "plenary-media"
CANCELLED = "talk-research"  # its only speaker cancels
CALENDAR = "Неделя знаний — жизненный цикл"


@dataclass
class Cycle:
    """What the life cycle left behind."""

    folder: Path
    zoom: FakeZoom
    radicale: str
    published: Schedule
    resolved: Schedule
    first_meetings: dict[str, str]
    outputs: dict[str, Result]


def cli(*args: str, env: dict[str, str] | None = None, code: int = 0) -> Result:
    result = CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


def meetings_of(state: Path) -> dict[str, str]:
    data = json.loads(state.read_text("utf-8"))
    return {key: record["meeting_id"] for key, record in data["meetings"].items()}


def edit_scenario(path: Path) -> None:
    """Fix the typo'd title; the Berlin speaker cancels, so their talk becomes optional
    and cannot be placed any more (a 15-minute window for a 45-minute talk)."""
    text = path.read_text("utf-8")
    assert text.count(OLD_TITLE) == 1
    text = text.replace(OLD_TITLE, NEW_TITLE)
    berlin = "    available: [{start: \"09:00\", end: \"14:00\"}]\n    prefer: [{start: \"10:00\""
    assert text.count(berlin) == 1
    text = text.replace(berlin, berlin.replace(
        '[{start: "09:00", end: "14:00"}]', '[{day: 2024-10-14, start: "09:00", end: "09:15"}]'))
    talk = f"  - id: {CANCELLED}\n"
    assert text.count(talk) == 1
    text = text.replace(talk, talk + "    optional: true\n")
    path.write_text(text, "utf-8")


@pytest.fixture(scope="module")
def cycle(radicale: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cycle]:
    folder = tmp_path_factory.mktemp("cycle")
    scenario = folder / "week.yaml"
    scenario.write_text(SHIPPED.read_text("utf-8"), "utf-8")
    fake = FakeZoom(ACCOUNT_ID, CLIENT_ID, CLIENT_SECRET)
    server, thread = start(fake)
    env = {
        "ZOOM_ACCOUNT_ID": ACCOUNT_ID, "ZOOM_CLIENT_ID": CLIENT_ID,
        "ZOOM_CLIENT_SECRET": CLIENT_SECRET, "ZOOM_API_URL": fake.base_url + "/v2",
        "ZOOM_OAUTH_URL": fake.base_url + "/oauth/token",
        "CONFSCHED_CALDAV_USERNAME": "alice", "CONFSCHED_CALDAV_PASSWORD": "s3cret",
    }
    outputs: dict[str, Result] = {}
    monkey = pytest.MonkeyPatch()
    monkey.chdir(folder)  # `solve --from pub.yaml` as the docs show it, from the folder

    def publish(schedule: str, round_: str) -> None:
        outputs[f"zoom-{round_}"] = cli("zoom", "sync", "week.yaml", schedule, env=env)
        outputs[f"caldav-{round_}"] = cli("export", "caldav", "week.yaml", schedule, "--url",
                                          radicale, "--calendar", CALENDAR, env=env)
        cli("export", "web", "week.yaml", schedule, "-o", "site", env=env)
        cli("export", "ical", "week.yaml", schedule, "-o", "ical", env=env)

    try:
        cli("solve", "week.yaml", "-o", "pub.yaml", "--time-limit", "60", "--seed", "1")
        cli("check", "week.yaml", "pub.yaml")
        publish("pub.yaml", "first")
        first_meetings = meetings_of(folder / "pub.yaml.zoom.json")

        edit_scenario(scenario)
        load_scenario(scenario)  # still a valid scenario
        cli("solve", "week.yaml", "--from", "pub.yaml", "-o", "new.yaml", "--time-limit",
            "60", "--seed", "1")
        cli("check", "week.yaml", "new.yaml")
        publish("new.yaml", "second")
        yield Cycle(folder, fake, radicale, load_schedule(folder / "pub.yaml"),
                    load_schedule(folder / "new.yaml"), first_meetings, outputs)
    finally:
        monkey.undo()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def online(schedule: Schedule) -> set[str]:
    return {s.id for s in schedule.sessions if s.format in ("online", "hybrid")}


def test_the_resolve_dropped_the_cancelled_talk(cycle: Cycle) -> None:
    assert CANCELLED in {s.id for s in cycle.published.sessions}
    assert CANCELLED in cycle.resolved.dropped
    assert cycle.resolved.solve.from_schedule == "pub.yaml"


def test_zero_duplicate_or_orphaned_meetings(cycle: Cycle) -> None:
    zoom = cycle.zoom
    assert "takes over the Zoom meetings of" in cycle.outputs["zoom-second"].output
    wanted = online(cycle.resolved)
    state = meetings_of(cycle.folder / "new.yaml.zoom.json")
    assert set(state) == {f"session:{sid}" for sid in wanted}
    # Exactly one meeting per online/hybrid session on the account, none left over.
    assert sorted(int(m) for m in state.values()) == sorted(zoom.meetings)
    # Every session that kept its meeting kept its link: no meeting made twice.
    for key, meeting in state.items():
        if key in cycle.first_meetings:
            assert meeting == cycle.first_meetings[key], key
    creates = [c for c in zoom.api_calls("POST")]
    assert len(creates) == len(online(cycle.published) | wanted)
    # The talk's meeting was deleted, not orphaned.
    gone = cycle.first_meetings[f"session:{CANCELLED}"]
    assert int(gone) not in zoom.meetings
    # The earlier state no longer claims the meetings.
    earlier = json.loads((cycle.folder / "pub.yaml.zoom.json").read_text("utf-8"))
    assert earlier["handed_on"].endswith("new.yaml.zoom.json")


def _caldav_events(url: str) -> dict[str, Any]:
    client = DAVClient(url=url, username="alice", password="s3cret")
    try:
        [found] = [c for c in client.principal().calendars()
                   if c.get_display_name() == CALENDAR]
        return {str(r.icalendar_component["UID"]): r.icalendar_component
                for r in found.events()}
    finally:
        client.close()


def _texts(folder: Path) -> Iterator[tuple[Path, str]]:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            yield path, path.read_text("utf-8")


def test_zero_stale_titles(cycle: Cycle) -> None:
    topics = {m["topic"] for m in cycle.zoom.meetings.values()}
    assert NEW_TITLE in topics
    assert not [m for m in cycle.zoom.meetings.values()
                if STALE in m["topic"] or STALE in m["agenda"]]
    events = _caldav_events(cycle.radicale)
    uid = session_uid(cycle.resolved.event, FIXED)
    assert str(events[uid]["SUMMARY"]) == NEW_TITLE
    assert not [u for u, e in events.items() if STALE in str(e["SUMMARY"])]
    for output in ("site", "ical"):
        stale = [p for p, text in _texts(cycle.folder / output) if STALE in text]
        assert not stale, stale
    html = (cycle.folder / "site" / "index.html").read_text("utf-8")
    assert NEW_TITLE in html
    programme = Calendar.from_ical((cycle.folder / "ical" / "programme.ics").read_bytes())
    assert NEW_TITLE in {str(e["SUMMARY"]) for e in programme.walk("VEVENT")}


def test_the_dropped_session_is_cancelled_not_gone(cycle: Cycle) -> None:
    uid = session_uid(cycle.resolved.event, CANCELLED)
    programme = Calendar.from_ical((cycle.folder / "ical" / "programme.ics").read_bytes())
    [event] = [e for e in programme.walk("VEVENT") if str(e["UID"]) == uid]
    assert str(event["STATUS"]) == "CANCELLED" and int(str(event["SEQUENCE"])) >= 1
    assert "1 cancelled" in cycle.outputs["caldav-second"].output
    on_server = _caldav_events(cycle.radicale)[uid]
    assert str(on_server["STATUS"]) == "CANCELLED" and int(on_server["SEQUENCE"]) >= 1
    confirmed = {str(e["UID"]) for e in programme.walk("VEVENT")
                 if str(e["STATUS"]) == "CONFIRMED"}
    assert {session_uid(cycle.resolved.event, s.id) for s in cycle.resolved.sessions} \
        <= confirmed


def test_zero_participants_names_on_public_pages(cycle: Cycle) -> None:
    data = yaml.safe_load((cycle.folder / "week.yaml").read_text("utf-8"))
    names = [r["name"] for r in data["participants"]["registrations"] if r.get("name")]
    assert len(names) == 48
    site = list(_texts(cycle.folder / "site"))
    found = sorted({name for name in names for path, text in site
                    if name in text or name.replace(" ", "-") in path.as_posix()})
    assert not found, found
    assert not [p for p, _ in site if re.search(r"participants?/", p.as_posix())]
