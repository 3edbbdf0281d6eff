"""Pre-solve checks name common impossibilities in organisers' words."""

from __future__ import annotations

from scheduler.diagnose import precheck
from scheduler.facts import FactBuilder
from tests.solver.helpers import build, scenario_data, talk


def findings(data):
    scenario = build(data)
    return precheck(scenario, FactBuilder(scenario).build())


def test_a_solvable_scenario_has_no_findings() -> None:
    assert findings(scenario_data(sessions=[talk("a"), talk("b")])) == []


def test_pinned_outside_the_frame() -> None:
    [found] = findings(scenario_data(sessions=[talk("a", pin={"start": "13:00"})]))
    assert found.rule == "pinned" and found.subject == "session a"
    assert "pinned to 13:00" in found.text and "daily frame" in found.text


def test_earliest_after_the_frame() -> None:
    [found] = findings(scenario_data(sessions=[talk("a", earliest="11:45")]))
    assert found.rule == "earliest-latest"


def test_no_room_large_and_tagged_enough() -> None:
    data = scenario_data(sessions=[talk("a", participants=50, room_tags=["stage"])],
                         rooms=[{"id": "small", "capacity": 30, "tags": ["stage"]},
                                {"id": "big", "name": "Большой зал", "capacity": 100}])
    [found] = findings(data)
    assert "no room can hold session 'a'" in found.text
    assert "seats 30" in found.text and "Большой зал is not tagged stage" in found.text


def test_no_room_among_the_sessions_own_rooms_names_only_those() -> None:
    """hand2: an award ceremony for 100 with `rooms: [aud]` (80 seats) heard that every
    other room "is not in the session's rooms", under the rule room-allowed; it now hears
    of its own room and of room-capacity."""
    data = scenario_data(sessions=[talk("a", participants=100, rooms=["aud"])],
                         rooms=[{"id": "hall", "name": "Выставочный зал", "capacity": 200},
                                {"id": "class", "capacity": 30},
                                {"id": "stand", "capacity": 15},
                                {"id": "aud", "name": "Аудитория 1", "capacity": 80}])
    [found] = findings(data)
    assert found.rule == "room-capacity"
    assert "of its rooms: Аудитория 1 seats 80, 100 expected" in found.text
    assert "not in the session's rooms" not in found.text


def test_person_with_more_sessions_than_hours() -> None:
    data = scenario_data(
        people=[{"id": "ann", "name": "Айгуль",
                 "available": [{"start": "09:00", "end": "10:00"}]}],
        sessions=[talk("a", duration="45min", people={"speaker": ["ann"]}),
                  talk("b", duration="45min", people={"speaker": ["ann"]})],
    )
    [found] = findings(data)
    assert found.text == ("Айгуль has 1h30 of sessions but only 1h in their available "
                          "windows inside the daily frames")


def test_daily_limit_times_days() -> None:
    data = scenario_data(people=[{"id": "ann", "max-sessions-per-day": 1}],
                         sessions=[talk("a", people={"speaker": ["ann"]}),
                                   talk("b", people={"speaker": ["ann"]})])
    assert [f.rule for f in findings(data)] == ["person-daily-limit"]


def test_break_off_the_grid() -> None:
    data = scenario_data(breaks={"placed": [{"id": "coffee", "duration": "10min",
                                             "window": ["10:05", "10:20"]}]},
                         sessions=[talk("a")])
    [found] = findings(data)
    assert found.rule == "breaks" and "15-minute grid" in found.text


def test_max_block_without_any_pause() -> None:
    data = scenario_data(breaks={"max-block": "60min"}, sessions=[talk("a")])
    [found] = findings(data)
    assert found.rule == "max-block"


def test_an_optional_session_is_not_a_finding() -> None:
    assert findings(scenario_data(sessions=[talk("a", pin={"start": "13:00"},
                                                 optional=True)])) == []


def test_max_block_that_the_breaks_cannot_keep_says_the_least_that_works() -> None:
    """hand1: a day whose breaks, wherever they go in their windows, leave a stretch longer
    than max-block is named before solving, with the max-block that would do."""
    data = scenario_data(breaks={"max-block": "60min", "placed": [
        {"id": "coffee", "title": "Кофе-брейк", "duration": "15min",
         "window": ["10:00", "11:00"]}]}, sessions=[talk("a")])
    [found] = findings(data)
    assert found.rule == "max-block" and found.subject == "day 2026-06-01"
    assert "Кофе-брейк" in found.text and "raise breaks.max-block to 1h30" in found.text
    data["breaks"]["max-block"] = "90min"
    assert findings(data) == []


def test_max_block_cover_tries_the_pauses_in_every_order() -> None:
    """Placing the flexible break as late as it can go first (reaching furthest) leaves the
    fixed one useless; the fixed one first, then the break, keeps every stretch within
    60 min: no finding, and the solver agrees."""
    from tests.solver.helpers import solved

    data = scenario_data(breaks={"max-block": "60min", "placed": [
        {"id": "stretch", "duration": "15min", "window": ["09:00", "12:00"]}], "fixed": [
        {"id": "tea", "start": "09:45", "end": "10:00"}]}, sessions=[talk("a")])
    assert findings(data) == []
    solved(data)


def test_more_online_sessions_pinned_at_once_than_licences() -> None:
    """hand1: three webinars pinned at overlapping times with two licences are named
    before solving, with the moment and the sessions; two are not a finding."""
    web = {"instrument": "workshop", "format": "online", "duration": "60min"}
    sessions: list[dict[str, object]] = [
                {"id": "osh", "title": "Ош", **web, "pin": {"start": "09:00"}},
                {"id": "naryn", "title": "Нарын", **web, "pin": {"start": "09:00"}},
                {"id": "talas", "title": "Талас", **web, "pin": {"start": "09:30"}},
                {"id": "free", "title": "Свободный", **web}]
    for s, who in zip(sessions, ["ann", "bob", "kat", "ann"], strict=True):
        s["people"] = {"facilitator": [who]}
    data = scenario_data(hybrid={"licences": 2}, sessions=sessions, rooms=[])
    [found] = findings(data)
    assert found.rule == "licences"
    assert "at 09:30 3 online or hybrid sessions" in found.text
    assert "'naryn', 'osh', 'talas'" in found.text and "hybrid.licences is 2" in found.text
    data["sessions"][2]["pin"] = {"start": "10:00"}  # one ends as the other starts
    assert findings(data) == []


def test_a_break_whose_window_pinned_sessions_fill() -> None:
    """hand1: a coffee break to place in 10:00-11:00 on a day whose pinned sessions hold
    10:00-11:00 is named before solving (CP-SAT took 30 s under load to say it on a
    110-session event); a 15-minute gap between them is enough."""
    data = scenario_data(
        breaks={"placed": [{"id": "coffee", "duration": "15min",
                            "window": ["10:00", "11:00"]}]},
        sessions=[talk("a", people={"speaker": ["ann"]}, pin={"start": "10:00"}),
                  talk("b", people={"speaker": ["bob"]}, pin={"start": "10:30"})])
    [found] = findings(data)
    assert found.rule == "breaks" and found.subject == "break coffee"
    assert "'a' 10:00-10:30, 'b' 10:30-11:00" in found.text and "Fix:" in found.text
    data["sessions"][1]["pin"] = {"start": "10:45"}
    assert findings(data) == []
