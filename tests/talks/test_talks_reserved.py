"""fix1: a ``reserved`` room (a tour bus) is no talk-slot's room unless something names it:
the talk-slot's ``rooms:`` or a talk pinned to it. The talks engine and the checker of talk
sessions ignored ``reserved`` until session 15 (docs/rules.md, ``talk-placement``)."""

from __future__ import annotations

from typing import Any

from scheduler.checker import check
from scheduler.scenario import Scenario
from scheduler.schedule import Schedule
from scheduler.solver import SolveOptions, solve
from tests.talks.helpers import schedule_data, small, small_data


def with_bus(**fields: Any) -> dict[str, Any]:
    """The small talks event with a big bus beside r1 and r2; r1 and r2 cost 40 and 50 a
    talk-slot, so that without ``reserved`` the bus is the cheapest room."""
    data = small_data()
    data["rooms"].append({"id": "bus", "name": "Автобус", "capacity": 90,
                          "tags": ["offsite"], **fields})
    for slot in data["talk-slots"]:
        slot["penalties"] = {"rooms": {"r1": 40, "r2": 50}}
    return data


def rooms_used(data: dict[str, Any]) -> tuple[Scenario, Schedule, set[str | None]]:
    scenario = small(**data)
    result = solve(scenario, SolveOptions(time_limit=10, workers=2, seed=1, deterministic=True,
                                          handle_sigint=False, diagnose=False))
    assert result.schedule is not None, (result.status, result.diagnosis)
    report = check(scenario, result.schedule)
    assert report.ok, [str(v) for v in report.violations]
    return scenario, result.schedule, {s.room for s in result.schedule.sessions}


def test_the_solver_puts_no_talk_session_in_a_reserved_room() -> None:
    assert "bus" in rooms_used(with_bus())[2]  # the test means something: the bus is cheaper
    assert "bus" not in rooms_used(with_bus(reserved=True))[2]


def test_a_talk_slot_or_a_pinned_talk_that_names_the_room_opens_it() -> None:
    data = with_bus(reserved=True)
    data["talks"][3]["pin"] = {"talk-slot": "am", "room": "bus"}  # t4 (evo)
    schedule = rooms_used(data)[1]
    assert any(s.id == "am.bus" and "t4" in [t.id for t in s.talks] for s in schedule.sessions)
    data = with_bus(reserved=True)
    data["talk-slots"][1]["rooms"] = ["r1", "bus"]
    assert "bus" in rooms_used(data)[2]


def test_the_checker_catches_a_talk_session_in_a_reserved_room() -> None:
    moved = schedule_data()
    moved["sessions"][1].update(id="am.bus", room="bus")  # ecom's morning on the bus
    plain = check(small(**with_bus()), Schedule.model_validate(moved, context={"text": True}))
    assert plain.ok, [str(v) for v in plain.violations]
    report = check(small(**with_bus(reserved=True)),
                   Schedule.model_validate(moved, context={"text": True}))
    assert report.rules_broken() == ["talk-placement"]
    assert [v.sessions for v in report.violations] == [("am.bus",)]
    assert "reserved" in report.violations[0].message
    assert "Автобус" in report.violations[0].message
    pinned = with_bus(reserved=True)
    pinned["talks"][0]["pin"] = {"talk-slot": "am", "room": "bus"}  # t1 is in am.bus
    assert check(small(**pinned), Schedule.model_validate(moved, context={"text": True})).ok


def test_a_reserved_room_open_less_than_a_talk_slot_is_not_refused_by_the_loader() -> None:
    """The loader asked every room of a talk-slot without rooms: to be available for all of
    it, a bus that is not (but holds no talk session there) included."""
    bus = with_bus(reserved=True, available=[{"start": "15:00", "end": "16:00"}])
    assert small(**bus).rooms[-1].reserved
