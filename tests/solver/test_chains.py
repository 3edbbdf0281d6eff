"""Ejection chains of depth 2 place what one move cannot (checked independently), and a
chain that fails leaves the placement exactly as it was."""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import pytest

from scheduler.checker import check
from scheduler.generate import generate_yaml, params_for
from scheduler.scenario import parse_scenario
from scheduler.solver import run
from scheduler.solver.greedy import GreedyWork, chains, greedy_schedule, to_schedule
from scheduler.solver.greedy.cap import Cap
from scheduler.solver.greedy.chains import Limits, place_by_chains
from scheduler.solver.greedy.people import within_people_hours
from scheduler.solver.greedy.placement import board_of, repair
from tests.solver.helpers import first_fit_in_order, scenario_data, talk

THREE_DAYS = {"last-day": "2026-06-03"}


def _limits() -> Limits:
    return Limits(None, None, Cap(time.process_time() + 60))


def _chained_days() -> dict[str, object]:
    # Ann gives one session a day. 'm' (day 1 or 2) and 'n' (day 2 or 3) take days 1 and
    # 2 first; 'l' can only be on day 1. Making room needs two moves: 'n' to day 3, then
    # 'm' to day 2.
    return scenario_data(
        event=THREE_DAYS,
        people=[{"id": "ann", "max-sessions-per-day": 1}, {"id": "bob"}, {"id": "kat"}],
        sessions=[
            talk("m", people={"speaker": ["ann"]}, days=["2026-06-01", "2026-06-02"]),
            talk("n", people={"speaker": ["ann"]}, days=["2026-06-02", "2026-06-03"]),
            talk("l", people={"speaker": ["ann"]}, days=["2026-06-01"]),
        ],
    )


def test_one_move_leaves_the_session_out_and_a_chain_of_two_places_it() -> None:
    scenario, facts, board, placed, missing, breaks = first_fit_in_order(_chained_days(),
                                                                 ["m", "n", "l"])
    assert [f.id for f in missing] == ["l"]
    # The old code's one-move repair: 'm' is in the way and cannot go anywhere free.
    assert not repair(board, facts["l"], facts, placed, None, None)
    assert set(placed) == {"m", "n"}

    left = place_by_chains(board, facts, placed, missing, _limits())

    assert left == []
    assert set(placed) == {"l", "m", "n"}
    days = {sid: board.grid.day_of(spot.start) for sid, spot in placed.items()}
    assert days == {"l": 0, "m": 1, "n": 2}
    schedule = to_schedule(scenario, facts, placed, breaks)
    assert schedule is not None
    report = check(scenario, schedule)
    assert report.ok, report


def test_the_person_less_movable_session_that_day_can_be_the_one_to_move() -> None:
    # Ann gives two sessions a day; 'l' fits only on day 1, where 'wide' and 'o' are.
    # 'wide' (the most movable: three days) has nowhere else to go, since Bob's fixed
    # sessions fill days 2 and 3 at its only hour there; 'o' can go to day 2.
    data = scenario_data(
        event=THREE_DAYS,
        people=[{"id": "ann", "max-sessions-per-day": 2}, {"id": "bob"}, {"id": "kat"}],
        sessions=[
            talk("wide", people={"speaker": ["ann", "bob"]}, duration=60,
                 earliest="09:00", latest="10:00"),
            talk("bob2", people={"speaker": ["bob"]}, duration=60, days=["2026-06-02"],
                 earliest="09:00", latest="10:00"),
            talk("bob3", people={"speaker": ["bob"]}, duration=60, days=["2026-06-03"],
                 earliest="09:00", latest="10:00"),
            talk("o", people={"speaker": ["ann"]}, days=["2026-06-01", "2026-06-02"],
                 earliest="10:00", latest="10:30"),
            talk("l", people={"speaker": ["ann"]}, days=["2026-06-01"],
                 earliest="11:00", latest="11:30"),
        ],
    )
    scenario, facts, board, placed, missing, breaks = first_fit_in_order(
        data, ["bob2", "bob3", "wide", "o", "l"])
    assert [f.id for f in missing] == ["l"]
    assert board.grid.day_of(placed["wide"].start) == 0
    assert board.grid.day_of(placed["o"].start) == 0

    assert place_by_chains(board, facts, placed, missing, _limits()) == []

    assert board.grid.day_of(placed["wide"].start) == 0
    assert board.grid.day_of(placed["o"].start) == 1
    schedule = to_schedule(scenario, facts, placed, breaks)
    assert schedule is not None
    report = check(scenario, schedule)
    assert report.ok, report


