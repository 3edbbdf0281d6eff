"""Zoom through an event's life cycle (issue 14, items 2 and 3), against the fake Zoom:
a re-solved schedule takes the meetings over instead of creating them again, an
interrupted creation is recognised by the identity put into the meeting, and a sync can
never get stuck for good."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from fakezoom import FakeZoom
from zoomhelp import BISHKEK, BISHKEK_TIMES, HYBRID, build_schedule

from scheduler.cli import main
from scheduler.scenario import Scenario
from scheduler.schedule import save_schedule


def sync(env: dict[str, str], schedule: Path, *extra: str) -> Result:
    return CliRunner().invoke(main, ["zoom", "sync", str(BISHKEK), str(schedule), *extra],
                              env=env, catch_exceptions=False)


def state_at(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def state_of(schedule: Path) -> dict[str, Any]:
    return state_at(Path(str(schedule) + ".zoom.json"))


def resolved(bishkek: Scenario, folder: Path, earlier: str, name: str,
             times: dict[str, Any]) -> Path:
    """A schedule as `solve --from EARLIER` writes it: with solve.from_schedule set."""
    schedule = build_schedule(bishkek, times)
    schedule.solve.from_schedule = earlier
    path = folder / name
    save_schedule(schedule, path)
    return path


def test_resolve_then_sync_takes_the_meetings_over(
        fake_zoom: FakeZoom, zoom_env: dict[str, str], write_schedule: Callable[..., Path],
        bishkek: Scenario, tmp_path: Path, monkeypatch: Any) -> None:
    published = write_schedule(name="pub.yaml")
    assert sync(zoom_env, published).exit_code == 0
    ids = {k: r["meeting_id"] for k, r in state_of(published)["meetings"].items()}
    times = dict(BISHKEK_TIMES)
    times["session-3"] = ("16:00", "16:40", "hall", "hybrid")
    times["session-4"] = ("16:40", "18:10", "hall", "hybrid")
    monkeypatch.chdir(tmp_path)  # solve --from pub.yaml, as in docs/resolve.md
    new = resolved(bishkek, tmp_path, "pub.yaml", "new.yaml", times)
    fake_zoom.calls.clear()
    result = sync(zoom_env, new)
    assert result.exit_code == 0, result.output
    assert "takes over the Zoom meetings of" in result.output
    assert [c.method for c in fake_zoom.api_calls()] == ["PATCH", "PATCH"]
    assert len(fake_zoom.meetings) == len(HYBRID)  # no duplicate, no orphan
    assert {k: r["meeting_id"] for k, r in state_of(new)["meetings"].items()} == ids
    # The earlier state no longer acts on these meetings.
    assert state_of(published)["handed_on"].endswith("new.yaml.zoom.json")
    again = sync(zoom_env, published)
    assert again.exit_code == 2
    assert "taken over by" in again.output and "new.yaml.zoom.json" in again.output
    assert len(fake_zoom.meetings) == len(HYBRID)
    # A re-solve of the re-solve, never synced in between, follows the lineage further.
    third = resolved(bishkek, tmp_path, "new.yaml", "third.yaml", times)
    fourth = resolved(bishkek, tmp_path, "third.yaml", "fourth.yaml", BISHKEK_TIMES)
    result = sync(zoom_env, fourth)
    assert result.exit_code == 0, result.output
    assert not Path(str(third) + ".zoom.json").exists()
    assert len(fake_zoom.meetings) == len(HYBRID)
    assert {k: r["meeting_id"] for k, r in state_of(fourth)["meetings"].items()} == ids
    # The first schedule synced again is refused, and the way out names the state that
    # holds the meetings now (the end of the chain), not new.yaml's, itself handed on.
    again = sync(zoom_env, published)
    holder = Path(str(fourth) + ".zoom.json").resolve()
    assert again.exit_code == 2 and f"pass --state {holder} to move" in again.output


def test_every_meeting_carries_its_identity(
        fake_zoom: FakeZoom, zoom_env: dict[str, str], write_schedule: Callable[..., Path]) -> None:
    schedule = write_schedule()
    assert sync(zoom_env, schedule).exit_code == 0
    state = state_of(schedule)
    for key, record in state["meetings"].items():
        agenda = fake_zoom.meetings[int(record["meeting_id"])]["agenda"]
        assert agenda.splitlines()[-1] == f"confsched-ref: {state['ref']}/{key}"


def test_two_state_files_never_claim_one_meeting(
        fake_zoom: FakeZoom, zoom_env: dict[str, str], write_schedule: Callable[..., Path],
        tmp_path: Path) -> None:
    """Two states of one event both lose the answer of the same creation: each adopts its
    own meeting (same host, topic and start), never the other's."""
    schedule = write_schedule()
    other = tmp_path / "other.zoom.json"
    fake_zoom.lose_create_after = 0  # every creation happens, every answer is lost
    assert sync(zoom_env, schedule).exit_code != 0
    assert sync(zoom_env, schedule, "--state", str(other)).exit_code != 0
    assert len(fake_zoom.meetings) == 2
    fake_zoom.lose_create_after = None
    first = sync(zoom_env, schedule)
    second = sync(zoom_env, schedule, "--state", str(other))
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert "adopted" in first.output and "adopted" in second.output
    mine = {r["meeting_id"] for r in state_of(schedule)["meetings"].values()}
    theirs = {r["meeting_id"] for r in state_at(other)["meetings"].values()}
    assert not mine & theirs
    assert len(mine) == len(theirs) == len(HYBRID)
    assert len(fake_zoom.meetings) == 2 * len(HYBRID)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize("variable", ["ZOOM_API_URL", "ZOOM_OAUTH_URL"])
