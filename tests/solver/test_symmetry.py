"""Symmetry breaking for identical rooms (scheduler/solver/symmetry.py) keeps the optimum."""

from __future__ import annotations

from typing import Any

import pytest
from ortools.sat.python import cp_model

from scheduler.checker import check
from scheduler.schedule import Schedule, SolveStatus
from scheduler.solver import SolveOptions, solve
from scheduler.solver.model import ScheduleModel
from scheduler.solver.symmetry import canonical_rooms, identical_room_groups
from tests.solver.helpers import build, scenario_data, talk


def twins(**weights: int) -> dict[str, Any]:
    """Three rooms, two of them identical (a and b), five talks with people and tracks."""
    data = scenario_data(
        rooms=[{"id": "a", "capacity": 40}, {"id": "big", "capacity": 120},
               {"id": "b", "capacity": 40}],
        weights={"compact_days": 2, "room_fit": 1, "track_room_stability": 3,
                 "facilitator_same_room": 2, **weights},
    )
    sizes = [20, 35, 38, 90, 25]
    data["sessions"] = [
        talk(f"s{i}", duration="45min", participants=n, track="t1" if i % 2 else "t2",
             people={"speaker": [["ann", "bob", "kat"][i % 3]]})
        for i, n in enumerate(sizes)
    ]
    return data


def optimum(data: dict[str, Any], strengthen: bool) -> tuple[int, int, ScheduleModel]:
    built = ScheduleModel(build(data), strengthen=strengthen)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.max_time_in_seconds = 20
    status = solver.solve(built.model)
    return int(status), round(solver.objective_value), built


def test_identical_rooms_are_grouped() -> None:
    built = ScheduleModel(build(twins()), strengthen=False)
    assert identical_room_groups(built.scenario, built.vars) == [["a", "b"]]


@pytest.mark.parametrize("change", [
    lambda d: d["rooms"][2].update(capacity=45),
    lambda d: d["rooms"][2].update(tags=["hybrid"]),
    lambda d: d["rooms"][2].update(available=[{"day": "2026-06-01", "start": "09:00",
                                                "end": "11:00"}]),
    lambda d: d["sessions"][0].update(pin={"room": "a"}),
    lambda d: d["sessions"][0].update(rooms=["b", "big"]),
])
def test_rooms_that_differ_in_any_way_are_not_grouped(change: Any) -> None:
    data = twins()
    change(data)
    built = ScheduleModel(build(data), strengthen=False)
    assert identical_room_groups(built.scenario, built.vars) == []


@pytest.mark.parametrize("weights", [
    {},
    {"room_fit": 0, "track_room_stability": 5},
    {"compact_days": 0, "facilitator_same_room": 10},
])
def test_ordering_identical_rooms_keeps_the_optimum(weights: dict[str, int]) -> None:
    data = twins(**weights)
    plain_status, plain, _ = optimum(data, strengthen=False)
    strong_status, strong, built = optimum(data, strengthen=True)
    assert built.room_groups == [["a", "b"]]
    assert plain_status == strong_status == cp_model.OPTIMAL
    assert strong == plain


def test_a_hook_that_names_no_room_keeps_the_ordering() -> None:
    built = ScheduleModel(build(twins()), strengthen=True, hooks=[lambda _: []])
    assert built.room_groups == [["a", "b"]]


def triplets() -> dict[str, Any]:
    """twins() with a third identical room c."""
    data = twins()
    data["rooms"].append({"id": "c", "capacity": 40})
    return data


def _earlier_in(scenario: Any, room: str) -> Schedule:
    """A schedule of ``scenario`` with every 40-seat session in ``room``, one after another."""
    first = solve(scenario, SolveOptions(time_limit=10, workers=2, handle_sigint=False))
    assert first.schedule is not None
    earlier = first.schedule.model_copy(deep=True)
    for item in earlier.sessions:
        if item.room in {"a", "b", "c"}:
            item.room = room
    return earlier


def test_a_minimal_change_resolve_orders_only_the_rooms_it_does_not_name() -> None:
    # The changes term tells 'a' (used by the earlier schedule) apart from the others;
    # 'b' and 'c' are still interchangeable, so their ordering stays.
    scenario = build(triplets())
    earlier = _earlier_in(scenario, "a")
    built = ScheduleModel(scenario, strengthen=True, earlier=earlier)
    assert built.room_groups == [["b", "c"]]


def test_a_minimal_change_resolve_with_ordering_keeps_the_optimum() -> None:
    scenario = build(triplets())
    earlier = _earlier_in(scenario, "b")
    values = []
    for strengthen in (False, True):
        built = ScheduleModel(scenario, strengthen=strengthen, earlier=earlier)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 2
        solver.parameters.max_time_in_seconds = 20
        assert solver.solve(built.model) == cp_model.OPTIMAL
        values.append(round(solver.objective_value))
    assert built.room_groups == [["a", "c"]]
    assert values[0] == values[1]


def test_a_hint_with_swapped_rooms_is_relabelled_and_stays_complete() -> None:
    data = twins()
    scenario = build(data)
    first = solve(scenario, SolveOptions(time_limit=10, workers=2, handle_sigint=False))
    assert first.status == SolveStatus.OPTIMAL and first.schedule is not None
    swapped = first.schedule.model_copy(deep=True)
    for item in swapped.sessions:
        item.room = {"a": "b", "b": "a"}.get(item.room or "", item.room)
    assert check(scenario, swapped).ok  # the swap is just as valid
    built = ScheduleModel(scenario, strengthen=True)
    assert built.room_groups == [["a", "b"]]
    built.add_hint(swapped, time_limit=5, deterministic=True)
    assert built.hint_complete


def test_canonical_rooms_orders_rooms_by_their_first_session() -> None:
    built = ScheduleModel(build(twins()), strengthen=True)
    # s0 (first in order) sits in b: b becomes a, and a becomes b.
    rooms = {"s0": "b", "s1": "a", "s2": "b", "s3": "big", "s4": "a"}
    assert canonical_rooms(built.room_groups, built.vars, rooms) == {
        "s0": "a", "s1": "b", "s2": "a", "s3": "big", "s4": "b"}
    # An empty first room of the group moves behind the used one.
    assert canonical_rooms(built.room_groups, built.vars, {"s0": "b"}) == {"s0": "a"}
