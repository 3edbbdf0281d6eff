"""Participants into groups (#12): group-choices, group-size, group-overlap and the
``choices`` term, each rule holding in one schedule and caught in another."""

from __future__ import annotations

from typing import Any

from scheduler.checker import check
from scheduler.scenario import Scenario
from scheduler.schedule import Schedule
from tests.checker.conftest import broken, make_scenario, make_schedule, messages, session


def registrations(*items: dict[str, Any]) -> dict[str, Any]:
    return {"registrations": list(items)}


def scenario(**regs: dict[str, Any]) -> Scenario:
    """A workshop run twice (10 seats each apart from 2 fixed participants), a lecture
    anyone may choose, and a keynote; registrations as given (id -> fields)."""
    return make_scenario(
        session("keynote"),
        session("ws", instrument="workshop", runs=2, participants=2, duration="60min",
                people={"facilitator": ["aigul"]}),
        session("alt", participants=0),
        participants=registrations(*({"id": rid, **fields} for rid, fields in regs.items())),
    )


def give(schedule: Schedule, **given: list[str]) -> Schedule:
    """Write the registrations given each session (``ws_1`` is ``ws.1``) and count them."""
    for item in schedule.sessions:
        listed = given.get(item.id.replace(".", "_"), [])
        item.registrations = list(listed)
        item.participants += len(listed)
    return schedule


WHERE = {"keynote": "09:00 @big", "ws.1": "10:00 @small", "ws.2": "11:00 @small",
         "alt": "10:00 @big"}


def test_a_run_keeps_its_participants_and_runs_are_not_a_series() -> None:
    sc = scenario(r1={"choices": ["ws"]})
    assert [s.id for s in sc.sessions] == ["keynote", "ws.1", "ws.2", "alt"]
    assert {s.series for s in sc.sessions if s.run} == {"ws"}
    # Both runs on one day (even at once) are fine: runs are not a series of meetings.
    sc = make_scenario(session("talk", runs=2), participants=registrations(
        {"id": "r1", "choices": ["talk"]}))
    together = {"talk.1": "10:00 @big", "talk.2": "10:00 @small"}
    report = check(sc, give(make_schedule(sc, together), talk_1=["r1"]))
    assert report.ok, [str(v) for v in report.violations]


def test_group_choices() -> None:
    sc = scenario(r1={"choices": ["ws", "alt"]}, r2={"choices": ["alt"]})
    good = give(make_schedule(sc, WHERE), ws_2=["r1"], alt=["r2"])
    assert check(sc, good).ok
    # Not among its choices.
    bad = give(make_schedule(sc, WHERE), ws_1=["r2"])
    assert broken(check(sc, bad)) == {"group-choices"}
    assert "not among its choices" in messages(check(sc, bad), "group-choices")[0]
    # Two runs of one choice.
    both = give(make_schedule(sc, dict(WHERE, **{"ws.2": "14:00 @small"})),
                ws_1=["r1"], ws_2=["r1"])
    assert broken(check(sc, both)) == {"group-choices"}
    # More than take (1).
    more = give(make_schedule(sc, dict(WHERE, alt="15:00 @big")), ws_1=["r1"], alt=["r1"])
    assert broken(check(sc, more)) == {"group-choices"}
    assert "take is 1" in messages(check(sc, more), "group-choices")[0]
    # An unknown registration, and one listed twice.
    ghost = give(make_schedule(sc, WHERE), alt=["nobody"])
    assert broken(check(sc, ghost)) == {"group-choices"}
    twice = give(make_schedule(sc, WHERE), alt=["r2", "r2"])
    assert broken(check(sc, twice)) == {"group-choices"}


def test_take_two_allows_two_choices() -> None:
    sc = scenario(r1={"choices": ["ws", "alt"], "take": 2})
    schedule = give(make_schedule(sc, dict(WHERE, alt="15:00 @big")), ws_1=["r1"], alt=["r1"])
    assert check(sc, schedule).ok


