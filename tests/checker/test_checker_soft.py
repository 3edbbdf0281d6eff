"""Every soft term on a small case, with the expected numbers worked out from the rule."""

from __future__ import annotations

from scheduler.checker import check
from scheduler.schedule import ObjectiveTerm


def test_participant_clashes(build):
    sc = build.scenario(
        build.session("a"), build.session("b"), build.session("c"), build.session("d"),
        participants={
            "registrations": [{"id": "r1", "sessions": ["a", "b"]},
                              {"id": "r2", "sessions": ["a", "b"]},
                              {"id": "r3", "sessions": ["a", "b", "c"]}],
            "interest-pairs": [{"sessions": ["a", "c"], "count": 2},
                               {"sessions": ["b", "d"], "count": 5}],
        },
    )
    report = build.check(sc, {"a": "10:00 @big", "b": "10:30 @small", "c": "10:00 @bus",
                              "d": "14:00"})
    assert report.ok, report.violations
    # a-b overlap: r1, r2, r3 = 3; a-c overlap: r3 + 2 = 3; b-c overlap: r3 = 1;
    # b-d (5) do not overlap.
    term = report.terms["participant_clashes"]
    assert (term.weight, term.value, term.penalty) == (10, 3 + 3 + 1, 70)


def test_preferences(build):
    sc = build.scenario(
        build.session("s1", people={"speaker": ["aigul", "bakyt"]}),
        build.session("s2", people={"speaker": ["bakyt"]}),
        build.session("s3", people={"speaker": ["aigul"]}),
        people=build.people(aigul={"avoid": [{"start": "10:00", "end": "11:00"}]},
                            bakyt={"prefer": [{"start": "14:00", "end": "18:00"}]}),
    )
    report = build.check(sc, {"s1": "10:30", "s2": "15:00", "s3": "09:00"})
    assert report.ok, report.violations
    # s1: in Айгуль's avoided hour (1) and outside Бакыт's preferred afternoon (1);
    # s2: inside Бакыт's afternoon (0); s3 ends as Айгуль's avoided hour begins (0).
    assert report.terms["preferences"].value == 2
    assert report.terms["preferences"].penalty == 2 * 5


def test_track_room_stability(build):
    sc = build.scenario(*(build.session(s, track="t1") for s in "abcde"),
                        build.session("f", track="t2"))
    report = build.check(sc, {"a": "09:00 @big", "b": "10:00 @small", "c": "11:00 @bus",
                              "d": "d2 09:00 @big", "e": "d2 10:00 @big", "f": "14:00 @small"})
    assert report.ok, report.violations
    # t1 on day 1 uses 3 rooms (2 extra), on day 2 one; t2 uses one.
    assert report.terms["track_room_stability"].value == 2
    assert report.terms["track_room_stability"].penalty == 2 * 3


def test_room_fit(build):
    sc = build.scenario(build.session("a", participants=10), build.session("b", participants=15),
                        build.session("c", participants=25), build.session("d", participants=5),
                        build.session("w", format="online"))
    report = build.check(sc, {"a": "10:00 @big", "b": "10:00 @small", "c": "10:00 @bus",
                              "d": "12:00 @small", "w": "12:00"})
    assert report.ok, report.violations
    # (50-10)//10 + (20-15)//10 + (30-25)//10 + (20-5)//10, the online session has no room
    assert report.terms["room_fit"].value == 4 + 0 + 0 + 1


def test_facilitator_same_room(build):
    sc = build.scenario(
        build.session("f1", people={"facilitator": ["aigul"]}),
        build.session("f2", people={"facilitator": ["aigul"]}),
        build.session("f3", people={"facilitator": ["aigul"]}),
        build.session("s", people={"speaker": ["aigul"]}),
        build.session("g", people={"facilitator": ["bakyt"]}),
    )
    report = build.check(sc, {"f1": "09:00 @big", "f2": "10:00 @small", "f3": "d2 09:00 @bus",
                              "s": "11:00 @bus", "g": "12:00 @bus"})
    assert report.ok, report.violations
    # Айгуль facilitates in two rooms on day 1 (1 extra; her talk does not count), one on
    # day 2; Бакыт in one.
    assert report.terms["facilitator_same_room"].value == 1
    assert report.terms["facilitator_same_room"].penalty == 2


