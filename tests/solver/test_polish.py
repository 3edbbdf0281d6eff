"""The polished start of small events (scheduler/solver/polish.py): swaps and shifts that
lower the soft terms, never a broken rule, never worse than the start by the checker."""

from __future__ import annotations

import time

import pytest

from scheduler.checker import check
from scheduler.facts import FactBuilder, SessionFacts
from scheduler.generate import generate_yaml, params_for
from scheduler.scenario import parse_scenario
from scheduler.scenario.model import Scenario
from scheduler.schedule import Schedule, SolveStatus
from scheduler.solver import SolveOptions, solve
from scheduler.solver import run as running
from scheduler.solver.greedy import greedy_schedule
from scheduler.solver.greedy.people import choose_people, within_people_hours
from scheduler.solver.polish import _Search, held, polish


def event(seed: int = 0, *, simple: bool = True, sessions: int = 30, rooms: int = 2,
          days: int = 2, tracks: int = 2, registrations: int = 90) -> Scenario:
    """A generated pycon-shaped event (talks only unless ``simple`` is False)."""
    params = params_for("pycon", simple=simple, sessions=sessions, rooms=rooms, days=days,
                        tracks=tracks, registrations=registrations)
    return parse_scenario(generate_yaml(params, seed), "pycon.yaml")


def greedy(scenario: Scenario) -> tuple[dict[str, SessionFacts], Schedule]:
    """The facts and the plain greedy start (people chosen), not polished."""
    facts = FactBuilder(scenario).build()
    placed = greedy_schedule(scenario, within_people_hours(scenario, facts),
                             time_budget=30.0, rounds=running.GREEDY_ROUNDS, seed=0)
    assert placed is not None
    return facts, choose_people(scenario, placed)


def test_polish_lowers_the_checkers_objective() -> None:
    scenario = event()
    facts, start = greedy(scenario)
    before = check(scenario, start)
    assert before.ok and before.terms["participant_clashes"].value > 0
    polished = polish(scenario, facts, start)
    after = check(scenario, polished)
    assert after.ok, after.violations
    assert after.objective < before.objective
    assert after.terms["participant_clashes"].value < before.terms["participant_clashes"].value


def test_each_move_changes_the_objective_as_the_checker_counts_it() -> None:
    """The search's incremental score (every term a move changes) agrees with the checker,
    move by move, here with room changes and facilitators weighted too."""
    scenario = event(seed=3, registrations=120)
    scenario.weights.room_changes = 2
    facts, start = greedy(scenario)
    search = _Search(scenario, facts, start, set())
    objective = check(scenario, search.schedule()).objective
    taken = 0
    for sid in list(search.place):
        move = search._best_move(sid)
        if move is None:
            continue
        expected = search.delta(move)
        search._apply(move)
        report = check(scenario, search.schedule())
        assert report.ok, report.violations
        assert report.objective - objective == expected
        objective = report.objective
        taken += 1
    assert taken >= 3


def test_a_start_that_breaks_a_rule_is_returned_as_it_is() -> None:
    scenario = event()
    facts, start = greedy(scenario)
    first, second = start.sessions[0], start.sessions[1]
    broken = start.model_copy(update={"sessions": [
        first, second.model_copy(update={"day": first.day, "start": first.start,
                                         "end": first.start + (second.end - second.start),
                                         "room": first.room}),
        *start.sessions[2:]]})
    assert not check(scenario, broken).ok
    assert polish(scenario, facts, broken) is broken


def test_tied_sessions_stay_and_the_rules_hold() -> None:
    """A pycon-shaped event with series, workshops and an award ceremony (it runs alone):
    series meetings and the ceremony keep their places; the checker finds nothing broken."""
    scenario = event(simple=False, sessions=60, rooms=4, days=2, tracks=3, registrations=150)
    facts, start = greedy(scenario)
    polished = polish(scenario, facts, start)
    assert polished is not start  # it found something to improve
    report = check(scenario, polished)
    assert report.ok, report.violations
    assert report.objective < check(scenario, start).objective
    tied = held(scenario, facts)
    assert tied
    where = {s.id: (s.day, s.start, s.room) for s in start.sessions}
    for s in polished.sessions:
        if s.id in tied:
            assert (s.day, s.start, s.room) == where[s.id]


def test_the_deadline_stops_it() -> None:
    scenario = event()
    facts, start = greedy(scenario)
    assert polish(scenario, facts, start, deadline=time.monotonic() - 1) is start


def test_the_greedy_start_of_a_small_event_is_polished(monkeypatch: pytest.MonkeyPatch) -> None:
    """``run.greedy_start`` polishes up to POLISH_UP_TO sessions, and only then."""
    scenario = event()
    facts, plain = greedy(scenario)
    start = running.greedy_start(scenario, facts, time_budget=30.0, seed=0)
    assert start is not None
    assert check(scenario, start).objective < check(scenario, plain).objective
    monkeypatch.setattr(running, "POLISH_UP_TO", len(scenario.sessions) - 1)
    again = running.greedy_start(scenario, facts, time_budget=30.0, seed=0)
    assert again is not None
    assert check(scenario, again).objective == check(scenario, plain).objective


@pytest.mark.slow
def test_a_solve_from_the_polished_start_proves_the_optimum() -> None:
    scenario = event(sessions=25, registrations=75)
    result = solve(scenario, SolveOptions(time_limit=10, deterministic=True,
                                          handle_sigint=False))
    assert result.status == SolveStatus.OPTIMAL and result.schedule is not None
    report = check(scenario, result.schedule)
    assert report.ok, report.violations
    assert report.objective == result.schedule.objective
