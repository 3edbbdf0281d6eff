"""scheduler.lower_bound.clashes: the participant-clash floor (the most constrained
sessions placed alone) is what the checker finds in a solved optimum on hand-made events
where clashes are forced, and the whole bound stays at most that optimum."""

from __future__ import annotations

import pytest

from scheduler.lower_bound import lower_bound
from scheduler.lower_bound.clashes import clash_floor
from scheduler.scenario import parse_scenario
from tests.lower_bound.cases import (
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
