"""The model build gives up between two of its steps when the deadline has come, or when
the rest of it would end past the limit (``build_steps.py``, ``run.build_checkpoint``):
the solve then returns the start heuristic's checked schedule, and says which steps were
not built. Driven by fake clocks that jump inside a chosen step, never by waiting."""

from __future__ import annotations

from typing import Any

import pytest

from scheduler.checker import check
from scheduler.generate import generate_yaml, params_for
from scheduler.scenario import parse_scenario
from scheduler.scenario.model import Scenario
from scheduler.schedule import Schedule, SolveStatus
from scheduler.solver import build_steps
from scheduler.solver import run as running
from scheduler.solver.constraints import Constraints
from scheduler.solver.greedy.cap import Clock
from scheduler.solver.model import ScheduleModel
from scheduler.solver.objective import Objective
from scheduler.solver.options import SolveOptions


@pytest.fixture(scope="module")
def event() -> Scenario:
    """200 sessions of the ``large`` shape, which the greedy places completely."""
    params = params_for("large", sessions=200, rooms=12, registrations=300)
    return parse_scenario(generate_yaml(params, seed=1), "large-200-s1.yaml")


class FakeTime:
    """Wall and CPU clocks that stand still until the test moves them."""

    def __init__(self) -> None:
        self.wall = 0.0
        self.cpu = 0.0

    def clock(self) -> Clock:
        return Clock(wall=lambda: self.wall, cpu=lambda: self.cpu)


def _spots(schedule: Schedule | None) -> list[tuple[Any, ...]]:
    assert schedule is not None
    return sorted((s.id, s.day, s.start, s.room, s.track) for s in schedule.sessions)


def _person_overlap_takes(monkeypatch: pytest.MonkeyPatch, now: FakeTime, wall: float,
                          cpu: float) -> None:
    """The person-overlap rules take ``wall`` seconds of wall time and ``cpu`` of CPU."""
    real = Constraints._person_overlap

    def slow(self: Constraints) -> None:
        real(self)
        now.wall += wall
        now.cpu += cpu
    monkeypatch.setattr(Constraints, "_person_overlap", slow)


def _no_objective_nor_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    def objective(*_: Any) -> None:
        raise AssertionError("the build went on past the deadline")

    def hint(*_: Any) -> None:
        raise AssertionError("the hint ran past the deadline")
    monkeypatch.setattr(Objective, "add_objective", objective)
    monkeypatch.setattr(running, "hint", hint)


def _starts(monkeypatch: pytest.MonkeyPatch) -> list[Schedule | None]:
    """Records the start heuristic's complete (checked) schedule of each solve."""
    seen: list[Schedule | None] = []
    real = running.complete_start

    def recording(run: running.Run) -> Schedule | None:
        got = real(run)
        seen.append(None if got is None else got.model_copy(deep=True))
        return got
    monkeypatch.setattr(running, "complete_start", recording)
    return seen


def test_a_deadline_inside_the_build_stops_it_and_returns_the_checked_start(
        event: Scenario, monkeypatch: pytest.MonkeyPatch) -> None:
    # The build starts with all the time it needs; the person-overlap rules then take
    # 1,000 s (a load that grew): the build stops right after them, before the objective,
    # and the solve returns the greedy's schedule, checked, naming what was not built.
    now = FakeTime()
    _person_overlap_takes(monkeypatch, now, wall=1000.0, cpu=1000.0)
    _no_objective_nor_hint(monkeypatch)
    starts = _starts(monkeypatch)
    result = running.solve(event, SolveOptions(time_limit=60, workers=1, handle_sigint=False),
                           clock=now.clock())
    assert result.status == SolveStatus.FEASIBLE and result.schedule is not None
    assert check(event, result.schedule).ok
    assert starts and starts[0] is not None
    assert _spots(result.schedule) == _spots(starts[0])
    note = next(n for n in result.notes if "while the model was built" in n)
    done = build_steps.STEP_NAMES.index("person overlap") + 1
    assert f"given up after {done} of its {len(build_steps.STEP_NAMES)} steps" in note
    assert "not built: daily limits, breaks," in note and "objective" in note
    assert "person overlap" not in note.split("not built:")[1]
    assert "the schedule is the start heuristic's, checked, not optimised" in note


