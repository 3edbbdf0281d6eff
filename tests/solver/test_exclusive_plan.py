"""The movable exclusive sessions' spots are chosen together at scale. One after another,
each keynote takes the start the next one needed, and the last one takes the only times
of a required session (10,000 sessions, seed 3: three required sessions left out)."""

from __future__ import annotations

import dataclasses
from typing import Any

from scheduler.checker import check
from scheduler.facts import FactBuilder
from scheduler.solver.greedy import GreedyWork, greedy_schedule, placement
from tests.solver.helpers import build, scenario_data, talk


def _keynotes_in_a_row() -> dict[str, Any]:
    # Pinned talks in the small room leave the keynotes (which stop everything) the
    # starts 09:00, 09:45, 10:30 and 11:15. k1 may take 09:00 or 09:45, k2 09:45 or
    # 10:30, k3 10:30 or 11:15. 'kw' (required) can only run 11:15-11:45; 'ka' any
    # quarter from 09:00 to 10:00. Alone, k1 squeezes 'ka' least at 09:45 (one of its
    # four starts, not two), so k2 gets 10:30, k3 11:15 and 'kw' nowhere; moving k3 back
    # takes a chain of three moves. Together: 09:00, 09:45, 10:30.
    def pinned(sid: str, start: str, end: str, minutes: int) -> dict[str, Any]:
        return talk(sid, rooms=["small"], duration=minutes, earliest=start, latest=end)

    return scenario_data(event={"day-end": "13:00"}, sessions=[
        pinned("pa", "09:30", "09:45", 15), pinned("pb", "10:15", "10:30", 15),
        pinned("pc", "11:00", "11:15", 15), pinned("pd", "11:45", "12:00", 15),
        pinned("pe", "12:00", "13:00", 60),
        talk("k1", instrument="plenary", duration=30, earliest="09:00", latest="10:15"),
        talk("k2", instrument="plenary", duration=30, earliest="09:45", latest="11:00"),
        talk("k3", instrument="plenary", duration=30, earliest="10:30", latest="11:45"),
        talk("ka", duration=15, earliest="09:00", latest="10:00", people={"speaker": ["ann"]}),
        talk("kw", duration=15, earliest="11:15", latest="11:45", people={"speaker": ["bob"]}),
    ])


def test_one_by_one_the_last_keynote_takes_the_only_times_of_a_required_session() -> None:
    scenario = build(_keynotes_in_a_row())
    facts = FactBuilder(scenario).build()
    order = placement.order(scenario, facts, by_starts=True)
    alone, _, _ = placement.one_round(scenario, order, facts)
    assert "kw" not in alone
    together, _, board = placement.one_round(scenario, order, facts, joint=True)
    assert set(together) == {s.id for s in scenario.sessions}
    clock = {sid: board.grid.clock(together[sid].start) // 15 for sid in ("k1", "k2", "k3")}
    assert clock == {"k1": 36, "k2": 39, "k3": 42}  # 09:00, 09:45, 10:30


def test_the_greedy_at_scale_places_every_session_and_the_checker_accepts() -> None:
    scenario = build(_keynotes_in_a_row())
    facts = FactBuilder(scenario).build()
    everyone = {s.id for s in scenario.sessions}
    # Without the joint choice, neither chains nor eject-and-reinsert place 'kw'.
    one_by_one = dataclasses.replace(GreedyWork.at_scale(), joint_exclusive=False)
    before = greedy_schedule(scenario, facts, time_budget=30, work=one_by_one)
    assert before is not None and {s.id for s in before.sessions} != everyone
    schedule = greedy_schedule(scenario, facts, time_budget=30, work=GreedyWork.at_scale())
    assert schedule is not None
    assert {s.id for s in schedule.sessions} == everyone
    report = check(scenario, schedule)
    assert report.ok, [str(v) for v in report.violations]


def test_small_events_keep_the_one_by_one_choice() -> None:
    assert GreedyWork.at_scale().joint_exclusive
    assert not GreedyWork().joint_exclusive
