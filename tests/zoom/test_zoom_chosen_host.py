"""A facilitator the solver chose from a pool hosts their own Zoom meeting (#12): the
Bishkek launch with sessions 1 and 2 taking one facilitator from a pool of two
(``same-people-as``) and ``host: facilitator``, solved, checked, and synced to the fake
Zoom on a loopback port."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from confsched_zoom.meetings import needed_meetings
from fakezoom import FakeZoom
from zoomhelp import BISHKEK

from scheduler.checker import check
from scheduler.cli import main
from scheduler.errors import InputError
from scheduler.scenario import load_scenario
from scheduler.schedule import save_schedule
from scheduler.solver import SolveOptions, solve

POOL = [
    {"id": "aigul", "name": "Айгуль", "roles": ["facilitator"], "email": "aigul@example.org",
     "available": [{"start": "09:00", "end": "18:00"}]},
    {"id": "timur", "name": "Тимур", "roles": ["facilitator"], "email": "timur@example.org",
     "available": [{"start": "13:00", "end": "18:00"}]},  # not free for session 1
]


def pooled(tmp_path: Path, **person: Any) -> Path:
    """Bishkek with a facilitator pool for sessions 1 and 2 and the facilitator as host."""
    data = yaml.safe_load(BISHKEK.read_text(encoding="utf-8"))
    pool = [dict(p) for p in POOL]
    pool[0].update(person)
    pool[0] = {k: v for k, v in pool[0].items() if v is not None}
    data["people"] += pool
    for sid in ("session-1", "session-2"):
        s = next(x for x in data["sessions"] if x["id"] == sid)
        s.pop("people")
        s["needs"] = {"facilitator": 1}
        s["host"] = "facilitator"  # whoever the solver chooses
    next(x for x in data["sessions"] if x["id"] == "session-2")["same-people-as"] = [
        "session-1"]
    path = tmp_path / "pooled.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


def solved(scenario_path: Path, tmp_path: Path) -> Path:
    scenario = load_scenario(scenario_path)
    result = solve(scenario, SolveOptions(time_limit=10.0, workers=2, handle_sigint=False))
    assert result.schedule is not None, result.diagnosis
    report = check(scenario, result.schedule)
    assert report.ok, [str(v) for v in report.violations]
    path = tmp_path / "pooled.schedule.yaml"
    save_schedule(result.schedule, path)
    return path


@pytest.mark.slow
def test_a_chosen_facilitator_hosts_their_meetings(
        tmp_path: Path, fake_zoom: FakeZoom, zoom_env: dict[str, str]) -> None:
    scenario_path = pooled(tmp_path)
    schedule_path = solved(scenario_path, tmp_path)
    result = CliRunner().invoke(main, ["zoom", "sync", str(scenario_path), str(schedule_path)],
                                env=zoom_env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    hosts = {c.body["topic"][:9]: c.path for c in fake_zoom.api_calls("POST")}
    # Айгуль is the only one free for session 1, so she runs both (same-people-as) and
    # hosts both; the opening keeps the account's own user.
    assert hosts["Сессия 1:"] == hosts["Сессия 2:"] == "/v2/users/aigul@example.org/meetings"
    assert hosts["Открытие."] == "/v2/users/me/meetings"


@pytest.mark.slow
def test_a_chosen_host_without_an_email_is_refused_in_words(tmp_path: Path) -> None:
    scenario_path = pooled(tmp_path, email=None)
    scenario = load_scenario(scenario_path)
    schedule_path = solved(scenario_path, tmp_path)
    from scheduler.schedule import load_schedule
    with pytest.raises(InputError) as caught:
        needed_meetings(scenario, load_schedule(schedule_path), str(schedule_path))
    assert "hosted by Айгуль (facilitator), who has no email" in str(caught.value)
