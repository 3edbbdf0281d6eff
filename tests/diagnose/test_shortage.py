"""A pool that cannot fill a need is named in words, before or after solving."""

from __future__ import annotations

from typing import Any

import pytest

from scheduler.diagnose import precheck
from scheduler.facts import FactBuilder
from tests.solver.helpers import build, scenario_data, talk, unsolved

PEOPLE: list[dict[str, Any]] = [
    {"id": "aigul", "name": "Айгуль", "roles": ["facilitator"], "languages": ["ru", "ky"],
     "available": [{"start": "11:00", "end": "12:00"}]},
    {"id": "timur", "name": "Тимур", "roles": ["facilitator"], "languages": ["ru"]},
]


def findings(data: dict[str, Any]) -> list[str]:
    scenario = build(data)
    return [f.text for f in precheck(scenario, FactBuilder(scenario).build())]


def test_nobody_qualified_is_free_then() -> None:
    data = scenario_data(people=PEOPLE, sessions=[
        talk("ws-1", needs={"facilitator": 1}, language="ky", latest="10:30")])
    assert findings(data) == [
        "the talk 'ws-1' (Доклад ws-1) needs a ky-speaking facilitator; nobody qualified "
        "is free then (outside their available times: Айгуль)"]


def test_a_qualified_person_free_then_is_no_finding() -> None:
    data = scenario_data(people=PEOPLE, sessions=[
        talk("ws-1", needs={"facilitator": 1}, language="ky")])
    assert findings(data) == []


def test_more_sessions_than_the_pool_may_take() -> None:
    people: list[dict[str, Any]] = [{**PEOPLE[0], "available": None, "max-sessions": 1},
                                    PEOPLE[1]]
    data = scenario_data(people=people, sessions=[
        talk("a", needs={"facilitator": 1}, language="ky"),
        talk("b", needs={"facilitator": 1}, language="ky")])
    assert findings(data) == [
        "2 sessions (a, b) need 2 ky-speaking facilitator in all; the 1 qualified (Айгуль) "
        "may take 1 more (max-sessions)"]


@pytest.mark.slow
def test_a_clash_found_by_the_solver_names_the_need() -> None:
    data = scenario_data(people=PEOPLE, sessions=[
        talk("a", needs={"facilitator": 1}, language="ky", pin={"start": "11:00"}),
        talk("b", needs={"facilitator": 1}, language="ky", pin={"start": "11:00"})])
    text = "\n".join(unsolved(data).diagnosis)
    assert "needs-met (session 'a'" in text
    assert "it needs a ky-speaking facilitator (qualified: Айгуль)" in text


def _contest(late: dict[str, Any]) -> dict[str, Any]:
    people: list[dict[str, Any]] = [
        {"id": f"a{i}", "name": f"Фонд {i}", "organisation": "Фонд", "roles": ["jury"]}
        for i in range(3)]
    people.append({"id": "b0", "name": "Гульнара", "organisation": "Университет",
                   "roles": ["jury"], **late})
    return scenario_data(people=people, event={"day-end": "18:00"}, sessions=[
        {"id": "contest", "title": "Конкурс", "instrument": "competition",
         "pin": {"start": "09:00"}},
        {"id": "awards", "title": "Награждение", "instrument": "award-ceremony",
         "after": ["contest"]}])


def test_a_jury_of_two_organisations_with_one_free_is_said_in_words() -> None:
    data = _contest({"available": [{"start": "17:00", "end": "18:00"}]})
    assert findings(data) == [
        "the competition 'contest' (Конкурс) needs a jury from 2 organisations; only "
        "'Фонд' (Фонд 0, Фонд 1, Фонд 2) has qualified people free then"]


def test_a_jury_of_two_organisations_free_then_is_no_finding() -> None:
    assert findings(_contest({})) == []
