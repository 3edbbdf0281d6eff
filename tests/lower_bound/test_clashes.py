"""scheduler.lower_bound.clashes: the participant-clash floor (the most constrained
sessions placed alone) is what the checker finds in a solved optimum on hand-made events
where clashes are forced, and the whole bound stays at most that optimum."""

from __future__ import annotations

import pytest

from scheduler.lower_bound import lower_bound
from scheduler.lower_bound.clashes import clash_floor
from scheduler.scenario import parse_scenario
from tests.lower_bound.cases import (
    AFTER_CHAIN_FILLS_THE_DAY,
    AFTER_FORCES_A_CLASH,
    NOT_PARALLEL_FORCES_A_CLASH,
    THREE_WANTED_IN_TWO_HOURS,
    TWO_WANTED_AROUND_LUNCH,
    TWO_WANTED_TWO_LUNCHES,
    checked_optimum,
)


@pytest.mark.parametrize("case", [THREE_WANTED_IN_TWO_HOURS, TWO_WANTED_AROUND_LUNCH],
                         ids=["three sessions in two hours", "a lunch takes one hour"])
def test_a_forced_clash_is_in_the_bound(case: str) -> None:
    """One clash (10) in every schedule: by pigeonhole over the hours, or because the
    placed lunch (one copy, kept in the floor's model) takes one of the two hours. Before
    the floor the bound counted participant clashes 0."""
    scenario = parse_scenario(case, "clash.yaml")
    floor = clash_floor(scenario)
    assert floor.value == 1 and floor.proven
    found = lower_bound(scenario, time_limit=10)
    parts = {p.terms[0]: p for p in found.parts}
    assert parts["participant_clashes"].value == 10
    assert parts["participant_clashes"].method == "relaxation"
    report = checked_optimum(scenario)
    assert report.terms["participant_clashes"].value == 1
    assert found.value <= report.objective


def test_two_placed_breaks_may_share_an_hour_in_the_floor() -> None:
    """Two breaks in one three-hour window: the schedule may put them at the same hour and
    the two wanted sessions in the other two, so the floor is 0, the checked optimum's
    clashes (a floor keeping one break at a time gave 1: above the optimum)."""
    scenario = parse_scenario(TWO_WANTED_TWO_LUNCHES, "two-breaks.yaml")
    assert clash_floor(scenario).value == 0
    report = checked_optimum(scenario)
    assert report.terms["participant_clashes"].value == 0
    assert lower_bound(scenario, time_limit=10).value <= report.objective


@pytest.mark.parametrize("case", [AFTER_FORCES_A_CLASH, NOT_PARALLEL_FORCES_A_CLASH],
                         ids=["after", "not parallel"])
def test_an_order_between_sessions_is_in_the_floor(case: str) -> None:
    """``after`` and ``not-parallel-with`` keep s1 and s2 apart in every schedule, so s3,
    wanted with both, clashes with one: the floor is 1, the checked optimum's clashes.
    Without the two rules in the floor's model it was 0 (s1 and s2 sharing an hour)."""
    scenario = parse_scenario(case, "order.yaml")
    floor = clash_floor(scenario)
    assert floor.value == 1 and floor.proven
    report = checked_optimum(scenario)
    assert report.terms["participant_clashes"].value == 1
    assert lower_bound(scenario, time_limit=10).value <= report.objective


def test_a_session_after_another_may_start_when_it_ends() -> None:
    """A chain of three sessions fills the day exactly: the floor places it (0 clashes,
    proven), as the checked optimum does. An order that kept a step between the two (or
    took the later session's length) would leave no placement, and no proof."""
    scenario = parse_scenario(AFTER_CHAIN_FILLS_THE_DAY, "chain.yaml")
    floor = clash_floor(scenario)
    assert floor.value == 0 and floor.proven
    report = checked_optimum(scenario)
    assert report.terms["participant_clashes"].value == 0
