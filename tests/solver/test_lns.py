"""The large neighbourhood search improves a poor schedule, and what it returns is a
schedule the independent checker accepts, scored exactly as the model scores it."""

from __future__ import annotations

import signal
import time
from collections import Counter
from typing import Any

import pytest
from ortools.sat.python import cp_model

from scheduler.checker import check
from scheduler.generate import generate_yaml, params_for
from scheduler.scenario import parse_scenario
from scheduler.schedule import SolveStatus
from scheduler.solver import SolveOptions, lns, run, solve
from scheduler.solver import search as searching
from scheduler.solver.extract import extract_schedule
from scheduler.solver.lns import Plan, reserve
from scheduler.solver.model import ScheduleModel


def _first_solution(model: cp_model.CpModel, *accepted: Any) -> cp_model.CpSolver:
    """A one-worker solver stopped at the first solution of ``model``, whose status was
    one of ``accepted``."""
    first = cp_model.CpSolver()
    first.parameters.num_workers = 1
    first.parameters.stop_after_first_solution = True
    assert first.solve(model) in accepted
    return first


@pytest.mark.slow
def test_neighbourhoods_improve_the_first_schedule_found() -> None:
    scenario = parse_scenario(generate_yaml(params_for("pycon", sessions=60, rooms=5,
                                                       registrations=150), 4), "p.yaml")
    built = ScheduleModel(scenario, strengthen=False)
    first = _first_solution(built.model, cp_model.FEASIBLE)
    options = SolveOptions(workers=2, seed=0, deterministic=True)
    plan = Plan(built, options, time.monotonic(), deadline=time.monotonic() + 120, budget=2.0)
    view, code = plan.improve(first, cp_model.FEASIBLE)
    assert code == cp_model.FEASIBLE
    assert plan.trace, "no neighbourhood improved the first schedule"
    assert view.objective_value < first.objective_value
    assert view.best_objective_bound == first.best_objective_bound  # the whole model's
    schedule = extract_schedule(built, view.value, SolveStatus.FEASIBLE)
    report = check(scenario, schedule)
    assert report.ok, report.violations[:3]
    assert report.objective == view.objective_value
    kinds = {kind for _, _, kind, _ in plan.trace}
    assert kinds <= set(lns.KINDS)


def test_reserve_leaves_small_models_and_proofs_to_cp_sat() -> None:
    """Below LNS_FROM sessions the main search keeps its whole limit."""
    scenario = parse_scenario(generate_yaml(params_for("seminar"), 1), "s.yaml")
    built = ScheduleModel(scenario)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 10
    small = reserve(solver, built, SolveOptions(), time.monotonic())
    assert small is not None and not small.loop  # only the final tightening
    assert solver.parameters.max_time_in_seconds == 10
    plan = reserve(solver, built, SolveOptions(lns=True), time.monotonic())
    assert plan is not None and solver.parameters.max_time_in_seconds == pytest.approx(
        lns.MAIN_SHARE * 10)
    # a proven optimum is returned as it is
    assert plan.improve(solver, cp_model.OPTIMAL) == (solver, cp_model.OPTIMAL)


def test_reserve_gives_the_main_search_less_from_a_complete_start() -> None:
    """With a complete hint (the polished start) the main search keeps MAIN_SHARE_HINTED
    of the limit, the neighbourhoods the rest."""
    scenario = parse_scenario(generate_yaml(params_for("seminar"), 1), "s.yaml")
    built = ScheduleModel(scenario)
    start = run.greedy_start(scenario, run.load_facts(scenario), time_budget=10.0, seed=0)
    assert start is not None
    built.add_hint(start, time_limit=5.0, deterministic=True)
    assert built.hint_complete
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 10
    plan = reserve(solver, built, SolveOptions(lns=True), time.monotonic())
    assert plan is not None and solver.parameters.max_time_in_seconds == pytest.approx(
        lns.MAIN_SHARE_HINTED * 10)
    assert plan.deadline - time.monotonic() == pytest.approx(10, abs=1)


@pytest.mark.slow
def test_solve_with_neighbourhoods_gives_a_checked_schedule() -> None:
    scenario = parse_scenario(generate_yaml(params_for("pycon", sessions=60, rooms=5,
                                                       registrations=150), 4), "p.yaml")
    result = solve(scenario, SolveOptions(time_limit=4, deterministic=True, lns=True))
    assert result.schedule is not None
    report = check(scenario, result.schedule)
    assert report.ok
    assert result.model_objective == report.objective


