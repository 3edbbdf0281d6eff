"""The checker covers exactly the rules of docs/rules.md, and agrees with the solver."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scheduler.checker import HARD_RULES, TERMS, check
from scheduler.scenario import load_scenario
from scheduler.scenario.talks import TALK_TERMS

ROOT = Path(__file__).resolve().parents[2]


def rulebook_names(section: str) -> list[str]:
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    part = text.split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z_-]+)` \|", part, flags=re.MULTILINE)


def test_every_hard_rule_of_the_rulebook_is_checked():
    names = rulebook_names("Hard rules")
    assert len(names) > 20
    assert set(HARD_RULES) - {"scenario-match"} == set(names)


def test_every_soft_term_of_the_rulebook_is_recomputed():
    names = rulebook_names("Soft rules")
    # changes needs the earlier schedule; the talk terms are rules_talks.talk_terms
    assert set(TERMS) | {"changes"} | set(TALK_TERMS) == set(names)


def test_every_hard_rule_has_a_test_that_catches_it():
    # Each rule's test asserts `build.broken(report) == {"<rule>"}`: caught, and alone.
    here = Path(__file__).parent
    tests = "".join(p.read_text(encoding="utf-8") for p in here.glob("test_checker_*.py"))
    untested = [name for name in HARD_RULES if f'== {{"{name}"}}' not in tests]
    assert untested == []


@pytest.mark.slow
def test_bishkek_solved_schedule_passes_with_the_solvers_terms():
    from scheduler import solver
    scenario = load_scenario(ROOT / "scenarios" / "bishkek-launch-2022.yaml")
    result = solver.solve(scenario, solver.SolveOptions(time_limit=10.0, seed=0, workers=2))
    assert result.status.has_schedule and result.schedule is not None
    schedule = result.schedule
    report = check(scenario, schedule)
    assert report.ok, "\n".join(map(str, report.violations))
    assert report.warnings == []
    stated = {name: (t.weight, t.value, t.penalty) for name, t in schedule.objective_terms.items()}
    found = {name: (t.weight, t.value, t.penalty) for name, t in report.terms.items()
             if name in stated}
    assert found == stated
    assert set(stated) >= {"room_fit", "compact_days"}
    assert report.objective == schedule.objective


def test_the_checker_shares_no_code_with_the_solver():
    package = ROOT / "scheduler" / "checker"
    for path in package.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "scheduler.solver" not in text and "from scheduler import solver" not in text, \
            path.name


def test_only_some_rules(build):
    sc = build.scenario(build.session("a", pin={"start": "10:00"}), build.session("b"))
    schedule = build.schedule(sc, {"a": "11:00 @big", "b": "11:30 @big"})
    assert build.broken(check(sc, schedule)) == {"pinned", "room-overlap"}
    assert build.broken(check(sc, schedule, rules=["pinned"])) == {"pinned"}
    with pytest.raises(ValueError, match="unknown rule"):
        check(sc, schedule, rules=["pined"])
