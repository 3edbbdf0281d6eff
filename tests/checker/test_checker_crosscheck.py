"""The checker against other parts built independently: the generator's planted
timetables (feasible by construction) pass, the solver's objective is reproduced, and
overlap detection matches a minute-by-minute count."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduler.checker import check
from scheduler.generate import SHAPES, generate_with_plan, to_yaml
from scheduler.scenario import parse_scenario


@pytest.mark.parametrize(("shape", "seed"), [("seminar", 0), ("seminar", 1), ("pycon", 0)])
def test_planted_timetables_pass(shape, seed):
    data, planted = generate_with_plan(SHAPES[shape], seed)
    report = check(parse_scenario(to_yaml(data)), planted)
    assert report.ok, "\n".join(map(str, report.violations[:10]))


def test_a_moved_planted_session_is_caught():
    data, planted = generate_with_plan(SHAPES["seminar"], 0)
    scenario = parse_scenario(to_yaml(data))
    first = planted.sessions[0]
    first.start, first.end = first.start + 1, first.end + 2  # off the grid, a minute longer
    report = check(scenario, planted)
    assert {"time-grid", "duration"} <= {v.rule for v in report.violations}


def test_solver_objective_is_reproduced_on_a_generated_scenario():
    from scheduler import solver
    data, _ = generate_with_plan(SHAPES["seminar"], 0)
    scenario = parse_scenario(to_yaml(data))
    result = solver.solve(scenario, solver.SolveOptions(time_limit=2.0, seed=0, workers=2))
    assert result.schedule is not None, result.status
    report = check(scenario, result.schedule)
    assert report.ok, "\n".join(map(str, report.violations[:10]))
    assert report.warnings == []
    assert report.objective == result.schedule.objective


starts = st.integers(min_value=9 * 12, max_value=16 * 12).map(lambda step: step * 5)
rooms = st.sampled_from(["big", "small"])


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # `build` is stateless
@given(a=starts, b=starts, room_a=rooms, room_b=rooms, day_b=st.sampled_from([1, 2]))
def test_overlaps_match_a_minute_count(build, a, b, room_a, room_b, day_b):
    """Room and person overlap are reported exactly when the two sessions share a minute
    of one day (and, for rooms, the room)."""
    sc = build.scenario(build.session("a", people={"speaker": ["aigul"]}, duration="45min"),
                        build.session("b", people={"speaker": ["aigul"]}, duration="60min"))
    where = {"a": f"{a // 60:02d}:{a % 60:02d} @{room_a}",
             "b": f"d{day_b} {b // 60:02d}:{b % 60:02d} @{room_b}"}
    report = build.check(sc, where)
    shared = day_b == 1 and bool(set(range(a, a + 45)) & set(range(b, b + 60)))
    assert ("person-overlap" in build.broken(report)) == shared
    assert ("room-overlap" in build.broken(report)) == (shared and room_a == room_b)


_DATA, _PLANTED = generate_with_plan(SHAPES["seminar"], 1)
_SCENARIO = parse_scenario(to_yaml(_DATA))  # check() only reads it


@settings(max_examples=40, deadline=None)
@given(edits=st.lists(st.tuples(
    st.integers(min_value=0, max_value=19),
    st.sampled_from(["shift", "day", "room", "track", "end", "drop", "twice"]),
    st.integers(min_value=-600, max_value=600)), max_size=4))
def test_any_edited_schedule_gets_a_report_never_an_exception(edits):
    """Whatever a hand edit does to a schedule, the checker answers in words."""
    scenario, schedule = _SCENARIO, _PLANTED.model_copy(deep=True)
    rooms = [None, "nowhere", *(r.id for r in scenario.rooms)]
    for index, kind, amount in edits:
        item = schedule.sessions[index % len(schedule.sessions)]
        if kind == "shift":
            item.start, item.end = max(0, item.start + amount), max(0, item.end + amount)
        elif kind == "day":
            item.day = item.day + dt.timedelta(days=amount % 5 - 2)
        elif kind == "room":
            item.room = rooms[amount % len(rooms)]
        elif kind == "track":
            item.track = None if amount % 2 else f"t{amount}"
        elif kind == "end":
            item.end = max(0, item.end + amount)
        elif kind == "drop":
            schedule.sessions.remove(item)
        else:
            schedule.sessions.append(item.model_copy())
    report = check(scenario, schedule)
    assert all(v.rule and v.message for v in report.violations)
    assert report.ok == (not report.violations)
    if not edits:
        assert report.ok
