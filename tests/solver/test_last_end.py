"""The ``last-end`` bound piece (scheduler/solver/energy.py, #17 ``proofs8``): a placed
break cannot lie across the day's last session, so when that session ends where the break
could only be before it, the whole break is lost from the free time before the day's end.
Checked by hand on the table and against proven, checked optima on small events."""

from __future__ import annotations

from typing import Any

import pytest
from ortools.sat.python import cp_model

from scheduler.checker import check
from scheduler.schedule import SolveStatus
from scheduler.solver.energy import free_minutes, last_end_free
from scheduler.solver.extract import extract_schedule
from scheduler.solver.model import ScheduleModel
from tests.solver.helpers import build, scenario_data, talk

WITHOUT = frozenset({"grain", "symmetry"})
WITH = frozenset({"grain", "last-end", "symmetry"})


def lunch_day(talks: int = 6, rooms: int = 1, late: bool = True) -> dict[str, Any]:
    """One day 09:00-15:00, a 60-minute lunch to place within 11:30-13:30, 30-minute talks
    in two tracks; the speaker of the last talk is only there from 12:30 (``late``)."""
    kat: dict[str, Any] = {"id": "kat"}
    if late:
        kat["available"] = [{"day": "2026-06-01", "start": "12:30", "end": "15:00"}]
    data = scenario_data(
        event={"day-end": "15:00"},
        rooms=[{"id": f"r{i}", "capacity": 30 + 10 * i} for i in range(rooms)],
        people=[{"id": "ann"}, {"id": "bob"}, kat],
        breaks={"placed": [{"id": "lunch", "duration": "1h", "window": ["11:30", "13:30"]}]},
        weights={"compact_days": 3, "room_fit": 1, "track_room_stability": 1},
    )
    data["sessions"] = [
        talk(f"s{i}", participants=20 + i, track="t1" if i % 3 else "t2",
             people={"speaker": ["kat" if i == talks - 1 else ["ann", "bob"][i % 2]]})
        for i in range(talks)
    ]
    return data


def test_the_table_loses_the_break_the_last_session_leaves_no_room_for() -> None:
    scenario = build(lunch_day())
    built = ScheduleModel(scenario, strengthen=WITHOUT)
    plain = free_minutes(scenario, built.vars, 0)
    sharp = free_minutes(scenario, built.vars, 0, {30})
    # value v: the last talk ends at 09:00 + 15 v. By 12:30 lunch can still follow it.
    assert sharp[14] == plain[14] == 210
    # Ending at 12:45, the last talk (12:15-12:45) meets every lunch of 11:30-13:30.
    assert plain[15] == 210 and sharp[15] == 0
    # Ending at 13:00 (talk 12:30-13:00), lunch is 11:30-12:30: 09:00-11:30 and one talk.
    assert plain[16] == 210 and sharp[16] == 180
    assert plain[17] == 210 and sharp[17] == 195
    assert sharp[20] == 240  # ends 14:00: 5 hours less the whole lunch
    # Never above the plain table.
    assert all(s <= p for s, p in zip(sharp, plain, strict=True))


def test_last_end_free_by_hand() -> None:
    lunch = ([690, 705, 720, 735, 750], 60)  # starts 11:30-12:30 (clock minutes)
    assert last_end_free(540, 750, 30, [lunch]) == 210  # lunch at 12:30, after the end
    assert last_end_free(540, 765, 30, [lunch]) == 0  # no lunch place: no such schedule
    assert last_end_free(540, 780, 30, [lunch]) == 180
    assert last_end_free(540, 780, 60, [lunch]) == 0  # a 1-hour last talk: 12:00-13:00


def solved(data: dict[str, Any], pieces: frozenset[str],
           sound: bool = True) -> tuple[int, int, ScheduleModel]:
    """(status, proven optimum, model) of the raw model; its schedule passes the independent
    checker and, for a ``sound`` model, the checker's objective is the proven optimum. A
    model with a wrong bound may over-count: its optimum is its own, above the checked
    objective of the schedule it returns (which one it returns depends on the workers)."""
    scenario = build(data)
    built = ScheduleModel(scenario, strengthen=pieces)
    built.model.minimize(built.objective.total())
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.max_time_in_seconds = 30
    solver.parameters.catch_sigint_signal = False
    status = solver.solve(built.model)
    assert status == cp_model.OPTIMAL
    report = check(scenario, extract_schedule(built, solver.value, SolveStatus.OPTIMAL))
    assert report.ok
    if sound:
        assert report.objective == round(solver.objective_value)
    return int(status), round(solver.objective_value), built


@pytest.mark.parametrize(("talks", "rooms", "late"), [
    (6, 1, True),   # the optimum ends at 13:00, where the piece is tight (180 minutes)
    (7, 1, True),
    (8, 2, True),
    (6, 1, False),
    (9, 2, False),
])
def test_the_piece_keeps_the_checked_optimum(talks: int, rooms: int, late: bool) -> None:
    data = lunch_day(talks, rooms, late)
    _, plain, _ = solved(data, WITHOUT)
    _, sharp, built = solved(data, WITH)
    assert sharp == plain
    assert built.objective.energy.last_ends == 1  # the piece did change the day's table


