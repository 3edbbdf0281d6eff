"""People chosen from pools: needs-met, assigned-qualified, person-load, and the person
rules applied to chosen people (each rule holds in one schedule, is caught in another)."""

from __future__ import annotations

from typing import Any

from scheduler.schedule import Schedule


def pool(**extra: dict[str, Any]) -> list[dict[str, Any]]:
    """Three people: Айгуль (ru, ky; media), Бакыт (ru), Чынгыз (en; jury only)."""
    people = [
        {"id": "aigul", "name": "Айгуль", "organisation": "A", "roles": ["facilitator"],
         "languages": ["ru", "ky"], "topics": ["media"]},
        {"id": "bakyt", "name": "Бакыт", "organisation": "B",
         "roles": ["facilitator", "broker"], "languages": ["ru"]},
        {"id": "chyngyz", "name": "Чынгыз", "organisation": "C", "roles": ["jury"],
         "languages": ["en"]},
    ]
    for person in people:
        person.update(extra.get(str(person["id"]), {}))
    return people


def choose(schedule: Schedule, **people: dict[str, list[str]]) -> Schedule:
    """Write the chosen people of each session id into the schedule's people."""
    for item in schedule.sessions:
        for role, ids in people.get(item.id, {}).items():
            item.people.setdefault(role, []).extend(ids)
    return schedule


def check(build: Any, sc: Any, where: dict[str, str], **people: dict[str, list[str]]) -> Any:
    from scheduler.checker import check as run
    return run(sc, choose(build.schedule(sc, where), **people))


def test_needs_met(build):
    sc = build.scenario(build.session("a", needs={"facilitator": 1}), people=pool())
    assert check(build, sc, {"a": "10:00"}, a={"facilitator": ["aigul"]}).ok
    report = check(build, sc, {"a": "10:00"})
    assert build.broken(report) == {"needs-met"}
    assert report.violations[0].message == ("'Сессия a' (10:00-11:00) needs 1 facilitator "
                                            "chosen from the pool; the schedule lists 0")
    too_many = check(build, sc, {"a": "10:00"}, a={"facilitator": ["aigul", "bakyt"]})
    assert build.broken(too_many) == {"needs-met"}


def test_needs_default_to_the_instruments_required_roles(build):
    # A workshop requires a facilitator; nobody is named, so one is chosen from the pool.
    sc = build.scenario(build.session("w", instrument="workshop"), people=pool())
    assert check(build, sc, {"w": "10:00"}, w={"facilitator": ["bakyt"]}).ok
    report = check(build, sc, {"w": "10:00"})
    assert build.broken(report) == {"needs-met", "instrument"}


def test_assigned_qualified_language(build):
    sc = build.scenario(build.session("a", needs={"facilitator": 1}, language="ky"),
                        people=pool())
    assert check(build, sc, {"a": "10:00"}, a={"facilitator": ["aigul"]}).ok
    report = check(build, sc, {"a": "10:00"}, a={"facilitator": ["bakyt"]})
    assert build.broken(report) == {"assigned-qualified"}
    assert report.violations[0].message == ("Бакыт is chosen as facilitator for 'Сессия a' "
                                            "(10:00-11:00) but does not speak 'ky'")


def test_assigned_qualified_role_topic_candidates(build):
    sc = build.scenario(
        build.session("a", needs={"facilitator": 1}, topics=["media"]),
        build.session("b", needs={"facilitator": 1}, candidates=["bakyt"]),
        people=pool())
    assert check(build, sc, {"a": "10:00", "b": "12:00"},
                 a={"facilitator": ["aigul"]}, b={"facilitator": ["bakyt"]}).ok
    report = check(build, sc, {"a": "10:00", "b": "12:00"},
                   a={"facilitator": ["bakyt"]}, b={"facilitator": ["chyngyz"]})
    assert build.broken(report) == {"assigned-qualified"}
    found = build.messages(report, "assigned-qualified")
    assert any("Бакыт" in m and "carries none of its topics (media)" in m for m in found)
    assert any("Чынгыз" in m and "does not have 'facilitator' in roles:" in m for m in found)


def test_jury_never_from_an_entrant_organisation(build):
    people = pool(aigul={"roles": ["jury"]}, bakyt={"roles": ["jury"]})
    sc = build.scenario(build.session("c", needs={"jury": 2}, entrants=["B"]), people=people)
    assert check(build, sc, {"c": "10:00"}, c={"jury": ["aigul", "chyngyz"]}).ok
    report = check(build, sc, {"c": "10:00"}, c={"jury": ["aigul", "bakyt"]})
    assert build.broken(report) == {"assigned-qualified"}
    assert "belongs to 'B', which enters the competition" in report.violations[0].message


