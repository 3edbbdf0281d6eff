"""`confsched bound SCENARIO [SCHEDULE]`: the bound and its parts, the schedule's gap
(the checker's objective), JSON, a time limit that cuts the relaxation short, and
errors without a traceback (exit 2 for bad input, 1 for a schedule breaking a rule)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from scheduler.checker import check
from scheduler.cli import main
from scheduler.generate import generate_with_plan, params_for, to_yaml
from scheduler.scenario import load_scenario
from scheduler.schedule import save_schedule


def _event(tmp_path: Path, shape: str, seed: int, **overrides: Any) -> tuple[Path, Path]:
    """A generated event's scenario file and its planted timetable (a valid schedule)."""
    data, plan = generate_with_plan(params_for(shape, **overrides), seed)
    scenario = tmp_path / f"{shape}-{seed}.yaml"
    scenario.write_text(to_yaml(data), encoding="utf-8")
    schedule = tmp_path / f"{shape}-{seed}-planted.yaml"
    save_schedule(plan, schedule)
    return scenario, schedule


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, ["bound", *args])


@pytest.fixture
def euro(tmp_path: Path) -> tuple[Path, Path]:
    return _event(tmp_path, "euro", 1, sessions=60, rooms=8, tracks=6)


def test_the_gap_printed_is_that_of_the_checked_objective(euro: tuple[Path, Path]) -> None:
    scenario, schedule = euro
    objective = check(load_scenario(scenario), _load(schedule)).objective
    done = _run(str(scenario), str(schedule), "--json")
    assert done.exit_code == 0, done.output
    data = json.loads(done.output)
    assert data["schedule"]["objective"] == objective
    assert 0 < data["lower_bound"] <= objective
    assert data["schedule"]["gap"] == pytest.approx((objective - data["lower_bound"])
                                                     / objective)
    text = _run(str(scenario), str(schedule))
    assert text.exit_code == 0
    shown = re.search(r"objective (\d+), gap ([\d.]+)%", text.output)
    assert shown is not None, text.output
    assert int(shown[1]) == objective
    assert float(shown[2]) == pytest.approx(
        100 * (objective - data["lower_bound"]) / objective, abs=0.05)
    assert f"lower bound: {data['lower_bound']}" in text.output


def test_json_schema(euro: tuple[Path, Path]) -> None:
    scenario, _ = euro
    done = _run(str(scenario), "--json", "--time-limit", "30")
    assert done.exit_code == 0, done.output
    data = json.loads(done.output)
    assert set(data) == {"scenario", "lower_bound", "complete", "cut_short", "parts",
                         "tracks", "cpu_seconds", "time_limit", "schedule", "warnings"}
    assert isinstance(data["lower_bound"], int) and data["complete"] is True
    assert data["cut_short"] == []
    assert data["schedule"] is None and data["time_limit"] == 30
    assert set(data["tracks"]) == {"total", "proven", "trivial_floor"}
    for part in data["parts"]:
        assert set(part) == {"terms", "bound", "method", "note"}
        assert part["method"] in {"relaxation", "floor", "none"}
    # the parts add up to the bound (rounded up), and every weighted term is in one part
    assert data["lower_bound"] == -int(-sum(p["bound"] for p in data["parts"]) // 1)
    named = [t for p in data["parts"] for t in p["terms"]]
    assert len(named) == len(set(named)) and "participant_clashes" in named
    # the first part is the track relaxation's; preferences are in it, or in the time
    # relaxation's part with the instrument spread when that split is the larger
    assert {"room_fit", "track_room_stability", "dropped"} <= set(data["parts"][0]["terms"])
    assert "preferences" in named and "instrument_spread" in named


def test_a_time_limit_of_almost_nothing_still_gives_a_bound(euro: tuple[Path, Path]) -> None:
    scenario, schedule = euro
    full = json.loads(_run(str(scenario), "--json").output)
    done = _run(str(scenario), str(schedule), "--time-limit", "0.000001")
    assert done.exit_code == 0, done.output
    assert "cut short by the time limit" in done.output
    cut = json.loads(_run(str(scenario), "--json", "--time-limit", "0.000001").output)
    assert cut["complete"] is False and cut["tracks"]["trivial_floor"] > 0
    assert "track relaxation" in cut["cut_short"]
    assert 0 < cut["lower_bound"] <= full["lower_bound"]


def test_a_schedule_of_another_scenario_is_refused(tmp_path: Path) -> None:
    euro_scenario, _ = _event(tmp_path, "euro", 1, sessions=60, rooms=8, tracks=6)
    _, other = _event(tmp_path, "large", 2, sessions=80, rooms=6, tracks=5,
                      registrations=100)
    done = _run(str(euro_scenario), str(other))
    assert done.exit_code == 2
    assert "schedule of another scenario" in done.output
    assert done.exception is None or isinstance(done.exception, SystemExit)


def test_a_schedule_breaking_a_rule_is_refused(euro: tuple[Path, Path],
                                               tmp_path: Path) -> None:
    scenario, schedule = euro
    plan = _load(schedule)
    first, second = plan.sessions[0], plan.sessions[1]
    moved = second.model_copy(update={"room": first.room, "start": first.start,
                                      "end": first.end, "day": first.day})
    broken = plan.model_copy(update={"sessions": [first, moved, *plan.sessions[2:]]})
    path = tmp_path / "broken.yaml"
    save_schedule(broken, path)
    done = _run(str(scenario), str(path))
    assert done.exit_code == 1, done.output
    assert "hard-rule violation" in done.output and "confsched check" in done.output


@pytest.mark.parametrize(("content", "expected"), [
    (None, "file not found"),
    ("event: [\n", "not valid YAML"),
])
def test_a_scenario_that_cannot_be_read_is_a_clear_error(
        tmp_path: Path, content: str | None, expected: str) -> None:
    path = tmp_path / "scenario.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    done = _run(str(path))
    assert done.exit_code == 2
    assert expected in done.output
    assert done.exception is None or isinstance(done.exception, SystemExit)


def test_a_time_limit_must_be_above_zero(euro: tuple[Path, Path]) -> None:
    done = _run(str(euro[0]), "--time-limit", "0")
    assert done.exit_code == 2 and "--time-limit" in done.output


def _load(path: Path) -> Any:
    from scheduler.schedule import load_schedule

    return load_schedule(path)