def test_compact_days(build):
    sc = build.scenario(build.session("a"), build.session("b"), build.session("c"))
    report = build.check(sc, {"a": "09:00", "b": "11:00", "c": "d2 09:00"})
    assert report.ok, report.violations
    # day 1 ends 12:00: (720 - 540) // 5 = 36; day 2 ends 10:00: 60 // 5 = 12
    assert report.terms["compact_days"].value == 36 + 12


def test_instrument_spread(build):
    lectures = [build.session(f"l{i}") for i in range(4)]
    talks = [build.session(f"t{i}", instrument="talk") for i in range(3)]
    workshop = build.session("w", instrument="workshop", people={"facilitator": ["aigul"]})
    sc = build.scenario(*lectures, *talks, workshop)
    where = {"l0": "09:00", "l1": "10:00", "l2": "11:00", "l3": "d2 09:00",
             "t0": "12:00", "t1": "12:30", "t2": "13:00", "w": "14:00"}
    report = build.check(sc, where)
    assert report.ok, report.violations
    # lectures: 4 over 2 days, share 2, day 1 has 3 (1 over); talks: share 2, day 1 has 3
    # (1 over); a single workshop never counts.
    assert report.terms["instrument_spread"].value == 2


def test_preferred_size(build):
    tour = build.session("tour", instrument="study-tour", participants=22,
                         people={"coordinator": ["bakyt"]})
    sc = build.scenario(tour, build.session("a", participants=40))
    report = build.check(sc, {"tour": "09:00-18:00 @bus", "a": "d2 10:00 @big"})
    assert report.ok, report.violations
    # a study tour is ideally under 20 (19): 22 - 19 = 3; a lecture has no preference
    assert report.terms["preferred_size"].value == 3
    assert report.terms["preferred_size"].penalty == 3 * 5


def test_dropped_and_weights(build):
    sc = build.scenario(build.session("a", optional=True), build.session("b", optional=True),
                        weights={"dropped": 40, "compact-days": 0})
    report = build.check(sc, {"a": "10:00"}, dropped=["b"])
    assert report.terms["dropped"].penalty == 40
    assert report.terms["compact_days"].value == (660 - 540) // 5
    assert report.terms["compact_days"].penalty == 0  # switched off


def test_objective_is_the_sum_and_compared_with_the_file(build):
    sc = build.scenario(build.session("a"))
    schedule = build.schedule(sc, {"a": "10:00"})
    report = check(sc, schedule)
    # big seats 50 for 10: 4 (room_fit, weight 1); day ends 11:00: 24 (compact_days, 1)
    assert report.objective == 4 + 24 == sum(t.penalty for t in report.terms.values())
    assert report.warnings == []

    schedule.objective = 28
    schedule.objective_terms = {"room_fit": ObjectiveTerm(weight=1, value=4, penalty=4)}
    assert check(sc, schedule).warnings == []

    schedule.objective = 30
    schedule.objective_terms["room_fit"] = ObjectiveTerm(weight=1, value=6, penalty=6)
    report = check(sc, schedule)
    assert report.ok  # a mismatch is a warning, not a hard violation
    assert report.warnings == [
        "objective term room_fit: the schedule states weight 1, value 6, penalty 6; the "
        "checker finds weight 1, value 4, penalty 4",
        "objective: the schedule states 30, the checker finds 28",
    ]


def test_changes_term_is_taken_from_the_file_without_the_earlier_schedule(build):
    sc = build.scenario(build.session("a"))
    schedule = build.schedule(sc, {"a": "10:00"}, objective=58, objective_terms={
        "changes": ObjectiveTerm(weight=10, value=3, penalty=30)})
    report = check(sc, schedule)
    assert not report.terms["changes"].recomputed
    assert report.objective == 28 + 30
    assert report.warnings == ["the changes term is taken from the schedule file, not "
                               "recomputed: give the earlier schedule (--from) to check it"]


