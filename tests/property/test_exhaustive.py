"""On tiny scenarios the solver's claims are checked against every possible schedule.

An exhaustive search (property_enumerate.py) judged by the checker alone says whether a
valid schedule exists and what the least objective is. Then: INFEASIBLE means none
exists (the pre-solve checks and the model claim nothing false); a returned schedule
means one exists; OPTIMAL means no valid schedule costs less.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import assume, event, given
from property_enumerate import Budget, Search
from property_support import profile, shown, solved
from strategies import scenarios

from scheduler.schedule import SolveStatus

pytestmark = pytest.mark.slow  # property runs: many real solves of drawn scenarios

CHECKS = 2500
"""Most checker calls one search may make (about a second); larger searches are skipped."""


@profile(30)
@given(data=scenarios(max_sessions=3, tiny=True))
def test_solver_status_matches_exhaustive_search(data: dict[str, Any]) -> None:
    scenario, result = solved(data)
    optimal = result.status == SolveStatus.OPTIMAL
    try:
        outcome = Search(scenario, CHECKS).run(want_best=optimal)
    except Budget:
        event("search over budget")
        assume(False)
        return
    event(f"exhaustive search: {'feasible' if outcome.feasible else 'infeasible'}")
    if result.status == SolveStatus.INFEASIBLE:
        assert not outcome.feasible, (
            f"the solver says infeasible ({result.diagnosis}); this schedule passes the "
            "checker" + shown(data, schedule=outcome.best_schedule))
    if result.schedule is not None:
        assert outcome.feasible, "the search found nothing the solver found" + shown(
            data, schedule=result.schedule)
    if optimal:
        assert result.schedule is not None
        assert outcome.best == result.schedule.objective, (
            f"the solver says {result.schedule.objective} is optimal; the search finds "
            f"{outcome.best}" + shown(data, schedule=outcome.best_schedule))
