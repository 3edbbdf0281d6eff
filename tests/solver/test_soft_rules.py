"""Soft rules move the optimum in the expected direction (and only when weighted)."""

from __future__ import annotations

from scheduler.checker import check
from scheduler.solver.report import result_data
from tests.solver.helpers import build, clock, run, scenario_data, solved, talk


def _overlap(schedule, a: str, b: str) -> bool:
    sa, sb = schedule.session(a), schedule.session(b)
    return sa.day == sb.day and sa.start < sb.end and sb.start < sa.end


def test_participant_clashes_pull_wanted_sessions_apart() -> None:
    sessions = [talk("a"), talk("b")]
    registrations = {"registrations": [{"id": "r1", "sessions": ["a", "b"]}]}
    free = solved(scenario_data(sessions=sessions, participants=registrations))
    assert _overlap(free, "a", "b")  # finishing early alone puts them side by side
    apart = solved(scenario_data(sessions=sessions, participants=registrations,
                                 weights={"participant_clashes": 10}))
    assert not _overlap(apart, "a", "b")
    assert apart.objective_terms["participant_clashes"].value == 0
    assert free.objective_terms["participant_clashes"].value == 1


def test_preferences_avoid_and_prefer_windows() -> None:
    data = scenario_data(
        people=[{"id": "ann", "avoid": [{"start": "09:00", "end": "10:00"}]},
                {"id": "bob", "prefer": [{"start": "11:00", "end": "12:00"}]}],
        sessions=[talk("a", people={"speaker": ["ann"]}), talk("b", people={"speaker": ["bob"]})],
        weights={"preferences": 50},
    )
    schedule = solved(data)
    assert schedule.session("a").start >= clock("10:00")
    assert schedule.session("b").start >= clock("11:00")
    assert schedule.objective_terms["preferences"].value == 0


def test_room_fit_prefers_the_smaller_room() -> None:
    schedule = solved(scenario_data(weights={"room_fit": 1},
                                    sessions=[talk("a", participants=25)]))
    assert schedule.session("a").room == "small"


def test_track_room_stability_keeps_a_track_in_one_room() -> None:
    data = scenario_data(weights={"track_room_stability": 10, "room_fit": 1},
                         sessions=[talk("a", track="t1", participants=50),
                                   talk("b", track="t1", participants=10)])
    schedule = solved(data)
    assert schedule.session("a").room == schedule.session("b").room == "big"


def test_facilitator_same_room() -> None:
    data = scenario_data(weights={"facilitator_same_room": 10, "room_fit": 1},
                         sessions=[talk("a", participants=50, people={"facilitator": ["ann"]}),
                                   talk("b", participants=10, people={"facilitator": ["ann"]})])
    schedule = solved(data)
    assert schedule.session("b").room == "big"


def test_compact_days_finishes_early() -> None:
    schedule = solved(scenario_data(sessions=[talk("a", rooms=["small"]),
                                              talk("b", rooms=["small"])]))
    assert max(s.end for s in schedule.sessions) == clock("10:00")
    assert schedule.objective_terms["compact_days"].value == 60 // 15


def test_instrument_spread_over_days() -> None:
    data = scenario_data(event={"last-day": "2026-06-02"},
                         weights={"instrument_spread": 20},
                         sessions=[talk("a"), talk("b")])
    schedule = solved(data)
    assert schedule.session("a").day != schedule.session("b").day


def test_dropped_weight_decides_whether_an_optional_session_runs() -> None:
    sessions = [talk("a", rooms=["small"], duration="2h"),
                talk("b", rooms=["small"], duration="90min", optional=True)]
    kept = solved(scenario_data(sessions=sessions, event={"day-end": "13:00"}))
    assert kept.dropped == []
    # Without a cost for dropping, finishing early wins: the optional session goes.
    dropped = solved(scenario_data(sessions=sessions, event={"day-end": "13:00"},
                                   weights={"dropped": 0}))
    assert dropped.dropped == ["b"]


def test_reported_terms_equal_the_checker_terms_on_a_mixed_scenario() -> None:
    data = scenario_data(
        event={"last-day": "2026-06-02"},
        weights={"participant_clashes": 10, "preferences": 5, "track_room_stability": 3,
                 "room_fit": 1, "facilitator_same_room": 2, "compact_days": 1,
                 "instrument_spread": 1, "preferred_size": 5, "dropped": 100},
        people=[{"id": "ann", "avoid": [{"start": "09:00", "end": "09:30"}]}, {"id": "bob"},
                {"id": "kat"}],
        participants={"registrations": [{"id": "r1", "sessions": ["a", "b", "c"]}],
                      "interest-pairs": [{"sessions": ["c", "d"], "count": 4}]},
        sessions=[talk("a", track="t1", people={"facilitator": ["ann"]}, participants=20),
                  talk("b", track="t1", participants=40),
                  talk("c", track=["t1", "t2"], people={"facilitator": ["ann"]}),
                  talk("d", track="t2", participants=90)],
    )
    scenario = build(data)
    result = run(data)
    assert result.schedule is not None
    report = check(scenario, result.schedule)
    assert report.ok
    assert {k: t.value for k, t in report.terms.items() if k in result.schedule.objective_terms} \
        == {k: t.value for k, t in result.schedule.objective_terms.items()}


def test_capped_clash_pairs_are_reported_and_still_counted_exactly() -> None:
    sessions = [talk(x) for x in "abcd"]
    registrations = {"registrations": [{"id": "r1", "sessions": ["a", "b", "c", "d"]}]}
    data = scenario_data(sessions=sessions, participants=registrations,
                         weights={"participant_clashes": 10})
    scenario = build(data)
    result = run(data, max_clash_pairs=2)
    assert result.schedule is not None
    assert any("modelled the 2 heaviest of 6" in note for note in result.notes)
    assert (result.caps.clash_pairs, result.caps.clash_pairs_total) == (2, 6)
    assert result.simplified and not result.caps.rooms
    data = result_data(result)
    assert data["simplified"] and data["caps"]["clash_pairs"] == 2
    term = result.schedule.objective_terms["participant_clashes"]
    assert term.detail and "2 heaviest" in term.detail
    assert term.value == check(scenario, result.schedule).terms["participant_clashes"].value
    assert result.status.value == "feasible"  # optimal only for the simplified model