def test_chosen_people_are_kept_out_of_overlaps(build):
    sc = build.scenario(build.session("a", needs={"facilitator": 1}),
                        build.session("b", needs={"facilitator": 1}), people=pool())
    fine = {"a": ["aigul"]}, {"b": ["aigul"]}
    assert check(build, sc, {"a": "10:00 @big", "b": "11:00 @small"},
                 a={"facilitator": fine[0]["a"]}, b={"facilitator": fine[1]["b"]}).ok
    report = check(build, sc, {"a": "10:00 @big", "b": "10:30 @small"},
                   a={"facilitator": ["aigul"]}, b={"facilitator": ["aigul"]})
    assert build.broken(report) == {"person-overlap"}


def test_chosen_people_are_available_then(build):
    # 09:00-12:00 in Moscow is 12:00-15:00 in Bishkek, the event's zone.
    people = pool(aigul={"timezone": "Europe/Moscow",
                         "available": [{"start": "09:00", "end": "12:00"}]})
    sc = build.scenario(build.session("a", needs={"facilitator": 1}), people=people)
    assert check(build, sc, {"a": "12:00"}, a={"facilitator": ["aigul"]}).ok
    report = check(build, sc, {"a": "10:00"}, a={"facilitator": ["aigul"]})
    assert build.broken(report) == {"person-availability"}


def test_person_load_max_sessions(build):
    sc = build.scenario(build.session("a", needs={"facilitator": 1}),
                        build.session("b", people={"speaker": ["aigul"]}),
                        people=pool(aigul={"max-sessions": 1}))
    assert check(build, sc, {"a": "10:00", "b": "12:00"}, a={"facilitator": ["bakyt"]}).ok
    report = check(build, sc, {"a": "10:00", "b": "12:00"}, a={"facilitator": ["aigul"]})
    assert build.broken(report) == {"person-load"}
    assert report.violations[0].message == "Айгуль is in 2 sessions; their limit is 1"


def test_person_load_hours(build):
    sc = build.scenario(build.session("a", needs={"facilitator": 1}),
                        build.session("b", needs={"facilitator": 1}),
                        people=pool(bakyt={"max-hours-per-day": 1.5, "max-hours": 3}))
    both = {"a": {"facilitator": ["bakyt"]}, "b": {"facilitator": ["bakyt"]}}
    assert check(build, sc, {"a": "10:00", "b": "d2 12:00"}, **both).ok
    report = check(build, sc, {"a": "10:00", "b": "12:00"}, **both)
    assert build.broken(report) == {"person-load"}
    assert "Бакыт is in sessions for 2 h on 2024-05-06; their limit is 1.5 h a day" \
        in report.violations[0].message
    sc = build.scenario(build.session("a", needs={"facilitator": 1}),
                        build.session("b", needs={"facilitator": 1}),
                        people=pool(bakyt={"max-hours": 1}))
    report = check(build, sc, {"a": "10:00", "b": "d2 12:00"}, **both)
    assert build.broken(report) == {"person-load"}
    assert report.violations[0].message == "Бакыт is in sessions for 2 h; their limit is 1 h"


def test_people_outside_the_needs_are_still_refused(build):
    sc = build.scenario(build.session("a", needs={"facilitator": 1}), people=pool())
    report = check(build, sc, {"a": "10:00"},
                   a={"facilitator": ["aigul"], "broker": ["bakyt"]})
    assert build.broken(report) == {"people"}


def test_fair_load_counts_the_busiest_chosen_person(build):
    sc = build.scenario(build.session("a", needs={"facilitator": 1}),
                        build.session("b", needs={"facilitator": 1}),
                        build.session("c", needs={"facilitator": 1}), people=pool())
    from scheduler.checker import check as run
    where = {"a": "10:00", "b": "12:00", "c": "14:00"}
    spread = run(sc, choose(build.schedule(sc, where), a={"facilitator": ["aigul"]},
                            b={"facilitator": ["bakyt"]}, c={"facilitator": ["aigul"]}))
    piled = run(sc, choose(build.schedule(sc, where), a={"facilitator": ["aigul"]},
                           b={"facilitator": ["aigul"]}, c={"facilitator": ["aigul"]}))
    assert spread.ok and piled.ok
    assert spread.terms["fair_load"].value == 2
    assert piled.terms["fair_load"].value == 3
