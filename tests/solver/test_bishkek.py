"""The seed programme (scenarios/bishkek-launch-2022.yaml) solves to the seed's shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.checker import check
from scheduler.scenario import load_scenario
from scheduler.schedule import SolveStatus
from scheduler.solver import SolveOptions, solve
from tests.solver.helpers import clock

pytestmark = pytest.mark.slow  # a real solve of a shipped scenario to optimality

SCENARIO = Path(__file__).parents[2] / "scenarios" / "bishkek-launch-2022.yaml"


@pytest.fixture(scope="module")
def outcome():
    scenario = load_scenario(SCENARIO)
    result = solve(scenario, SolveOptions(time_limit=10, workers=2, handle_sigint=False))
    return scenario, result


def test_solves_to_optimality_and_passes_the_checker(outcome) -> None:
    scenario, result = outcome
    assert result.status == SolveStatus.OPTIMAL
    assert result.schedule is not None
    report = check(scenario, result.schedule)
    assert report.ok, [str(v) for v in report.violations]
    # The breakdown the solver reports is the one the checker recomputes.
    for name, term in result.schedule.objective_terms.items():
        assert report.terms[name].value == term.value, name
    assert result.schedule.objective == report.objective


def test_fixed_items_stay_where_the_seed_puts_them(outcome) -> None:
    _, result = outcome
    schedule = result.schedule
    fixed = {
        "registration": ("09:30", "10:00", "hall"),
        "opening": ("10:00", "10:30", "hall"),
        "closing": ("17:30", "17:45", "hall"),
        "dinner": ("18:00", "20:00", "restaurant"),
    }
    for sid, (start, end, room) in fixed.items():
        s = schedule.session(sid)
        assert (s.start, s.end, s.room) == (clock(start), clock(end), room), sid


def test_breaks_placed_and_sessions_in_seed_order(outcome) -> None:
    scenario, result = outcome
    schedule = result.schedule
    assert {b.id.split("@")[0] for b in schedule.breaks} == {
        "coffee-morning", "lunch", "coffee-afternoon"}
    for brk in schedule.breaks:
        window = next(p.window for p in scenario.breaks.placed if brk.id.startswith(p.id))
        assert window[0] <= brk.start and brk.end <= window[1]
    order = [s.id for s in schedule.sessions]
    assert order.index("session-1") < order.index("session-2") < order.index("session-3") \
        < order.index("session-4") < order.index("closing")
    one, two = schedule.session("session-1"), schedule.session("session-2")
    assert one.people["facilitator"] == two.people["facilitator"] == ["facilitator"]
    # The seed's timetable: session 1 right after the photo break, lunch after it.
    assert (one.start, one.end) == (clock("10:40"), clock("12:30"))
    assert all(s.room == "hall" for s in schedule.sessions if s.id.startswith("session-"))


def test_cyrillic_survives_into_the_schedule_file(outcome, tmp_path: Path) -> None:
    from scheduler.schedule import load_schedule, save_schedule

    _, result = outcome
    path = tmp_path / "schedule.yaml"
    save_schedule(result.schedule, path)
    text = path.read_text("utf-8")
    assert "Открытие" in text and "Обед" in text
    assert load_schedule(path).session("opening").title.startswith("Открытие")
