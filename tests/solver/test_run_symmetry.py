"""Symmetry breaking between the runs of one session (scheduler/solver/run_symmetry.py):
applied only to runs nothing tells apart, and it keeps the optimum. Every solved schedule
is checked by the independent checker."""

from __future__ import annotations

from typing import Any

import pytest

from scheduler.checker import check
from scheduler.solver import SolveOptions, solve
from scheduler.solver import model as model_module
from scheduler.solver.model import ScheduleModel
from tests.solver.helpers import build, checked_optimum, scenario_data, talk

RUNS = ["ws.1", "ws.2", "ws.3"]


def workshop(**weights: int) -> dict[str, Any]:
    """A workshop run three times, two talks, 30 registrations with ranked choices; some
    also attend a talk for sure, so the runs' times matter."""
    registrations: list[dict[str, Any]] = []
    for i in range(30):
        entry: dict[str, Any] = {"id": f"r{i}",
                                 "choices": ["ws", "alt"] if i % 3 else ["alt", "ws"]}
        if i % 4 == 0:
            entry["sessions"] = ["keynote"]
        registrations.append(entry)
    return scenario_data(
        rooms=[{"id": "small", "capacity": 12}, {"id": "big", "capacity": 20}],
        sessions=[talk("keynote", duration="60min", participants=10),
                  talk("ws", runs=3, duration="45min", participants=2,
                       people={"facilitator": ["ann"]}),
                  talk("alt", duration="45min")],
        participants={"registrations": registrations},
        weights={"choices": 10, "room_fit": 1, **weights})


def test_interchangeable_runs_are_ordered() -> None:
    built = ScheduleModel(build(workshop()))
    assert built.run_groups == [RUNS]


def _named_under_sessions(data: dict[str, Any]) -> None:
    data["participants"]["registrations"].append({"id": "named", "sessions": ["ws.2"]})


def _named_in_after(data: dict[str, Any]) -> None:
    data["sessions"][2]["after"] = ["ws.1"]


@pytest.mark.parametrize("change", [_named_under_sessions, _named_in_after])
def test_runs_named_elsewhere_are_not_ordered(change: Any) -> None:
    data = workshop()
    change(data)
    assert ScheduleModel(build(data)).run_groups == []


def test_a_pinned_run_is_not_ordered() -> None:
    data = workshop()
    data["sessions"][0]["pin"] = {"start": "09:00"}
    pin = build(data).session("keynote").pin
    scenario = build(workshop())
    scenario.session("ws.1").pin = pin
    assert ScheduleModel(scenario).run_groups == []


def test_a_minimal_change_resolve_orders_no_runs() -> None:
    scenario = build(workshop())
    first = solve(scenario, SolveOptions(time_limit=5, workers=2, handle_sigint=False))
    assert first.schedule is not None
    assert ScheduleModel(scenario, earlier=first.schedule).run_groups == []


@pytest.mark.slow
@pytest.mark.parametrize("weights", [{}, {"compact_days": 0, "room_fit": 3}])
def test_ordering_runs_keeps_thechecked_optimum(weights: dict[str, int],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = build(workshop(**weights))
    ordered, schedule = checked_optimum(scenario)
    assert ScheduleModel(scenario).run_groups == [RUNS]
    monkeypatch.setattr(model_module, "break_run_symmetry", lambda *_: [])
    assert ScheduleModel(scenario).run_groups == []
    plain, _ = checked_optimum(scenario)
    assert ordered == plain
    assert sum(len(schedule.session(sid).registrations) for sid in RUNS) > 0


@pytest.mark.slow
def test_a_hint_with_swapped_runs_is_relabelled_and_stays_complete() -> None:
    scenario = build(workshop())
    _, schedule = checked_optimum(scenario)
    swapped = schedule.model_copy(deep=True)
    for item in swapped.sessions:
        item.id = {"ws.1": "ws.3", "ws.3": "ws.1"}.get(item.id, item.id)
    assert check(scenario, swapped).ok  # the swap is just as valid
    built = ScheduleModel(scenario)
    assert built.run_groups == [RUNS]
    built.add_hint(swapped, time_limit=5, deterministic=True)
    assert built.hint_complete
