"""``confsched export``: the formats of issue #3 through the command line, and its errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from scheduler.cli import main

ROOT = Path(__file__).resolve().parents[2]
BISHKEK = str(ROOT / "scenarios" / "bishkek-launch-2022.yaml")
SCHEDULE = str(ROOT / "tests" / "plugins" / "data" / "bishkek-schedule.yaml")


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_list_shows_the_formats_and_their_plugins() -> None:
    code, out, _ = invoke("export", "--list")
    assert code == 0
    lines = {line.split()[0]: line for line in out.splitlines()}
    assert lines["ical"].endswith("[ical]")
    assert lines["caldav"].endswith("[caldav]")
    assert lines["frab"].endswith("[interchange]")
    assert lines["schedule-json"].endswith("[interchange]")


def test_export_ical(tmp_path: Path) -> None:
    out = tmp_path / "cal"
    code, stdout, stderr = invoke("export", "ical", BISHKEK, SCHEDULE, "-o", str(out))
    assert code == 0, stderr
    printed = stdout.splitlines()
    assert printed[0] == str(out / "programme.ics")
    assert str(out / "people" / "Модератор-церемонии.ics") in printed
    assert all(Path(p).is_file() for p in printed)


@pytest.mark.parametrize(("fmt", "file"), [("frab", "schedule.xml"),
                                           ("schedule-json", "schedule.json")])
def test_export_interchange(fmt: str, file: str, tmp_path: Path) -> None:
    code, stdout, stderr = invoke("export", fmt, BISHKEK, SCHEDULE, "-o", str(tmp_path),
                                  "--acronym", "accel-2022",
                                  "--base-url", "https://accel.example.org/")
    assert code == 0, stderr
    assert stdout.strip() == str(tmp_path / file)
    text = (tmp_path / file).read_text(encoding="utf-8")
    assert "accel-2022" in text and "Ужин" in text
    if fmt == "schedule-json":
        assert json.loads(text)["schedule"]["base_url"] == "https://accel.example.org/"


def test_bad_acronym_is_a_usage_error(tmp_path: Path) -> None:
    code, _, stderr = invoke("export", "frab", BISHKEK, SCHEDULE, "-o", str(tmp_path),
                             "--acronym", "Bad Name")
    assert code == 2
    assert "error: --acronym 'Bad Name' must use only a-z" in stderr


def test_broken_schedule_file_is_reported_with_its_place(tmp_path: Path) -> None:
    broken = tmp_path / "schedule.yaml"
    broken.write_text("format: confsched-schedule\nversion: 1\nsessions: [\n",
                      encoding="utf-8")
    code, _, stderr = invoke("export", "ical", BISHKEK, str(broken), "-o",
                             str(tmp_path / "out"))
    assert code == 2
    assert f"{broken}:" in stderr and "Traceback" not in stderr
    assert not (tmp_path / "out").exists()


def test_caldav_needs_a_url_and_reports_unreachable_servers(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, stderr = invoke("export", "caldav", BISHKEK, SCHEDULE)
    assert code == 2 and "--url" in stderr
    monkeypatch.setenv("CONFSCHED_CALDAV_USERNAME", "alice")
    monkeypatch.setenv("CONFSCHED_CALDAV_PASSWORD", "top-secret")
    code, _, stderr = invoke("export", "caldav", BISHKEK, SCHEDULE,
                             "--url", "http://127.0.0.1:9/dav/")
    assert code == 1
    assert "cannot reach the CalDAV server at http://127.0.0.1:9/dav/" in stderr
    assert "top-secret" not in stderr and "Traceback" not in stderr


@pytest.mark.parametrize("fmt", ["ical", "frab", "schedule-json"])
def test_unwritable_output_is_a_message_not_a_traceback(fmt: str, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code, _, stderr = invoke("export", fmt, BISHKEK, SCHEDULE, "-o", str(blocker / "out"))
    assert code == 1
    assert stderr.startswith(f"error: cannot write {blocker / 'out'}")
    assert "internal error" not in stderr


@pytest.mark.parametrize("fmt", ["ical", "frab", "schedule-json", "caldav"])
def test_a_schedule_without_timetable_is_refused(fmt: str, tmp_path: Path) -> None:
    text = Path(SCHEDULE).read_text(encoding="utf-8").replace("status: feasible",
                                                               "status: infeasible")
    unsolved = tmp_path / "unsolved.yaml"
    unsolved.write_text(text, encoding="utf-8")
    extra = ["--url", "http://127.0.0.1:9/"] if fmt == "caldav" else []
    code, _, stderr = invoke("export", fmt, BISHKEK, str(unsolved), "-o",
                             str(tmp_path / "out"), *extra)
    assert code == 2
    assert "no timetable to publish (status: infeasible)" in stderr
    assert not (tmp_path / "out").exists()