def test_a_chain_that_fails_changes_nothing() -> None:
    # 'l' needs the only room at the only hour, held by a session fixed there: no chain.
    data = scenario_data(
        event=THREE_DAYS,
        people=[{"id": "ann", "max-sessions-per-day": 1}, {"id": "bob"}, {"id": "kat"}],
        sessions=[
            talk("m", people={"speaker": ["ann"]}, days=["2026-06-01", "2026-06-02"]),
            talk("n", people={"speaker": ["ann"]}, days=["2026-06-02", "2026-06-03"]),
            talk("pinned", rooms=["small"], days=["2026-06-03"], earliest="09:00",
                 latest="09:30"),
            talk("l", rooms=["small"], days=["2026-06-03"], earliest="09:00",
                 latest="09:30"),
        ],
    )
    scenario, facts, board, placed, missing, _ = first_fit_in_order(data, ["m", "n", "pinned", "l"])
    assert [f.id for f in missing] == ["l"]
    before = dict(placed)

    assert place_by_chains(board, facts, placed, missing, _limits()) == ["l"]

    assert placed == before
    fresh = board_of(scenario, facts, placed)
    assert np.array_equal(board.room_owner, fresh.room_owner)
    for pid in ("ann", "bob"):
        assert np.array_equal(board.person[pid], fresh.person[pid])
    assert {k: v for k, v in board.per_day.items() if v} == {
        k: v for k, v in fresh.per_day.items() if v}


def test_a_chain_gives_up_after_its_budget_of_searches(monkeypatch: pytest.MonkeyPatch,
                                                       ) -> None:
    # The chain that places 'l' makes three searches for spots ('l''s own, then those of
    # the sessions in its way, 'm' among them): with a budget of two it gives up and
    # changes nothing; with three it places 'l'.
    for looks, left in ((2, ["l"]), (3, [])):
        monkeypatch.setattr(chains, "LOOKS", looks)
        scenario, facts, board, placed, missing, _ = first_fit_in_order(_chained_days(),
                                                                         ["m", "n", "l"])
        before = sorted(placed.items())
        assert place_by_chains(board, facts, placed, missing, _limits()) == left
        if left:
            assert sorted(placed.items()) == before


@pytest.mark.slow  # two greedy starts of 400 sessions (3 CPU s; 29 s at load 25)
def test_the_budget_changes_no_placement_where_no_chain_needs_more(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # 400 sessions, seed 6, the at-scale greedy: a depth-2 chain that fails makes 33
    # searches, and no chain that succeeds makes more than 5. A failed chain leaves the set
    # of placements as it was and nothing after it reads the placement dict's order, so
    # cutting the failed chains at 5 searches gives the very same start.
    params = params_for("large", sessions=400, rooms=20, days=5, registrations=600)
    scenario = parse_scenario(generate_yaml(params, seed=6), "large-400-s6.yaml")
    facts = within_people_hours(scenario, run.load_facts(scenario))
    real_spots, real_place = chains._spots, chains._place
    searches = [0]
    chained: list[tuple[bool, int]] = []

    def spots(*args: Any, **kwargs: Any) -> Any:
        searches[0] += 1
        return real_spots(*args, **kwargs)

    def place(*args: Any, **kwargs: Any) -> bool:
        searches[0] = 0
        out = real_place(*args, **kwargs)
        chained.append((out, searches[0]))
        return out

    monkeypatch.setattr(chains, "_spots", spots)
    monkeypatch.setattr(chains, "_place", place)
    starts = []
    for looks in (10**6, 5):
        monkeypatch.setattr(chains, "LOOKS", looks)
        chained.clear()
        schedule = greedy_schedule(scenario, facts, seed=0, work=GreedyWork.at_scale(),
                                   time_budget=600)  # a safety cap that never binds here
        assert schedule is not None
        # a start may leave sessions out ('placement'); it breaks no other rule
        assert {v.rule for v in check(scenario, schedule).violations} <= {"placement"}
        starts.append(sorted((s.id, s.day, s.start, s.room, s.track)
                             for s in schedule.sessions))
        if looks > 5:
            assert max(n for ok, n in chained if not ok) > 5  # the budget cuts one
            assert max((n for ok, n in chained if ok), default=0) <= 5
    assert starts[0] == starts[1]
