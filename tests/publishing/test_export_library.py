"""``scheduler.export``: the library call carries every guard of ``confsched export``.

A good pair exports (from files and from loaded objects); each refused pair (another
event's schedule, a session added after solving, a hand-edited entry that cannot be
published, a schedule without a timetable) is refused with the CLI's message and nothing
is written; the output rules and the format's options are checked as on the command line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from icalendar import Calendar

from scheduler import export
from scheduler.errors import InputError, UsageError
from scheduler.scenario import load_scenario
from scheduler.schedule import load_schedule

ROOT = Path(__file__).resolve().parents[2]
BISHKEK = ROOT / "scenarios" / "bishkek-launch-2022.yaml"
SEMINAR = ROOT / "scenarios" / "seminar-partnership.yaml"
SCHEDULE = ROOT / "tests" / "plugins" / "data" / "bishkek-schedule.yaml"


def _edited_schedule(tmp_path: Path, edit: str) -> Path:
    data = yaml.safe_load(SCHEDULE.read_text(encoding="utf-8"))
    if edit == "end-before-start":
        data["sessions"][1]["end"] = "09:00"
    elif edit == "ghost":
        data["sessions"][0]["id"] = "ghost"
    elif edit == "infeasible":
        data["status"] = "infeasible"
    path = tmp_path / f"{edit}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _sessions_in(calendar_file: Path) -> int:
    calendar = Calendar.from_ical(calendar_file.read_bytes())
    return sum(1 for c in calendar.walk("VEVENT") if "break" not in c.get("CATEGORIES").cats)


def test_a_good_pair_from_files_exports(tmp_path: Path) -> None:
    out = tmp_path / "cal"
    warnings: list[str] = []
    written = export("ical", BISHKEK, SCHEDULE, out, warn=warnings.append)
    assert out / "programme.ics" in written
    assert all(path.is_file() for path in written)
    assert _sessions_in(out / "programme.ics") == len(load_schedule(SCHEDULE).sessions)
    assert warnings == []


def test_a_good_pair_of_loaded_objects_exports_with_options(tmp_path: Path) -> None:
    scenario, schedule = load_scenario(BISHKEK), load_schedule(SCHEDULE)
    folder = tmp_path / "site"
    folder.mkdir()
    written = export("frab", scenario, schedule, folder, acronym="launch-2022")
    assert written == [folder / "schedule.xml"]  # a file format given a folder
    assert "<acronym>launch-2022</acronym>" in written[0].read_text(encoding="utf-8")


def test_another_events_schedule_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "cal"
    with pytest.raises(UsageError, match="is not a timetable of") as raised:
        export("ical", SEMINAR, SCHEDULE, out)
    assert "Акселератор" in str(raised.value)
    assert not out.exists()


def test_a_schedule_naming_unknown_sessions_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "cal"
    with pytest.raises(UsageError, match="'ghost'"):
        export("ical", BISHKEK, _edited_schedule(tmp_path, "ghost"), out)
    assert not out.exists()


def test_an_unpublishable_entry_is_refused_with_its_place(tmp_path: Path) -> None:
    out = tmp_path / "cal"
    schedule = _edited_schedule(tmp_path, "end-before-start")
    with pytest.raises(InputError) as raised:
        export("ical", BISHKEK, schedule, out)
    problem = raised.value.problems[0]
    assert "ends before it starts" in problem.message and problem.file == str(schedule)
    assert not out.exists()


def test_a_schedule_without_timetable_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "cal"
    with pytest.raises(UsageError, match="no timetable to publish"):
        export("ical", BISHKEK, _edited_schedule(tmp_path, "infeasible"), out)
    assert not out.exists()


def test_an_edited_scenario_only_warns(tmp_path: Path) -> None:
    scenario = tmp_path / "bishkek.yaml"
    scenario.write_text(BISHKEK.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    data = yaml.safe_load(SCHEDULE.read_text(encoding="utf-8"))
    data["scenario_sha256"] = "0" * 64
    schedule = tmp_path / "schedule.yaml"
    schedule.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    warnings: list[str] = []
    export("ical", scenario, schedule, tmp_path / "cal", warn=warnings.append)
    assert len(warnings) == 1 and "changed after" in warnings[0]
    assert (tmp_path / "cal" / "programme.ics").is_file()


def test_the_output_rules_hold(tmp_path: Path) -> None:
    copy = tmp_path / "schedule.yaml"
    copy.write_bytes(SCHEDULE.read_bytes())
    with pytest.raises(UsageError, match="is the schedule this command reads"):
        export("frab", BISHKEK, copy, copy)
    assert copy.read_bytes() == SCHEDULE.read_bytes()
    a_file = tmp_path / "notes.txt"
    a_file.write_text("keep", encoding="utf-8")
    with pytest.raises(UsageError, match="writes a folder"):
        export("ical", BISHKEK, SCHEDULE, a_file)
    assert a_file.read_text(encoding="utf-8") == "keep"


def test_options_are_checked_as_on_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "programme.pdf"
    with pytest.raises(UsageError, match="has no option 'colour'"):
        export("programme", BISHKEK, SCHEDULE, out, colour="red")
    with pytest.raises(UsageError, match="paper="):
        export("programme", BISHKEK, SCHEDULE, out, paper="a3")
    with pytest.raises(UsageError, match="needs url="):
        export("caldav", BISHKEK, SCHEDULE)
    with pytest.raises(UsageError, match="no export format 'pdf'"):
        export("pdf", BISHKEK, SCHEDULE, out)
    assert not out.exists()
