"""The capacity-class cumulatives (scheduler/solver/capacity.py) hold in every schedule and
cut no optimum."""

from __future__ import annotations

from typing import Any

import pytest
from ortools.sat.python import cp_model

from scheduler.checker import check
from scheduler.generate import generate_yaml
from scheduler.generate.shapes import params_for
from scheduler.scenario.load import parse_scenario
from scheduler.schedule import SolveStatus
from scheduler.solver import SolveOptions, capacity, solve
from scheduler.solver.model import ScheduleModel
from tests.solver.helpers import build, scenario_data, talk


def crowded(sizes: list[int], frame_end: str = "09:30") -> dict[str, Any]:
    """Two 100-seat rooms, one 30-seat room, talks of the given sizes, a short day."""
    data = scenario_data(event={"day-end": frame_end},
                         rooms=[{"id": "a", "capacity": 100}, {"id": "b", "capacity": 100},
                                {"id": "c", "capacity": 30}],
                         weights={"room_fit": 1, "compact_days": 1})
    data["sessions"] = [talk(f"s{i}", participants=n) for i, n in enumerate(sizes)]
    return data


def optimum(data: dict[str, Any], pieces: frozenset[str]) -> tuple[int, int | None]:
    """(status, objective) of the raw model with the given bound pieces."""
    built = ScheduleModel(build(data), strengthen=pieces)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = 20
    status = solver.solve(built.model)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return int(status), round(solver.objective_value) if found else None


def test_classes_are_the_candidate_room_sets_that_can_bind() -> None:
    # 90-seat talks fit only a or b; the 20-seat ones fit every room.
    built = ScheduleModel(build(crowded([90, 90, 90, 20, 20])), strengthen=frozenset())
    classes = capacity.capacity_classes(built.vars)
    assert [(sorted(rooms), sorted(sv.id for sv in members))
            for rooms, members in classes] == [
        (["a", "b"], ["s0", "s1", "s2"]),
        (["a", "b", "c"], ["s0", "s1", "s2", "s3", "s4"]),
    ]
    for rooms, members in classes:
        assert len(members) > len(rooms) >= 2
        assert all(rooms.issuperset(sv.room_lits) for sv in members)


def test_no_class_when_it_cannot_bind() -> None:
    # Two big talks for two big rooms: at most two at once holds anyway.
    built = ScheduleModel(build(crowded([90, 90])), strengthen=frozenset())
    assert capacity.capacity_classes(built.vars) == []


def test_a_class_as_full_as_its_rooms_stays_feasible(monkeypatch: pytest.MonkeyPatch) -> None:
    # A one-hour day and four 90-seat talks: the only schedules run two at once in a and
    # b in both half-hours, i.e. the class {a, b} at its full capacity 2 all day.
    data = crowded([90, 90, 90, 90], "10:00")
    pieces = frozenset({"capacity"})
    with_piece = optimum(data, pieces)
    assert with_piece == optimum(data, frozenset())
    assert with_piece[0] == cp_model.OPTIMAL
    # The test can fail: one seat of capacity less in the cumulative cuts off every
    # schedule of this event.
    real = capacity.add_capacity_classes

    def one_less(model: cp_model.CpModel, variables: Any) -> int:
        for rooms, members in capacity.capacity_classes(variables):
            model.add_cumulative([sv.interval for sv in members], [1] * len(members),
                                 len(rooms) - 1)
        return 1

    monkeypatch.setattr("scheduler.solver.model.add_capacity_classes", one_less)
    assert optimum(data, pieces)[0] == cp_model.INFEASIBLE
    monkeypatch.setattr("scheduler.solver.model.add_capacity_classes", real)


@pytest.mark.parametrize("sizes,end", [
    ([90, 90, 90, 20, 20], "10:30"),
    ([95, 60, 90, 25, 20, 28, 85], "10:30"),
    ([90, 90, 90, 90, 90, 20], "11:00"),
])
def test_the_optimum_is_the_same_with_and_without_the_classes(sizes: list[int],
                                                                end: str) -> None:
    data = crowded(sizes, end)
    plain = optimum(data, frozenset())
    strong = optimum(data, frozenset({"capacity"}))
    assert plain[0] == strong[0] == cp_model.OPTIMAL
    assert strong[1] == plain[1]


@pytest.mark.slow
# (seminar seed 1 is not proven in 30 units even without the piece)
@pytest.mark.parametrize("shape,seed", [("seminar", 0), ("seminar", 2)])
def test_generated_events_keep_their_checked_optimum(shape: str, seed: int) -> None:
    scenario = parse_scenario(generate_yaml(params_for(shape), seed), f"{shape}-{seed}.yaml")
    built = ScheduleModel(scenario, strengthen=frozenset({"capacity"}))
    assert capacity.capacity_classes(built.vars), "the event has no class to test"
    objectives = []
    for pieces in (frozenset(), frozenset({"capacity"})):
        # deterministic: the proof depends on CP-SAT's work, not on the machine's load
        result = solve(scenario, SolveOptions(time_limit=30, workers=2, seed=0, bounds=pieces,
                                              deterministic=True, handle_sigint=False,
                                              diagnose=False))
        assert result.status == SolveStatus.OPTIMAL and result.schedule is not None
        report = check(scenario, result.schedule)
        assert report.ok, [str(v) for v in report.violations]
        objectives.append(report.objective)
    assert objectives[0] == objectives[1]
