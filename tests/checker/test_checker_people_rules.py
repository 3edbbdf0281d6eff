"""The #12 rules for people chosen from pools, checked from the two files alone:
``same-people`` (``same-people-as:`` and a series keeping its coordinator),
``organisations`` (a jury from two organisations, a twinning meeting's people), and the
soft terms that count chosen people as named ones (``continuity``, ``wishes``,
``room_changes``, ``preferences``, ``facilitator_same_room``). Each hard rule holds in one
schedule and is caught, alone, in another."""

from __future__ import annotations

from typing import Any

from tests.checker.test_checker_assignment import check, pool


def jury(*orgs: str) -> list[dict[str, Any]]:
    """Jury members j0, j1, ... of the given organisations."""
    return [{"id": f"j{i}", "name": f"Жюри {i}", "organisation": org, "roles": ["jury"]}
            for i, org in enumerate(orgs)]


def test_same_people_as_a_list_links_every_shared_role(build):
    # Seed 001: sessions 1 and 2 share their facilitator.
    sc = build.scenario(build.session("s1", needs={"facilitator": 1}),
                        build.session("s2", needs={"facilitator": 1}, same_people_as=["s1"]),
                        people=pool())
    both = {"s1": {"facilitator": ["bakyt"]}, "s2": {"facilitator": ["bakyt"]}}
    assert check(build, sc, {"s1": "10:00", "s2": "11:00"}, **both).ok
    report = check(build, sc, {"s1": "10:00", "s2": "11:00"}, s1={"facilitator": ["bakyt"]},
                   s2={"facilitator": ["aigul"]})
    assert build.broken(report) == {"same-people"}
    assert build.messages(report, "same-people") == [
        "'Сессия s2' (11:00-12:00) and 'Сессия s1' (10:00-11:00) must have the same "
        "facilitator (same-people-as): Айгуль against Бакыт"]


def test_same_people_as_by_role_links_only_that_role(build):
    people = pool(aigul={"roles": ["facilitator", "broker"]})
    sc = build.scenario(
        build.session("j1", needs={"facilitator": 1, "broker": 1}),
        build.session("j2", needs={"facilitator": 1, "broker": 1},
                      same_people_as={"facilitator": ["j1"]}), people=people)
    where = {"j1": "10:00", "j2": "11:00"}
    # Brokers may differ; facilitators may not.
    assert check(build, sc, where, j1={"facilitator": ["bakyt"], "broker": ["aigul"]},
                 j2={"facilitator": ["bakyt"], "broker": ["aigul"]}).ok
    report = check(build, sc, where, j1={"facilitator": ["aigul"], "broker": ["bakyt"]},
                   j2={"facilitator": ["bakyt"], "broker": ["aigul"]})
    assert build.broken(report) == {"same-people"}


def test_a_named_person_must_be_chosen_in_the_linked_session(build):
    sc = build.scenario(build.session("s1", people={"facilitator": ["aigul"]}),
                        build.session("s2", needs={"facilitator": 1}, same_people_as=["s1"]),
                        people=pool())
    where = {"s1": "10:00", "s2": "11:00"}
    assert check(build, sc, where, s2={"facilitator": ["aigul"]}).ok
    report = check(build, sc, where, s2={"facilitator": ["bakyt"]})
    assert build.broken(report) == {"same-people"}


def test_a_link_to_a_dropped_session_imposes_nothing(build):
    sc = build.scenario(build.session("s1", needs={"facilitator": 1}, optional=True),
                        build.session("s2", needs={"facilitator": 1}, same_people_as=["s1"]),
                        people=pool())
    assert check(build, sc, {"s2": "11:00"}, s2={"facilitator": ["aigul"]}).ok is False
    schedule = build.schedule(sc, {"s2": "11:00"}, dropped=["s1"])
    schedule.sessions[0].people["facilitator"] = ["aigul"]
    from scheduler.checker import check as run
    assert run(sc, schedule).ok


def test_a_community_of_practice_keeps_its_coordinator(build):
    people = pool(aigul={"roles": ["coordinator"]}, bakyt={"roles": ["coordinator"]})
    sc = build.scenario(build.session("cop", instrument="community-of-practice",
                                      repeat={"count": 2}), people=people)
    where = {"cop#1": "10:00", "cop#2": "d2 10:00"}
    assert check(build, sc, where, **{"cop#1": {"coordinator": ["aigul"]},
                                      "cop#2": {"coordinator": ["aigul"]}}).ok
    report = check(build, sc, where, **{"cop#1": {"coordinator": ["aigul"]},
                                         "cop#2": {"coordinator": ["bakyt"]}})
    assert build.broken(report) == {"same-people"}
    assert "a community-of-practice series keeps its coordinator" in report.violations[0].message


def test_a_jury_comes_from_two_organisations(build):
    sc = build.scenario(build.session("c", instrument="competition"),
                        build.session("award", instrument="award-ceremony", after=["c"]),
                        people=jury("A", "A", "A", "B"))
    where = {"c": "10:00", "award": "12:00"}
    assert check(build, sc, where, c={"jury": ["j0", "j1", "j3"]}).ok
    report = check(build, sc, where, c={"jury": ["j0", "j1", "j2"]})
    assert build.broken(report) == {"organisations"}
    assert "the jury must come from 2 organisations; it comes from 1 (A)" in \
        report.violations[0].message


