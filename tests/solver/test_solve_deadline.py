"""The solve's one deadline (``greedy/cap.Cap``, ``run.deadline_of``): a passed deadline
stops even the greedy's first round within a bounded number of sessions; a solve whose
limit is gone before any complete start says so, naming what was left out; under
``--deterministic`` no clock the phases read decides anything. Driven by fake clocks
(a clock that jumps), never by waiting."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from scheduler.checker import check
from scheduler.cli import main
from scheduler.cli.base import EXIT_NOT_FOUND
from scheduler.facts import FactBuilder
from scheduler.generate import generate_yaml, params_for
from scheduler.scenario import parse_scenario
from scheduler.scenario.model import Scenario
from scheduler.schedule import Schedule, SolveStatus
from scheduler.solver import run as running
from scheduler.solver.greedy import placement
from scheduler.solver.greedy import start as greedy
from scheduler.solver.greedy.cap import CHECK_EVERY, Cap, Clock
from scheduler.solver.options import SolveOptions
from scheduler.solver.polish import SCALE_UP_TO


class JumpAfter:
    """A clock that reads ``before`` for its first ``reads`` reads, then ``after``: a
    deadline between the two passes at a read chosen by the test, not by the time."""

    def __init__(self, reads: int, before: float = 0.0, after: float = 1e9) -> None:
        self.reads, self.before, self.after = reads, before, after
        self.count = 0

    def __call__(self) -> float:
        self.count += 1
        return self.before if self.count <= self.reads else self.after


class Jumping:
    """A clock that moves an hour forward at every read (as if each phase ran under a
    crushing load)."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 3600.0
        return self.now