class _CtrlCAt:
    """Sends a real SIGINT to this process when the neighbourhood search starts its
    ``n``-th sub-model (an event, not a clock), and counts the sub-models started."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, n: int) -> None:
        self.n, self.started = n, 0
        original = lns._Search._solve

        def counting(search: Any, free: set[str], free_days: set[int],
                     final: bool = False) -> Any:
            if not final:
                self.started += 1
                if self.started == self.n:
                    signal.raise_signal(signal.SIGINT)
            return original(search, free, free_days, final)

        monkeypatch.setattr(lns._Search, "_solve", counting)


def _main_search_ends_at_first_schedule(monkeypatch: pytest.MonkeyPatch) -> None:
    """The main search ends at CP-SAT's first schedule (one worker), unproven, so the
    neighbourhood loop always runs, whatever the machine's speed."""

    def first_schedule(solver: cp_model.CpSolver, model: cp_model.CpModel, *args: Any) -> Any:
        first = cp_model.CpSolver()
        first.parameters.num_workers = 1
        first.parameters.stop_after_first_solution = True
        first.parameters.catch_sigint_signal = False  # it would leave SIGINT at SIG_DFL
        code = first.solve(model)
        return searching.Outcome(searching.STATUS[code], False, first)

    monkeypatch.setattr(run.searching, "search", first_schedule)


