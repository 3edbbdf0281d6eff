"""The library call: progress, hints, extra objective terms, Ctrl-C, JSON-able results."""

from __future__ import annotations

import json
import os
import signal
from typing import Any

import pytest

from scheduler.generate import generate_yaml, params_for
from scheduler.scenario import parse_scenario
from scheduler.schedule import Schedule, SolveStatus
from scheduler.solver import ExtraTerm, Progress, SolveOptions, TermView, solve
from scheduler.solver.report import render_text, result_data
from tests.solver.helpers import build, clock, run, scenario_data, talk


@pytest.fixture(scope="module")
def seminar():
    """A generated 20-session seminar: solvable, but not proven optimal in seconds."""
    return parse_scenario(generate_yaml(params_for("seminar"), seed=1))


def test_progress_reports_better_schedules(seminar) -> None:
    seen: list[Progress] = []
    result = solve(seminar, SolveOptions(time_limit=2, progress=seen.append,
                                         handle_sigint=False))
    assert result.schedule is not None
    found = [p for p in seen if p.objective is not None]
    assert found and all(p.bound is None or p.objective is None or p.bound <= p.objective + 1e-6
                     for p in found)
    assert found[-1].solutions >= 1
    assert result.schedule.solve.bound is not None and result.schedule.solve.gap is not None


def test_hint_from_an_earlier_schedule_is_accepted() -> None:
    data = scenario_data(sessions=[talk("a"), talk("b", rooms=["small"])])
    first = run(data).schedule
    assert first is not None
    again = run(data, hint=first).schedule
    assert again is not None and again.objective == first.objective


def test_objective_hook_adds_a_weighted_term() -> None:
    data = scenario_data(sessions=[talk("a")])

    def late(view: TermView) -> list[ExtraTerm]:
        day = view.days[0]
        return [ExtraTerm("wants-eleven", 100, [view.not_at_start("a", day, clock("11:00"))],
                          evaluate=lambda s: int(s.session("a").start != clock("11:00")))]

    schedule = run(data, objective_hooks=[late]).schedule
    assert schedule is not None
    assert schedule.session("a").start == clock("11:00")
    assert schedule.objective_terms["wants-eleven"].value == 0


def test_result_is_json_and_text_ready() -> None:
    data = scenario_data(sessions=[talk("a", title="Открытие")])
    result = run(data)
    text = render_text(build(data), result)
    assert "Открытие" in text and "status: optimal" in text
    # the proof is stated: the bound equals the objective
    objective = result.schedule.objective if result.schedule else None
    assert f"status: optimal (proven: bound {objective}, gap 0%)" in text
    payload = json.loads(json.dumps(result_data(result), ensure_ascii=False))
    assert payload["status"] == "optimal"
    assert Schedule.model_validate(payload["schedule"]).session("a").title == "Открытие"


def test_a_coffee_break_after_the_days_last_session_is_noted() -> None:
    """hand1, hand2: placed breaks are placed on each of their days, so the afternoon
    coffee of a day that ends at 09:30 is printed after it; ``confsched solve`` now says
    so (a lunch is still served: no note)."""
    data = scenario_data(sessions=[talk("a", pin={"start": "09:00"})])
    data["breaks"] = {"placed": [
        {"id": "coffee", "duration": "15min", "window": ["10:30", "11:30"]},
        {"id": "lunch", "kind": "lunch", "duration": "30min", "window": ["11:00", "12:00"]}]}
    result = run(data)
    assert result.schedule is not None
    notes = [line for line in render_text(build(data), result).splitlines()
             if line.startswith("note:")]
    assert len(notes) == 1 and "the break 'coffee' comes after the day's last session" in notes[0]
    assert "(sessions end 09:30)" in notes[0]


def _ctrl_c_once_solved(times: int = 1) -> tuple[list[Progress], Any]:
    """A progress callback that presses Ctrl-C the first time it hears that a schedule
    exists and, with ``times=2``, again when the search reports that it saw the first
    press (as an impatient user; the order of events decides, never a clock); returns
    (the reports it acted on, it)."""
    fired: list[Progress] = []

    def press(progress: Progress) -> None:
        if not fired and progress.solutions >= 1 or \
                progress.stopping and len(fired) < times:
            fired.append(progress)
            os.kill(os.getpid(), signal.SIGINT)

    return fired, press


def test_ctrl_c_keeps_the_best_schedule(seminar) -> None:
    # Driven by the event, not the clock: Ctrl-C as soon as a schedule exists. Without
    # the interrupt the solve would run for ten minutes and pytest's timeout would fail it.
    before = signal.getsignal(signal.SIGINT)  # SIG_IGN when pytest runs as a background job
    fired, press = _ctrl_c_once_solved()
    result = solve(seminar, SolveOptions(time_limit=600, workers=2, progress=press))
    assert fired, "the progress callback never heard of a schedule"
    assert len(fired) == 1 and not fired[0].stopping
    assert result.schedule is not None
    assert result.status in (SolveStatus.FEASIBLE, SolveStatus.OPTIMAL)
    assert result.schedule.solve.interrupted and result.interrupted
    assert signal.getsignal(signal.SIGINT) is before


def test_second_ctrl_c_aborts(seminar) -> None:
    before = signal.getsignal(signal.SIGINT)
    fired, twice = _ctrl_c_once_solved(times=2)
    with pytest.raises(KeyboardInterrupt):
        solve(seminar, SolveOptions(time_limit=600, workers=2, progress=twice))
    assert len(fired) == 2 and fired[1].stopping
    # The handler in force before the solve is back.
    assert signal.getsignal(signal.SIGINT) is before


def test_terminal_progress_waits_a_second_then_rewrites_one_line() -> None:
    import io

    from scheduler.solver.progress import TerminalProgress

    stream = io.StringIO()
    show = TerminalProgress(stream)
    show(Progress(0.5, 10.0, 5.0, 0.5, 1))
    assert stream.getvalue() == ""
    show(Progress(1.5, None, None, None, 0))
    assert "no schedule yet" in stream.getvalue()
    show(Progress(2.0, 10.0, 5.0, 0.5, 3))
    line = stream.getvalue().rsplit("\r", 1)[-1]
    assert "best 10" in line and "bound 5" in line and "50.0%" in line and "2.0 s" in line
    show.close()
    assert stream.getvalue().endswith("\r\x1b[2K")
    show(Progress(2.5, None, None, None, 0, stopping=True))  # Ctrl-C: shown at once, kept
    assert stream.getvalue().endswith("press Ctrl-C again to abort)\n")
