"""Property tests: the CP-SAT solver and the independent checker agree on random scenarios.

Both implement docs/rules.md separately; Hypothesis draws small scenarios
(tests/property/strategies.py), the solver solves them, and the checker judges:

- every schedule the solver returns breaks no hard rule;
- the checker's recomputed soft terms and objective equal what the solver states;
- an OPTIMAL schedule has no feasible one-step neighbour with a lower objective;
- a schedule broken on purpose, one way per hard rule, is caught under that rule's name;
- an infeasible (or unsolved) scenario comes with a non-empty diagnosis.

Reproducible: the profile in property_support.py is derandomized. Set
CONFSCHED_PROPERTY_EXAMPLES=2000 (and CONFSCHED_PROPERTY_RANDOM=1) to hunt further.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any, TypeVar

import pytest
from hypothesis import assume, event, given
from hypothesis import strategies as st
from property_mutations import MUTATORS
from property_support import moved, profile, replace, shown, solved, terms_of
from strategies import scenarios

from scheduler.checker import HARD_RULES, check
from scheduler.rules import RULES
from scheduler.scenario import Scenario
from scheduler.schedule import Schedule, SolveStatus

pytestmark = pytest.mark.slow  # property runs: many real solves of drawn scenarios

T = TypeVar("T")


# --------------------------------------------------------------------------- properties


@profile()
@given(data=scenarios())
def test_every_solved_schedule_passes_the_checker(data: dict[str, Any]) -> None:
    scenario, result = solved(data)
    assert result.status != SolveStatus.INVALID, shown(data)
    if result.schedule is None:
        return
    assert result.status.has_schedule
    report = check(scenario, result.schedule)
    assert report.ok, shown(data, report, result.schedule)


@profile()
@given(data=scenarios())
def test_checker_terms_equal_the_solvers_stated_terms(data: dict[str, Any]) -> None:
    scenario, result = solved(data)
    schedule = result.schedule
    if schedule is None:
        return
    report = check(scenario, schedule)
    stated = terms_of(schedule)
    found = {name: (t.weight, t.value, t.penalty) for name, t in report.terms.items()}
    assert found == stated, shown(data, report, schedule)
    assert schedule.objective == report.objective == sum(p for _, _, p in stated.values())
    assert report.warnings == [], shown(data, report, schedule)
    # CP-SAT's own objective is the same sum unless the model was simplified (capped) or
    # sessions were dropped before the search (their penalty is a constant outside it).
    if not result.simplified and not schedule.dropped:
        assert result.model_objective == schedule.objective, shown(data, report, schedule)


@profile()
@given(data=scenarios())
def test_infeasible_scenarios_are_diagnosed(data: dict[str, Any]) -> None:
    _, result = solved(data, diagnose=True)
    if result.schedule is not None:
        return
    assert result.status in (SolveStatus.INFEASIBLE, SolveStatus.UNKNOWN), shown(data)
    assert result.diagnosis, shown(data)
    assert all(isinstance(line, str) and line.strip() for line in result.diagnosis)


def neighbours(scenario: Scenario, schedule: Schedule, limit: int = 80) -> list[Schedule]:
    """Schedules one move away: a session one grid step earlier or later, on the other
    day, in another room or track; a placed break one step earlier or later; an optional
    session dropped. At most ``limit`` of them."""
    g = scenario.event.granularity
    out: list[Schedule] = []
    for entry in schedule.sessions:
        session = scenario.session(entry.id)
        for step in (-g, g):
            out.append(replace(schedule, moved(entry, start=entry.start + step)))
        out += [replace(schedule, moved(entry, day=day))
                for day in scenario.days if day != entry.day]
        if entry.room is not None:
            out += [replace(schedule, moved(entry, room=room.id))
                    for room in scenario.rooms if room.id != entry.room]
        out += [replace(schedule, moved(entry, track=track))
                for track in session.tracks if track != entry.track]
        if session.optional:
            out.append(schedule.model_copy(update={
                "sessions": [e for e in schedule.sessions if e is not entry],
                "dropped": [*schedule.dropped, entry.id]}))
    for brk in schedule.breaks:
        if brk.fixed:
            continue
        for step in (-g, g):
            shifted = brk.model_copy(update={"start": brk.start + step, "end": brk.end + step})
            out.append(schedule.model_copy(update={
                "breaks": [shifted if b is brk else b for b in schedule.breaks]}))
    return out[:limit]


@profile(40)
@given(data=scenarios())
def test_optimal_schedules_have_no_better_feasible_neighbour(data: dict[str, Any]) -> None:
    scenario, result = solved(data)
    assume(result.status == SolveStatus.OPTIMAL and result.schedule is not None)
    assert result.schedule is not None
    best = result.schedule.objective
    assert best is not None
    feasible = 0
    for neighbour in neighbours(scenario, result.schedule):
        report = check(scenario, neighbour)
        if report.ok:
            feasible += 1
            assert report.objective >= best, (
                f"the solver says {best} is optimal; this neighbour is feasible and costs "
                f"{report.objective}" + shown(data, report, neighbour))
    event(f"feasible neighbours: {min(feasible, 10)}{'+' if feasible >= 10 else ''}")


MUTATED: Counter[str] = Counter()
"""How many times each rule's mutation was checked (filled by the property below)."""


@profile(60)
@given(data=scenarios(), picks=st.data())
def mutations_are_caught(data: dict[str, Any], picks: st.DataObject) -> None:
    scenario, result = solved(data)
    assume(result.schedule is not None)
    assert result.schedule is not None and check(scenario, result.schedule).ok

    def pick(options: Sequence[T]) -> T:
        return options[picks.draw(st.integers(0, len(options) - 1))]

    for rule, mutators in MUTATORS.items():
        for mutator in mutators:
            mutation = mutator(scenario, result.schedule, pick)
            if mutation is None:
                continue
            report = check(mutation.scenario, mutation.schedule)
            assert rule in report.rules_broken(), (
                f"mutation {mutator.__name__}: {mutation.what}; the checker does not report "
                f"{rule!r}" + shown(data, report, mutation.schedule))
            MUTATED[rule] += 1


def test_mutations_are_caught_for_every_hard_rule() -> None:
    MUTATED.clear()
    mutations_are_caught()
    # The talk rules (academic talks, docs/talks.md) are not drawn by these scenarios: each
    # is caught alone on hand-made talk schedules in tests/checker/test_checker_talks.py
    # and tests/talks/test_talks_checker.py.
    talk_rules = {rule.name for rule in RULES if rule.talks and rule.kind == "hard"}
    assert talk_rules and talk_rules <= set(HARD_RULES)
    assert set(MUTATORS) == set(HARD_RULES) - {"scenario-match"} - talk_rules
    rare = sorted(rule for rule in MUTATORS if MUTATED[rule] < 5)
    assert rare == [], f"these rules were broken fewer than 5 times: {rare}"
