"""The checker's talk rules: each holds on a hand-made schedule and is caught when broken;
CoSPLib's terms counted by hand on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from scheduler.checker import check
from scheduler.schedule import Schedule
from tests.talks.helpers import schedule_data, small, small_data


def as_schedule(data: dict[str, Any]) -> Schedule:
    return Schedule.model_validate(data, context={"text": True})


def test_the_hand_made_schedule_holds_every_rule_and_its_terms_are_counted_by_hand() -> None:
    report = check(small(), as_schedule(schedule_data()))
    assert report.ok, [str(v) for v in report.violations]
    terms = {name: term.value for name, term in report.terms.items()}
    # cid presents t1 (ecom, r2) and t3 (evo, r1); dan t2 (ecom) and t5 (evo): both pairs in
    # one talk-slot in different rooms.
    assert terms["presenters_conflicts"] == 2
    # In the same talk slot: t1 and t3 at 10:00; t2 (10:20-11:00) and t5 at 10:40.
    assert terms["presenters_conflicts_timeslot"] == 2
    # Nothing else: one room a track, one talk-slot, no penalties, no order, no attendees.
    assert all(value == 0 for name, value in terms.items()
               if name not in ("presenters_conflicts", "presenters_conflicts_timeslot"))
    weights = small().weights.talks
    assert report.objective == 2 * weights.presenters_conflicts \
        + 2 * weights.presenters_conflicts_timeslot


def test_terms_follow_the_weights_and_the_penalty_matrices() -> None:
    data = small_data()
    data["tracks"][1]["penalties"] = {"talk-slots": {"am": 7}, "rooms": {"r1": 3},
                                      "tracks": {"ecom": 5}}
    data["talk-slots"][0]["penalties"] = {"rooms": {"r2": 11}}
    data["talks"][0]["penalties"] = {"talk-slots": {"am": 13}, "rooms": {"r2": 17}}
    data["talks"][3]["order"] = 1  # t4 is second in evo: out of order
    data["talks"][4]["order"] = 2  # t5 is third: out of order
    data["weights"] = {"talks": {"presenters-conflicts": 0, "presenters-conflicts-timeslot": 0}}
    report = check(small(**data), as_schedule(schedule_data()))
    terms = {name: term.value for name, term in report.terms.items()}
    assert terms["tracks_sessions"] == 7 and terms["tracks_rooms"] == 3
    assert terms["sessions_rooms"] == 11
    assert terms["similar_tracks"] == 5  # evo and ecom side by side once
    assert terms["submissions_sessions"] == 13 and terms["submissions_rooms"] == 17
    assert terms["submissions_order"] == 2
    assert report.terms["presenters_conflicts"].penalty == 0


Break = Callable[[dict[str, Any]], None]


def _talks(data: dict[str, Any], session: int) -> list[dict[str, Any]]:
    talks: list[dict[str, Any]] = data["sessions"][session]["talks"]
    return talks


def _move_t4_to_r2(d: dict[str, Any]) -> None:
    _talks(d, 1).append(_talks(d, 0).pop(1))


def _drop_t5(d: dict[str, Any]) -> None:
    _talks(d, 0).pop(2)


def _twice(d: dict[str, Any]) -> None:
    _talks(d, 1)[0] = dict(_talks(d, 0)[1])


def _swap_rooms(d: dict[str, Any]) -> None:
    d["sessions"][0].update(id="am.r2", room="r2")
    d["sessions"][1].update(id="am.r1", room="r1")


BROKEN: list[tuple[str, Break, str]] = [
    ("a talk missing", _drop_t5, "talk-placement"),
    ("a talk twice", lambda d: _talks(d, 0).append(dict(_talks(d, 1)[0])), "talk-placement"),
    ("a talk in another track's session", _move_t4_to_r2, "talk-placement"),
    ("an unknown talk", lambda d: _talks(d, 0)[2].update(id="t9"), "talk-placement"),
    ("a session at the wrong time", lambda d: d["sessions"][1].update(start="10:20"),
     "talk-placement"),
    ("a session in an unknown talk-slot", lambda d: d["sessions"][1].update(id="noon.r2"),
     "talk-placement"),
    ("a talk split short", lambda d: _talks(d, 1)[1].update(end="10:40"), "talk-whole"),
    ("a talk off the slot grid", lambda d: _talks(d, 0)[1].update(start="10:25",
                                                                   end="10:45"), "talk-whole"),
    ("two talks overlapping", lambda d: _talks(d, 0)[2].update(start="10:20", end="10:40"),
     "talk-whole"),
    ("an online talk in a room without hybrid", lambda d: _swap_rooms(d), "talk-hybrid"),
    ("the chairs not listed", lambda d: d["sessions"][0].update(people={}),
     "talk-availability"),
    ("two sessions in one room", lambda d: d["sessions"].append(
        {**d["sessions"][1], "id": "am.r2", "talks": []}), "talk-placement"),
    ("a session during lunch", lambda d: d["sessions"][1].update(start="12:40",
                                                                 end="13:40"), "talk-overlap"),
]


@pytest.mark.parametrize(("case", "breaking", "rule"), BROKEN, ids=[b[0] for b in BROKEN])
def test_each_broken_talk_rule_is_caught_by_name(case: str, breaking: Break, rule: str) -> None:
    data = schedule_data()
    breaking(data)
    report = check(small(), as_schedule(data))
    assert rule in report.rules_broken(), [str(v) for v in report.violations]


def test_a_pinned_talk_elsewhere_is_caught() -> None:
    data = small_data()
    data["talks"][0]["pin"] = {"talk-slot": "pm"}
    report = check(small(**data), as_schedule(schedule_data()))
    assert report.rules_broken() == ["talk-pinned"]
    data["talks"][0]["pin"] = {"talk-slot": "am", "room": "r2"}
    assert check(small(**data), as_schedule(schedule_data())).ok


def test_presenters_and_chairs_outside_their_windows_are_caught() -> None:
    data = small_data()
    # eva presents t4 at 10:20-10:40; bob chairs evo's morning session.
    data["people"][4]["available"] = [{"start": "10:30", "end": "18:00"}]
    data["people"][1]["available"] = [{"start": "14:00", "end": "18:00"}]
    report = check(small(**data), as_schedule(schedule_data()))
    assert report.rules_broken() == ["talk-availability"]
    assert {v.people for v in report.violations} == {("eva",), ("bob",)}
    # A window covering only her talk is enough for a presenter.
    data["people"][4]["available"] = [{"start": "10:20", "end": "10:40"}]
    data["people"][1]["available"] = None
    assert check(small(**data), as_schedule(schedule_data())).ok


def test_more_remote_talk_sessions_at_once_than_licences_is_caught() -> None:
    data = small_data()
    data["hybrid"] = {"licences": 1}
    data["rooms"][1]["tags"] = ["hybrid"]
    data["talks"][0]["format"] = "hybrid"  # t1 in r2, at the same time as t3 in r1
    report = check(small(**data), as_schedule(schedule_data()))
    assert report.rules_broken() == ["talk-hybrid"]
    data["hybrid"] = {"licences": 2}
    assert check(small(**data), as_schedule(schedule_data())).ok


def test_sessions_beside_talk_sessions_keep_rooms_people_and_exclusivity() -> None:
    data = small_data()
    data["sessions"] = [{"id": "ws", "title": "Семинар", "instrument": "workshop",
                         "people": {"facilitator": ["eva"]}}]
    scenario = small(**data)
    schedule = schedule_data()
    workshop: dict[str, Any] = {"id": "ws", "title": "Семинар", "instrument": "workshop",
                "day": "2026-07-10", "start": "15:00", "end": "16:30", "room": "r2",
                "people": {"facilitator": ["eva"]}}
    schedule["sessions"].append(workshop)
    assert check(scenario, as_schedule(schedule)).ok
    # eva presents t4 at 10:20-10:40: a workshop of hers at 10:30 in a free room clashes.
    workshop.update(start="10:30", end="12:00", room=None, format="online")
    report = check(scenario, as_schedule(schedule))
    assert "talk-overlap" in report.rules_broken()
    assert any(v.people == ("eva",) for v in report.violations)
    # In r2 at 10:30 it also takes the room of the ecom talk session.
    workshop.update(room="r2", format="in-person")
    assert any(v.rooms == ("r2",) for v in check(scenario, as_schedule(schedule)).violations)
    # A plenary (exclusive) beside talk sessions.
    data["sessions"] = [{"id": "ws", "title": "Пленарное", "instrument": "plenary"}]
    workshop.update(instrument="plenary", start="10:00", end="10:45", room="r2", people={},
                    title="Пленарное")
    del workshop["format"]
    report = check(small(**data), as_schedule(schedule))
    assert any("which nothing runs in parallel with" in v.message and v.rule == "talk-overlap"
               for v in report.violations)
