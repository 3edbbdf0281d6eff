"""The solver chooses people from pools (#12): every solved schedule here is checked by
the independent checker (``solved``), and each test also names who must have been
chosen when the rules leave only one choice."""

from __future__ import annotations

from typing import Any

import pytest

from scheduler.checker import check
from tests.solver.helpers import build, run, scenario_data, solved, talk

pytestmark = pytest.mark.slow

POOL = [
    {"id": "aigul", "name": "Айгуль", "organisation": "A", "roles": ["facilitator", "jury"],
     "languages": ["ru", "ky"]},
    {"id": "timur", "name": "Тимур", "organisation": "B", "roles": ["facilitator", "jury"],
     "languages": ["ru"], "topics": ["media"]},
    {"id": "olga", "name": "Ольга", "organisation": "C", "roles": ["facilitator", "jury"],
     "languages": ["ru", "en"]},
]


def pool(**changes: dict[str, Any]) -> list[dict[str, Any]]:
    out = [dict(p) for p in POOL]
    for person in out:
        person.update(changes.get(str(person["id"]), {}))
    return out


def ws(sid: str, **fields: Any) -> dict[str, Any]:
    """A 60-minute session needing one facilitator from the pool."""
    return talk(sid, duration="60min", needs={"facilitator": 1}, **fields)


def chosen(schedule: Any, sid: str, role: str = "facilitator") -> list[str]:
    return next(s for s in schedule.sessions if s.id == sid).people.get(role, [])


def test_language_and_topic_decide_who_is_chosen() -> None:
    data = scenario_data(people=pool(), sessions=[ws("ky", language="ky"),
                                                  ws("media", topics=["media"])])
    schedule = solved(data)
    assert chosen(schedule, "ky") == ["aigul"]
    assert chosen(schedule, "media") == ["timur"]


def test_sessions_at_one_time_get_different_people() -> None:
    data = scenario_data(people=pool(), sessions=[
        ws("a", pin={"start": "10:00"}), ws("b", pin={"start": "10:00"}),
        ws("c", pin={"start": "10:00"}, candidates=["aigul", "timur"])],
        rooms=[{"id": f"r{i}", "capacity": 30} for i in range(3)])
    data["weights"]["fair_load"] = 0  # only the overlap rule keeps them apart
    schedule = solved(data)
    assert len({chosen(schedule, s)[0] for s in "abc"}) == 3


def test_a_chosen_person_is_available_then_in_their_timezone() -> None:
    # Olga is free 09:00-10:00 Moscow = 12:00-13:00 Bishkek: after the event's day.
    data = scenario_data(
        people=pool(olga={"timezone": "Europe/Moscow",
                          "available": [{"start": "09:00", "end": "10:00"}]}),
        sessions=[ws("a", candidates=["olga", "timur"])])
    schedule = solved(data)
    assert chosen(schedule, "a") == ["timur"]


def test_named_people_stay_and_needs_fill_the_rest() -> None:
    # A knowledge jam needs a facilitator and a broker: the facilitator is named.
    people = pool(olga={"roles": ["broker"]})
    data = scenario_data(people=people, sessions=[
        {"id": "jam", "title": "Джем", "instrument": "knowledge-jam",
         "people": {"facilitator": ["aigul"]}}],
        event={"day-end": "13:00"})
    schedule = solved(data)
    assert chosen(schedule, "jam") == ["aigul"]
    assert chosen(schedule, "jam", "broker") == ["olga"]


def test_a_named_session_keeps_its_person_out_of_overlapping_choices() -> None:
    data = scenario_data(people=pool(), sessions=[
        talk("fixed", duration="60min", people={"speaker": ["aigul"]}, pin={"start": "10:00"}),
        ws("ky", language="ky", pin={"start": "10:30"}, optional=True),
        ws("other", pin={"start": "10:30"})],
        rooms=[{"id": f"r{i}", "capacity": 30} for i in range(3)])
    data["weights"]["fair_load"] = 0
    schedule = solved(data)
    assert schedule.dropped == ["ky"]  # Айгуль, the only ky speaker, is busy then


