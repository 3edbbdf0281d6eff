"""pretalx, both ways, against a real pretalx: import the event, solve, check, send the
schedule back and release it, then read pretalx's own published schedule: every talk
where we put it. Then the next round: re-import (now pinned), re-solve, send again."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from pretalxserver import Pretalx

from scheduler.checker import check
from scheduler.cli import main
from scheduler.scenario import load_scenario
from scheduler.schedule import load_schedule

# one worker starts the one pretalx server (pytest -n with --dist loadgroup)
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("pretalx")]


def invoke(env: dict[str, str], *args: str) -> tuple[int, str, str]:
    result = CliRunner(env=env).invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_import_solve_send_back_and_read_pretalx_schedule(pretalx: Pretalx,
                                                          tmp_path: Path) -> None:
    env = {"CONFSCHED_PRETALX_TOKEN": pretalx.token}
    where = ["--url", pretalx.url, "--event", pretalx.event]
    scenario_path = tmp_path / "event.yaml"
    code, _, stderr = invoke(env, "import", "pretalx", *where, "-o", str(scenario_path))
    assert code == 0, stderr
    assert pretalx.token not in scenario_path.read_text(encoding="utf-8")
    scenario = load_scenario(scenario_path)
    assert scenario.event.name == "Неделя знаний" and scenario.event.timezone == "Asia/Bishkek"
    assert [(r.name, r.capacity) for r in scenario.rooms] == [
        ("Большой зал", 120), ("Студия", 40), ("Переговорная", 20)]
    assert len(scenario.sessions) == 24 and all(s.pin is None for s in scenario.sessions)
    workshops = [s for s in scenario.sessions if s.instrument == "workshop"]
    assert len(workshops) == 4 and all(s.duration == 90 and s.people.get("facilitator")
                                       for s in workshops)
    mornings = [p for p in scenario.people if p.available and len(p.available) == 1]
    assert mornings and all((w.start, w.end) == (540, 780) for p in mornings
                            for w in p.available or [])

    schedule_path = tmp_path / "schedule.yaml"
    code, _, stderr = invoke(env, "solve", str(scenario_path), "-o", str(schedule_path),
                             "--time-limit", "30", "--workers", "2")
    assert code == 0, stderr
    schedule = load_schedule(schedule_path)
    assert check(scenario, schedule).ok

    code, stdout, stderr = invoke(env, "export", "pretalx", str(scenario_path),
                                  str(schedule_path), *where, "--release", "v1")
    assert code == 0, stderr
    assert "24 slots placed" in stdout and "released as version 'v1'" in stdout
    assert pretalx.token not in stdout + stderr

    # pretalx's own public export of its released schedule.
    published = httpx.get(f"{pretalx.url}/{pretalx.event}/schedule/export/schedule.json",
                          timeout=30).json()
    assert published["schedule"]["version"] == "v1"
    theirs = {}
    for day in published["schedule"]["conference"]["days"]:
        for room, talks in day["rooms"].items():
            for talk in talks:
                theirs[talk["code"] if "code" in talk else talk["slug"].rsplit("-", 1)[0]] = (
                    talk["date"][:10], talk["start"], room)
    rooms = {r.id: r.name for r in scenario.rooms}
    ours = {s.id: (s.day.isoformat(), f"{s.start // 60:02d}:{s.start % 60:02d}",
                   rooms[s.room or ""]) for s in schedule.sessions}
    assert len(theirs) == 24
    assert {_code(k, ours): v for k, v in theirs.items()} == ours

    # And our schedule-json importer reads pretalx's export: the same programme, pinned.
    exported = tmp_path / "schedule.json"
    exported.write_text(json.dumps(published, ensure_ascii=False), encoding="utf-8")
    back = tmp_path / "back.yaml"
    code, _, stderr = invoke(env, "import", "schedule-json", str(exported), "-o", str(back))
    assert code == 0, stderr
    assert len(load_scenario(back).sessions) == 24

    # The next round: re-import keeps the placed talks pinned; sending again moves nothing.
    again = tmp_path / "again.yaml"
    code, _, stderr = invoke(env, "import", "pretalx", *where, "-o", str(again))
    assert code == 0, stderr
    assert all(s.pin is not None for s in load_scenario(again).sessions)
    again_schedule = tmp_path / "again-schedule.yaml"
    code, _, stderr = invoke(env, "solve", str(again), "-o", str(again_schedule),
                             "--time-limit", "30", "--workers", "2")
    assert code == 0, stderr
    code, stdout, stderr = invoke(env, "export", "pretalx", str(again), str(again_schedule),
                                  *where)
    assert code == 0, stderr
    assert "0 slots placed, 24 already where they belong" in stdout


def _code(key: str, ours: dict[str, tuple[str, str, str | None]]) -> str:
    """pretalx's slug is ``event-CODE-title``; find our submission code in it."""
    if key in ours:
        return key
    for code in ours:
        if f"-{code.lower()}-" in f"-{key.lower()}-":
            return code
    return key


def test_a_wrong_token_is_refused_without_showing_it(pretalx: Pretalx,
                                                     tmp_path: Path) -> None:
    secret = "not-a-real-token-0123456789"
    code, stdout, stderr = invoke({"CONFSCHED_PRETALX_TOKEN": secret}, "import", "pretalx",
                                  "--url", pretalx.url, "--event", pretalx.event,
                                  "-o", str(tmp_path / "x.yaml"))
    assert code == 1
    assert "refused the token" in stderr and "CONFSCHED_PRETALX_TOKEN" in stderr
    assert secret not in stdout + stderr and not (tmp_path / "x.yaml").exists()


def test_no_token_is_a_usage_error(tmp_path: Path) -> None:
    code, _, stderr = invoke({"CONFSCHED_PRETALX_TOKEN": ""}, "import", "pretalx", "--url",
                             "http://127.0.0.1:9", "--event", "x", "-o", str(tmp_path / "x.yaml"))
    assert code == 2 and "set CONFSCHED_PRETALX_TOKEN" in stderr


def test_a_password_in_the_url_is_refused_and_never_shown(tmp_path: Path) -> None:
    """It was echoed in every error message ("cannot reach pretalx at http://u:pw@...")."""
    code, stdout, stderr = invoke(
        {"CONFSCHED_PRETALX_TOKEN": "t0ken"}, "import", "pretalx", "--url",
        "http://orga:Pa55word@127.0.0.1:9", "--event", "x", "-o", str(tmp_path / "x.yaml"))
    assert code == 2 and "--url contains a user name or password" in stderr, stderr
    assert "Pa55word" not in stdout + stderr