def _generated(sessions: int, seed: int = 1) -> Scenario:
    """A cut of the ``large`` shape the greedy places completely (200 sessions, 12 rooms;
    with 8 rooms it leaves one out)."""
    params = params_for("large", sessions=sessions, rooms=max(4, sessions * 3 // 50),
                        registrations=sessions * 3 // 2)
    return parse_scenario(generate_yaml(params, seed=seed), f"large-{sessions}-s{seed}.yaml")


@pytest.fixture(scope="module")
def event() -> Scenario:
    return _generated(200)


def _spots(schedule: Schedule | None) -> list[tuple[Any, ...]]:
    assert schedule is not None
    return sorted((s.id, s.day, s.start, s.room, s.track) for s in schedule.sessions)


# ------------------------------------------------------------------- the greedy round


def test_a_deadline_passing_mid_round_stops_the_round_within_check_every_sessions(
        event: Scenario) -> None:
    facts = FactBuilder(event).build()
    order = placement.order(event, facts)
    full = placement.one_round(event, order, facts).placed
    assert len(full) > 4 * CHECK_EVERY  # the round would place far more than we let it
    for checks in (0, 1, 3):  # the deadline passes at the (checks+1)-th look at the clock
        wall = JumpAfter(checks)
        cap = Cap(wall=1.0, clock=Clock(wall=wall, cpu=lambda: 0.0))
        placed = placement.one_round(event, order, facts, cap=cap).placed
        # The round looked at the clock once per CHECK_EVERY sessions and stopped at the
        # first look past the deadline: at most that many sessions taken, and no repairs.
        taken = CHECK_EVERY * (checks + 1) - 1
        assert wall.count == checks + 1
        assert len(placed) <= taken
        assert set(placed) <= {f.id for f in order[:taken]}
        # what it placed it placed as the full round did (the same first sessions)
        assert all(placed[sid] == full[sid] for sid in placed)


def test_the_greedy_returns_the_partial_first_round_when_its_deadline_passes(
        event: Scenario) -> None:
    facts = FactBuilder(event).build()
    cap = Cap(wall=1.0, clock=Clock(wall=JumpAfter(2), cpu=lambda: 0.0))
    schedule = greedy.greedy_schedule(event, facts, cap=cap)
    assert schedule is not None
    assert 0 < len(schedule.sessions) < CHECK_EVERY * 3
    # a partial placement, but a valid one: the checker finds only the sessions left out
    # ("placement": neither placed nor dropped), nothing broken among those placed
    report = check(event, schedule)
    assert report.violations
    assert {v.rule for v in report.violations} == {"placement"}


def test_an_unbounded_cap_reads_no_clock(event: Scenario) -> None:
    def never(*_: Any) -> float:
        raise AssertionError("a clock was read")

    cap = Cap(clock=Clock(wall=never, cpu=never))
    assert cap.unbounded and not cap.reached() and cap.share(0.5).unbounded
    facts = FactBuilder(event).build()
    assert placement.one_round(event, placement.order(event, facts), facts, cap=cap).placed


# ------------------------------------------------------------------- the solve


def test_a_limit_gone_during_the_start_says_so_and_names_what_was_left_out(
        event: Scenario) -> None:
    # The wall clock jumps far past the limit after the solve has read its start time:
    # the greedy stops at its first look, and no model is built.
    wall = JumpAfter(1, before=100.0, after=1e9)
    result = running.solve(event, SolveOptions(time_limit=60, workers=1,
                                               handle_sigint=False),
                           clock=Clock(wall=wall, cpu=lambda: 0.0))
    assert result.status == SolveStatus.UNKNOWN and result.schedule is None
    text = " ".join(result.diagnosis)
    assert "no schedule was found within 60 s" in text
    assert "the start heuristic was stopped by the time limit with" in text
    assert f"of {len(event.sessions)} sessions placed" in text
    assert "more" in text  # the first ten named, and how many others


def test_a_users_heuristic_that_ends_on_its_own_is_not_said_to_be_stopped(
        event: Scenario) -> None:
    """Only the default heuristic gets (and obeys) the start's cap: a user's heuristic
    that leaves a session out by itself, with the limit then gone, is not "stopped by the
    time limit" (the review's case: 119 of 120 placed)."""
    facts = FactBuilder(event).build()
    full = greedy.greedy_schedule(event, facts)
    assert full is not None
    left = full.model_copy(update={"sessions": full.sessions[1:]})
    wall = JumpAfter(4, before=100.0, after=1e9)  # passes once the start's cap is set

    def users_heuristic(scenario: Scenario, facts: Any, **kwargs: Any) -> Schedule:
        return left

    result = running.solve(event, SolveOptions(time_limit=60, workers=1, handle_sigint=False,
                                               start=users_heuristic),
                           clock=Clock(wall=wall, cpu=lambda: 0.0))
    text = " ".join(result.diagnosis)
    assert result.schedule is None
    assert "stopped by the time limit" not in text
    assert f"the start placement leaves out {full.sessions[0].id!r}" in text


@pytest.mark.slow
def test_deterministic_gives_the_same_schedule_whatever_the_clock_says(
        event: Scenario) -> None:
    """The 200-session event goes through the greedy and the polish (POLISH_UP_TO <
    200 <= SCALE_UP_TO), then CP-SAT. Under --deterministic a clock that jumps an hour at
    every read changes nothing; without it the same clock stops the start at once (so
    the clock is really the one the phases read)."""
    options = SolveOptions(time_limit=1, workers=2, deterministic=True, handle_sigint=False)
    calm = running.solve(event, options)
    jumpy = running.solve(event, options, clock=Clock(wall=Jumping(), cpu=Jumping()))
    assert calm.schedule is not None and check(event, calm.schedule).ok
    assert _spots(calm.schedule) == _spots(jumpy.schedule)
    assert calm.schedule.objective == jumpy.schedule.objective  # type: ignore[union-attr]
    hurried = running.solve(event, SolveOptions(time_limit=1, workers=2, handle_sigint=False),
                            clock=Clock(wall=Jumping(), cpu=Jumping()))
    assert hurried.schedule is None and hurried.status == SolveStatus.UNKNOWN


def test_the_start_cap_under_deterministic_never_fires(event: Scenario) -> None:
    run = running.Run(event, SolveOptions(time_limit=1, deterministic=True), 0.0,
                      clock=Clock(wall=Jumping(), cpu=Jumping()))
    run.deadline = running.deadline_of(run)
    assert run.deadline.unbounded and running.start_cap(run).unbounded
    assert running.polish_deadline(500, running.start_cap(run)) is None
    assert not running.out_of_time(run) and not running.no_time_to_build(run)


def test_the_start_keeps_time_for_its_check_at_the_measured_speed(event: Scenario) -> None:
    # 100 s into a 120-s solve, with 25 CPU s used: a quarter of a core. The start must end
    # by the deadline less CHECK_CPU_PER_SESSION x sessions / 0.25, not at a share of it.
    wall, cpu = [100.0], [25.0]
    run = running.Run(event, SolveOptions(time_limit=120), 0.0,
                      clock=Clock(wall=lambda: wall[0], cpu=lambda: cpu[0]),
                      cpu_started=0.0, wall_started=0.0)
    run.facts = {f"s{i}": None for i in range(10_000)}  # type: ignore[misc]
    run.deadline = running.deadline_of(run)
    assert running.speed(run) == pytest.approx(0.25)
    cap = running.start_cap(run)
    check_after = running.CHECK_CPU_PER_SESSION * 10_000 / 0.25
    assert cap.wall == pytest.approx(120.0 - check_after)
    assert running.no_time_to_build(run)  # 20 s cannot hold 84 s of build at that speed
    assert running.finish_reserve(run) == pytest.approx(
        running.FINISH_CPU_PER_SESSION * 10_000 / 0.25)
    # the load grows: the next 10 s give only 1 CPU s, and the estimate follows
    wall[0], cpu[0] = 110.0, 26.0
    assert running.speed(run) == pytest.approx(0.1)


def test_a_build_that_outlasts_its_estimate_skips_the_hint_and_search(
        event: Scenario, monkeypatch: pytest.MonkeyPatch) -> None:
    # The build is started with time for it (the clock stands still), then the load grows
    # while it runs: the clock is past the deadline when it returns. The checked start is
    # returned at once, without the hint and the search (which cannot be interrupted).
    now = [0.0]
    real_build = running.build

    def slow_build(run: running.Run) -> Any:
        built = real_build(run)
        now[0] += 1000.0
        return built

    def no_hint(*_: Any) -> None:
        raise AssertionError("the hint ran past the deadline")

    monkeypatch.setattr(running, "build", slow_build)
    monkeypatch.setattr(running, "hint", no_hint)
    result = running.solve(event, SolveOptions(time_limit=60, workers=1, handle_sigint=False),
                           clock=Clock(wall=lambda: now[0], cpu=lambda: now[0]))
    assert result.status == SolveStatus.FEASIBLE and result.schedule is not None
    assert check(event, result.schedule).ok
    assert any("the time limit came while the model was built" in n for n in result.notes)


# ------------------------------------------------------------------- the CLI


def test_a_tiny_limit_on_a_generated_event_exits_not_found_with_a_diagnosis(tmp_path: Path) -> None:
    # 500 sessions: reading their facts alone takes far longer than a millisecond.
    path = tmp_path / "large-500.yaml"
    path.write_text(generate_yaml(params_for("large", sessions=500, rooms=20,
                                             registrations=750), seed=2), encoding="utf-8")
    out = tmp_path / "schedule.yaml"
    result = CliRunner().invoke(main, ["solve", str(path), "--time-limit", "0.001",
                                       "-o", str(out)])
    assert result.exit_code == EXIT_NOT_FOUND == 4, result.output
    assert "no schedule was found within 0.001 s" in result.output
    assert "stopped by the time limit" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


# ------------------------------------------------------------------- 3,000 sessions


def test_at_3000_sessions_the_at_scale_greedy_and_the_polish_both_run(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """SCALE_UP_TO == AT_SCALE: the two thresholds decide two steps that follow each other
    (how the greedy places; whether its complete placement is then polished). 2,999
    sessions: the ordinary greedy, polished; 3,000: the at-scale greedy, polished; 3,001:
    the at-scale greedy, not polished."""
    assert SCALE_UP_TO == greedy.AT_SCALE == 3000
    seen: list[tuple[int, bool, bool]] = []

    def attempt(_scenario: Any, facts: Any, work: greedy.GreedyWork, *_: Any
                ) -> tuple[dict[str, Any], list[Any]]:
        seen.append((len(facts), work == greedy.GreedyWork.at_scale(), False))
        return dict.fromkeys(facts), []

    def polished(_scenario: Any, facts: Any, start: Any, **_: Any) -> Any:
        seen[-1] = (seen[-1][0], seen[-1][1], True)
        return start

    monkeypatch.setattr(greedy, "_attempt", attempt)
    monkeypatch.setattr(greedy, "to_schedule", lambda *_: object())
    monkeypatch.setattr(running, "within_people_hours", lambda _s, facts: facts)
    monkeypatch.setattr(running, "choose_people", lambda _s, placed: placed)
    monkeypatch.setattr(running, "polish", polished)

    class Fact:
        optional = False

        def __init__(self, sid: str) -> None:
            self.id = sid

    for n in (2999, 3000, 3001):
        facts = {f"s{i}": Fact(f"s{i}") for i in range(n)}
        running.greedy_start(None, facts, time_budget=None, seed=0,  # type: ignore[arg-type]
                             cap=Cap.never())
    assert seen == [(2999, False, True), (3000, True, True), (3001, True, False)]
    assert math.isinf(Cap.never().cpu)