@pytest.mark.slow
def test_ctrl_c_during_the_neighbourhoods_keeps_the_best_and_says_interrupted(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue #17: a Ctrl-C during the neighbourhood loop returned the best schedule as if
    the search had finished (``interrupted`` False, so the CLI exited as for a full run)."""
    scenario = parse_scenario(generate_yaml(params_for("pycon", sessions=60, rooms=5,
                                                       registrations=150), 4), "p.yaml")
    _main_search_ends_at_first_schedule(monkeypatch)
    ctrl_c = _CtrlCAt(monkeypatch, 2)
    result = solve(scenario, SolveOptions(time_limit=60, deterministic=True, lns=True))
    assert ctrl_c.started == 2, "the loop went on after Ctrl-C"
    assert result.interrupted
    assert result.schedule is not None and result.schedule.solve is not None
    assert result.schedule.solve.interrupted
    report = check(scenario, result.schedule)
    assert report.ok, report.violations[:3]


def test_a_keyboard_interrupt_without_our_handler_also_says_interrupted(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Outside the main thread (or with handle_sigint off) Ctrl-C arrives as
    KeyboardInterrupt: the loop keeps the best so far and still reports the interruption."""
    scenario = parse_scenario(generate_yaml(params_for("seminar"), 1), "s.yaml")
    built = ScheduleModel(scenario)
    first = _first_solution(built.model, cp_model.FEASIBLE)

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(lns._Search, "_solve", interrupted)
    options = SolveOptions(workers=1, seed=0, handle_sigint=False)
    plan = Plan(built, options, time.monotonic(), deadline=time.monotonic() + 60)
    view, code = plan.improve(first, cp_model.FEASIBLE)
    assert plan.interrupted
    assert (view, code) == (first, cp_model.FEASIBLE)  # nothing better: the main search's


def test_kinds_are_drawn_by_recent_gain_and_none_is_starved() -> None:
    """A kind that gained more per unit of work is drawn more often; a kind that gained
    nothing keeps lns.FLOOR_SHARE of the draws; before any gain the draws are even."""
    draws = [i / 1000 for i in range(1000)]
    even = [lns.draw_kind({"day": 0.0, "rooms": 0.0, "clash": 0.0}, u) for u in draws]
    assert abs(even.count("day") - 333) <= 1 and abs(even.count("clash") - 333) <= 1
    skewed = [lns.draw_kind({"day": 0.0, "rooms": 300.0, "clash": 100.0}, u) for u in draws]
    assert skewed.count("day") == pytest.approx(1000 * lns.FLOOR_SHARE, abs=1)
    assert skewed.count("rooms") > 2 * skewed.count("clash") > 2 * skewed.count("day")


def test_an_improving_neighbourhood_that_ran_out_of_time_keeps_its_size() -> None:
    """On large seed 22 every sub-model runs out of its time, most of them improving; the
    size shrank on each (to the minimum). Now only a fruitless timeout shrinks it."""
    assert lns.next_size(100, improved=True, optimal=False) == 100
    assert lns.next_size(100, improved=False, optimal=True) > 100
    assert lns.next_size(100, improved=False, optimal=False) < 100
    assert lns.next_size(lns.MAX_SIZE, True, True) == lns.MAX_SIZE
    assert lns.next_size(lns.MIN_SIZE, False, False) == lns.MIN_SIZE


def test_neighbourhoods_leave_the_final_re_solve_its_time(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A neighbourhood started near the end was given the time up to the deadline, so the
    final re-solve (every session fixed) got 0.1 s and ended UNKNOWN on large seed 22.
    Every neighbourhood's limit now ends where the time kept for the re-solve begins."""
    scenario = parse_scenario(generate_yaml(params_for("seminar"), 1), "s.yaml")
    built = ScheduleModel(scenario)
    first = _first_solution(built.model, cp_model.FEASIBLE, cp_model.OPTIMAL)
    now = time.monotonic()
    plan = Plan(built, SolveOptions(workers=1, seed=0, handle_sigint=False), now,
                deadline=now + 3.0, tighten=1.5)
    ends: list[tuple[bool, float]] = []
    original = lns._Search._solve

    def recording(search: Any, free: set[str], free_days: set[int],
                  final: bool = False) -> Any:
        # the limit is set inside _solve, after this moment, as (where it must end) - now:
        # this moment plus the limit is at most where it ends, however loaded the machine
        # (the solve's own start, read back after it, drifted 0.02 s past under load)
        before = time.monotonic()
        outcome = original(search, free, free_days, final)
        if outcome is not None:
            ends.append((final, before + outcome[0].parameters.max_time_in_seconds))
        return outcome

    monkeypatch.setattr(lns._Search, "_solve", recording)
    search = lns._Search(plan, first)
    search._solve({next(iter(search.fixable))}, set())  # a neighbourhood, at once
    search._solve(set(), set(), final=True)
    (neighbourhood, n_end), (final, f_end) = ends
    assert not neighbourhood and final
    assert n_end <= plan.deadline - plan.tighten + 0.05
    assert f_end <= plan.deadline + 0.05


def test_a_clash_neighbourhood_keeps_to_its_size_and_frees_the_clashing_pair() -> None:
    """The people behind the heaviest clash brought all their sessions, whatever the size
    (305 sessions on large seed 22, where the sub-model then found nothing); now the
    clashing sessions come first, then those people's sessions, then their neighbours in
    time, within the size."""
    scenario = parse_scenario(generate_yaml(params_for("pycon", sessions=60, rooms=5,
                                                       registrations=150), 4), "p.yaml")
    built = ScheduleModel(scenario, strengthen=False)
    first = _first_solution(built.model, cp_model.FEASIBLE)
    plan = Plan(built, SolveOptions(workers=1, seed=0), time.monotonic(),
                deadline=time.monotonic() + 60)
    search = lns._Search(plan, first)
    schedule = extract_schedule(built, first.value, SolveStatus.FEASIBLE)
    report = check(scenario, schedule)
    assert report.terms["participant_clashes"].value > 0  # there are clashes to free
    for size in (6, 12):
        search.size, search.tabu = size, {}
        free, _ = search._clash()
        assert 2 <= len(free) <= size
        clashing = [pair for pair in search.tabu if set(pair) <= free]
        assert clashing, "the clashing sessions themselves were not freed"


@pytest.mark.slow
def test_without_a_schedule_from_the_main_search_the_loop_starts_from_the_completed_hint(
        ) -> None:
    """Under load the shortened main search can end without a schedule; it then got the
    loop's time back and started over, and on large seed 22 found its first schedule at
    the limit, with no neighbourhood run. The completed greedy hint is a schedule: the
    loop now starts from it."""
    scenario = parse_scenario(generate_yaml(params_for("pycon", sessions=60, rooms=5,
                                                       registrations=150), 4), "p.yaml")
    first_model = ScheduleModel(scenario, strengthen=False)
    first = _first_solution(first_model.model, cp_model.FEASIBLE)
    start = extract_schedule(first_model, first.value, SolveStatus.FEASIBLE)
    built = ScheduleModel(scenario, strengthen=False)
    built.add_hint(start, time_limit=1.0, deterministic=True)
    assert built.hint_complete and built.hint_values is not None
    hinted = lns.objective_of(built.model.proto, built.hint_values)
    nothing = cp_model.CpSolver()  # a main search stopped before any schedule
    nothing.parameters.max_number_of_conflicts = 0
    nothing.parameters.num_workers = 1
    nothing.parameters.stop_after_presolve = True
    assert nothing.solve(built.model) == cp_model.UNKNOWN
    options = SolveOptions(workers=1, seed=0, deterministic=True)
    plan = Plan(built, options, time.monotonic(), deadline=time.monotonic() + 60, budget=0.3,
                tighten=0.05)
    view, code = plan.improve(nothing, cp_model.UNKNOWN)
    assert code == cp_model.FEASIBLE
    assert plan.start_objective == hinted
    assert plan.steps, "no neighbourhood ran"
    assert view.objective_value <= hinted
    schedule = extract_schedule(built, view.value, SolveStatus.FEASIBLE)
    report = check(scenario, schedule)
    assert report.ok, report.violations[:3]
    assert report.objective == view.objective_value


def test_a_tracks_neighbourhood_frees_a_spread_track_and_its_rooms_that_day() -> None:
    """``track_room_stability`` had no neighbourhood of its own: a track spread over rooms
    is freed with every session of that day in its rooms, so it can gather in one."""
    scenario = parse_scenario(generate_yaml(params_for("euro", sessions=60, rooms=8,
                                                       tracks=6), 1), "e.yaml")
    built = ScheduleModel(scenario, strengthen=False)
    first = _first_solution(built.model, cp_model.FEASIBLE)
    schedule = extract_schedule(built, first.value, SolveStatus.FEASIBLE)
    report = check(scenario, schedule)
    assert report.terms["track_room_stability"].value > 0  # a track is spread
    search = lns._Search(Plan(built, SolveOptions(workers=1, seed=0), time.monotonic(),
                              deadline=time.monotonic() + 60), first)
    search.size = 40
    free, _ = search._tracks()
    by_track_day: dict[tuple[str, object], set[str]] = {}
    for item in schedule.sessions:
        if item.track and item.room:
            by_track_day.setdefault((item.track, item.day), set()).add(item.room)
    freed = [key for key, rooms in by_track_day.items() if len(rooms) > 1 and {
        i.id for i in schedule.sessions if (i.track, i.day) == key} <= free]
    assert freed, "no spread track was freed whole"
    track, day = freed[0]
    rooms = by_track_day[(track, day)]
    assert {i.id for i in schedule.sessions if i.day == day and i.room in rooms} <= free


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class _Stoppable:
    def __init__(self) -> None:
        self.stopped = 0

    def stop_search(self) -> None:
        self.stopped += 1


def test_a_sub_model_stops_once_it_has_found_nothing_better_for_the_stall_time() -> None:
    """The stall clock starts at the first schedule (presolve is never cut short), each
    new schedule restarts it, and only a whole stall without one stops the solve."""
    clock, solver = _Clock(), _Stoppable()
    watch = lns.stop_when_stalled(solver, 1.5, clock=clock)
    clock.now += 30  # a long presolve, no schedule yet: keep waiting
    assert watch.wait() is not None and solver.stopped == 0
    watch.on_solution_callback()  # the hint's schedule
    clock.now += 1.0
    assert watch.wait() == pytest.approx(0.5)
    watch.on_solution_callback()  # a better one: the clock starts again
    clock.now += 1.4
    assert watch.wait() == pytest.approx(0.1) and solver.stopped == 0
    clock.now += 0.2
    assert watch.wait() is None and solver.stopped == 1 and watch.fired


def test_deterministic_and_final_sub_models_have_no_stall_stop(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The stall stop is wall-clock: a --deterministic loop (reproducible) and the final
    re-solve run without it; a wall-clock neighbourhood runs with it when the event has
    no participant clash pairs (euro, informs), and without it when it has (large)."""
    scenario = parse_scenario(generate_yaml(params_for("seminar"), 1), "s.yaml")
    built = ScheduleModel(scenario)
    first = _first_solution(built.model, cp_model.FEASIBLE, cp_model.OPTIMAL)
    stalls: list[float | None] = []
    levels: list[int] = []
    real = lns.stop_when_stalled

    def spy(solver: Any, stall: float | None, **kw: Any) -> Any:
        stalls.append(stall)
        levels.append(solver.parameters.linearization_level)
        return real(solver, stall, **kw)

    monkeypatch.setattr(lns, "stop_when_stalled", spy)
    for budget in (None, 1.0):
        plan = Plan(built, SolveOptions(workers=1, seed=0), time.monotonic(),
                    deadline=time.monotonic() + 60, budget=budget)
        search = lns._Search(plan, first)
        assert search.pairs  # the seminar has people who want two sessions
        free = {sv.id for sv in search.sessions[:3]}
        search._solve(free, set())
        search.pairs = Counter()  # as on euro and informs: nobody to clash
        search._solve(free, set())
        search._solve(set(), set(), final=True)
    assert stalls == [None, lns.STALL, None, None, None, None]
    # without clash pairs the sub-models also run without the LP relaxation
    # (lns.FALSE_INFEASIBLE); with them, CP-SAT's default
    assert levels[0] == 1 and levels[1:3] == [0, 0]


def test_clashes_are_drawn_in_proportion_to_their_weight() -> None:
    """As on large seed 22 (a pair wanted by 214 people among 500 light ones, 934 in all):
    the heavy pair is in most draws of five (before: in the heaviest five half of the
    time, then tabu for 20 turns), yet light pairs are drawn too."""
    import random

    clashes = [(214, "a", "b")] + [(1 + i % 3, f"s{i}", f"t{i}") for i in range(360)]
    rng = random.Random(0)
    draws = [lns.draw_clashes(clashes, 5, rng) for _ in range(200)]
    assert all(len(d) == 5 and len(set(d)) == 5 for d in draws)
    assert sum((214, "a", "b") in d for d in draws) >= 120
    assert any(c[0] == 1 for d in draws for c in d)
    assert lns.TABU < 20


def test_track_moves_run_on_events_with_clash_pairs_up_to_their_size(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The loop's track moves run on an event with participant clash pairs too (large;
    before large8 only without them), with half-days (large10), and not above
    ``TRACK_PAIRS_UP_TO`` sessions (the 10,000-session path keeps its time and memory)."""
    scenario = parse_scenario(generate_yaml(params_for("seminar"), 1), "s.yaml")
    built = ScheduleModel(scenario)
    first = _first_solution(built.model, cp_model.FEASIBLE, cp_model.OPTIMAL)
    search = lns._Search(Plan(built, SolveOptions(workers=1, seed=0), time.monotonic(),
                              deadline=time.monotonic() + 600), first)
    assert search.pairs
    calls: list[int] = []
    given: dict[str, Any] = {}

    def spy(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        given.update(kwargs)
        return args[2]  # nothing moved

    monkeypatch.setattr(lns.trackday, "improve", spy)
    search._track_moves()
    assert calls == [1]
    assert given["half_days"] is True
    monkeypatch.setattr(lns, "TRACK_PAIRS_UP_TO", len(search.sessions) - 1)
    search._track_moves()
    assert calls == [1]
    search.pairs = Counter()  # without pairs (euro, informs): at any size, as before
    search._track_moves()
    assert calls == [1, 1]


@pytest.mark.slow
def test_track_moves_hand_a_better_checked_schedule_back_to_the_model(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The loop first runs track moves from the main
    search's schedule, within each session's rooms of the model, and continues from their
    result put back into the model: a lower objective, which the checker confirms."""
    scenario = parse_scenario(generate_yaml(params_for("informs", sessions=150, rooms=14,
                                                       days=3), 1), "i.yaml")
    built = ScheduleModel(scenario, strengthen=False)
    first = _first_solution(built.model, cp_model.FEASIBLE)
    search = lns._Search(Plan(built, SolveOptions(workers=1, seed=0), time.monotonic(),
                              deadline=time.monotonic() + 600), first)
    assert not search.pairs
    given: dict[str, Any] = {}
    improve = lns.trackday.improve

    def spy(*args: Any, **kwargs: Any) -> Any:
        given.update(kwargs)
        return improve(*args, **kwargs)

    monkeypatch.setattr(lns.trackday, "improve", spy)
    monkeypatch.setattr(lns, "TRACK_STALL", 30)  # a count, not the clock, ends them
    before = search.objective
    search._track_moves()
    assert given["rooms"] == {sv.id: set(sv.room_lits) for sv in search.sessions}
    assert given["workers"] == 1  # SolveOptions(workers=1): no helper process
    assert search.best is not None and search.objective < before
    schedule = extract_schedule(built, search.best.value, SolveStatus.FEASIBLE)
    report = check(scenario, schedule)
    assert report.ok, report.violations
    assert report.objective == search.objective
    assert search.plan.trace[-1][2] == "track moves"
