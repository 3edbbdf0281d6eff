"""fix1: Ctrl-C stops a track move's sub-model at once (scheduler/solver/stoppable.py).

With ``catch_sigint_signal = False`` (tests/solver/test_sigint_kept.py), a CP-SAT solve
called from the main thread heard Ctrl-C only when it returned: a sub-model runs until its
deterministic units, many wall seconds under load. The signal here is sent by the search
itself once it has begun (its first bound), so nothing depends on the clock."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from ortools.sat.python import cp_model

from scheduler.solver import stoppable, trackday

UNITS = 5.0
"""The sub-model's deterministic units (10 CPU s at idle: the search never ends sooner)."""


def golomb(marks: int) -> cp_model.CpModel:
    """The shortest Golomb ruler of ``marks`` marks: far from proven within :data:`UNITS`."""
    m = cp_model.CpModel()
    top = marks * marks
    x = [m.new_int_var(0, top, f"x{i}") for i in range(marks)]
    m.add(x[0] == 0)
    for a, b in zip(x, x[1:], strict=False):
        m.add(a < b)
    m.add_all_different([x[j] - x[i] for i in range(marks) for j in range(i + 1, marks)])
    m.minimize(x[-1])
    return m


@pytest.fixture(autouse=True)
def python_handles_sigint() -> Iterator[None]:
    """Python's own handler, as in a program started from a terminal."""
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, before)


def test_ctrl_c_stops_a_track_moves_sub_model_before_its_units(
        monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[cp_model.CpSolver] = []

    class Solver(cp_model.CpSolver):  # the solver the move makes, kept to read its work
        def __init__(self) -> None:
            super().__init__()
            made.append(self)
            sent: list[bool] = []

            def ctrl_c(_bound: float) -> None:  # the search has begun: Ctrl-C, once
                if not sent:
                    sent.append(True)
                    os.kill(os.getpid(), signal.SIGINT)

            self.best_bound_callback = ctrl_c

    monkeypatch.setattr(trackday.cp_model, "CpSolver", Solver)
    work = SimpleNamespace(timed=False)
    sub = SimpleNamespace(model=golomb(11))
    with pytest.raises(KeyboardInterrupt):
        trackday.TrackMoves.solve(work, sub, UNITS)  # type: ignore[arg-type]
    assert made and made[0].deterministic_time < UNITS / 2  # stopped, not run out


def test_a_solve_without_ctrl_c_is_the_solve_in_place() -> None:
    model = cp_model.CpModel()
    x = model.new_int_var(0, 10, "x")
    model.maximize(x)
    solver = cp_model.CpSolver()
    solver.parameters.catch_sigint_signal = False
    assert stoppable.solve(solver, model) == cp_model.OPTIMAL and solver.value(x) == 10
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the helper: no thread of its own
    assert not stoppable.hears_ctrl_c()