def test_the_piece_is_on_by_default_for_talks() -> None:
    built = ScheduleModel(build(lunch_day()))
    assert "last-end" in built.bounds
    assert built.objective.energy.last_ends == 1
    assert ScheduleModel(build(lunch_day()), strengthen=WITHOUT).objective.energy.last_ends == 0


def test_a_break_always_counted_before_the_end_would_cut_the_optimum() -> None:
    # The comparison above has teeth: counting the lunch as lying before the last session
    # whatever its window (a wrong rule) cuts off the optimum of six talks 09:00-12:00 with
    # lunch after them: the day's table at 12:00 would hold four talks, not six.
    import scheduler.solver.energy as energy

    original = energy.last_end_free

    def before(fs: int, end: int, last: int, windows: list[tuple[list[int], int]]) -> int:
        return max(0, end - fs - sum(minutes for _, minutes in windows))

    data = lunch_day(6, 1, late=False)
    _, right, _ = solved(data, WITH)
    try:
        energy.last_end_free = before
        _, wrong, _ = solved(data, WITH, sound=False)
    finally:
        energy.last_end_free = original
    assert wrong > right


def clash_day(clash: int, compact: int = 3) -> dict[str, Any]:
    """One day 09:00-12:00 with a coffee break to place, two rooms, track t1's four talks
    and two talks of t2 that each share registrations with every t1 talk: finishing early
    means running them beside t1, i.e. a participant clash (weight ``clash``)."""
    data = scenario_data(
        breaks={"placed": [{"id": "coffee", "duration": "30min",
                            "window": ["10:00", "11:00"]}]},
        weights={"compact_days": compact, "participant_clashes": clash, "room_fit": 1},
    )
    ones = [f"a{i}" for i in range(4)]
    data["participants"] = {"interest-pairs": [
        {"sessions": [a, x], "count": 1} for a in ones for x in ("x", "y")]}
    data["sessions"] = [
        *[talk(a, track="t1", participants=20 + i) for i, a in enumerate(ones)],
        talk("x", track="t2", participants=25), talk("y", track="t2", participants=28)]
    return data


CLIQUE = frozenset({"grain", "last-end", "symmetry", "clique"})


@pytest.mark.parametrize("clash", [1, 2, 10])
def test_the_clique_piece_keeps_the_checked_optimum(clash: int) -> None:
    data = clash_day(clash)
    _, plain, _ = solved(data, WITHOUT)
    _, sharp, built = solved(data, CLIQUE)
    assert sharp == plain
    assert built.objective.energy.clique_bounds >= 1


def test_a_clique_without_its_clashes_would_cut_the_optimum() -> None:
    # The comparison above has teeth: the same bound with the clashing pairs' minutes left
    # out (no overlap at all) cuts off every schedule: six talks of one clique do not fit
    # in the morning's 150 free minutes without running some beside each other.
    from scheduler.solver.objective import Objective

    data = clash_day(1)
    _, right, _ = solved(data, CLIQUE)
    original = Objective.clash_cliques

    def no_overlap(self: Objective) -> Any:
        return [(members, [(0, lit) for _, lit in pairs])
                for members, pairs in original(self)]

    try:
        Objective.clash_cliques = no_overlap  # type: ignore[method-assign]
        built = ScheduleModel(build(data), strengthen=CLIQUE)
        built.model.minimize(built.objective.total())
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = 30
        solver.parameters.catch_sigint_signal = False
        status = solver.solve(built.model)
    finally:
        Objective.clash_cliques = original  # type: ignore[method-assign]
    assert right > 0 and status == cp_model.INFEASIBLE


@pytest.mark.slow
def test_talks_25_seed_2_is_proven_with_both_pieces() -> None:
    # Held-out talks-25 seed 2: talk-0003 shares registrations with all 14 talks of track
    # t01, and the day that holds talk-0023 (13:45-17:00 only) ends after lunch. The
    # product's deterministic search proves 135 in 0.56 units with both pieces; without
    # them it ends at 135 / 132 after 10 units (benchmarks/results/proofs/proofs8).
    from benchmarks.suites import SUITES
    from scheduler.generate import generate_yaml
    from scheduler.scenario.load import parse_scenario
    from scheduler.solver import SolveOptions, solve

    talks = next(i for i in SUITES["small"] if i.name == "talks-25")
    scenario = parse_scenario(generate_yaml(talks.params(), 2), "talks-25-s2.yaml")
    assert {"clique", "last-end"} <= ScheduleModel(scenario).bounds
    result = solve(scenario, SolveOptions(time_limit=3.0, deterministic=True, workers=2,
                                          seed=0, handle_sigint=False, diagnose=False))
    assert result.status == SolveStatus.OPTIMAL
    assert result.schedule is not None
    report = check(scenario, result.schedule)
    assert report.ok and report.objective == 135


def test_the_clique_piece_is_a_default_up_to_fifty_sessions() -> None:
    from scheduler.solver.bounds import CLIQUE_UP_TO, DEFAULT, choose

    assert "clique" in choose(None, True, True, CLIQUE_UP_TO)
    assert choose(None, True, True, CLIQUE_UP_TO + 1) == DEFAULT - {"clique"}
    assert "clique" in choose(frozenset({"clique"}), True, True, 500)  # named: always
