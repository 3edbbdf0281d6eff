"""The people benchmark (#12): the two-stage baseline gives a checked schedule, and the
runner's arguments and report say what was compared."""

from __future__ import annotations

from typing import Any

import pytest

from benchmarks.people_bench import parse_gen, ratio, render
from scheduler.bench.two_stage import PLACEHOLDER, two_stage, without_people
from scheduler.checker import check
from scheduler.errors import UsageError
from scheduler.generate import generate, params_for, to_yaml
from scheduler.scenario import parse_scenario
from scheduler.scenario.pools import needs


def pool_text(seed: int = 0) -> str:
    return to_yaml(generate(params_for("seminar", pool_size=10), seed))


def test_stage_one_names_a_placeholder_for_every_need_and_nothing_else_changes() -> None:
    text = pool_text()
    scenario = parse_scenario(text, "pool.yaml")
    timetable = parse_scenario(without_people(text, scenario), "stage-1")
    assert all(not needs(timetable, s) for s in timetable.sessions)
    wanted = sum(sum(needs(scenario, s).values()) for s in scenario.sessions)
    placeholders = {pid for s in timetable.sessions for pid in s.person_ids
                    if pid.startswith(PLACEHOLDER)}
    assert len(placeholders) == wanted > 0
    assert [s.id for s in timetable.sessions] == [s.id for s in scenario.sessions]


@pytest.mark.slow
def test_the_two_stage_baseline_gives_a_checked_schedule_with_every_need_met() -> None:
    text = pool_text(1)
    scenario = parse_scenario(text, "pool.yaml")
    result = two_stage(text, scenario, 4, deterministic=True)
    assert result.schedule is not None, result.status
    report = check(scenario, result.schedule)
    assert report.ok, [str(v) for v in report.violations]
    assert not any(p.startswith(PLACEHOLDER) for s in result.schedule.sessions
                   for ids in s.people.values() for p in ids)


def test_generator_arguments_and_the_ratio() -> None:
    assert parse_gen(("sessions=200", "pool-size=30", "shape=large")) == {
        "sessions": 200, "pool_size": 30, "shape": "large"}
    with pytest.raises(UsageError, match="KEY=VALUE"):
        parse_gen(("choices",))
    data: dict[str, Any] = {"command": "x", "started": "a", "ended": "b", "time_limit": 60,
            "deterministic": True, "generator": {}, "instance": {
                "planted_objective": 900, "planted_ok": True},
            "results": [{"solver": "confsched", "checked_ok": True, "objective": 600},
                        {"solver": "two-stage", "checked_ok": True, "objective": 800}]}
    assert ratio(data) == 0.75
    assert "| confsched | None | True | 600 | 0.750 |" in render(data)
    data["results"][1]["checked_ok"] = False  # an unchecked schedule is no yardstick
    assert ratio(data) is None


def test_stage_one_keeps_a_jury_from_enough_organisations() -> None:
    """A competition whose jury comes from the pool (jury-min-organisations: 2) still loads
    with placeholders: each has an organisation of its own (it was refused before)."""
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "scenarios" / "knowledge-week-pools.yaml"
    text = path.read_text(encoding="utf-8")
    scenario = parse_scenario(text, str(path))
    assert any(s.instrument == "competition" and needs(scenario, s).get("jury")
               for s in scenario.sessions)
    timetable = parse_scenario(without_people(text, scenario), "stage-1")
    jury = [pid for s in timetable.sessions if s.instrument == "competition"
            for pid in s.people.get("jury", []) if pid.startswith(PLACEHOLDER)]
    assert jury
