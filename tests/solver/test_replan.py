"""The keynote plan is played again when it shut a required session out.

The plan chooses the keynote's time from how many of each session's starts a time takes; it
cannot see that the person of 'v' is busy at all of v's starts but one (pinned sessions),
(a second keynote, 'k2', after 13:00, makes it a plan of two: a lone exclusive session
keeps its own first fit, the plan is not played again for it)
so it puts the keynote over that one (12:30, cheaper for the sessions 'c' and 'd' than
10:00) and v can go nowhere: a keynote stops everything, so neither chains nor
eject-and-reinsert can move it out of the way. Played again kept clear of v's starts, the
keynote goes to 10:00, c and d to their late starts and v to 11:30."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np

from scheduler.checker import check
from scheduler.facts import FactBuilder
from scheduler.generate import generate_with_plan, params_for, to_yaml
from scheduler.scenario import parse_scenario
from scheduler.solver.greedy import GreedyWork, exclusive, greedy_schedule, placement
from scheduler.solver.greedy.board import Spot, session_starts
from tests.solver.helpers import build, scenario_data, talk


def _keynote_over_the_last_hour() -> dict[str, Any]:
    def speaker(pid: str) -> dict[str, Any]:
        return {"speaker": [pid]}

    late = [{"start": "10:00", "end": "10:30"}, {"start": "12:30", "end": "13:00"}]
    return scenario_data(
        event={"day-end": "14:00"},
        rooms=[{"id": "small", "capacity": 30}, {"id": "mid", "capacity": 50},
               {"id": "big", "capacity": 100}],
        people=[{"id": "ann", "available": late},
                {"id": "kat", "available": [{"start": "10:00", "end": "10:30"},
                                            {"start": "12:45", "end": "13:00"}]},
                {"id": "bob"}],
        sessions=[
            talk("p1", duration=60, earliest="09:00", latest="10:00", people=speaker("bob")),
            talk("p2", duration=60, earliest="10:30", latest="11:30", people=speaker("bob")),
            talk("k", instrument="plenary", duration=30, latest="13:00"),
            talk("k2", instrument="plenary", duration=30, earliest="13:00"),
            talk("v", duration=90, earliest="10:45", latest="13:00", people=speaker("bob")),
            talk("c", duration=30, people=speaker("ann")),
            talk("d", duration=15, people=speaker("kat")),
        ])


def _clock(schedule_start: int) -> str:
    return f"{schedule_start // 60:02d}:{schedule_start % 60:02d}"


def test_the_first_plan_shuts_the_required_session_out() -> None:
    scenario = build(_keynote_over_the_last_hour())
    facts = FactBuilder(scenario).build()
    order = placement.order(scenario, facts, by_starts=True)
    placed, _, board = placement.one_round(scenario, order, facts, joint=True)
    assert "v" not in placed
    assert _clock(board.grid.clock(placed["k"].start)) == "12:30"
    hurt = exclusive.shut_out(board, facts, placed, [facts["v"]])
    assert [(_clock(board.grid.clock(t)), n) for t, n in hurt["v"][0]] == [
        ("11:15", 6), ("11:30", 6)]
    assert hurt["v"][1] == 4  # 10:45 to 11:30, no breaks


def test_played_again_the_keynote_keeps_clear_and_every_session_is_placed() -> None:
    scenario = build(_keynote_over_the_last_hour())
    facts = FactBuilder(scenario).build()
    everyone = {s.id for s in scenario.sessions}
    plain = dataclasses.replace(GreedyWork.at_scale(), replan=False, submodel=False)
    before = greedy_schedule(scenario, facts, time_budget=30, work=plain)
    assert before is not None and {s.id for s in before.sessions} == everyone - {"v"}
    for work in (dataclasses.replace(plain, replan=True), GreedyWork.at_scale()):
        schedule = greedy_schedule(scenario, facts, time_budget=30, work=work)
        assert schedule is not None
        assert {s.id for s in schedule.sessions} == everyone
        at = {s.id: _clock(s.start) for s in schedule.sessions}
        assert (at["k"], at["v"]) == ("10:00", "11:30")
        report = check(scenario, schedule)
        assert report.ok, [str(v) for v in report.violations]


def test_after_the_deadline_the_round_is_not_played_again(monkeypatch: Any) -> None:
    """A round the deadline stopped left sessions out because it was stopped, not because
    a plan shut them out: ``keep_clear`` returns it at once, before any work (review: it
    first listed every left-out session's shut-out starts, after the deadline)."""
    from scheduler.solver.greedy import replan
    from scheduler.solver.greedy.cap import Cap, Clock

    scenario = build(_keynote_over_the_last_hour())
    facts = FactBuilder(scenario).build()
    order = placement.order(scenario, facts, by_starts=True)
    first = placement.one_round(scenario, order, facts, joint=True)
    assert "v" not in first.placed  # what a plan would be played again for

    def no_work(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("work after the deadline")

    monkeypatch.setattr(exclusive, "shut_out", no_work)
    monkeypatch.setattr(placement, "one_round", no_work)
    gone = Cap(wall=1.0, clock=Clock(wall=lambda: 2.0, cpu=lambda: 0.0))
    assert replan.keep_clear(scenario, facts, order, first, no_work, gone) is first


def test_the_replayed_round_obeys_the_solves_deadline(monkeypatch: Any) -> None:
    """The round played again gets the same cap as every other round (deadline3 made
    each round stop within CHECK_EVERY sessions of it; the replay had none)."""
    from scheduler.solver.greedy import replan
    from scheduler.solver.greedy.cap import Cap

    scenario = build(_keynote_over_the_last_hour())
    facts = FactBuilder(scenario).build()
    order = placement.order(scenario, facts, by_starts=True)
    first = placement.one_round(scenario, order, facts, joint=True)
    original = placement.one_round
    caps: list[Any] = []

    def watched(*args: Any, **kwargs: Any) -> Any:
        caps.append(kwargs.get("cap"))
        return original(*args, **kwargs)

    monkeypatch.setattr(placement, "one_round", watched)
    cap = Cap.never()
    replan.keep_clear(scenario, facts, order, first, lambda r: None, cap)
    assert caps == [cap]  # played again once, with the solve's cap


def test_small_events_do_not_play_the_plan_again() -> None:
    assert GreedyWork.at_scale().replan
    assert not GreedyWork().replan


def test_the_plan_never_puts_an_exclusive_session_over_a_break_or_another() -> None:
    # Generated events (a keynote a day, an award, fixed opening and closing), the plan
    # kept clear of random sessions' starts: every planned spot is free of breaks and of
    # the fixed exclusive sessions, and the planned spots are apart in time.
    params = params_for("large", sessions=150, rooms=8, days=4, registrations=150)
    for seed in (1, 2):
        data, _ = generate_with_plan(params, seed)
        scenario = parse_scenario(to_yaml(data), "x")
        facts = FactBuilder(scenario).build()
        board, _ = placement.fresh_board(scenario, facts)
        fixed: dict[str, Spot] = {}
        for f in facts.values():
            if f.domain.size() == 1:
                spot = placement.first_fit(board, f, fixed, scenario.parallel_limit,
                                           scenario.hybrid.licences)
                if spot is not None:
                    board.occupy(f, spot)
                    fixed[f.id] = spot
        group = [f for f in facts.values()
                 if f.exclusive and f.observes_breaks and f.domain.size() > 1]
        assert len(group) >= 4
        rng = np.random.default_rng(seed)
        others = [f for f in facts.values() if not f.exclusive]
        avoid = [[(t, n) for t, _, n in session_starts(board.grid, others[int(k)])]
                 for k in rng.choice(len(others), 5, replace=False)]
        planned = exclusive.plan(board, group, fixed, scenario.parallel_limit,
                                 scenario.hybrid.licences, placement.crowd, avoid)
        assert len(planned) == len(group)
        for spot in planned.values():
            assert not board.blocked[spot.start:spot.end].any()
            assert not board.running[spot.start:spot.end].any()
        spots = sorted(planned.values(), key=lambda s: s.start)
        assert all(a.end <= b.start for a, b in zip(spots, spots[1:], strict=False))


def _predecessor_in_the_keynote_slot() -> dict[str, Any]:
    # 'a' must come before the pinned 'q' (11:00), so a round places it first, at its
    # earliest fit, 09:00, where the keynote 'k' (09:00-10:00) hurts nobody; at 09:30, the
    # only other time it could take, it takes both starts of 't' (09:30, 09:45), and a
    # keynote stops everything, so no repair moves it. 'k2' (11:30, after 'q')
    # makes the plan one of two.
    return scenario_data(sessions=[
        talk("q", earliest="11:00", latest="11:30", after=["a"]),
        talk("a", latest="11:00"),
        talk("k", instrument="plenary", duration=30, latest="10:00"),
        talk("k2", instrument="plenary", duration=30, earliest="11:15"),
        talk("t", earliest="09:30", latest="10:15", people={"speaker": ["ann"]}),
    ])


def test_a_session_placed_before_the_plan_moves_out_of_the_keynotes_way() -> None:
    scenario = build(_predecessor_in_the_keynote_slot())
    facts = FactBuilder(scenario).build()
    order = placement.order(scenario, facts, by_starts=True)
    ids = [f.id for f in order]
    assert ids.index("a") < ids.index("k")  # placed before the keynotes' plan
    placed, _, board = placement.one_round(scenario, order, facts, joint=True)
    assert set(placed) == {s.id for s in scenario.sessions}
    at = {sid: _clock(board.grid.clock(spot.start)) for sid, spot in placed.items()}
    assert at["k"] == "09:00" and at["t"] in ("09:30", "09:45")
    assert placed["a"].end <= placed["q"].start
