"""--deterministic: wall-clock limits are only safety nets, generous enough that a loaded
machine never decides a run's outcome (CI failed when a 0.3-unit solve of
knowledge-week-pools met an 18 s net, and a 2-second groups pass a 10 s one)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scheduler.scenario import load_scenario
from scheduler.solver import SolveOptions, groups, search, solve

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def test_a_small_budget_gets_the_floor_and_a_large_one_the_factor() -> None:
    assert search.safety_net(0.3) == search.DETERMINISTIC_WALL_FLOOR
    assert search.safety_net(10.0) == max(search.DETERMINISTIC_WALL_FLOOR,
                                          10.0 * search.DETERMINISTIC_WALL_FACTOR)
    assert search.safety_net(100.0) == 100.0 * search.DETERMINISTIC_WALL_FACTOR


@pytest.mark.slow  # a real solve of a shipped scenario with groups
def test_the_groups_pass_gets_the_runs_safety_net(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[float, float | None]] = []
    original = groups.best_groups

    def spy(scenario: Any, schedule: Any, time_limit: float, start: Any = None,
            wall: float | None = None) -> Any:
        seen.append((time_limit, wall))
        return original(scenario, schedule, time_limit, start, wall)

    monkeypatch.setattr(groups, "best_groups", spy)
    scenario = load_scenario(SCENARIOS / "knowledge-week-pools.yaml")
    result = solve(scenario, SolveOptions(time_limit=0.3, seed=0, workers=2,
                                          deterministic=True))
    assert result.schedule is not None
    assert seen, "the groups pass ran"
    budget, wall = seen[0]
    assert wall == search.safety_net(budget) >= search.DETERMINISTIC_WALL_FLOOR  # was 5x
