"""scheduler/solver/clash_portfolio.py: a small model with participant clashes is searched
by the core-based worker beside ``default_lp`` (2 workers); other models keep CP-SAT's
default portfolio. The schedule is the checker's optimum either way."""

from __future__ import annotations

from typing import Any

import pytest

from scheduler.checker import check
from scheduler.scenario import parse_scenario
from scheduler.schedule import SolveStatus
from scheduler.solver import SolveOptions, solve
from scheduler.solver import search as searching
from tests.lower_bound.cases import THREE_WANTED_IN_TWO_HOURS

NO_REGISTRATIONS = THREE_WANTED_IN_TWO_HOURS.split("participants:\n")[0]


def full_workers(monkeypatch: pytest.MonkeyPatch, text: str, **options: Any
                 ) -> tuple[list[str], int]:
    """Solves ``text``; returns the search's full workers and the checked schedule's
    participant clash penalty."""
    seen: list[list[str]] = []
    original = searching.search_to_proof

    def spy(solver: Any, *args: Any, **kwargs: Any) -> searching.Outcome:
        seen.append(list(solver.parameters.subsolvers))
        return original(solver, *args, **kwargs)

    monkeypatch.setattr(searching, "search_to_proof", spy)
    scenario = parse_scenario(text, "case.yaml")
    result = solve(scenario, SolveOptions(time_limit=10, deterministic=True, diagnose=False,
                                          handle_sigint=False, **options))
    assert result.status == SolveStatus.OPTIMAL and result.schedule is not None
    report = check(scenario, result.schedule)
    assert report.ok
    assert len(seen) == 1
    clashes = report.terms.get("participant_clashes")
    return seen[0], 0 if clashes is None else int(clashes.penalty)


def test_a_small_clash_model_gets_the_core_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    workers, objective = full_workers(monkeypatch, THREE_WANTED_IN_TWO_HOURS, workers=2)
    assert workers == ["core", "default_lp"]
    assert objective == 10  # the forced clash, proven optimal


def test_other_models_keep_the_default_portfolio(monkeypatch: pytest.MonkeyPatch) -> None:
    assert full_workers(monkeypatch, THREE_WANTED_IN_TWO_HOURS, workers=1)[0] == []
    assert full_workers(monkeypatch, NO_REGISTRATIONS, workers=2) == ([], 0)
