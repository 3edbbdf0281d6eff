"""Disagreements the property tests found, each kept as a small scenario in cases/.

Every case states what docs/rules.md demands of it. Cases of open bugs are strict
xfails (and their scenarios are skipped by the properties, see
property_support.KNOWN_BUGS): when a bug is fixed its test passes, strict xfail turns
that into a failure, and the xfail mark and the KNOWN_BUGS entry go together.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from property_support import KNOWN_BUGS, known_bug, run_solver, terms_of

from scheduler.checker import check
from scheduler.errors import InputError
from scheduler.scenario import load_scenario
from scheduler.schedule import SolveStatus

CASES = Path(__file__).parent / "cases"


@dataclass(frozen=True)
class Case:
    """What the rulebook demands of a case: a schedule (``solvable``) or none."""

    solvable: bool
    bug: str | None = None
    """Why it is an open bug (the strict xfail reason), None once fixed."""


EXPECTED: dict[str, Case] = {
    "online-session-pinned-to-room": Case(
        solvable=False),
    "whole-day-unequal-frames": Case(
        solvable=True),
    "whole-day-unequal-frames-track-choice": Case(
        solvable=True),
    "whole-day-unequal-frames-room-choice": Case(
        solvable=True),
}


def test_every_case_file_has_an_expectation_and_every_known_bug_a_case() -> None:
    files = sorted(p.stem for p in CASES.glob("*.yaml"))
    assert files == sorted(EXPECTED)
    assert {bug.case for bug in KNOWN_BUGS} == {name for name, c in EXPECTED.items() if c.bug}


@pytest.mark.parametrize("name", sorted(n for n, c in EXPECTED.items() if c.bug))
def test_known_bug_filter_recognises_its_own_case(name: str) -> None:
    scenario = load_scenario(CASES / f"{name}.yaml")
    assert known_bug(scenario) == name


def _params() -> list[object]:
    return [pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=case.bug))
            if case.bug else name for name, case in sorted(EXPECTED.items())]


@pytest.mark.parametrize("name", _params())
def test_case_solver_and_checker_agree(name: str) -> None:
    expected = EXPECTED[name]
    try:
        scenario = load_scenario(CASES / f"{name}.yaml")
    except InputError as exc:
        # Refusing a scenario no schedule can satisfy, with its place, also honours the
        # rulebook.
        assert not expected.solvable, str(exc)
        assert all(p.line for p in exc.problems), str(exc)
        return
    result = run_solver(scenario)
    if not expected.solvable:
        assert result.status == SolveStatus.INFEASIBLE
        assert result.schedule is None and result.diagnosis
        return
    assert result.status.has_schedule and result.schedule is not None
    report = check(scenario, result.schedule)
    assert report.ok, "\n".join(map(str, report.violations))
    found = {n: (t.weight, t.value, t.penalty) for n, t in report.terms.items()}
    assert found == terms_of(result.schedule)