def test_a_run_that_cannot_reach_zoom_leaves_no_pending_mark(
        fake_zoom: FakeZoom, zoom_env: dict[str, str], write_schedule: Callable[..., Path],
        variable: str) -> None:
    schedule = write_schedule()
    unreachable = {**zoom_env, variable: f"http://127.0.0.1:{_closed_port()}/x"}
    result = sync(unreachable, schedule)
    assert result.exit_code != 0 and "could not reach Zoom" in result.output
    assert state_of(schedule)["pending"] == {}
    # Then an app without the read scope: nothing to look up, so the sync goes through.
    fake_zoom.no_read_scope = True
    result = sync(zoom_env, schedule)
    assert result.exit_code == 0, result.output
    assert len(fake_zoom.meetings) == len(HYBRID)


def test_a_stuck_pending_mark_names_the_way_out_and_forget_clears_it(
        fake_zoom: FakeZoom, zoom_env: dict[str, str], write_schedule: Callable[..., Path]) -> None:
    schedule = write_schedule()
    fake_zoom.lose_create_after = 1  # session-1's meeting is created, its answer lost
    assert sync(zoom_env, schedule).exit_code != 0
    assert list(state_of(schedule)["pending"]) == ["session:session-1"]
    fake_zoom.lose_create_after = None
    fake_zoom.no_read_scope = True  # the app cannot list meetings
    for _ in range(2):  # the same answer every time, and it says what to do
        result = sync(zoom_env, schedule)
        assert result.exit_code == 1
        assert "4711" in result.output and "meeting:read:admin" in result.output
        assert f"confsched zoom sync {BISHKEK} {schedule} --forget session-1" in result.output
        assert "Traceback" not in result.output
    lost = [m for m in fake_zoom.meetings.values()
            if m["agenda"].endswith("/session:session-1")]
    assert len(lost) == 1
    result = sync(zoom_env, schedule, "--forget", "session-1")
    assert result.exit_code == 0, result.output
    assert "forgot    session 'session-1'" in result.output
    assert lost[0]["agenda"].splitlines()[-1] in result.output  # how to find it on Zoom
    state = state_of(schedule)
    assert state["pending"] == {} and len(state["meetings"]) == len(HYBRID)


def test_forget_an_unknown_session_is_a_clear_error(
        fake_zoom: FakeZoom, zoom_env: dict[str, str], write_schedule: Callable[..., Path]) -> None:
    schedule = write_schedule()
    result = sync(zoom_env, schedule, "--forget", "nope", "--dry-run")
    assert result.exit_code == 2 and "has no meeting or pending creation" in result.output


def test_exports_of_a_resolved_schedule_take_the_links_along_the_lineage(
        fake_zoom: FakeZoom, zoom_env: dict[str, str], write_schedule: Callable[..., Path],
        bishkek: Scenario, tmp_path: Path) -> None:
    published = write_schedule(name="pub.yaml")
    assert sync(zoom_env, published).exit_code == 0
    record = state_of(published)["meetings"]["session:session-1"]
    new = resolved(bishkek, tmp_path, str(published), "new.yaml", BISHKEK_TIMES)
    result = CliRunner().invoke(main, ["export", "ical", str(BISHKEK), str(new), "-o",
                                       str(tmp_path / "ical")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    text = (tmp_path / "ical" / "programme.ics").read_text("utf-8").replace("\r\n ", "")
    assert record["join_url"] in text
    assert not Path(str(new) + ".zoom.json").exists()  # an export never moves the state


def test_an_agenda_shortened_in_the_list_is_read_in_full(
        fake_zoom: FakeZoom, zoom_env: dict[str, str], write_schedule: Callable[..., Path],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("confsched_zoom.sync.LISTED_AGENDA", 40)
    schedule = write_schedule()
    fake_zoom.lose_create_after = 1
    assert sync(zoom_env, schedule).exit_code != 0
    fake_zoom.lose_create_after = None
    fake_zoom.list_agenda_limit = 40  # the identity line is cut off in the list
    fake_zoom.calls.clear()
    result = sync(zoom_env, schedule)
    assert result.exit_code == 0, result.output
    assert "adopted" in result.output
    assert len(fake_zoom.meetings) == len(HYBRID)
    assert any(c.method == "GET" and c.path.startswith("/v2/meetings/")
               for c in fake_zoom.api_calls())
