"""The greedy assignment that completes a start placement with groups (#12): rank by rank,
within the room and instrument, never overlapping what a registration has."""

from __future__ import annotations

from scheduler.checker import check
from scheduler.solver.groups import choices_penalty, greedy_groups
from tests.checker.conftest import make_scenario, make_schedule, session


def test_first_choices_before_second_ones_within_the_room_and_without_overlap() -> None:
    # small seats 20: 'a' holds 18 more; 20 want it first, 'b' (big) second. A registration
    # attending the keynote cannot be given 'c', which overlaps it.
    regs = [{"id": f"r{i}", "choices": ["a", "b"]} for i in range(20)]
    regs.append({"id": "k", "sessions": ["keynote"], "choices": ["c", "b"]})
    sc = make_scenario(session("keynote"), session("a", participants=2),
                       session("b", participants=0), session("c", participants=0),
                       participants={"registrations": regs})
    schedule = make_schedule(sc, {"keynote": "09:00 @bus", "a": "10:00 @small",
                                  "b": "11:00 @big", "c": "09:00 @big"})
    # A stale entry (a session the scenario no longer has) is ignored.
    stale = schedule.sessions[0].model_copy(update={"id": "gone"})
    schedule.sessions.append(stale)
    given = greedy_groups(sc, schedule)
    assert sum(sid == "a" for _, sid in given) == 18
    assert sum(sid == "b" for _, sid in given) == 3
    assert ("k", "b") in given and ("k", "c") not in given
    schedule.sessions.remove(stale)
    for item in schedule.sessions:
        item.registrations = sorted(r for r, sid in given if sid == item.id)
        item.participants += len(item.registrations)
    report = check(sc, schedule)
    assert report.ok, [str(v) for v in report.violations]
    assert choices_penalty(sc, schedule.sessions) == report.terms["choices"].value == 3


def test_best_groups_improves_on_the_greedy_where_it_can() -> None:
    # One seat left in 'a'. The greedy gives it to r1 (first in order), and r2, whose other
    # choices are full, gets nothing (3); the best gives it to r2 and r1 its second (1).
    from scheduler.solver.groups import best_groups

    sc = make_scenario(session("a", participants=19), session("b", participants=0),
                       session("z", participants=20), session("w", participants=20),
                       participants={"registrations": [
                           {"id": "r1", "choices": ["a", "b"]},
                           {"id": "r2", "choices": ["a", "z", "w"]}]})
    schedule = make_schedule(sc, {"a": "10:00 @small", "b": "11:00 @big",
                                  "z": "12:00 @small", "w": "13:00 @small"})
    greedy = greedy_groups(sc, schedule)
    assert greedy == {("r1", "a")}
    assert best_groups(sc, schedule, 1.0, greedy) == {("r2", "a"), ("r1", "b")}