def test_conflict_of_interest_holds_for_chosen_jury(build):
    sc = build.scenario(build.session("c", instrument="competition", entrants=["B"]),
                        build.session("award", instrument="award-ceremony", after=["c"]),
                        people=jury("A", "A", "B", "C"))
    where = {"c": "10:00", "award": "12:00"}
    assert check(build, sc, where, c={"jury": ["j0", "j1", "j3"]}).ok
    report = check(build, sc, where, c={"jury": ["j0", "j2", "j3"]})
    assert build.broken(report) == {"assigned-qualified"}


def test_a_twinning_meeting_counts_chosen_people_in_its_organisations(build):
    people = pool(bakyt={"roles": ["member"]}, chyngyz={"roles": ["member"],
                                                        "organisation": "A"})
    sc = build.scenario(build.session("tw", instrument="twinning", needs={"member": 1},
                                      people={"host": ["aigul"]}), people=people)
    assert check(build, sc, {"tw": "10:00"}, tw={"member": ["bakyt"]}).ok
    report = check(build, sc, {"tw": "10:00"}, tw={"member": ["chyngyz"]})
    assert build.broken(report) == {"organisations"}


# ------------------------------------------------------------------ soft terms


def terms(report: Any) -> dict[str, int]:
    return {name: t.value for name, t in report.terms.items()}


def test_wishes_count_chosen_and_named_people(build):
    people = pool(aigul={"wishes": {"like": ["media"]}},
                  bakyt={"wishes": {"dislike": ["workshop", "s2"]}})
    sc = build.scenario(build.session("s1", needs={"facilitator": 1}, topics=["media"]),
                        build.session("s2", needs={"facilitator": 1}),
                        build.session("s3", instrument="workshop",
                                      people={"facilitator": ["bakyt"]}), people=people)
    where = {"s1": "10:00", "s2": "11:00", "s3": "12:00"}
    # Айгуль likes media (s1: 0, s2: 1); Бакыт dislikes workshops (s3, named: 1).
    liked = check(build, sc, where, s1={"facilitator": ["aigul"]},
                  s2={"facilitator": ["aigul"]})
    assert liked.ok and terms(liked)["wishes"] == 2
    # Бакыт chosen for s2, which he dislikes by id: 1 more than Айгуль's 1 there.
    disliked = check(build, sc, where, s1={"facilitator": ["aigul"]},
                     s2={"facilitator": ["bakyt"]})
    assert disliked.ok and terms(disliked)["wishes"] == 2
    assert liked.terms["wishes"].detail == "1 disliked, 1 not among their likes"
    assert disliked.terms["wishes"].detail == "2 disliked, 0 not among their likes"


def test_room_changes_and_facilitator_rooms_count_chosen_people(build):
    sc = build.scenario(build.session("a", needs={"facilitator": 1}),
                        build.session("b", needs={"facilitator": 1}),
                        build.session("c", people={"speaker": ["bakyt"]}), people=pool())
    same = check(build, sc, {"a": "10:00 @big", "b": "11:00 @big", "c": "12:00 @small"},
                 a={"facilitator": ["aigul"]}, b={"facilitator": ["aigul"]})
    assert (terms(same)["room_changes"], terms(same)["facilitator_same_room"]) == (0, 0)
    moved = check(build, sc, {"a": "10:00 @big", "b": "11:00 @small", "c": "12:00 @big"},
                  a={"facilitator": ["aigul"]}, b={"facilitator": ["bakyt"]})
    # bakyt: b in small, c (named) in big: one change; aigul: one room.
    assert (terms(moved)["room_changes"], terms(moved)["facilitator_same_room"]) == (1, 0)
    two = check(build, sc, {"a": "10:00 @big", "b": "11:00 @small", "c": "12:00 @big"},
                a={"facilitator": ["aigul"]}, b={"facilitator": ["aigul"]})
    assert (terms(two)["room_changes"], terms(two)["facilitator_same_room"]) == (1, 1)


def test_preferences_count_chosen_people(build):
    people = pool(aigul={"avoid": [{"start": "09:00", "end": "11:00"}]})
    sc = build.scenario(build.session("a", needs={"facilitator": 1}), people=people)
    assert terms(check(build, sc, {"a": "10:00"}, a={"facilitator": ["aigul"]}))[
        "preferences"] == 1
    assert terms(check(build, sc, {"a": "10:00"}, a={"facilitator": ["bakyt"]}))[
        "preferences"] == 0


def test_continuity_counts_extra_experts_of_a_series(build):
    people = pool(aigul={"roles": ["expert"]}, bakyt={"roles": ["expert"]})
    sc = build.scenario(build.session("visit", instrument="expert-visit", participants=5,
                                      repeat={"count": 2}), people=people)
    where = {"visit#1": "10:00", "visit#2": "d2 10:00"}
    kept = check(build, sc, where, **{"visit#1": {"expert": ["aigul"]},
                                      "visit#2": {"expert": ["aigul"]}})
    changed = check(build, sc, where, **{"visit#1": {"expert": ["aigul"]},
                                         "visit#2": {"expert": ["bakyt"]}})
    assert kept.ok and changed.ok  # only preferred: soft
    assert (terms(kept)["continuity"], terms(changed)["continuity"]) == (0, 1)
