"""The #12 rules for chosen people, solved: ``same-people-as``, a series keeping its
coordinator, a jury from two organisations, a twinning meeting's organisations, and the
soft terms ``continuity``, ``wishes`` and ``room_changes``; and the objective the model
optimises is the checker's, to the point, with chosen people counted in ``preferences``
and ``facilitator_same_room`` (every solved schedule here goes through the checker)."""

from __future__ import annotations

from typing import Any

import pytest

from scheduler.checker import check
from scheduler.solver import SolveOptions, solve
from tests.solver.helpers import build, scenario_data, solved, talk, unsolved
from tests.solver.test_assignment import chosen, pool, ws

pytestmark = pytest.mark.slow


def two_days(**fields: Any) -> dict[str, Any]:
    return scenario_data(event={"last-day": "2026-06-02"}, **fields)


def test_sessions_1_and_2_share_their_facilitator() -> None:
    # Seed 001: the design-thinking workshop and the co-design session, one facilitator.
    # Olga is free only for the first, Тимур only for the second: neither may take them.
    data = scenario_data(people=pool(
        olga={"available": [{"start": "09:00", "end": "10:00"}]},
        timur={"available": [{"start": "10:00", "end": "12:00"}]}), sessions=[
        ws("s1", pin={"start": "09:00"}), ws("s2", pin={"start": "10:00"},
                                             same_people_as=["s1"])])
    data["weights"]["fair_load"] = 1  # would rather give them two different people
    schedule = solved(data)
    assert chosen(schedule, "s1") == chosen(schedule, "s2") == ["aigul"]


def test_without_the_link_fair_load_splits_them() -> None:
    # The same scenario without same-people-as: the test above is not passing by chance.
    data = scenario_data(people=pool(), sessions=[ws("s1", pin={"start": "09:00"}),
                                                  ws("s2", pin={"start": "10:00"})])
    schedule = solved(data)
    assert chosen(schedule, "s1") != chosen(schedule, "s2")


def test_a_named_facilitator_carries_over_to_the_linked_session() -> None:
    data = scenario_data(people=pool(), sessions=[
        talk("s1", duration="60min", people={"facilitator": ["olga"]}),
        ws("s2", same_people_as=["s1"])])
    assert chosen(solved(data), "s2") == ["olga"]


def test_a_community_of_practice_keeps_one_coordinator() -> None:
    people = pool(aigul={"roles": ["coordinator"], "max-sessions": 3},
                  timur={"roles": ["coordinator"]}, olga={"roles": ["coordinator"]})
    sessions = [{"id": "cop", "title": "Сообщество", "instrument": "community-of-practice",
                 "repeat": {"count": 2}}]
    schedule = solved(two_days(people=people, sessions=sessions))
    assert len({chosen(schedule, f"cop#{k}", "coordinator")[0] for k in (1, 2)}) == 1


def test_a_series_coordinator_nobody_can_keep_is_infeasible_in_words() -> None:
    # Each coordinator is free on one day only: no one can hold both meetings.
    people = pool(aigul={"roles": ["coordinator"],
                         "available": [{"day": "2026-06-01", "start": "09:00", "end": "12:00"}]},
                  timur={"roles": ["coordinator"],
                         "available": [{"day": "2026-06-02", "start": "09:00", "end": "12:00"}]},
                  olga={"roles": []})
    sessions = [{"id": "cop", "title": "Сообщество", "instrument": "community-of-practice",
                 "repeat": {"count": 2}}]
    result = unsolved(two_days(people=people, sessions=sessions))
    text = "\n".join(result.diagnosis)
    assert "same-people" in text and "coordinator" in text, text


def test_a_jury_from_two_organisations() -> None:
    people = [{"id": f"a{i}", "name": f"Фонд {i}", "organisation": "Фонд", "roles": ["jury"]}
              for i in range(3)]
    people.append({"id": "b0", "name": "Университет", "organisation": "Университет",
                   "roles": ["jury"]})
    sessions = [{"id": "contest", "title": "Конкурс", "instrument": "competition"},
                {"id": "awards", "title": "Награждение", "instrument": "award-ceremony",
                 "after": ["contest"]}]
    data = scenario_data(people=people, sessions=sessions, event={"day-end": "18:00"})
    data["weights"]["fair_load"] = 0
    schedule = solved(data)
    assert "b0" in chosen(schedule, "contest", "jury")


