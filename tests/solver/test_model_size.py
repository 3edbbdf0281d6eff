"""The Result reports the size of the CP-SAT model that was actually searched."""

from __future__ import annotations

from scheduler.solver import SolveOptions, solve
from scheduler.solver.model import ScheduleModel
from scheduler.solver.report import result_data
from tests.solver.helpers import build, scenario_data, talk


def test_a_solved_result_counts_the_variables_and_constraints_of_its_model() -> None:
    scenario = build(scenario_data(sessions=[talk("a"), talk("b", rooms=["small"])]))
    result = solve(scenario, SolveOptions(time_limit=5, workers=1, handle_sigint=False))
    assert result.solved
    # Nothing was capped or made elastic here, so it is the plain model's size.
    proto = ScheduleModel(scenario).model.proto
    assert result.variables == len(proto.variables) > 0
    assert result.constraints == len(proto.constraints) > 0
    data = result_data(result)
    assert data["model_size"] == {"variables": result.variables,
                                  "constraints": result.constraints}
    assert "model_objective" in data  # the earlier keys stay


def test_no_search_no_size() -> None:
    # Refused before any model is built (no room holds 500): no size to report.
    scenario = build(scenario_data(sessions=[talk("a", participants=500)]))
    result = solve(scenario, SolveOptions(time_limit=5, workers=1, handle_sigint=False))
    assert not result.solved
    assert result.variables is None and result.constraints is None
    assert result_data(result)["model_size"] == {"variables": None, "constraints": None}
