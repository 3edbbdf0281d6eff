"""The solver's model refuses a schedule that breaks rule X under the name X, and only X.

Each case is a small scenario (the checker tests' builders: two days 09:00-18:00, rooms
``big``/``small``/``bus``, tracks ``t1``/``t2``, three people), a schedule that keeps every
rule and one that breaks exactly one. ``scheduler.solver.verify.refusals`` fixes the
schedule into a copy of the relaxed model and names the rules it cannot hold; the
independent checker must name the same rule. Together the two sides judge each schedule
alike, rule by rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from scheduler import rules
from scheduler.checker import check
from scheduler.scenario import Scenario
from scheduler.schedule import Schedule
from scheduler.solver.verify import refusals
from tests.checker.conftest import base_people, base_rooms, make_scenario, make_schedule, session

COFFEE = {"placed": [{"id": "coffee", "title": "Кофе", "duration": "20min",
                      "window": ["10:30", "11:30"]}]}
TOUR = session("tour", instrument="study-tour", participants=15,
               people={"coordinator": ["bakyt"]})
COP = session("cop", instrument="community-of-practice", repeat={"count": 2},
              people={"coordinator": ["aigul"]})


@dataclass
class Case:
    """A scenario, a schedule keeping every rule, and one breaking ``rule`` alone."""

    rule: str
    scenario: Callable[[], Scenario]
    good: dict[str, str]
    bad: dict[str, str]
    good_kw: dict[str, Any] = field(default_factory=dict)
    bad_kw: dict[str, Any] = field(default_factory=dict)
    edit: Callable[[Schedule], None] | None = None
    """Changes the bad schedule in ways the placement strings cannot say."""
    people: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    """People chosen from pools (#12), written into both schedules: session -> role -> ids."""
    groups: dict[str, list[str]] = field(default_factory=dict)
    """Registrations given each session (#12), written into both schedules."""

    @property
    def id(self) -> str:
        return self.rule


def one_day(**event: Any) -> dict[str, Any]:
    return {"last-day": "2024-05-06", "day-end": "13:00", **event}


def _rooms_with_window() -> list[dict[str, Any]]:
    rooms = base_rooms()
    rooms[1]["available"] = [{"day": "2024-05-06", "start": "09:00", "end": "12:00"}]
    return rooms


def _longer(schedule: Schedule) -> None:
    schedule.sessions[0].end += 15


def _brokers(**extra: dict[str, Any]) -> list[dict[str, Any]]:
    """The base people; Айгуль and Бакыт may be chosen as brokers."""
    return base_people(aigul={"roles": ["broker"], **extra.get("aigul", {})},
                       bakyt={"roles": ["broker"], **extra.get("bakyt", {})})


def _set_people(schedule: Schedule, people: dict[str, dict[str, list[str]]]) -> None:
    for item in schedule.sessions:
        for role, ids in people.get(item.id, {}).items():
            item.people[role] = list(ids)


def _set_groups(schedule: Schedule, groups: dict[str, list[str]]) -> None:
    for item in schedule.sessions:
        item.participants += len(groups.get(item.id, [])) - len(item.registrations)
        item.registrations = list(groups.get(item.id, []))


def _choosers(*regs: dict[str, Any]) -> dict[str, Any]:
    return {"registrations": list(regs)}


def _r2_to_run_1(schedule: Schedule) -> None:
    _set_groups(schedule, {"ws.1": ["r1", "r2"], "ws.2": []})


def _r1_to_alt_too(schedule: Schedule) -> None:
    _set_groups(schedule, {"ws.1": ["r1"], "alt": ["r1"]})


def _r1_beside_keynote(schedule: Schedule) -> None:
    _set_groups(schedule, {"ws.1": [], "ws.2": ["r1"]})


def _no_broker(schedule: Schedule) -> None:
    schedule.sessions[0].people.pop("broker", None)


def _an_unqualified_broker(schedule: Schedule) -> None:
    schedule.sessions[0].people["broker"] = ["chyngyz"]  # no broker in roles:


def _aigul_twice(schedule: Schedule) -> None:
    for item in schedule.sessions:
        item.people["broker"] = ["aigul"]


def _bakyt_in_b(schedule: Schedule) -> None:
    schedule.sessions[1].people["broker"] = ["bakyt"]


def _jury_of_a(schedule: Schedule) -> None:
    schedule.sessions[0].people["jury"] = ["aigul", "chyngyz", "dana"]  # all of A


def _twice(schedule: Schedule) -> None:
    schedule.sessions.append(schedule.sessions[0].model_copy())


GROUPS = _choosers({"id": "r1", "sessions": ["keynote"], "choices": ["ws", "alt"]},
                   {"id": "r2", "choices": ["ws"]})
GROUP_SESSIONS = (session("keynote"), session("ws", runs=2, participants=19),
                  session("alt", participants=0))

CASES = [
    Case("group-choices", lambda: make_scenario(*GROUP_SESSIONS, participants=GROUPS),
         {"keynote": "09:00 @big", "ws.1": "10:00 @small", "ws.2": "11:00 @small",
          "alt": "10:00 @big"},
         {"keynote": "09:00 @big", "ws.1": "10:00 @small", "ws.2": "11:00 @small",
          "alt": "12:00 @big"}, groups={"ws.1": ["r1"]}, edit=_r1_to_alt_too),
    Case("group-size", lambda: make_scenario(*GROUP_SESSIONS, participants=GROUPS),
         {"keynote": "09:00 @big", "ws.1": "10:00 @small", "ws.2": "11:00 @small",
          "alt": "10:00 @big"},
         {"keynote": "09:00 @big", "ws.1": "10:00 @small", "ws.2": "11:00 @small",
          "alt": "10:00 @big"}, groups={"ws.1": ["r1"], "ws.2": ["r2"]}, edit=_r2_to_run_1),
    Case("group-overlap", lambda: make_scenario(*GROUP_SESSIONS, participants=GROUPS),
         {"keynote": "09:00 @big", "ws.1": "10:00 @small", "ws.2": "09:30 @bus",
          "alt": "10:00 @big"},
         {"keynote": "09:00 @big", "ws.1": "10:00 @small", "ws.2": "09:30 @bus",
          "alt": "10:00 @big"}, groups={"ws.1": ["r1"]}, edit=_r1_beside_keynote),
    Case("needs-met", lambda: make_scenario(session("a", needs={"broker": 1}),
                                            people=_brokers()),
         {"a": "10:00"}, {"a": "10:00"}, people={"a": {"broker": ["aigul"]}}, edit=_no_broker),
    Case("assigned-qualified", lambda: make_scenario(session("a", needs={"broker": 1}),
                                                     people=_brokers()),
         {"a": "10:00"}, {"a": "10:00"}, people={"a": {"broker": ["aigul"]}},
         edit=_an_unqualified_broker),
    Case("person-load", lambda: make_scenario(
        session("a", needs={"broker": 1}), session("b", needs={"broker": 1}),
        people=_brokers(aigul={"max-sessions": 1})),
         {"a": "10:00", "b": "14:00"}, {"a": "10:00", "b": "14:00"},
         people={"a": {"broker": ["aigul"]}, "b": {"broker": ["bakyt"]}}, edit=_aigul_twice),
    Case("same-people", lambda: make_scenario(
        session("a", needs={"broker": 1}),
        session("b", needs={"broker": 1}, same_people_as=["a"]), people=_brokers()),
         {"a": "10:00", "b": "14:00"}, {"a": "10:00", "b": "14:00"},
         people={"a": {"broker": ["aigul"]}, "b": {"broker": ["aigul"]}}, edit=_bakyt_in_b),
    Case("organisations", lambda: make_scenario(
        session("c", instrument="competition"),
        session("award", instrument="award-ceremony", after=["c"]),
        people=base_people(aigul={"roles": ["jury"]}, bakyt={"roles": ["jury"]},
                           chyngyz={"roles": ["jury"]}) + [
            {"id": "dana", "name": "Дана", "organisation": "A", "roles": ["jury"]}]),
         {"c": "10:00", "award": "14:00"}, {"c": "10:00", "award": "14:00"},
         people={"c": {"jury": ["aigul", "bakyt", "chyngyz"]}}, edit=_jury_of_a),
    Case("placement", lambda: make_scenario(session("a"), session("b", optional=True)),
         {"a": "10:00"}, {"b": "10:00"}, good_kw={"dropped": ["b"]}),
    Case("placement", lambda: make_scenario(session("a")), {"a": "10:00"}, {"a": "10:00"},
         edit=_twice),
    Case("day-frame", lambda: make_scenario(session("a"), session("b", days=["2024-05-07"])),
         {"a": "17:00", "b": "d2 09:00"}, {"a": "17:30", "b": "d2 09:00"}),
    Case("day-frame", lambda: make_scenario(session("a"), session("b", days=["2024-05-07"])),
         {"a": "17:00", "b": "d2 09:00"}, {"a": "17:00", "b": "d1 09:00"}),
    Case("time-grid", lambda: make_scenario(session("a"), event={"granularity": 15}),
         {"a": "10:15"}, {"a": "10:20"}),
    Case("duration", lambda: make_scenario(session("a", duration="45min")),
         {"a": "10:00-10:45"}, {"a": "10:00-11:00"}),
    Case("duration", lambda: make_scenario(session("a")), {"a": "10:00"}, {"a": "10:00"},
         edit=_longer),
    Case("earliest-latest", lambda: make_scenario(session("a", earliest="11:00",
                                                          latest="15:00")),
         {"a": "14:00"}, {"a": "14:05"}),
    Case("pinned", lambda: make_scenario(session("a", pin={"day": "2024-05-07",
                                                           "start": "10:00", "room": "small"})),
         {"a": "d2 10:00 @small"}, {"a": "d2 10:00 @big"}),
    Case("pinned", lambda: make_scenario(session("a", pin={"start": "10:00"})),
         {"a": "d2 10:00"}, {"a": "d2 11:00"}),
    Case("room-required", lambda: make_scenario(session("here"),
                                                session("web", format="online")),
         {"here": "10:00 @small", "web": "10:00"}, {"here": "10:00 @-", "web": "10:00"}),
    Case("room-required", lambda: make_scenario(session("web", format="online")),
         {"web": "10:00"}, {"web": "10:00 @small"}),
    Case("room-allowed", lambda: make_scenario(session("a", rooms=["small", "bus"])),
         {"a": "10:00 @small"}, {"a": "10:00 @big"}),
    Case("room-capacity", lambda: make_scenario(session("a", participants=21)),
         {"a": "10:00 @big"}, {"a": "10:00 @small"}),
    Case("room-tags", lambda: make_scenario(session("h", format="hybrid")),
         {"h": "10:00 @big"}, {"h": "10:00 @small"}),
    Case("room-availability", lambda: make_scenario(session("a"), rooms=_rooms_with_window()),
         {"a": "11:00 @small"}, {"a": "11:30 @small"}),
    Case("room-overlap", lambda: make_scenario(session("a"), session("b")),
         {"a": "10:00 @big", "b": "11:00 @big"}, {"a": "10:00 @big", "b": "10:55 @big"}),
    Case("person-overlap", lambda: make_scenario(session("a", people={"speaker": ["aigul"]}),
                                                 session("b", people={"speaker": ["aigul"]})),
         {"a": "10:00 @big", "b": "11:00 @small"}, {"a": "10:00 @big", "b": "10:30 @small"}),
    Case("person-overlap", lambda: make_scenario(
        session("a", people={"speaker": ["aigul"]}), session("b", people={"speaker": ["aigul"]}),
        event={"changeover": "15min"}),
         {"a": "10:00 @big", "b": "11:15 @small"}, {"a": "10:00 @big", "b": "11:00 @small"}),
    Case("person-availability", lambda: make_scenario(
        session("a", people={"speaker": ["aigul"]}),
        people=base_people(aigul={"timezone": "Europe/Moscow",
                                  "available": [{"start": "09:00", "end": "12:00"}]})),
         {"a": "12:00"}, {"a": "10:00"}),
    Case("person-daily-limit", lambda: make_scenario(
        session("a", people={"speaker": ["bakyt"]}), session("b", people={"speaker": ["bakyt"]}),
        people=base_people(bakyt={"max-sessions-per-day": 1})),
         {"a": "10:00", "b": "d2 10:00"}, {"a": "10:00", "b": "14:00"}),
    Case("breaks", lambda: make_scenario(session("a"), breaks=COFFEE),
         {"a": "09:30"}, {"a": "10:00"},
         good_kw={"breaks": {"coffee": ["d1 10:30", "d2 10:40"]}},
         bad_kw={"breaks": {"coffee": ["d1 10:30", "d2 10:40"]}}),
    Case("breaks", lambda: make_scenario(session("a"), breaks=COFFEE),
         {"a": "12:00"}, {"a": "12:00"},
         good_kw={"breaks": {"coffee": ["d1 10:30", "d2 10:40"]}},
         bad_kw={"breaks": {"coffee": ["d1 10:30", "d2 11:20"]}}),
    Case("breaks", lambda: make_scenario(session("a"), breaks={"fixed": [
        {"id": "lunch", "title": "Обед", "day": "2024-05-06", "start": "13:00",
         "end": "14:00"}]}),
         {"a": "12:00"}, {"a": "12:30"}),
    Case("max-block", lambda: make_scenario(session("a"), event=one_day(),
                                            breaks={**COFFEE, "max-block": "120min"}),
         {"a": "09:00"}, {"a": "09:00"}, good_kw={"breaks": {"coffee": "d1 11:00"}},
         bad_kw={"breaks": {"coffee": "d1 11:10"}}),
    Case("exclusive", lambda: make_scenario(
        session("open", instrument="opening", title="Открытие"), session("a"), TOUR),
         {"open": "10:00 @big", "a": "10:30 @small", "tour": "09:00-18:00 @bus"},
         {"open": "10:00 @big", "a": "10:15 @small", "tour": "09:00-18:00 @bus"}),
    Case("licences", lambda: make_scenario(
        session("w1", format="online"), session("w2", format="online"),
        session("h", format="hybrid"), hybrid={"licences": 2}),
         {"w1": "10:00", "w2": "10:00", "h": "11:00 @big"},
         {"w1": "10:00", "w2": "10:30", "h": "10:45 @big"}),
    Case("parallel-limit", lambda: make_scenario(
        session("a"), session("b"), session("c"), event={"max-parallel": "tracks"}),
         {"a": "10:00 @big", "b": "10:00 @small", "c": "11:00 @big"},
         {"a": "10:00 @big", "b": "10:00 @small", "c": "10:30 @bus"}),
    Case("track-overlap", lambda: make_scenario(
        session("a", track="t1"), session("c", track=["t1", "t2"])),
         {"a": "10:00 @big", "c": "10:00 @small #t2"},
         {"a": "10:00 @big", "c": "10:00 @small #t1"}),
    Case("track-overlap", lambda: make_scenario(session("a", track="t1")),
         {"a": "10:00"}, {"a": "10:00 #t2"}),
    Case("after", lambda: make_scenario(session("a"), session("b", after=["a"])),
         {"a": "10:00 @big", "b": "11:00 @small"}, {"a": "10:00 @big", "b": "10:55 @small"}),
    Case("after", lambda: make_scenario(COP, session("wrap", after=["cop"])),
         {"cop#1": "10:00", "cop#2": "d2 10:00", "wrap": "d2 12:00"},
         {"cop#1": "10:00", "cop#2": "d2 10:00", "wrap": "d1 12:00"}),
    Case("same-day", lambda: make_scenario(session("a"), session("b", same_day_as=["a"])),
         {"a": "d2 10:00", "b": "d2 15:00"}, {"a": "d2 10:00", "b": "d1 15:00"}),
    Case("not-parallel", lambda: make_scenario(session("a"),
                                               session("b", not_parallel_with=["a"])),
         {"a": "10:00 @big", "b": "11:00 @small"}, {"a": "10:00 @big", "b": "10:30 @small"}),
    Case("series", lambda: make_scenario(COP),
         {"cop#1": "10:00", "cop#2": "d2 10:00"}, {"cop#1": "10:00", "cop#2": "d1 14:00"}),
    Case("series", lambda: make_scenario(COP),
         {"cop#1": "10:00", "cop#2": "d2 10:00"}, {"cop#1": "d2 10:00", "cop#2": "d1 10:00"}),
]


def judged(scenario: Scenario, schedule: Schedule) -> tuple[set[str], set[str]]:
    """(rules the solver's model refuses, rules the checker finds broken)."""
    return set(refusals(scenario, schedule)), {v.rule for v in check(scenario, schedule)
                                              .violations}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_schedule_breaking_one_rule_is_refused_under_its_name(case: Case) -> None:
    scenario = case.scenario()
    good = make_schedule(scenario, case.good, **case.good_kw)
    _set_people(good, case.people)
    _set_groups(good, case.groups)
    assert judged(scenario, good) == (set(), set())
    bad = make_schedule(scenario, case.bad, **case.bad_kw)
    _set_people(bad, case.people)
    _set_groups(bad, case.groups)
    if case.edit is not None:
        case.edit(bad)
    assert judged(scenario, bad) == ({case.rule}, {case.rule})


def test_every_rule_the_solver_decides_has_a_case() -> None:
    # The talk rules are held by the talks model (scheduler/solver/talks_model.py), which
    # scheduler.solver.verify does not replay; tests/talks/test_talks_engine.py solves
    # with each of them binding and checks the result with the checker.
    decided = [r.name for r in rules.HARD if r.solver in ("guard", "structure")
               and not r.talks]
    assert sorted(set(decided) - {c.rule for c in CASES}) == []


def test_the_refusal_names_whom_it_concerns() -> None:
    scenario = make_scenario(session("a", people={"speaker": ["aigul"]}),
                             session("b", people={"speaker": ["aigul"]}),
                             session("c", people={"speaker": ["bakyt"]}))
    schedule = make_schedule(scenario, {"a": "10:00 @big", "b": "10:30 @small",
                                        "c": "10:00 @bus"})
    assert refusals(scenario, schedule) == {"person-overlap": ["person aigul"]}


def test_input_rules_are_the_checkers_alone() -> None:
    # The solver copies people from the scenario; a schedule listing others is the
    # checker's to refuse (``people``), and the model has nothing to say about it.
    scenario = make_scenario(session("a", people={"speaker": ["aigul"]}))
    schedule = make_schedule(scenario, {"a": "10:00"})
    schedule.sessions[0].people = {"speaker": ["bakyt"]}
    assert judged(scenario, schedule) == (set(), {"people"})
