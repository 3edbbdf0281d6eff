"""Symmetry breaking between identical registrations (scheduler/solver/group_symmetry.py):
only registrations nothing tells apart are ordered, hints are relabelled to fit, and the
optimum is kept. Every solved schedule is checked by the independent checker."""

from __future__ import annotations

import pytest

from scheduler.checker import check
from scheduler.solver import SolveOptions, solve
from scheduler.solver import model as model_module
from scheduler.solver.group_symmetry import canonical_given
from scheduler.solver.model import ScheduleModel
from tests.solver.helpers import build, checked_optimum
from tests.solver.test_run_symmetry import workshop

# workshop(): r{i} chooses [ws, alt] when i % 3, else [alt, ws]; r{i} also attends the
# keynote when i % 4 == 0. Four classes of identical registrations:
CLASSES = [
    [f"r{i}" for i in range(30) if i % 3 == 0 and i % 4 == 0],
    [f"r{i}" for i in range(30) if i % 3 and i % 4 == 0],
    [f"r{i}" for i in range(30) if i % 3 and i % 4],
    [f"r{i}" for i in range(30) if i % 3 == 0 and i % 4],
]


def test_identical_registrations_are_ordered() -> None:
    classes = ScheduleModel(build(workshop())).constraints.groups.classes
    assert sorted(classes) == sorted(CLASSES)


def test_a_registration_named_elsewhere_is_not_ordered() -> None:
    data = workshop()
    data["participants"]["registrations"][5]["name"] = "r1"  # r1's id appears twice
    classes = ScheduleModel(build(data)).constraints.groups.classes
    assert not any("r1" in ids for ids in classes)
    assert any("r2" in ids for ids in classes)


def test_a_minimal_change_resolve_orders_no_registrations() -> None:
    scenario = build(workshop())
    first = solve(scenario, SolveOptions(time_limit=5, workers=2, handle_sigint=False))
    assert first.schedule is not None
    built = ScheduleModel(scenario, earlier=first.schedule)
    assert built.constraints.groups.classes == []


def test_relabelled_assignments_are_ordered_and_the_same_multiset() -> None:
    built = ScheduleModel(build(workshop()))
    groups = built.constraints.groups
    ids = CLASSES[2]  # [ws, alt]: options ws.1, ws.2, ws.3, alt (bits 0..3)
    given = {(ids[0], "alt"), (ids[1], "ws.3"), (ids[2], "ws.1"), (ids[3], "ws.3"),
             ("r0", "alt")}
    out = canonical_given(groups.classes, groups, given)
    bits = {"ws.1": 1, "ws.2": 2, "ws.3": 4, "alt": 8}
    numbers = [sum(bits[sid] for rid, sid in out if rid == r) for r in ids]
    assert numbers == sorted(numbers, reverse=True)
    assert sorted(numbers, reverse=True)[:4] == [8, 4, 4, 1]
    assert ("r0", "alt") in out and len(out) == len(given)


@pytest.mark.slow
def test_ordering_registrations_keeps_thechecked_optimum(monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = build(workshop(compact_days=0, room_fit=3))
    ordered, schedule = checked_optimum(scenario)
    assert ScheduleModel(scenario).constraints.groups.classes
    monkeypatch.setattr(model_module, "break_registration_symmetry", lambda *_: [])
    assert ScheduleModel(scenario).constraints.groups.classes == []
    plain, _ = checked_optimum(scenario)
    assert ordered == plain
    assert sum(len(item.registrations) for item in schedule.sessions) > 0


@pytest.mark.slow
def test_a_hint_with_swapped_registrations_stays_complete() -> None:
    scenario = build(workshop())
    _, schedule = checked_optimum(scenario)
    ids = CLASSES[2]
    swapped = schedule.model_copy(deep=True)
    names = {ids[0]: ids[-1], ids[-1]: ids[0]}
    for item in swapped.sessions:
        item.registrations = [names.get(rid, rid) for rid in item.registrations]
    assert check(scenario, swapped).ok  # the swap is just as valid
    built = ScheduleModel(scenario)
    built.add_hint(swapped, time_limit=5, deterministic=True)
    assert built.hint_complete
