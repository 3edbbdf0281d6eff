"""``confsched generate --pool-size N``: a pool the solver chooses from, feasible by
construction (the planted timetable carries a planted assignment the checker accepts)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from scheduler.checker import check
from scheduler.cli import main
from scheduler.errors import UsageError
from scheduler.generate import generate, generate_with_plan, generate_yaml, params_for, to_yaml
from scheduler.generate.pools import POOLED
from scheduler.scenario import load_scenario, parse_scenario
from scheduler.scenario.pools import needs, qualifies
from scheduler.solver import SolveOptions, solve


def test_pool_members_have_roles_and_sessions_say_what_they_need() -> None:
    data = generate(params_for("seminar", sessions=60, rooms=6, days=2, pool_size=25), 4)
    scenario = parse_scenario(to_yaml(data), "pool.yaml")
    members = [p for p in scenario.people if p.roles]
    assert len(members) == 25
    assert all(p.languages and p.topics and set(p.roles) <= set(POOLED) for p in members)
    needing = [s for s in scenario.sessions if s.needs]
    assert needing
    for session in needing:  # pooled roles are asked for, never named as well
        assert not set(session.needs or {}) & set(session.people)


def test_the_planted_assignment_passes_the_checker_with_every_narrowing() -> None:
    seen: set[str] = set()
    for seed in range(4):
        data, plan = generate_with_plan(
            params_for("seminar", sessions=80, rooms=8, days=2, pool_size=30), seed)
        scenario = parse_scenario(to_yaml(data), f"pool-{seed}.yaml")
        report = check(scenario, plan)
        assert report.ok, [str(v) for v in report.violations]
        planted = {s.id: s for s in plan.sessions}
        people = {p.id: p for p in scenario.people}
        for session in scenario.sessions:
            for role, count in needs(scenario, session).items():
                listed = planted[session.id].people[role]
                chosen = [pid for pid in listed if pid not in session.people.get(role, [])]
                assert len(chosen) == count
                assert all(qualifies(people[pid], session, role) for pid in chosen)
            seen.update(k for k in ("language", "topics", "candidates", "entrants")
                        if getattr(session, k))
    assert seen == {"language", "topics", "candidates", "entrants"}


def test_without_a_pool_the_file_is_as_before() -> None:
    params = params_for("seminar")
    assert generate_yaml(params, 2) == generate_yaml(params_for("seminar", pool_size=0), 2)
    assert "needs:" not in generate_yaml(params, 2)


def test_a_negative_pool_is_refused() -> None:
    with pytest.raises(UsageError, match="--pool-size"):
        params_for("seminar", pool_size=-1)
    with pytest.raises(UsageError, match="--pool-size 20001"):
        params_for("seminar", pool_size=20_001)


def test_the_command_writes_a_pool_scenario(tmp_path: Path) -> None:
    out = tmp_path / "pool.yaml"
    result = CliRunner().invoke(main, ["generate", "--pool-size", "12", "--seed", "3",
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "a pool of 12 people" in result.output
    scenario = load_scenario(out)
    assert sum(1 for p in scenario.people if p.roles) == 12
    refused = CliRunner().invoke(main, ["generate", "--pool-size", "-3", "-o", str(out)])
    assert refused.exit_code == 2 and "cannot be negative" in refused.output


@pytest.mark.slow
@pytest.mark.parametrize("seed", [0, 1])
def test_a_small_pool_scenario_solves_and_the_checker_accepts_it(seed: int) -> None:
    data = generate(params_for("seminar", pool_size=10), seed)
    scenario = parse_scenario(to_yaml(data), "pool.yaml")
    result = solve(scenario, SolveOptions(time_limit=1, workers=1, handle_sigint=False,
                                          deterministic=True))
    assert result.schedule is not None, result.diagnosis
    report = check(scenario, result.schedule)
    assert report.ok, [str(v) for v in report.violations]
    by_id = {s.id: s for s in result.schedule.sessions}
    for session in scenario.sessions:
        if session.id not in by_id:
            assert session.optional  # an optional session may be dropped
            continue
        for role, count in needs(scenario, session).items():
            extra = [p for p in by_id[session.id].people.get(role, [])
                     if p not in session.people.get(role, [])]
            assert len(extra) == count