def test_a_build_that_would_end_past_the_limit_stops_before_the_deadline(
        event: Scenario, monkeypatch: pytest.MonkeyPatch) -> None:
    # 58 of the 60 s go by during the person-overlap rules while the process gets a tenth
    # of a core: 2 s are left, and the rest of the build, the hint and the finish of 200
    # sessions need more than that at this speed. The deadline has not passed, yet the
    # build is given up there.
    now = FakeTime()
    _person_overlap_takes(monkeypatch, now, wall=58.0, cpu=5.8)
    _no_objective_nor_hint(monkeypatch)
    need = ((build_steps.share_left("person overlap")
             * (running.BUILD_CPU_PER_SESSION - running.HINT_CPU_PER_SESSION)
             + running.HINT_CPU_PER_SESSION + running.FINISH_CPU_PER_SESSION) * 200 / 0.1)
    assert need > 2.0
    result = running.solve(event, SolveOptions(time_limit=60, workers=1, handle_sigint=False),
                           clock=now.clock())
    assert now.wall < 60
    assert result.status == SolveStatus.FEASIBLE and result.schedule is not None
    assert check(event, result.schedule).ok
    assert any("given up after" in n and "not built:" in n for n in result.notes)


def test_without_a_complete_start_a_build_given_up_says_so(
        event: Scenario, monkeypatch: pytest.MonkeyPatch) -> None:
    now = FakeTime()
    _person_overlap_takes(monkeypatch, now, wall=1000.0, cpu=1000.0)
    _no_objective_nor_hint(monkeypatch)
    result = running.solve(event, SolveOptions(time_limit=60, workers=1, handle_sigint=False,
                                               greedy_hint=False), clock=now.clock())
    assert result.status == SolveStatus.UNKNOWN and result.schedule is None
    said = " ".join(result.diagnosis)
    assert "no schedule was found within 60 s" in said
    assert "not built: daily limits" in said


def test_a_deterministic_build_is_never_given_up(
        event: Scenario, monkeypatch: pytest.MonkeyPatch) -> None:
    now = FakeTime()
    options = SolveOptions(time_limit=60, deterministic=True)
    run = running.Run(event, options, 0.0, clock=now.clock())
    run.deadline = running.deadline_of(run)
    checkpoint = running.build_checkpoint(run)
    now.wall = now.cpu = 1e9
    for name in build_steps.STEP_NAMES:
        checkpoint(name)  # never raises


def test_a_model_built_whole_is_not_given_up_at_its_last_step(
        event: Scenario) -> None:
    # Past the deadline, every step but the last gives the build up; after the last one
    # the model is complete, and the hint's own test (no_time_to_hint) decides what
    # follows (before: "given up after 23 of its 23 steps; not built: nothing").
    now = FakeTime()
    run = running.Run(event, SolveOptions(time_limit=60, workers=1), 0.0, clock=now.clock())
    run.deadline = running.deadline_of(run)
    checkpoint = running.build_checkpoint(run)
    now.wall = now.cpu = 1000.0
    with pytest.raises(build_steps.BuildStopped):
        checkpoint(build_steps.STEP_NAMES[-2])
    checkpoint(build_steps.STEP_NAMES[-1])  # does not raise


def test_every_step_of_the_build_is_reported_in_order(event: Scenario) -> None:
    seen: list[str] = []
    ScheduleModel(event, checkpoint=seen.append)
    assert seen == list(build_steps.STEP_NAMES)


def test_the_share_left_falls_to_nothing_and_the_steps_read_as_words() -> None:
    shares = [build_steps.share_left(n) for n in build_steps.STEP_NAMES]
    assert shares == sorted(shares, reverse=True) and shares[-1] == 0.0
    assert build_steps.share_left("unknown") == 1.0
    assert build_steps.describe(["a", "b", "c"]) == "a, b and c"
    assert build_steps.describe(["a", "b", "c"], most=1) == "a and 2 more"
