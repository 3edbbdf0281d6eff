"""The redundant energy bounds (scheduler/solver/energy.py) cut no optimal schedule."""

from __future__ import annotations

from typing import Any

import pytest
from ortools.sat.python import cp_model

from scheduler.generate import generate_yaml
from scheduler.generate.shapes import params_for
from scheduler.scenario.load import parse_scenario
from scheduler.schedule import SolveStatus
from scheduler.solver import SolveOptions, solve
from scheduler.solver.energy import concave_cuts, free_minutes
from scheduler.solver.model import ScheduleModel
from tests.solver.helpers import build, scenario_data, talk


def two_days(**weights: int) -> dict[str, Any]:
    """Two days 09:00-13:00, a coffee break to place, rooms of three sizes, six talks."""
    data = scenario_data(
        event={"last-day": "2026-06-02", "day-end": "13:00"},
        rooms=[{"id": "small", "capacity": 30}, {"id": "mid", "capacity": 60},
               {"id": "big", "capacity": 200, "tags": ["hybrid"]}],
        breaks={"placed": [{"id": "coffee", "duration": "30min",
                            "window": ["10:00", "11:30"]}]},
        weights={"compact_days": 3, "room_fit": 1, "track_room_stability": 1, **weights},
    )
    sizes = [25, 28, 30, 45, 55, 150]
    data["sessions"] = [
        talk(f"s{i}", duration="1h", participants=n, track="t1" if i % 2 else "t2",
             people={"speaker": [["ann", "bob", "kat"][i % 3]]})
        for i, n in enumerate(sizes)
    ]
    return data


def optimum(data: dict[str, Any], strengthen: bool) -> tuple[int, int]:
    """(status, objective) of the raw model with or without the energy bounds."""
    built = ScheduleModel(build(data), strengthen=strengthen)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.max_time_in_seconds = 20
    status = solver.solve(built.model)
    return int(status), round(solver.objective_value)


def test_free_minutes_subtract_breaks_at_their_latest() -> None:
    scenario = build(two_days())
    built = ScheduleModel(scenario, strengthen=False)
    table = free_minutes(scenario, built.vars, 0)
    # value v lets the day end at 09:00 + 15*v + 14; the coffee break (30 min, window
    # 10:00-11:30) is counted at its latest, 11:00-11:30.
    assert table[0] == 14
    assert table[7] == 15 * 7 + 14  # ends by 10:59: no break yet
    assert table[9] == 15 * 9 + 14 - 29  # ends by 11:29: 29 minutes of the break
    assert table[10] == 15 * 10 + 14 - 30  # ends by 11:44: the whole break
    assert table[16] == 240 - 30  # the frame ends at 13:00: never more than 3h30 free
    assert table[-1] == 240 - 30
    assert all(a <= b for a, b in zip(table, table[1:], strict=False))


def test_overlapping_break_windows_count_no_break() -> None:
    data = two_days()
    data["breaks"]["placed"].append({"id": "tea", "duration": "15min",
                                     "window": ["11:00", "12:00"]})
    scenario = build(data)
    table = free_minutes(scenario, ScheduleModel(scenario, strengthen=False).vars, 0)
    assert table[16] == 240


@pytest.mark.parametrize("table", [
    [0, 10, 20, 20, 20, 30, 40, 40],
    [5, 5, 5, 5],
    [0, 15, 29, 30, 60, 61, 61, 90, 120, 120],
])
def test_concave_cuts_lie_on_or_above_every_point(table: list[int]) -> None:
    cuts = concave_cuts(table)
    assert cuts
    for v, y in enumerate(table):
        assert all(den * y <= num * v + c for den, num, c in cuts), (v, y)
    # Tight: the first and last points lie on a cut.
    for v in (0, len(table) - 1):
        assert any(den * table[v] == num * v + c for den, num, c in cuts)


def test_energy_bounds_are_added_on_a_two_day_event() -> None:
    built = ScheduleModel(build(two_days()))
    assert built.objective.energy.added > 0
    # Each talk may go to several rooms on either day: its room choice is the sum of its
    # per-day products (tightens the relaxation while the day is undecided).
    assert built.objective.energy.linked > 0
    assert ScheduleModel(build(two_days()), strengthen=False).objective.energy.added == 0


@pytest.mark.parametrize("weights", [
    {},
    {"room_fit": 5},
    {"compact_days": 10, "room_fit": 0},
])
def test_energy_bounds_keep_the_optimum(weights: dict[str, int]) -> None:
    data = two_days(**weights)
    plain = optimum(data, strengthen=False)
    strong = optimum(data, strengthen=True)
    assert plain[0] == strong[0] == cp_model.OPTIMAL
    assert strong[1] == plain[1]


def test_energy_bounds_keep_the_optimum_when_rooms_are_scarce() -> None:
    # Two rooms and eight one-hour talks on a 4-hour day: the energy bound is tight.
    data = two_days()
    data["event"]["last-day"] = "2026-06-01"
    data["rooms"] = data["rooms"][:2]
    data["sessions"] = [
        talk(f"s{i}", duration="1h", participants=20 + 4 * i, track="t1" if i % 2 else "t2")
        for i in range(6)
    ]
    plain = optimum(data, strengthen=False)
    strong = optimum(data, strengthen=True)
    assert plain[0] == strong[0] == cp_model.OPTIMAL
    assert strong[1] == plain[1]


@pytest.mark.slow
def test_seminar_instance_is_proven_optimal() -> None:
    # The `seminar` instance of the small benchmark suite (20 sessions, 5 rooms, 1 day).
    scenario = parse_scenario(generate_yaml(params_for("seminar"), 0), "seminar-s0.yaml")
    assert len(scenario.sessions) == 20
    result = solve(scenario, SolveOptions(time_limit=60, workers=2, seed=0,
                                          handle_sigint=False))
    assert result.status == SolveStatus.OPTIMAL
    assert result.schedule is not None


def test_the_at_once_piece_proves_the_online_week() -> None:
    """hand2: the online week (22 online sessions, two licences, compact days) was not
    proven in 10 deterministic units of two workers (bound 49 for 64; hand1: not at 90 s).
    With the ``at-once`` piece (per day, online minutes <= licences x the free time before
    the day's end) one worker proves 64 in 0.64 units, against 2.17 without it: within 1.5
    units only with it. The checker agrees."""
    from benchmarks import handwritten
    from scheduler.checker import check
    from scheduler.scenario import load_scenario

    scenario = load_scenario(handwritten.HERE / "cop-online-week.yaml")
    result = solve(scenario, SolveOptions(time_limit=1.5, deterministic=True, workers=1,
                                          handle_sigint=False, diagnose=False))
    assert result.status == SolveStatus.OPTIMAL and result.schedule is not None
    report = check(scenario, result.schedule)
    assert report.ok and report.objective == 64
