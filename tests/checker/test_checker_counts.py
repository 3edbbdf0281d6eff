"""The checker's counts done in one pass equal the plain per-day and per-pair counts.

On the greedy start of a generated 300-session event (many days, instruments, people with
daily limits): the instrument-spread term, the daily-limit rule and the interested pairs.
"""

from __future__ import annotations

from collections import Counter
from math import ceil

import pytest

from scheduler.checker import check
from scheduler.checker.plan import Plan
from scheduler.facts import FactBuilder
from scheduler.generate import generate_with_plan, generate_yaml, params_for, to_yaml
from scheduler.scenario import parse_scenario
from scheduler.scenario.model import Scenario
from scheduler.schedule import Schedule
from scheduler.solver.greedy import greedy_schedule

PARAMS = params_for("large", sessions=300, rooms=12, registrations=450)


@pytest.fixture(scope="module")
def event() -> tuple[Scenario, Schedule]:
    scenario = parse_scenario(generate_yaml(PARAMS, seed=4), "large-300-s4.yaml")
    schedule = greedy_schedule(scenario, FactBuilder(scenario).build(), rounds=2)
    assert schedule is not None
    return scenario, schedule


def test_instrument_spread_is_the_per_day_count(event: tuple[Scenario, Schedule]) -> None:
    scenario, schedule = event
    plan = Plan.build(scenario, schedule)
    totals = Counter(s.instrument for s in scenario.sessions)
    want = 0
    for name, total in totals.items():
        if total >= 2:
            share = ceil(total / len(scenario.days))
            for day in scenario.days:
                today = sum(1 for p in plan.placed if p.session.instrument == name and p.day == day)
                want += max(0, today - share)
    assert want > 0  # the premise: the greedy start crowds some instrument on some day
    assert check(scenario, schedule).terms["instrument_spread"].value == want


def test_daily_limits_are_the_per_person_count(event: tuple[Scenario, Schedule]) -> None:
    """The greedy keeps the event's own limits, so the same event with a limit of one
    session a day for everyone is what the start is checked against: many are over."""
    _, schedule = event
    data, _ = generate_with_plan(PARAMS, 4)
    for person in data["people"]:
        person["max-sessions-per-day"] = 1
    scenario = parse_scenario(to_yaml(data), "large-300-s4-one-a-day.yaml")
    days = {s.id: s.day for s in schedule.sessions}
    over = set()
    for person in scenario.people:
        if person.max_sessions_per_day is not None:
            per_day = Counter(days[s.id] for s in scenario.sessions
                              if s.id in days and person.id in s.person_ids)
            over |= {(person.id, d) for d, n in per_day.items()
                     if n > person.max_sessions_per_day}
    found = {(v.people[0], v.day) for v in check(scenario, schedule).violations
             if v.rule == "person-daily-limit"}
    assert len(over) > 10
    assert found == over


def test_interest_counts_are_the_pairs_of_each_registration(
        event: tuple[Scenario, Schedule]) -> None:
    """(The plain loops :meth:`Scenario.interest_counts` had: a series counts as each of
    its meetings; aggregated pairs are added after the registrations.)"""
    scenario, _ = event
    series: dict[str, list[str]] = {}
    for session in scenario.sessions:
        series.setdefault(session.series or session.id, []).append(session.id)
        if session.series is not None:
            series.setdefault(session.id, []).append(session.id)
    want: Counter[tuple[str, str]] = Counter()
    for registration in scenario.participants.registrations:
        wanted = sorted({sid for ref in registration.sessions for sid in series[ref]})
        for i, a in enumerate(wanted):
            for b in wanted[i + 1:]:
                want[(a, b)] += 1
    for pair in scenario.participants.interest_pairs:
        for a in series[pair.sessions[0]]:
            for b in series[pair.sessions[1]]:
                if a != b:
                    want[(min(a, b), max(a, b))] += pair.count
    got = scenario.interest_counts()
    assert want and got == want and list(got) == list(want)