def test_group_size_against_the_room_and_the_instrument() -> None:
    regs = {f"r{i}": {"choices": ["ws"]} for i in range(40)}
    sc = scenario(**regs)
    ids = list(regs)
    # small seats 20: 2 fixed + 18 given fit, 19 do not.
    fits = give(make_schedule(sc, WHERE), ws_1=ids[:18], ws_2=ids[18:36])
    assert check(sc, fits).ok
    over = give(make_schedule(sc, WHERE), ws_1=ids[:19], ws_2=ids[19:37])
    assert broken(check(sc, over)) == {"group-size"}
    assert "seats 20" in messages(check(sc, over), "group-size")[0]
    # big seats 50, but a workshop takes at most 35.
    big = dict(WHERE, **{"ws.1": "10:00 @bus", "ws.2": "14:00 @big"})
    sc_big = make_scenario(
        session("keynote"), session("alt", participants=0),
        session("ws", instrument="workshop", runs=2, participants=2, duration="60min",
                people={"facilitator": ["aigul"]}),
        rooms=[{"id": "big", "capacity": 50, "tags": ["hybrid"]},
               {"id": "bus", "capacity": 30}, {"id": "small", "capacity": 20}],
        participants=registrations(*({"id": rid, **f} for rid, f in regs.items())))
    at_most = give(make_schedule(sc_big, big), ws_2=ids[:33])
    assert check(sc_big, at_most).ok
    above = give(make_schedule(sc_big, big), ws_2=ids[:34])
    assert broken(check(sc_big, above)) == {"group-size"}
    assert "takes at most 35" in messages(check(sc_big, above), "group-size")[0]


def test_group_overlap_with_fixed_sessions_and_other_choices() -> None:
    sc = scenario(r1={"sessions": ["keynote"], "choices": ["ws", "alt"], "take": 2})
    good = give(make_schedule(sc, dict(WHERE, alt="14:00 @big")), ws_1=["r1"], alt=["r1"])
    assert check(sc, good).ok
    with_keynote = give(make_schedule(sc, dict(WHERE, keynote="10:30 @big",
                                               alt="14:00 @bus")), ws_1=["r1"])
    assert broken(check(sc, with_keynote)) == {"group-overlap"}
    with_choice = give(make_schedule(sc, WHERE), ws_1=["r1"], alt=["r1"])
    assert broken(check(sc, with_choice)) == {"group-overlap"}


def test_the_participants_count_is_fixed_plus_given() -> None:
    sc = scenario(r1={"choices": ["alt"]})
    schedule = give(make_schedule(sc, WHERE), alt=["r1"])
    schedule.session("alt").participants = 0  # the count left out
    assert broken(check(sc, schedule)) == {"scenario-match"}


def test_the_choices_term_counts_ranks() -> None:
    sc = scenario(first={"choices": ["ws", "alt"]}, second={"choices": ["ws", "alt"]},
                  none={"choices": ["ws", "alt"]},
                  two={"choices": ["alt", "keynote", "ws"], "take": 2})
    schedule = give(make_schedule(sc, dict(WHERE, alt="15:00 @big")), ws_1=["first", "two"],
                    alt=["second"])
    terms = check(sc, schedule).terms
    # first 0; second 1; none 2; two: given ranks 2 (ws), 1 place empty -> 2 + 3 - 1 = 4.
    assert terms["choices"].value == 0 + 1 + 2 + 4
    assert terms["choices"].weight == 10


def test_a_registration_may_name_one_run_under_sessions() -> None:
    # sessions: [ws.2] is that run for sure (clashes with it count); ws itself is refused
    # at load (a participant goes to one run).
    sc = scenario(r1={"sessions": ["ws.2"], "choices": ["alt"]})
    assert sc.interest_counts() == {}
    schedule = give(make_schedule(sc, dict(WHERE, alt="11:00 @big")), alt=["r1"])
    assert broken(check(sc, schedule)) == {"group-overlap"}
    assert check(sc, give(make_schedule(sc, WHERE), alt=["r1"])).ok


def test_a_registration_naming_one_meeting_of_a_series_counts_its_clashes() -> None:
    # The loader accepts sessions: [cop#1] (one meeting); interest counts raised KeyError.
    sc = make_scenario(session("cop", instrument="community-of-practice", repeat={"count": 2},
                               people={"coordinator": ["aigul"]}), session("a"),
                       participants=registrations({"id": "r", "sessions": ["cop#1", "a"]}))
    assert sc.interest_counts() == {("a", "cop#1"): 1}