def test_load_limits_hold_for_chosen_people() -> None:
    people = pool(aigul={"max-sessions": 1}, timur={"max-hours-per-day": 1},
                  olga={"roles": []})
    data = scenario_data(people=people, sessions=[ws("a"), ws("b")])
    schedule = solved(data)
    assert sorted(chosen(schedule, "a") + chosen(schedule, "b")) == ["aigul", "timur"]
    data = scenario_data(people=people, sessions=[ws("a"), ws("b"), ws("c", optional=True)])
    schedule = solved(data)
    assert schedule.dropped == ["c"]


def test_jury_of_three_without_entrants() -> None:
    people = pool(**{"aigul": {"roles": ["jury"]}})
    people.append({"id": "pavel", "name": "Павел", "organisation": "D", "roles": ["jury"]})
    data = scenario_data(people=people, event={"day-end": "18:00"}, sessions=[
        {"id": "contest", "title": "Конкурс", "instrument": "competition",
         "entrants": ["B"]},
        {"id": "awards", "title": "Награждение", "instrument": "award-ceremony",
         "after": ["contest"]}])
    schedule = solved(data)
    assert sorted(chosen(schedule, "contest", "jury")) == ["aigul", "olga", "pavel"]


def test_fair_load_spreads_the_sessions() -> None:
    data = scenario_data(people=pool(olga={"roles": []}), event={"day-end": "18:00"},
                         sessions=[ws(f"s{i}") for i in range(4)])
    schedule = solved(data)
    assert schedule.objective_terms["fair_load"].value == 2
    loads = [sum(chosen(schedule, f"s{i}") == [p] for i in range(4)) for p in ("aigul", "timur")]
    assert loads == [2, 2]


def test_without_fair_load_the_checker_still_agrees() -> None:
    data = scenario_data(people=pool(), sessions=[ws("a"), ws("b")])
    data["weights"]["fair_load"] = 0
    scenario = build(data)
    result = run(data)
    assert result.schedule is not None
    assert check(scenario, result.schedule).ok


def test_a_re_solve_keeps_the_chosen_people_unless_they_must_change() -> None:
    from scheduler.solver import SolveOptions, solve

    people = pool(olga={"roles": []})
    sessions = [ws(f"s{i}", pin={"start": f"{9 + i}:00"}) for i in range(3)]
    data = scenario_data(people=people, sessions=sessions)
    data["weights"]["fair_load"] = 0
    first = solved(data)
    busiest = max(("aigul", "timur"),
                  key=lambda p: sum(chosen(first, f"s{i}") == [p] for i in range(3)))
    # The busiest may now take one session only: the fewest re-assignments follow.
    kept = sum(chosen(first, f"s{i}") == [busiest] for i in range(3))
    limited = pool(olga={"roles": []}, **{busiest: {"max-sessions": 1}})
    again = scenario_data(people=limited, sessions=sessions)
    again["weights"]["fair_load"] = 0
    scenario = build(again)
    result = solve(scenario, SolveOptions(time_limit=5.0, workers=2, handle_sigint=False,
                                          earlier=first))
    assert result.schedule is not None
    report = check(scenario, result.schedule, earlier=first)
    assert report.ok, [str(v) for v in report.violations]
    assert report.terms["changes"].value == kept - 1  # one of theirs stays with them
    assert report.terms["changes"].penalty == result.schedule.objective_terms["changes"].penalty


def test_load_limits_hold_for_named_people_too() -> None:
    people = [{"id": "ann", "max-sessions": 1}, {"id": "bob", "max-hours": 0.5}]
    data = scenario_data(people=people, sessions=[
        talk("a", people={"speaker": ["ann"]}, optional=True),
        talk("b", people={"speaker": ["ann"]}, optional=True),
        talk("c", people={"speaker": ["bob"]}), talk("d", people={"speaker": ["bob"]},
                                                     optional=True)])
    schedule = solved(data)
    assert len(schedule.dropped) == 2
