"""The redundant bound pieces (scheduler/solver/bounds.py) never cut off the optimum.

Each piece is compared with the model without any piece, on tiny instances whose optimum
CP-SAT proves either way: the optimum must be the same. A piece that states something a
schedule need not satisfy would show up as a higher optimum (or infeasibility).
"""

from __future__ import annotations

import pytest
from ortools.sat.python import cp_model

from scheduler.generate import generate_yaml
from scheduler.generate.shapes import params_for
from scheduler.scenario import Scenario
from scheduler.scenario.load import parse_scenario
from scheduler.solver.bounds import DEFAULT, PIECES, choose, talks_like
from scheduler.solver.energy import grained
from scheduler.solver.model import ScheduleModel
from tests.solver.helpers import build, scenario_data, talk


def packed(**weights: int) -> Scenario:
    """One morning, two rooms, seven talks of 30 and 45 minutes: the rooms are nearly full,
    so the day's end, room fit and track stability pull against each other."""
    data = scenario_data(
        breaks={"placed": [{"id": "coffee", "duration": "15min",
                            "window": ["10:00", "11:00"]}]},
        weights={"compact_days": 3, "room_fit": 1, "track_room_stability": 2, **weights},
    )
    sizes = [(25, "30min"), (28, "30min"), (90, "45min"), (30, "30min"), (60, "45min"),
             (20, "30min"), (15, "30min")]
    data["sessions"] = [
        talk(f"s{i}", duration=d, participants=n, track="t1" if i % 2 else "t2",
             people={"speaker": [["ann", "bob", "kat"][i % 3]]})
        for i, (n, d) in enumerate(sizes)
    ]
    return build(data)


def generated(seed: int) -> Scenario:
    """A tiny generated talks event: 8 talks, 2 rooms, 1 day, 16 registrations."""
    params = params_for("pycon", simple=True, sessions=8, rooms=2, days=1, tracks=2,
                        registrations=16)
    return parse_scenario(generate_yaml(params, seed), f"tiny-{seed}.yaml")


def optimum(scenario: Scenario, pieces: frozenset[str]) -> int:
    """The proven optimum of the model with only ``pieces`` added."""
    built = ScheduleModel(scenario, strengthen=pieces)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.max_time_in_seconds = 60
    assert solver.solve(built.model) == cp_model.OPTIMAL
    return round(solver.objective_value)


CASES = {
    "packed": packed,
    "packed-fit": lambda: packed(room_fit=4, compact_days=1),
    "tiny-1": lambda: generated(1),
    "tiny-2": lambda: generated(2),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", list(CASES))
def test_every_piece_keeps_the_optimum(case: str) -> None:
    scenario = CASES[case]()
    known = optimum(scenario, frozenset())
    for piece in PIECES:
        assert optimum(scenario, frozenset({piece})) == known, piece
    assert optimum(scenario, frozenset(PIECES)) == known


def test_grain_rounds_down_to_multiples() -> None:
    assert grained([0, 14, 29, 30, 44, 59, 60, 89], 30) == [0, 0, 0, 30, 30, 30, 60, 60]
    assert grained([7, 13], 1) == [7, 13]


def test_grain_is_used_where_lengths_share_a_divisor() -> None:
    scenario = packed()
    assert ScheduleModel(scenario, strengthen=frozenset({"grain"})).objective.energy.grained > 0
    assert ScheduleModel(scenario, strengthen=frozenset({"energy"})).objective.energy.grained == 0


def test_over_rounding_would_cut_the_optimum() -> None:
    # The comparison above has teeth: rounding by four times the true grain (120 minutes
    # for 30-minute talks) is wrong, and on a crowded morning (ten 30-minute talks in two
    # rooms, 3 hours) it cuts off every schedule.
    import scheduler.solver.energy as energy

    data = scenario_data(weights={"compact_days": 3, "room_fit": 1})
    data["sessions"] = [talk(f"s{i}", participants=20 + i) for i in range(10)]
    scenario = build(data)
    assert optimum(scenario, frozenset()) == optimum(scenario, frozenset({"grain"}))
    original = energy.grained
    try:
        energy.grained = lambda table, grain: original(table, 4 * grain)
        built = ScheduleModel(scenario, strengthen=frozenset({"grain"}))
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = 60
        assert solver.solve(built.model) == cp_model.INFEASIBLE
    finally:
        energy.grained = original


def test_choose_names_the_pieces() -> None:
    assert choose(None, True) == DEFAULT
    assert choose(None, True, coarse=False) == frozenset()
    # the clique cuts (opt-in) change the model, not the search: measured alone
    assert "clashes" in PIECES and not talks_like(frozenset({"clashes"}))
    assert talks_like(frozenset({"grain", "clashes"})) and talks_like(DEFAULT)
    assert choose(None, False) == frozenset()
    assert choose(True, False) == DEFAULT
    assert choose(frozenset({"grain"}), True) == {"grain"}
    with pytest.raises(ValueError, match="unknown bound piece"):
        choose(frozenset({"cliques"}), True)


