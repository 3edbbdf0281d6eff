"""`confsched solve`: the programme table, the schedule file, JSON, and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from scheduler.cli import main
from scheduler.schedule import load_schedule

ROOT = Path(__file__).resolve().parents[2]
BISHKEK = ROOT / "scenarios" / "bishkek-launch-2022.yaml"

TINY = """
event: {name: Семинар, first-day: 2026-06-01, day-start: "09:00", day-end: "12:00",
        granularity: 15}
rooms: [{id: hall, capacity: 40}]
people: [{id: ann, name: Айгуль}]
sessions:
  - {id: a, title: Открытие семинара, instrument: talk, people: {speaker: [ann]}}
  - {id: b, title: Кейс, instrument: workshop, people: {facilitator: [ann]}, after: [a]}
"""


def write(tmp_path: Path, text: str, name: str = "scenario.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_solves_prints_the_programme_and_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "schedule.yaml"
    result = CliRunner().invoke(main, ["solve", str(BISHKEK), "-o", str(out),
                                       "--time-limit", "10"], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert "Открытие. Приветственные слова" in result.output
    assert "10:40-12:30" in result.output
    assert "status: optimal" in result.output
    assert "compact_days" in result.output and "total" in result.output
    schedule = load_schedule(out)
    assert schedule.session("dinner").room == "restaurant"
    assert schedule.scenario_sha256 and len(schedule.scenario_sha256) == 64


def test_json_output(tmp_path: Path) -> None:
    path = write(tmp_path, TINY)
    out = tmp_path / "schedule.json"
    result = CliRunner().invoke(main, ["solve", str(path), "--json", "-o", str(out),
                                       "--time-limit", "5", "--seed", "3", "--workers", "1"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["status"] == "optimal"
    assert data["schedule"]["solve"]["seed"] == 3 and data["schedule"]["solve"]["workers"] == 1
    assert data["schedule"]["sessions"][0]["title"] == "Открытие семинара"
    assert json.loads(out.read_text("utf-8"))["format"] == "confsched-schedule"


def test_infeasible_exits_3_with_a_diagnosis_and_writes_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, TINY.replace('day-end: "12:00"', 'day-end: "10:30"'))
    out = tmp_path / "schedule.yaml"
    result = CliRunner().invoke(main, ["solve", str(path), "-o", str(out)])
    assert result.exit_code == 3
    assert "status: infeasible" in result.output
    assert "Айгуль has 2h of sessions but only 1h30" in result.output
    assert not out.exists()


def test_infeasible_json_carries_the_diagnosis(tmp_path: Path) -> None:
    path = write(tmp_path, TINY.replace('day-end: "12:00"', 'day-end: "10:30"'))
    result = CliRunner().invoke(main, ["solve", str(path), "--json"])
    assert result.exit_code == 3
    data = json.loads(result.output)
    assert data["status"] == "infeasible" and data["schedule"] is None
    assert data["diagnosis"]


def test_invalid_scenario_exits_2_with_a_place(tmp_path: Path) -> None:
    path = write(tmp_path, TINY.replace("capacity: 40", "capacity: -4"))
    result = CliRunner().invoke(main, ["solve", str(path)])
    assert result.exit_code == 2
    assert "scenario.yaml:" in result.output and "Traceback" not in result.output


def test_missing_file_and_bad_options_exit_2(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["solve", str(tmp_path / "nope.yaml")]).exit_code == 2
    path = write(tmp_path, TINY)
    bad = runner.invoke(main, ["solve", str(path), "--time-limit", "0"])
    assert bad.exit_code == 2 and "--time-limit" in bad.output
    assert runner.invoke(main, ["solve", str(path), "--workers", "0"]).exit_code == 2


def test_an_existing_schedule_is_kept_when_solving_fails(tmp_path: Path) -> None:
    out = tmp_path / "schedule.yaml"
    out.write_text("keep me\n", encoding="utf-8")
    path = write(tmp_path, TINY.replace('day-end: "12:00"', 'day-end: "10:30"'))
    assert CliRunner().invoke(main, ["solve", str(path), "-o", str(out)]).exit_code == 3
    assert out.read_text("utf-8") == "keep me\n"
    assert yaml.safe_load(out.read_text("utf-8")) == "keep me"
