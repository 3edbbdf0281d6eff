"""The greedy start at scale: bounded by counted work, so reproducible; strong enough to
place every session of a moderately sized generated event (checked independently)."""

from __future__ import annotations

import itertools
import time
from typing import Any

import pytest

from scheduler.checker import check
from scheduler.facts import FactBuilder
from scheduler.generate import generate_yaml, params_for
from scheduler.scenario import parse_scenario
from scheduler.scenario.model import Scenario
from scheduler.schedule import Schedule
from scheduler.solver.greedy import greedy_schedule, placement
from scheduler.solver.greedy.cap import CHECK_EVERY

pytestmark = pytest.mark.slow  # greedy runs on 300-session events


def _generated(seed: int) -> Scenario:
    """A 300-session cut of the ``large`` shape: dense enough that a plain first fit
    leaves sessions out (so the squeaky-wheel rounds and eject-and-reinsert both work)."""
    params = params_for("large", sessions=300, rooms=12, registrations=450)
    return parse_scenario(generate_yaml(params, seed=seed), f"large-300-s{seed}.yaml")


def _placement(schedule: Schedule | None) -> list[tuple[Any, ...]]:
    assert schedule is not None
    sessions = sorted((s.id, s.day, s.start, s.room, s.track) for s in schedule.sessions)
    breaks = sorted((b.id, b.day, b.start) for b in schedule.breaks)
    return [*sessions, *breaks]


@pytest.fixture(scope="module")
def scenario_s1() -> Scenario:
    return _generated(1)


def test_first_fit_alone_leaves_sessions_out(scenario_s1: Scenario) -> None:
    # The premise of the tests below: the instance needs more than one greedy round.
    facts = FactBuilder(scenario_s1).build()
    placed, _, _ = placement.one_round(scenario_s1, placement.order(scenario_s1, facts), facts)
    assert len(placed) < len(scenario_s1.sessions)


WALL_CLOCKS = ("monotonic", "monotonic_ns", "time", "time_ns", "perf_counter",
               "perf_counter_ns")


def _jumping(step: float) -> Any:
    """A clock that finds ``step`` more seconds gone at every look (and counts the looks)."""
    ticks = itertools.count()

    def clock() -> float:
        return step * next(ticks)

    return clock, ticks


def test_same_seed_same_start_whatever_the_wall_clock(scenario_s1: Scenario,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    facts = FactBuilder(scenario_s1).build()
    budget = 0.5 * 60  # what solve() gives it for a 60 s limit
    normal = _placement(greedy_schedule(scenario_s1, facts, budget, seed=3))
    # A machine so loaded that every look at any wall clock finds 1,000 more seconds gone:
    # a budget in wall-clock seconds (like the old 15 s one) would end after the first
    # round, which leaves sessions out here (test_first_fit_alone_leaves_sessions_out).
    # The process's own CPU clock is what the safety cap reads; load does not speed it up.
    for name in WALL_CLOCKS:
        clock, _ = _jumping(1000.0)
        monkeypatch.setattr(time, name, clock)
    looks = itertools.count()
    real_cpu = time.process_time
    monkeypatch.setattr(time, "process_time", lambda: (next(looks), real_cpu())[1])
    slowed = _placement(greedy_schedule(scenario_s1, facts, budget, seed=3))
    monkeypatch.undo()
    assert slowed == normal
    assert next(looks) > 2  # the cap was looked at, on the CPU clock


def test_the_safety_cap_is_on_the_cpu_clock(scenario_s1: Scenario,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    # The other side of the test above: when the process's CPU clock runs out, the greedy
    # stops after its first round (so the patching there reaches the clock it reads).
    facts = FactBuilder(scenario_s1).build()
    looks = itertools.count()
    real_cpu = time.process_time
    monkeypatch.setattr(time, "process_time", lambda: (next(looks), real_cpu())[1])
    greedy_schedule(scenario_s1, facts, 30.0, seed=3)
    normal_looks = next(looks)
    clock, ticks = _jumping(100.0)  # the cap (30 s) is gone at the second look
    monkeypatch.setattr(time, "process_time", clock)
    greedy_schedule(scenario_s1, facts, 30.0, seed=3)
    monkeypatch.undo()
    cut_looks = next(ticks)
    # the cap, the round's first look (every CHECK_EVERY sessions: it stops there), the
    # rounds' loop, eject-and-reinsert's and the attempts' loop
    assert cut_looks <= 5 < normal_looks


def test_the_greedy_places_every_session_and_the_checker_agrees() -> None:
    scenario = _generated(2)
    facts = FactBuilder(scenario).build()
    first, _, _ = placement.one_round(scenario, placement.order(scenario, facts), facts)
    assert len(first) < len(scenario.sessions)  # a plain first fit is not enough here
    schedule = greedy_schedule(scenario, facts, seed=0)
    assert schedule is not None
    assert {s.id for s in schedule.sessions} == {s.id for s in scenario.sessions}
    report = check(scenario, schedule)
    assert report.ok, [v.message for v in report.violations][:5]


def test_the_greedy_stops_at_its_wall_clock_deadline(scenario_s1: Scenario) -> None:
    # A solve's deadline already gone when the greedy starts: not even the first round
    # goes on (it looks at the cap every CHECK_EVERY sessions; deadline3: at 10,000
    # sessions a whole first round under load took 53-85 s past such a deadline), no more
    # rounds and no eject-and-reinsert (which then place everything: the test above).
    facts = FactBuilder(scenario_s1).build()
    order = placement.order(scenario_s1, facts)
    one, _, _ = placement.one_round(scenario_s1, order, facts)
    late = greedy_schedule(scenario_s1, facts, 60.0, deadline=time.monotonic() - 1.0)
    assert late is not None
    assert 0 < len(late.sessions) < CHECK_EVERY < len(one)
    assert {s.id for s in late.sessions} <= {f.id for f in order[:CHECK_EVERY]}