def test_a_jury_of_one_organisation_when_the_other_is_away_is_said_in_words() -> None:
    people: list[dict[str, Any]] = [
        {"id": f"a{i}", "name": f"Фонд {i}", "organisation": "Фонд", "roles": ["jury"]}
        for i in range(3)]
    people.append({"id": "b0", "name": "Гульнара", "organisation": "Университет",
                   "roles": ["jury"], "available": [{"start": "17:00", "end": "18:00"}]})
    sessions = [{"id": "contest", "title": "Конкурс", "instrument": "competition",
                 "pin": {"start": "09:00"}},
                {"id": "awards", "title": "Награждение", "instrument": "award-ceremony",
                 "after": ["contest"]}]
    result = unsolved(scenario_data(people=people, sessions=sessions,
                                    event={"day-end": "18:00"}))
    text = "\n".join(result.diagnosis)
    assert ("the competition 'contest' (Конкурс) needs a jury from 2 organisations; only "
            "'Фонд' (Фонд 0, Фонд 1, Фонд 2) has qualified people free then") in text, text


def test_a_twinning_meeting_chooses_from_the_other_organisation() -> None:
    people = pool(aigul={"roles": ["member"]}, timur={"roles": ["member"]},
                  olga={"roles": []})
    people[1]["organisation"] = "C"  # Тимур of Olga's organisation, Айгуль not
    data = scenario_data(people=people, sessions=[
        {"id": "tw", "title": "Твиннинг", "instrument": "twinning",
         "people": {"host": ["olga"]}, "needs": {"member": 1}}])
    assert chosen(solved(data), "tw", "member") == ["aigul"]


def test_wishes_decide_who_is_chosen() -> None:
    data = scenario_data(people=pool(aigul={"wishes": {"dislike": ["s1"]}},
                                     timur={"wishes": {"like": ["s1"]}}),
                         sessions=[ws("s1", candidates=["aigul", "timur"])])
    data["weights"]["wishes"] = 3
    schedule = solved(data)
    assert chosen(schedule, "s1") == ["timur"]
    assert schedule.objective_terms["wishes"].value == 0


def test_continuity_is_only_preferred_for_an_expert_visit() -> None:
    people = pool(aigul={"roles": ["expert"], "max-sessions": 1},
                  timur={"roles": ["expert"]}, olga={"roles": []})
    sessions = [{"id": "visit", "title": "Визит", "instrument": "expert-visit",
                 "participants": 5, "duration": "60min", "repeat": {"count": 2}}]
    data = two_days(people=people, sessions=sessions)
    data["weights"].update({"fair_load": 0, "continuity": 5})
    schedule = solved(data)  # Тимур takes both: continuity 0
    assert schedule.objective_terms["continuity"].value == 0
    people[1]["max-sessions"] = 1  # now nobody can take both: soft, so still solved
    schedule = solved(two_days(people=people, sessions=sessions, weights=data["weights"]))
    assert schedule.objective_terms["continuity"].value == 1


def agree(data: dict[str, Any]) -> None:
    """Solve to optimality; the model's objective is the checker's objective."""
    scenario = build(data)
    result = solve(scenario, SolveOptions(time_limit=20.0, workers=2, handle_sigint=False))
    assert result.schedule is not None and result.status.value == "optimal", result.status
    report = check(scenario, result.schedule)
    assert report.ok, [str(v) for v in report.violations]
    assert result.model_objective == report.objective == result.schedule.objective, (
        result.model_objective, {n: t.value for n, t in report.terms.items() if t.value})


ALL_ON = {"participant_clashes": 10, "preferences": 5, "track_room_stability": 3,
          "room_fit": 1, "facilitator_same_room": 2, "compact_days": 1, "instrument_spread": 1,
          "preferred_size": 5, "dropped": 100, "fair_load": 1, "continuity": 5, "wishes": 3,
          "room_changes": 1}


@pytest.mark.parametrize("case", ["prefer-avoid", "rooms", "series", "wishes"])
def test_the_models_objective_is_the_checkers_with_chosen_people(case: str) -> None:
    people = pool(
        aigul={"avoid": [{"start": "09:00", "end": "10:00"}], "roles": ["facilitator",
                                                                          "expert"]},
        timur={"prefer": [{"start": "10:00", "end": "12:00"}],
               "wishes": {"dislike": ["media"]}},
        olga={"wishes": {"like": ["s0"]}, "roles": ["facilitator", "expert"]})
    sessions = [ws(f"s{i}", topics=["media"] if i == 1 else []) for i in range(4)]
    rooms = [{"id": "small", "capacity": 30}, {"id": "big", "capacity": 100}]
    if case == "rooms":
        sessions += [talk("named", people={"speaker": ["timur"]}, rooms=["big"])]
        sessions[0]["rooms"] = ["small"]
    if case == "series":
        sessions = [{"id": "visit", "title": "Визит", "instrument": "expert-visit",
                     "participants": 5, "duration": "60min", "repeat": {"count": 2}},
                    ws("s0"), ws("s1", topics=["media"])]
    if case == "wishes":
        sessions.append(ws("s4", optional=True, same_people_as=["s0"]))
    data = two_days(people=people, sessions=sessions, rooms=rooms, weights=ALL_ON)
    agree(data)
