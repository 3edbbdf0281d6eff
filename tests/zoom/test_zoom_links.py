"""Join links reach exporters: the session_links hook, and `confsched export ical`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner
from fakezoom import FakeZoom
from zoomhelp import BISHKEK, BISHKEK_TIMES, HYBRID

from scheduler.cli import main
from scheduler.exporting import ExportContext
from scheduler.plugins import exporters
from scheduler.scenario import Scenario
from scheduler.schedule import load_schedule


def _sync(env: dict[str, str], schedule: Path) -> None:
    result = CliRunner().invoke(main, ["zoom", "sync", str(BISHKEK), str(schedule)], env=env)
    assert result.exit_code == 0, result.output


def test_links_come_from_the_state_beside_the_schedule(
        fake_zoom: FakeZoom, zoom_env: dict[str, str], bishkek: Scenario,
        write_schedule: Callable[..., Path]) -> None:
    schedule = write_schedule()
    context = ExportContext(bishkek, load_schedule(schedule), BISHKEK, schedule)
    # Before a sync: the scenario's event-wide meeting is the fallback.
    assert {link.provider for link in context.links.values()} == {"link"}
    _sync(zoom_env, schedule)
    context = ExportContext(bishkek, load_schedule(schedule), BISHKEK, schedule)
    links = context.links
    assert sorted(links) == sorted(HYBRID)
    state = json.loads(Path(str(schedule) + ".zoom.json").read_text(encoding="utf-8"))
    for session_id in HYBRID:
        record = state["meetings"][f"session:{session_id}"]
        link = links[session_id]
        assert link.provider == "zoom"
        assert link.url == record["join_url"] == \
            fake_zoom.meetings[int(record["meeting_id"])]["join_url"]
        assert link.meeting_id == record["meeting_id"]
        assert link.passcode == record["passcode"]


def test_in_person_sessions_get_no_zoom_link_even_with_a_stale_state(
        fake_zoom: FakeZoom, zoom_env: dict[str, str], bishkek: Scenario,
        write_schedule: Callable[..., Path]) -> None:
    schedule = write_schedule()
    _sync(zoom_env, schedule)
    times = dict(BISHKEK_TIMES)
    times["closing"] = ("17:30", "17:45", "hall", "in-person")
    write_schedule(times)  # re-solved, not synced yet
    context = ExportContext(bishkek, load_schedule(schedule), BISHKEK, schedule)
    assert "closing" not in context.links
    assert context.links["opening"].provider == "zoom"


def test_no_state_file_means_no_zoom_links(bishkek: Scenario,
                                           write_schedule: Callable[..., Path]) -> None:
    from confsched_zoom.links import links_from_state

    schedule = write_schedule()
    context = ExportContext(bishkek, load_schedule(schedule), BISHKEK, schedule)
    assert links_from_state(context) is None
    assert links_from_state(ExportContext(bishkek, load_schedule(schedule))) is None


def test_ical_export_shows_the_zoom_join_url(
        fake_zoom: FakeZoom, zoom_env: dict[str, str], write_schedule: Callable[..., Path],
        tmp_path: Path) -> None:
    # The ical exporter is built in: if it is not registered, that is the failure (a skip
    # here let the test pass without ever looking at a join URL).
    assert "ical" in exporters(), "the built-in ical exporter is not registered"
    schedule = write_schedule()
    _sync(zoom_env, schedule)
    out = tmp_path / "ical"
    result = CliRunner().invoke(main, ["export", "ical", str(BISHKEK), str(schedule),
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.ics"))
    unfolded = text.replace("\r\n ", "")
    state = json.loads(Path(str(schedule) + ".zoom.json").read_text(encoding="utf-8"))
    for record in state["meetings"].values():
        assert record["join_url"] in unfolded
    assert "Открытие" in unfolded
    assert "us02web.zoom.us/j/00000000000" not in unfolded  # the fallback was replaced
