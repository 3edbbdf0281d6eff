"""Small scenarios for the solver tests, built in code, and helpers that solve and check."""

from __future__ import annotations

import copy
from typing import Any

from scheduler.checker import check
from scheduler.scenario import Scenario
from scheduler.schedule import Schedule
from scheduler.solver import Result, SolveOptions, solve

QUIET = {
    "participant_clashes": 0, "preferences": 0, "track_room_stability": 0, "room_fit": 0,
    "facilitator_same_room": 0, "compact_days": 1, "instrument_spread": 0,
    "preferred_size": 0, "dropped": 100,
}
"""Weights that only ask to finish early: most placements are then forced and testable."""


def scenario_data(**overrides: Any) -> dict[str, Any]:
    """A one-day event 09:00-12:00 on a 15-minute grid, two rooms, three people."""
    data: dict[str, Any] = {
        "event": {"name": "Тест", "timezone": "Asia/Bishkek", "first-day": "2026-06-01",
                  "day-start": "09:00", "day-end": "12:00", "granularity": 15},
        "rooms": [
            {"id": "small", "capacity": 30},
            {"id": "big", "capacity": 100, "tags": ["hybrid"]},
        ],
        "tracks": [{"id": "t1"}, {"id": "t2"}],
        "people": [{"id": "ann"}, {"id": "bob"}, {"id": "kat"}],
        "sessions": [],
        "weights": dict(QUIET),
    }
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    return copy.deepcopy(data)


def talk(sid: str, **fields: Any) -> dict[str, Any]:
    """A talk session (default 30 min) with the given fields."""
    return {"id": sid, "title": f"Доклад {sid}", "instrument": "talk", **fields}


def build(data: dict[str, Any]) -> Scenario:
    return Scenario.model_validate(data)


def run(data: dict[str, Any], time_limit: float = 5.0, **options: Any) -> Result:
    return solve(build(data), SolveOptions(time_limit=time_limit, workers=2,
                                           handle_sigint=False, **options))


def solved(data: dict[str, Any], time_limit: float = 5.0, **options: Any) -> Schedule:
    """Solve, and insist on a schedule that the independent checker accepts."""
    scenario = build(data)
    result = solve(scenario, SolveOptions(time_limit=time_limit, workers=2,
                                          handle_sigint=False, **options))
    assert result.schedule is not None, result.diagnosis
    report = check(scenario, result.schedule)
    assert report.ok, [str(v) for v in report.violations]
    return result.schedule


def unsolved(data: dict[str, Any], time_limit: float = 5.0) -> Result:
    """Solve, and insist that no schedule came out and a diagnosis did."""
    result = run(data, time_limit)
    assert result.schedule is None
    assert result.diagnosis, "an unsolved scenario must say why"
    assert all("INFEASIBLE" not in line for line in result.diagnosis)
    return result


def clock(text: str) -> int:
    h, m = text.split(":")
    return int(h) * 60 + int(m)


def first_fit_in_order(data: dict[str, Any], order: list[str]) -> tuple[Any, ...]:
    """The greedy's plain first fit of the sessions of ``data`` in ``order``, with no
    repair: ``(scenario, facts, board, placed, missing, breaks)``, ``missing`` being the
    facts of the sessions it left out (for the tests of what repairs them)."""
    from scheduler.facts import FactBuilder, TimeGrid
    from scheduler.solver.greedy import Board
    from scheduler.solver.greedy.placement import first_fit, place_breaks

    scenario = build(data)
    facts = FactBuilder(scenario).build()
    board = Board(scenario, TimeGrid(scenario))
    breaks = place_breaks(scenario, board)
    placed: dict[str, Any] = {}
    missing = []
    for sid in order:
        spot = first_fit(board, facts[sid], placed, None, None)
        if spot is None:
            missing.append(facts[sid])
            continue
        board.occupy(facts[sid], spot)
        placed[sid] = spot
    return scenario, facts, board, placed, missing, breaks


def checked_optimum(scenario: Scenario) -> tuple[int, Schedule]:
    """The objective and schedule of a solve of ``scenario`` that must prove optimality
    (within 30 s) and pass the checker."""
    from scheduler.schedule import SolveStatus

    result = solve(scenario, SolveOptions(time_limit=30, workers=2, handle_sigint=False))
    assert result.status == SolveStatus.OPTIMAL and result.schedule is not None
    report = check(scenario, result.schedule)
    assert report.ok, [str(v) for v in report.violations]
    assert result.schedule.objective is not None
    return result.schedule.objective, result.schedule
