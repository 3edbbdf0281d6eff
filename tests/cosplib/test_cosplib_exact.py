"""Every term of CoSPLib's checker on a hand-made workbook, counted by hand.

The instance (written by :mod:`confsched_cosplib.generate`, read back by our reader):

* sessions A (09:00-10:00) and B (10:30-11:30), 2 slots each; rooms R1, R2, R3;
  local time GMT+0, suitable 09:00-18:00, less suitable 07:00-22:00 (small 1, big 10);
* tracks T1 (chair C), T2 (chairs C, D), T3 (no chair): T1 and T2 share chair C;
* s1 T1 order 1 by X; s2 T1 order 2 by Y; s3 T2 two slots by X (GMT-2); s4 T2 by C
  (GMT+8); s5 T3 by Z, attended by X (GMT-3); s6 T1 by W.

Presenter conflicts (CoSPLib's reader): s1-s3 (both X), s4-s1, s4-s2, s4-s6 (C chairs T1
and presents in T2). Attendee conflicts: s5-s1, s5-s3 (X attends s5, presents s1, s3).

The schedule:

    A: R1 = T1 [s2, s1]   R2 = T2 [s3, s3]   R3 = T3 [s5, -]
    B: R1 = T2 [s4, -]    R2 = -             R3 = T1 [s6, -]
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from confsched_cosplib.generate import Spec, Sub, random_spec, write_workbook
from confsched_cosplib.instance import WEIGHT_NAMES, Instance, load_instance
from confsched_cosplib.scorer import SPLIT_PENALTY, counts, score
from confsched_cosplib.solution import EMPTY, Solution, load_solution, write_solution

# term: (count by hand, weight in the workbook, why)
EXPECTED = {
    "tracks_sessions": (7, 1, "T3 in session A costs 7"),
    "tracks_rooms": (3, 1, "T1 in R3 costs 3"),
    "sessions_rooms": (2, 1, "B-R1 costs 2 and is used; B-R2 costs 100 but is empty"),
    "similar_tracks": (13, 1, "A: T1/T2 4 + T2/T3 5; B: T2/T1 4; the lower-triangle 50 "
                              "for T3/T1 is ignored as CoSPLib's reader ignores it"),
    "rooms_per_track": (2, 1, "T1 in R1 and R3, T2 in R2 and R1"),
    "parallel_tracks": (0, 1, "no track twice in a session"),
    "consecutive_tracks": (0, 1, "every track in consecutive sessions"),
    "submissions_timezones": (13, 1, "s5 in A at 06:00 GMT-3: big 10; s4 in B ends 19:30 "
                                     "GMT+8: small 1; s3 in A starts 07:00 GMT-2: small "
                                     "1 per slot, 2"),
    "submissions_order": (2, 1, "s2 (order 2) first and s1 (order 1) second in T1"),
    "submissions_sessions": (4, 1, "s6 in B costs 4 (s1's 9 for B is not incurred)"),
    "submissions_rooms": (12, 1, "s3 in R2 costs 6 per slot, 2 slots"),
    "presenters_conflicts": (2, 100, "A: s1 (R1) with s3 (R2); B: s4 (R1) with s6 (R3)"),
    "attendees_conflicts": (2, 10, "A: s5 (R3) with s1 (R1) and with s3 (R2)"),
    "chairs_conflicts": (2, 1000, "T1 and T2 (chair C) in parallel in A and in B"),
    "presenters_conflicts_timeslot": (2, 20, "A slot 2: s1 and s3; B slot 1: s4 and s6"),
    "attendees_conflicts_timeslot": (1, 3, "A slot 1: s3 and s5"),
    "multi_slot": (0, 1, "s3 whole, in one room, consecutive"),
}
OBJECTIVE = 58 + 2 * 100 + 2 * 10 + 2 * 1000 + 2 * 20 + 1 * 3  # 2,321


def hand_spec(weights: dict[str, int] | None = None) -> Spec:
    day = dt.date(2026, 7, 13)
    spec = Spec(
        sessions=[("A", 2, day, dt.time(9), dt.time(10)),
                  ("B", 2, day, dt.time(10, 30), dt.time(11, 30))],
        rooms=["R1", "R2", "R3"],
        tracks=[("T1", ["C"]), ("T2", ["C", "D"]), ("T3", [])],
        submissions=[
            Sub("s1", "T1", order=1, presenters=["X"], session_penalty={"B": 9}),
            Sub("s2", "T1", order=2, presenters=["Y"]),
            Sub("s3", "T2", slots=2, timezone="GMT-2", presenters=["X"],
                room_penalty={"R2": 6}),
            Sub("s4", "T2", timezone="GMT+8", presenters=["C"]),
            Sub("s5", "T3", timezone="GMT-3", presenters=["Z"], attendees=["X"]),
            Sub("s6", "T1", presenters=["W"], session_penalty={"B": 4}),
        ],
        weights=weights or {name: EXPECTED[name][1] for name in WEIGHT_NAMES},
        local_timezone="GMT+0",
        suitable=(dt.time(9), dt.time(18)), less_suitable=(dt.time(7), dt.time(22)),
        small_tz_penalty=1, big_tz_penalty=10,
        track_session={("T3", "A"): 7}, track_room={("T1", "R3"): 3},
        session_room={("B", "R1"): 2, ("B", "R2"): 100},
        similar={("T1", "T2"): 4, ("T2", "T3"): 5, ("T3", "T1"): 50},
    )
    return spec


def hand_solution() -> Solution:
    t1, t2, t3 = 0, 1, 2
    s1, s2, s3, s4, s5, s6 = range(6)
    return Solution(
        tracks=[[t1, t2, t3], [t2, EMPTY, t1]],
        cells=[[[s2, s1], [s3, s3], [s5, EMPTY]],
               [[s4, EMPTY], [EMPTY, EMPTY], [s6, EMPTY]]],
    )


@pytest.fixture
def hand(tmp_path: Path) -> Instance:
    path = tmp_path / "hand.xlsx"
    write_workbook(path, hand_spec())
    return load_instance(path)


def test_derived_conflict_lists(hand: Instance) -> None:
    assert hand.presenter_conflicts == [{2, 3}, {3}, {0}, {0, 1, 5}, set(), {3}]
    assert hand.attendee_conflicts == [{4}, set(), {4}, set(), {0, 2}, set()]
    assert hand.track_chair_conflicts == [{1}, {0}, set()]


@pytest.mark.parametrize("term", sorted(EXPECTED))
def test_each_term_by_hand(hand: Instance, term: str) -> None:
    assert counts(hand, hand_solution())[term] == EXPECTED[term][0], EXPECTED[term][2]


def test_objective_by_hand(hand: Instance) -> None:
    result = score(hand, hand_solution())
    assert result["objective"] == OBJECTIVE == 2321
    assert result["feasible"] and result["valid"]


def test_objective_through_the_solution_workbook(hand: Instance, tmp_path: Path) -> None:
    """Written in CoSPLib's layout and read back as CoSPLib's checker reads it."""
    path = tmp_path / "sol.xlsx"
    write_solution(path, hand, hand_solution(), score(hand, hand_solution()))
    assert score(hand, load_solution(path, hand))["objective"] == OBJECTIVE


def test_weight_zero_switches_a_term_off(tmp_path: Path) -> None:
    weights = {name: EXPECTED[name][1] for name in WEIGHT_NAMES}
    weights["chairs_conflicts"] = 0
    weights["presenters_conflicts"] = 0
    write_workbook(tmp_path / "w.xlsx", hand_spec(weights))
    instance = load_instance(tmp_path / "w.xlsx")
    result = score(instance, hand_solution())
    assert "chairs_conflicts" not in result["terms"]
    assert "presenters_conflicts" not in result["terms"]
    assert result["objective"] == OBJECTIVE - 2000 - 200


def test_parallel_chairs_per_room_and_split(hand: Instance) -> None:
    """T1 in two rooms of A: parallel 1, and the chairs term counts room positions."""
    solution = hand_solution()
    solution.tracks[0][2], solution.cells[0][2] = 0, [5, EMPTY]      # A R3 = T1 [s6]
    solution.tracks[1][2], solution.cells[1][2] = 2, [4, EMPTY]      # B R3 = T3 [s5]
    got = counts(hand, solution)
    assert got["parallel_tracks"] == 1
    # A holds T1, T2, T1: the pairs (R1, R2) and (R2, R3) both share chair C; a count
    # over the set of tracks would say 1. B holds T2 and T3: no shared chair.
    assert got["chairs_conflicts"] == 2
    assert score(hand, solution)["feasible"] and score(hand, solution)["valid"]
    # s3 split over A R2 and B R2: each (session, room) holds 1 of its 2 slots.
    solution.cells[0][1] = [2, EMPTY]
    solution.tracks[1][1], solution.cells[1][1] = 1, [2, EMPTY]
    assert counts(hand, solution)["multi_slot"] == 2 * SPLIT_PENALTY


def test_validity_and_feasibility(hand: Instance) -> None:
    solution = hand_solution()
    solution.cells[1][0][1] = 0  # s1 a second time, in T2's room
    result = score(hand, solution)
    assert not result["valid"]
    assert not result["feasible"]


@pytest.mark.parametrize("shape", ["small", "tight", "multislot", "wide"])
def test_generated_workbooks_read_back(tmp_path: Path, shape: str) -> None:
    spec = random_spec(7, shape)
    write_workbook(tmp_path / "g.xlsx", spec)
    instance = load_instance(tmp_path / "g.xlsx")
    assert [s.name for s in instance.submissions] == [s.name for s in spec.submissions]
    assert [s.slots for s in instance.submissions] == [s.slots for s in spec.submissions]
    assert any(instance.presenter_conflicts)
    assert any(instance.track_chair_conflicts)
    assert any(s.slots > 1 for s in instance.submissions)
    assert any(s.order for s in instance.submissions)
    assert any(any(row) for row in instance.sub_timezone)
    assert all(w > 0 for w in instance.weights.values())
