"""Participant clashes (every pair) and preferences are modelled exactly: the model's
value is the checker's."""

from __future__ import annotations

import pytest
from ortools.sat.python import cp_model

from scheduler.checker import check
from scheduler.generate import generate_with_plan, params_for, to_yaml
from scheduler.scenario import parse_scenario
from scheduler.solver.model import ScheduleModel


@pytest.mark.slow
def test_clash_term_of_the_planted_timetable_equals_the_checkers() -> None:
    """A generated event with more than 5,000 session pairs of shared interest (before:
    only the heaviest 5,000 were modelled, so the model's clash value was lower than the
    checker's). With the planted timetable's starts fixed, the least and the most clash
    value the model allows are both what the checker counts (before, an overlap literal
    could be 1 for two sessions apart), and so are the preference penalties."""
    params = params_for("pycon", sessions=160, rooms=10, days=3, registrations=5000)
    data, plan = generate_with_plan(params, seed=3)
    scenario = parse_scenario(to_yaml(data))
    pairs = sum(1 for c in scenario.interest_counts().values() if c > 0)
    assert pairs > 5000
    built = ScheduleModel(scenario, strengthen=False)
    assert not [n for n in built.notes if n.startswith("participant clashes:")]
    model = built.model
    g, per_day = built.vars.grid.g, built.vars.grid.per_day
    days = {day: i for i, day in enumerate(scenario.days)}
    placed = plan.by_id()
    for sid, sv in built.vars.sessions.items():
        item = placed[sid]
        model.add(sv.start == days[item.day] * per_day + item.start // g)
        if sv.placed is not None:  # an optional session is placed, as in the plan
            model.add(sv.placed == 1)
    report = check(scenario, plan)
    for name in ("participant_clashes", "preferences"):
        _, term = built.objective.terms[name]
        expected = report.terms[name].value
        assert expected > 0
        for sense in (model.minimize, model.maximize):
            # least: every pair that overlaps is counted; most: nothing else can be
            sense(term)
            solver = cp_model.CpSolver()
            solver.parameters.num_workers = 2
            solver.parameters.max_time_in_seconds = 120
            assert solver.solve(model) == cp_model.OPTIMAL
            assert int(solver.objective_value) == expected, (name, sense.__name__)
