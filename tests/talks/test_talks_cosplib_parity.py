"""The core engine, handed a CoSPLib instance directly, solves it as well as the paper.

The instance goes to the core as a neutral problem field by field
(:func:`confsched_cosplib.problem.as_problem`; every room open, everyone available, no
room limits: CoSPLib has none of the engine's extra rules). There is one scorer: the
plugin scores CoSPLib workbooks with the core's :mod:`scheduler.talks.score`, held to
CoSPLib's checker values by tests/cosplib/test_cosplib_scorer.py and
test_cosplib_exact.py (the former core-against-plugin scorer comparison is gone with the
plugin's copy)."""

from __future__ import annotations

import pytest
from confsched_cosplib.instance import load_instance
from confsched_cosplib.problem import as_problem
from confsched_cosplib.scorer import score as plugin_score
from confsched_cosplib.solution import load_solution

from scheduler.solver import talks_search
from tests.cosplib.cosplibdata import instance_path, solution_path


@pytest.mark.slow
def test_the_core_engine_solves_n2or_like_the_plugin() -> None:
    instance = load_instance(instance_path("N2OR"))
    problem = as_problem(instance)
    result = talks_search.solve(problem, time_limit=15.0, workers=2, seed=0)
    assert result.solution is not None and result.score is not None
    assert result.score["feasible"] and result.score["valid"]
    stored = plugin_score(instance, load_solution(solution_path("N2OR"), instance))
    assert result.score["objective"] <= stored["objective"] + 2
    assert result.model_terms is not None
    for term, value in result.model_terms.items():
        assert value == result.score["terms"].get(term, {"count": 0})["count"], term
