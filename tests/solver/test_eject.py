"""Eject-and-reinsert places what the greedy's first fit left out (checked independently)."""

from __future__ import annotations

import random
import time
from typing import Any

from scheduler.checker import check
from scheduler.solver.greedy import to_schedule
from scheduler.solver.greedy.eject import eject_and_reinsert
from tests.solver.helpers import first_fit_in_order, scenario_data, talk


def _greedy_then_eject(data: dict[str, object], order: list[str]) -> tuple[Any, ...]:
    scenario, facts, board, placed, missing, breaks = first_fit_in_order(data, order)
    before = set(placed)
    after = eject_and_reinsert(board, facts, dict(placed), missing, None, None,
                               time.process_time() + 60, random.Random(0))
    return scenario, facts, before, after, breaks


def test_a_daily_limit_is_made_room_for_by_moving_the_persons_other_session() -> None:
    # Ann gives one session a day; 'b' can only be on the first day, where the first fit
    # has already put 'a' (which could just as well go on the second day).
    data = scenario_data(
        event={"last-day": "2026-06-02"},
        people=[{"id": "ann", "max-sessions-per-day": 1}],
        sessions=[
            talk("a", people={"speaker": ["ann"]}),
            talk("b", people={"speaker": ["ann"]}, days=["2026-06-01"]),
        ],
    )
    scenario, facts, before, after, breaks = _greedy_then_eject(data, ["a", "b"])
    assert before == {"a"}  # the greedy alone leaves 'b' out
    assert set(after) == {"a", "b"}
    schedule = to_schedule(scenario, facts, after, breaks)
    assert schedule is not None
    assert check(scenario, schedule).ok


def test_two_sessions_in_the_way_are_both_moved() -> None:
    # 'c' needs the only room for the first hour, where the first fit put 'a' and 'b'.
    data = scenario_data(sessions=[
        talk("a", rooms=["small"]),
        talk("b", rooms=["small"]),
        talk("c", rooms=["small"], duration=60, latest="10:00"),
    ])
    scenario, facts, before, after, breaks = _greedy_then_eject(data, ["a", "b", "c"])
    assert before == {"a", "b"}
    assert set(after) == {"a", "b", "c"}
    schedule = to_schedule(scenario, facts, after, breaks)
    assert schedule is not None
    assert check(scenario, schedule).ok
