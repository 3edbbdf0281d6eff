"""scheduler.lower_bound.together: the floor of participant clashes, room fit and dropped
over what runs together is at most their checked optimum (here equal to it), and a
version that charges a pair more than its clash is caught by that check."""

from __future__ import annotations

import pytest

from scheduler.lower_bound import lower_bound, together
from scheduler.lower_bound.together import TERMS, together_floor
from scheduler.scenario import parse_scenario
from tests.lower_bound.cases import SEVEN_LONG_IN_TWO_ROOMS, checked_optimum


def three_terms(case: str) -> tuple[float, int, int]:
    """The floor, the checked optimum's three terms and its objective."""
    scenario = parse_scenario(case, "together.yaml")
    floor = together_floor(scenario)
    assert floor is not None
    report = checked_optimum(scenario)
    return floor.value, sum(report.terms[t].penalty for t in TERMS), report.objective


def test_the_day_forces_one_clash() -> None:
    """Seven two-hour sessions wanted together in a twelve-hour day of two rooms: two of
    them overlap in every schedule (clash 10) and each wastes 10 seats (7). The floor is
    17, the checked optimum's; the clash floor of ``confsched bound`` gave 0 (every
    session has 41 starts, above its 40), so the bound rises by the clash."""
    floor, optimum, objective = three_terms(SEVEN_LONG_IN_TWO_ROOMS)
    assert floor == pytest.approx(17, abs=1e-3) and floor <= optimum == 17
    found = lower_bound(parse_scenario(SEVEN_LONG_IN_TWO_ROOMS, "together.yaml"),
                        time_limit=10)
    assert found.parts[0].terms == TERMS and found.parts[0].method == "relaxation"
    assert found.value <= objective
    clashes = [p for p in found.parts if "participant_clashes" in p.terms]
    assert sum(p.value for p in clashes) >= 16.99


def test_a_pair_charged_more_than_its_clash_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """Charging a wanted pair its clash over one grid step (15 minutes) instead of the
    shorter session's length makes two two-hour sessions that overlap pay eight clashes:
    the floor (87) goes above the checked optimum's 17, which the check above catches."""
    monkeypatch.setattr(together, "overlap_minutes", lambda a, b: 15)
    floor, optimum, _ = three_terms(SEVEN_LONG_IN_TWO_ROOMS)
    assert floor > optimum


def test_many_rooms_take_each_sessions_cheapest(monkeypatch: pytest.MonkeyPatch) -> None:
    """Above ``EXACT_ROOMS`` rooms a set's room fit is each session's cheapest room,
    distinct or not: never above the exact assignment's floor. With the second room for
    90 (6 a session), the two sessions that overlap need both rooms: 22 exact (10 + 6 x 1
    + 6); relaxed, both take the 40-seat room's price, 17."""
    scenario = parse_scenario(SEVEN_LONG_IN_TWO_ROOMS.replace(
        "{id: r2, name: Room 2, capacity: 40}", "{id: r2, name: Room 2, capacity: 90}"),
        "rooms.yaml")
    exact = together_floor(scenario)
    monkeypatch.setattr(together, "EXACT_ROOMS", 1)
    relaxed = together_floor(scenario)
    assert exact is not None and relaxed is not None
    assert exact.value == pytest.approx(22, abs=1e-3)
    assert relaxed.value == pytest.approx(17, abs=1e-3)
