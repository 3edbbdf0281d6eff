"""Which meetings a schedule needs: per session or per room and day, hosts, fixed links."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from confsched_zoom.meetings import needed_meetings
from confsched_zoom.plan import plan
from confsched_zoom.state import ZoomState
from fakezoom import FakeZoom
from zoomhelp import BISHKEK, BISHKEK_TIMES, HYBRID, build_schedule

from scheduler.cli import main
from scheduler.errors import InputError
from scheduler.scenario import Scenario, load_scenario
from scheduler.schedule import save_schedule


def variant(tmp_path: Path, change: Any) -> tuple[Scenario, Path]:
    """The Bishkek scenario with ``change(data)`` applied, written to tmp."""
    data = yaml.safe_load(BISHKEK.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "scenario.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_scenario(path), path


def session(data: dict[str, Any], session_id: str) -> dict[str, Any]:
    return next(s for s in data["sessions"] if s["id"] == session_id)


def test_one_meeting_per_hybrid_session_with_local_times(bishkek: Scenario) -> None:
    needs = needed_meetings(bishkek, build_schedule(bishkek))
    assert [m.sessions[0] for m in needs.meetings] == HYBRID
    opening = needs.meetings[0]
    assert opening.key == "session:opening" and opening.host == "me"
    assert opening.start == "2022-06-07T10:00:00" and opening.duration == 30
    assert opening.start_utc().isoformat() == "2022-06-07T04:00:00+00:00"
    assert opening.agenda.startswith("Официальная церемония")
    assert "Конференц-зал «Европа»" in opening.agenda


def test_hosts_session_then_room_then_default_then_me(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["hybrid"]["default-host"] = "events@example.org"
        data["rooms"][0]["host"] = "hall@example.org"
        session(data, "session-1")["host"] = "facilitator@example.org"

    scenario, _ = variant(tmp_path, change)
    hosts = {m.sessions[0]: m.host for m in needed_meetings(
        scenario, build_schedule(scenario)).meetings}
    assert hosts["session-1"] == "facilitator@example.org"
    assert hosts["opening"] == "hall@example.org"

    def online(data: dict[str, Any]) -> None:
        data["hybrid"]["default-host"] = "events@example.org"
        session(data, "session-3")["format"] = "online"

    scenario, _ = variant(tmp_path, online)
    times = dict(BISHKEK_TIMES)
    times["session-3"] = ("15:20", "16:00", None, "online")
    hosts = {m.sessions[0]: m.host for m in needed_meetings(
        scenario, build_schedule(scenario, times)).meetings}
    assert hosts["session-3"] == "events@example.org"


def test_room_day_mode_shares_one_meeting_from_first_start_to_last_end(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["hybrid"]["meetings-per"] = "room-day"
        session(data, "session-3")["format"] = "online"

    scenario, _ = variant(tmp_path, change)
    times = dict(BISHKEK_TIMES)
    times["session-3"] = ("15:20", "16:00", None, "online")
    needs = needed_meetings(scenario, build_schedule(scenario, times))
    keys = {m.key: m for m in needs.meetings}
    assert sorted(keys) == ["room-day:hall@2022-06-07", "session:session-3"]
    hall = keys["room-day:hall@2022-06-07"]
    assert hall.sessions == ("opening", "session-1", "session-2", "session-4", "closing")
    assert hall.start == "2022-06-07T10:00:00" and hall.duration == 465  # to 17:45
    assert "10:40–12:30 Сессия 1" in hall.agenda
    assert hall.label == "room 'hall' on 2022-06-07"


def test_room_day_links_cover_every_session_of_the_room(
        tmp_path: Path, fake_zoom: FakeZoom, zoom_env: dict[str, str]) -> None:
    from scheduler.exporting import ExportContext
    from scheduler.schedule import load_schedule

    def change(data: dict[str, Any]) -> None:
        data["hybrid"]["meetings-per"] = "room-day"

    scenario, scenario_path = variant(tmp_path, change)
    schedule_path = tmp_path / "schedule.yaml"
    save_schedule(build_schedule(scenario), schedule_path)
    result = CliRunner().invoke(main, ["zoom", "sync", str(scenario_path), str(schedule_path)],
                                env=zoom_env)
    assert result.exit_code == 0, result.output
    assert len(fake_zoom.meetings) == 1
    links = ExportContext(scenario, load_schedule(schedule_path), scenario_path,
                          schedule_path).links
    assert sorted(links) == sorted(HYBRID)
    assert len({link.url for link in links.values()}) == 1
    # Moving the last session later stretches the one meeting (a PATCH, no new meeting).
    times = dict(BISHKEK_TIMES)
    times["closing"] = ("17:45", "18:00", "hall", "hybrid")
    save_schedule(build_schedule(scenario, times), schedule_path)
    fake_zoom.calls.clear()
    result = CliRunner().invoke(main, ["zoom", "sync", str(scenario_path), str(schedule_path)],
                                env=zoom_env)
    assert result.exit_code == 0, result.output
    assert [c.method for c in fake_zoom.api_calls()] == ["PATCH"]
    assert next(iter(fake_zoom.meetings.values()))["duration"] == 480


def test_fixed_session_and_room_meetings_are_kept(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        session(data, "closing")["meeting"] = {"url": "https://example.org/closing"}

    scenario, _ = variant(tmp_path, change)
    needs = needed_meetings(scenario, build_schedule(scenario))
    assert needs.fixed == ["closing"]
    assert "closing" not in [m.sessions[0] for m in needs.meetings]

    def room(data: dict[str, Any]) -> None:
        data["rooms"][0]["meeting"] = {"url": "https://example.org/hall"}

    scenario, _ = variant(tmp_path, room)
    needs = needed_meetings(scenario, build_schedule(scenario))
    assert needs.meetings == [] and needs.fixed == HYBRID


def test_long_titles_are_clipped_to_zooms_limit(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        session(data, "session-2")["title"] = "Совместная разработка " * 20

    scenario, _ = variant(tmp_path, change)
    spec = next(m for m in needed_meetings(scenario, build_schedule(scenario)).meetings
                if m.sessions == ("session-2",))
    assert len(spec.topic) == 200 and spec.topic.endswith("…")


def test_a_schedule_of_another_scenario_is_refused(tmp_path: Path, bishkek: Scenario) -> None:
    def change(data: dict[str, Any]) -> None:
        data["sessions"] = [s for s in data["sessions"] if s["id"] != "session-4"]
        session(data, "closing")  # still there

    scenario, _ = variant(tmp_path, change)
    with pytest.raises(InputError, match="session-4"):
        needed_meetings(scenario, build_schedule(bishkek))


def test_plan_recreates_when_the_host_changes(tmp_path: Path, bishkek: Scenario) -> None:
    from confsched_zoom.state import MeetingRecord

    needs = needed_meetings(bishkek, build_schedule(bishkek))
    state = ZoomState(path=tmp_path / "s.json")
    for spec in needs.meetings:
        state.meetings[spec.key] = MeetingRecord(
            meeting_id="1", join_url="u", passcode=None, host=spec.host, start=spec.start,
            duration=spec.duration, timezone=spec.timezone, topic=spec.topic,
            sessions=list(spec.sessions), fingerprint=spec.fingerprint)
    assert {a.kind for a in plan(needs.meetings, state)} == {"keep"}
    state.meetings["session:opening"].host = "someone@example.org"
    kinds = {a.key: a.kind for a in plan(needs.meetings, state)}
    assert kinds["session:opening"] == "recreate"
    assert list(kinds.values()).count("keep") == len(HYBRID) - 1


def test_creations_alternate_between_hosts(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        for sid in ("opening", "session-1", "session-2"):
            session(data, sid)["host"] = "a@example.org"

    scenario, _ = variant(tmp_path, change)
    needs = needed_meetings(scenario, build_schedule(scenario))
    order = [a.spec.host for a in plan(needs.meetings, ZoomState(path=tmp_path / "s.json"))
             if a.spec is not None]
    assert order == ["a@example.org", "me", "a@example.org", "me", "a@example.org", "me"]
