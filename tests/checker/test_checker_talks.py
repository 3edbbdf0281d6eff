"""Each talk rule is caught, and alone, on the small talks scenario (the rules are
described in docs/talks.md; tests/talks/test_talks_checker.py has more cases)."""

from __future__ import annotations

from typing import Any

from scheduler.checker import CheckReport, check
from scheduler.schedule import Schedule
from tests.talks.helpers import schedule_data, small, small_data


def report(edit_scenario: Any = None, edit_schedule: Any = None) -> CheckReport:
    data, plan = small_data(), schedule_data()
    if edit_scenario:
        edit_scenario(data)
    if edit_schedule:
        edit_schedule(plan)
    return check(small(**data), Schedule.model_validate(plan, context={"text": True}))


def test_the_hand_made_talks_schedule_holds(build: Any) -> None:
    assert build.broken(report()) == set()


def test_talk_placement(build: Any) -> None:
    caught = report(edit_schedule=lambda p: p["sessions"][0]["talks"].pop(2))
    assert build.broken(caught) == {"talk-placement"}


def test_talk_whole(build: Any) -> None:
    caught = report(edit_schedule=lambda p: p["sessions"][0]["talks"][2].update(
        start="10:20", end="10:40"))
    assert build.broken(caught) == {"talk-whole"}


def test_talk_pinned(build: Any) -> None:
    caught = report(edit_scenario=lambda d: d["talks"][0].update(pin={"talk-slot": "pm"}))
    assert build.broken(caught) == {"talk-pinned"}


def test_talk_availability(build: Any) -> None:
    caught = report(edit_scenario=lambda d: d["people"][4].update(
        available=[{"start": "10:30", "end": "18:00"}]))
    assert build.broken(caught) == {"talk-availability"}


def test_talk_hybrid(build: Any) -> None:
    def two_remote(d: dict[str, Any]) -> None:
        d["hybrid"] = {"licences": 1}
        d["rooms"][1]["tags"] = ["hybrid"]
        d["talks"][0]["format"] = "hybrid"
    assert build.broken(report(edit_scenario=two_remote)) == {"talk-hybrid"}


def test_talk_overlap(build: Any) -> None:
    def workshop(d: dict[str, Any]) -> None:
        d["sessions"] = [{"id": "ws", "title": "Семинар", "instrument": "workshop",
                          "format": "online", "people": {"facilitator": ["eva"]}}]

    def placed(p: dict[str, Any]) -> None:  # eva presents t4 at 10:20-10:40
        p["sessions"].append({"id": "ws", "title": "Семинар", "instrument": "workshop",
                              "day": "2026-07-10", "start": "10:30", "end": "12:00",
                              "format": "online", "people": {"facilitator": ["eva"]}})
    assert build.broken(report(workshop, placed)) == {"talk-overlap"}