def test_changes_against_the_earlier_schedule(build):
    sc = build.scenario(build.session("same"), build.session("later"), build.session("moved"),
                        build.session("roomed"), build.session("new"),
                        weights={"compact-days": 0, "room-fit": 0, "instrument-spread": 0})
    earlier = build.schedule(sc, {"same": "09:00 @big", "later": "10:00 @big",
                                  "moved": "11:00 @big", "roomed": "12:00 @big"})
    later = build.schedule(sc, {"same": "09:00 @big", "later": "10:30 @big",
                                "moved": "d2 11:00 @small", "roomed": "12:00 @small",
                                "new": "14:00 @big"})
    report = check(sc, later, earlier=earlier)
    assert report.ok, report.violations
    # later: new start (1); moved: new start (1) + new day (1) + new room (1) = 3;
    # roomed: new room (1); same: 0; new: not in the earlier schedule.
    term = report.terms["changes"]
    assert (term.weight, term.value, term.penalty) == (10, 1 + 3 + 1, 50)
    assert term.recomputed
    assert report.objective == 50


def test_instrument_spread_over_three_days_and_a_pair(build):
    # Found by mutation testing: with two days, counting the *other* day instead of this
    # one gives the same sum, and no instrument had exactly two sessions.
    lectures = [build.session(f"l{i}") for i in range(4)]
    talks = [build.session(f"t{i}", instrument="talk") for i in range(2)]
    sc = build.scenario(*lectures, *talks, event={"last-day": "2024-05-08"})
    where = {"l0": "09:00", "l1": "10:00", "l2": "11:00", "l3": "12:00",
             "t0": "13:00", "t1": "14:00"}
    report = build.check(sc, where)
    assert report.ok, report.violations
    # lectures: share ceil(4/3) = 2, day 1 has 4 (2 over); talks: share 1, day 1 has 2
    # (1 over); days 2 and 3 have none.
    assert report.terms["instrument_spread"].value == 3


def test_participant_clashes_detail_counts_pairs(build):
    sc = build.scenario(build.session("a"), build.session("b"), build.session("c"),
                        participants={"interest-pairs": [{"sessions": ["a", "b"], "count": 2},
                                                         {"sessions": ["a", "c"], "count": 1}]})
    one = build.check(sc, {"a": "10:00 @big", "b": "10:00 @small", "c": "14:00"})
    assert one.terms["participant_clashes"].value == 2
    assert one.terms["participant_clashes"].detail == "1 overlapping pair wanted together"
    two = build.check(sc, {"a": "10:00 @big", "b": "10:00 @small", "c": "10:00 @bus"})
    assert two.terms["participant_clashes"].value == 3
    assert two.terms["participant_clashes"].detail == "2 overlapping pairs wanted together"


def test_changes_against_an_earlier_schedule(build):
    # Found by mutation testing: the checker tests never gave `check` an earlier schedule.
    sc = build.scenario(build.session("a"), build.session("b"), build.session("c"),
                        build.session("d"), build.session("e"), build.session("new"))
    earlier = build.schedule(sc, {"a": "10:00 @big", "b": "10:00 @small", "c": "12:00 @big",
                                  "d": "14:00 @big", "e": "d2 15:00 @big"})
    later = build.schedule(sc, {"a": "10:00 @big",         # unchanged
                                "b": "11:00 @small",       # moved: 1
                                "c": "d2 12:00 @big",      # moved to another day: 2
                                "d": "14:00 @small",       # another room: 1
                                "e": "d2 15:00 @big",      # unchanged
                                "new": "16:00 @big"})      # not in the earlier one: 0
    report = check(sc, later, earlier=earlier)
    assert report.ok, report.violations
    term = report.terms["changes"]
    assert term.value == 4
    assert term.detail == "2 moved, 1 to another day, 1 to another room"
    assert "changes" not in check(sc, later).terms
