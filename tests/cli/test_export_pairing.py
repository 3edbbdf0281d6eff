"""Exporters and the Zoom sync refuse a schedule that is not a timetable of the scenario."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner
from icalendar import Calendar

from scheduler.cli import main
from scheduler.pairing import pair_problems
from scheduler.publishing.identity import session_uid
from scheduler.scenario import load_scenario
from scheduler.schedule import load_schedule

ROOT = Path(__file__).resolve().parents[2]
BISHKEK = ROOT / "scenarios" / "bishkek-launch-2022.yaml"
SEMINAR = ROOT / "scenarios" / "seminar-partnership.yaml"
SCHEDULE = ROOT / "tests" / "plugins" / "data" / "bishkek-schedule.yaml"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_the_matching_pair_has_no_problems() -> None:
    assert pair_problems(load_scenario(BISHKEK), load_schedule(SCHEDULE)) == []


def test_another_events_schedule_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    out = tmp_path / "cal"
    code, stdout, stderr = invoke("export", "ical", str(SEMINAR), str(SCHEDULE), "-o", str(out))
    assert code == 2
    assert "is not a timetable of" in stderr and "Акселератор" in stderr
    assert "fix:" in stderr and "Traceback" not in stderr
    assert not out.exists() and stdout == ""


def test_a_session_added_after_solving_is_named(tmp_path: Path) -> None:
    data = yaml.safe_load(BISHKEK.read_text(encoding="utf-8"))
    data["sessions"].append({"id": "late-talk", "title": "Поздний доклад",
                             "instrument": "presentation", "duration": "30min",
                             "people": {"speaker": [data["people"][0]["id"]]}})
    scenario = tmp_path / "bishkek.yaml"
    scenario.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "programme.pdf"
    code, _, stderr = invoke("export", "programme", str(scenario), str(SCHEDULE), "-o", str(out))
    assert code == 2
    assert "'late-talk'" in stderr and "not in the schedule" in stderr
    assert not out.exists()


def test_a_schedule_naming_unknown_sessions_is_refused(tmp_path: Path) -> None:
    data = yaml.safe_load(SCHEDULE.read_text(encoding="utf-8"))
    data["sessions"][0]["id"] = "ghost"
    schedule = tmp_path / "schedule.yaml"
    schedule.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, _, stderr = invoke("export", "frab", str(BISHKEK), str(schedule), "-o", str(tmp_path))
    assert code == 2
    assert "'ghost'" in stderr and "does not have" in stderr


def test_an_edited_scenario_with_the_same_sessions_only_warns(tmp_path: Path) -> None:
    scenario = tmp_path / "bishkek.yaml"
    scenario.write_text(BISHKEK.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    data = yaml.safe_load(SCHEDULE.read_text(encoding="utf-8"))
    data["scenario_sha256"] = "0" * 64
    schedule = tmp_path / "schedule.yaml"
    schedule.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, stdout, stderr = invoke("export", "ical", str(scenario), str(schedule),
                                  "-o", str(tmp_path / "cal"))
    assert code == 0, stderr
    assert "changed after" in stderr
    assert (tmp_path / "cal" / "programme.ics").is_file()


def test_zoom_sync_refuses_another_events_schedule(tmp_path: Path) -> None:
    state = tmp_path / "zoom.json"
    code, _, stderr = invoke("zoom", "sync", str(SEMINAR), str(SCHEDULE), "--dry-run",
                             "--state", str(state))
    assert code == 2
    assert "is not a timetable of" in stderr
    assert not state.exists()


def test_a_renamed_event_is_named_as_such_with_what_its_name_holds(tmp_path: Path) -> None:
    """A typo fixed in the event's name after publishing: the pair is refused as before,
    but the message says the sessions match and what renaming would cost."""
    text = BISHKEK.read_text(encoding="utf-8")
    old = yaml.safe_load(text)["event"]["name"]
    scenario = tmp_path / "bishkek.yaml"
    scenario.write_text(text.replace(old, old + " (исправлено)", 1), encoding="utf-8")
    code, _, stderr = invoke("export", "ical", str(scenario), str(SCHEDULE), "-o",
                             str(tmp_path / "cal"))
    assert code == 2 and "the event was renamed?" in stderr, stderr
    assert f"add id: '{old}' under event:" in stderr and "Zoom" in stderr
    assert not (tmp_path / "cal").exists()
    # Doing what it says publishes the schedule under the new name, same UIDs.
    renamed = text.replace(old, old + " (исправлено)", 1)
    scenario.write_text(renamed.replace("event:\n", f"event:\n  id: {old}\n", 1),
                        encoding="utf-8")
    code, _, stderr = invoke("export", "ical", str(scenario), str(SCHEDULE), "-o",
                             str(tmp_path / "cal"))
    assert code == 0, stderr
    programme = Calendar.from_ical((tmp_path / "cal" / "programme.ics").read_bytes())
    assert session_uid(old, "opening") in {str(e["UID"]) for e in programme.walk("VEVENT")}
    assert str(programme["X-WR-CALNAME"]) == old + " (исправлено)"
