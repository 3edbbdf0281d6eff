"""People chosen from pools at scale (#12): the greedy start chooses people, candidates are
pruned and capped, the hint covers the assignment. Solved schedules are checked by the
independent checker."""

from __future__ import annotations

from typing import Any

import pytest

from scheduler.checker import check
from scheduler.generate import generate, params_for
from scheduler.scenario.pools import needs
from scheduler.solver import assignment as assignment_module
from scheduler.solver.model import ScheduleModel
from scheduler.solver.run import greedy_start, load_facts
from tests.solver.helpers import build, run, scenario_data, solved, talk

PEOPLE = [
    {"id": "aigul", "name": "Айгуль", "roles": ["facilitator"]},
    {"id": "timur", "name": "Тимур", "roles": ["facilitator"]},
    {"id": "olga", "name": "Ольга", "roles": ["facilitator"]},
]


def ws(sid: str, **fields: Any) -> dict[str, Any]:
    """A 60-minute session needing one facilitator from the pool."""
    return talk(sid, duration="60min", needs={"facilitator": 1}, **fields)


def start_of(data: dict[str, Any]) -> Any:
    scenario = build(data)
    schedule = greedy_start(scenario, load_facts(scenario), time_budget=None, seed=0)
    assert schedule is not None
    return scenario, schedule


def test_the_greedy_start_staffs_every_need_it_keeps() -> None:
    data = generate(params_for("seminar", pool_size=10), 1)
    scenario, schedule = start_of(data)
    report = check(scenario, schedule)
    assert {v.rule for v in report.violations} <= {"placement"}, report.violations
    by_id = {s.id: s for s in scenario.sessions}
    staffed = [s for s in schedule.sessions if needs(scenario, by_id[s.id])]
    assert len(staffed) >= 5


def test_the_greedy_moves_a_person_when_only_a_swap_frees_someone() -> None:
    # a and b tie on two qualified each, so a goes first and takes Айгуль; b's other
    # candidate Ольга is named elsewhere at 10:00: Айгуль moves to b, Тимур takes a.
    data = scenario_data(
        people=PEOPLE,
        rooms=[{"id": f"r{i}", "capacity": 30} for i in range(3)],
        sessions=[ws("a", pin={"start": "10:00"}, candidates=["aigul", "timur"]),
                  ws("b", pin={"start": "10:00"}, candidates=["aigul", "olga"]),
                  talk("x", duration="60min", pin={"start": "10:00"},
                       people={"speaker": ["olga"]})])
    scenario, schedule = start_of(data)
    people = {s.id: s.people for s in schedule.sessions}
    assert people["a"] == {"facilitator": ["timur"]}
    assert people["b"] == {"facilitator": ["aigul"]}
    assert check(scenario, schedule).ok


def test_the_greedy_places_a_session_inside_its_only_candidates_hours() -> None:
    data = scenario_data(people=[{**PEOPLE[2], "available": [{"start": "11:00",
                                                              "end": "12:00"}]}],
                         sessions=[ws("a")])
    scenario, schedule = start_of(data)
    (item,) = schedule.sessions
    assert item.start >= 11 * 60 and item.people == {"facilitator": ["olga"]}
    assert check(scenario, schedule).ok


def test_a_person_unavailable_at_every_start_gets_no_variable() -> None:
    data = scenario_data(people=[*PEOPLE[:2], {**PEOPLE[2], "available": [
        {"start": "11:00", "end": "12:00"}]}], sessions=[ws("a", pin={"start": "09:00"})])
    (choice,) = ScheduleModel(build(data)).constraints.assignment.choices
    assert set(choice.lits) == {"aigul", "timur"}
    # The relaxed model of an explanation keeps her, so it can name her availability.
    (relaxed,) = ScheduleModel(build(data), relaxed=True).constraints.assignment.choices
    assert set(relaxed.lits) == {"aigul", "timur", "olga"}


@pytest.mark.slow
def test_capped_candidates_keep_the_start_choice_and_say_so(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(assignment_module, "PAIRS_AT_SCALE", 0)
    monkeypatch.setattr(assignment_module, "PEOPLE_AT_SCALE", 1)
    data = generate(params_for("seminar", pool_size=10), 0)
    scenario = build(data)
    result = run(data, time_limit=20, deterministic=True)
    assert result.schedule is not None, result.diagnosis
    assert any(n.startswith("people: ") and "considered only" in n for n in result.notes)
    report = check(scenario, result.schedule)
    assert report.ok, [str(v) for v in report.violations]


@pytest.mark.slow
def test_the_hint_includes_the_chosen_people() -> None:
    data = scenario_data(people=PEOPLE, sessions=[ws("a"), ws("b"), ws("c")])
    scenario, start = start_of(data)
    built = ScheduleModel(scenario, facts=load_facts(scenario),
                          preferred_people={s.id: s.people for s in start.sessions})
    built.add_hint(start, time_limit=0)
    hinted = {(c.session.id, pid) for c in built.constraints.assignment.choices
              for pid, lit in c.lits.items()
              if any(h == lit.index for h in built.model.proto.solution_hint.vars)}
    assert hinted == {(s.id, s.people["facilitator"][0]) for s in start.sessions}
    solved(data)


def test_an_optimum_with_capped_people_is_only_feasible(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Three workshops, a pool of three: provably optimal in full; with each need cut to
    some of its qualified people (the cap at scale) the same optimum proves nothing about
    the whole pool, so the status says feasible and the caps say why."""
    from scheduler.schedule import SolveStatus

    data = scenario_data(
        people=PEOPLE, rooms=[{"id": "r1", "capacity": 30}],
        sessions=[ws("a"), ws("b"), ws("c")])
    full = run(data)
    assert full.status == SolveStatus.OPTIMAL and not full.caps.any
    monkeypatch.setattr(assignment_module, "PAIRS_AT_SCALE", 0)
    monkeypatch.setattr(assignment_module, "PEOPLE_AT_SCALE", 1)
    capped = run(data)
    assert capped.caps.people and capped.caps.any
    assert capped.status == SolveStatus.FEASIBLE
    assert capped.schedule is not None
    assert check(build(data), capped.schedule).ok
