"""The room-and-day plan's clique rows (scheduler/solver/day_plan.py, #17 ``proofs16``)
held to the brute-force oracle on a tiny talks event.

Five 30-minute talks in two rooms on a two-hour morning, one registration wanting all
five: the day has four slots, so every schedule has a participant clash. The relaxation
without clique rows sees no clash (15); the rows (the wanted talks form a clique of the
conflict graph whose minutes exceed the day's free time) lift it to the true optimum, and
the plan proves it with a schedule the checker scores at the oracle's optimum. A row that
charged an overlap twice (a wrong cut) would put the relaxation above the optimum: the
same comparison catches it.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from oracle import Oracle
from ortools.sat.python import cp_model

from scheduler.checker import check
from scheduler.scenario import parse_scenario
from scheduler.schedule import SolveStatus
from scheduler.solver import SolveOptions, day_plan
from scheduler.solver.extract import extract_schedule
from scheduler.solver.model import ScheduleModel

TALKS = [("a", "t1", "p1", 60), ("b", "t1", "p2", 30), ("c", "t2", "p3", 30),
         ("d", "t2", "p4", 35), ("e", "t2", "p5", 20)]

YAML = """version: 1
event:
  name: Пять докладов
  timezone: Asia/Bishkek
  first-day: '2026-06-01'
  last-day: '2026-06-01'
  day-start: '09:00'
  day-end: '11:00'
  granularity: 30min
rooms:
- {id: big, name: Большой зал, capacity: 100}
- {id: small, name: Small room, capacity: 40}
tracks:
- {id: t1, name: Track 1}
- {id: t2, name: Track 2}
people:
""" + "".join(f"- {{id: {p}, name: Person {p}}}\n" for _, _, p, _ in TALKS) + "sessions:\n" \
    + "".join(f"- {{id: {s}, title: Talk {s}, instrument: talk, duration: 30min, track: {t},"
              f" people: {{speaker: [{p}]}}, participants: {n}}}\n" for s, t, p, n in TALKS) \
    + """participants:
  registrations:
  - {id: r1, sessions: [a, b, c, d, e]}
  - {id: r2, sessions: [a, c, d]}
  - {id: r3, sessions: [d, e]}
"""

OPTIMUM = 25
"""The oracle's optimum (asserted below; 1,728 schedules without violations)."""


def relaxed(scenario: Any) -> int:
    """The relaxation's optimum with every clique row its optima break added."""
    relaxation = day_plan.relaxation(ScheduleModel(scenario), scenario)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.catch_sigint_signal = False
    while True:
        assert solver.solve(relaxation.model) == cp_model.OPTIMAL
        if not relaxation.cut(solver):
            return round(solver.objective_value)


def test_the_clique_rows_prove_the_oracles_optimum() -> None:
    scenario = parse_scenario(YAML, "five-talks")
    truth = Oracle(scenario, 20_000).run()
    assert truth.feasible and truth.best == OPTIMUM
    assert relaxed(scenario) == OPTIMUM
    built = ScheduleModel(scenario)
    done = day_plan.plan(built, scenario, SolveOptions(time_limit=10, workers=2,
                                                       deterministic=True),
                          day_plan.Budget(10.0))
    assert done.optimum == OPTIMUM  # without the rows: 15, no fit, no proof
    values = built.hint_values
    assert values is not None
    report = check(scenario, extract_schedule(built, lambda v: values[v.index],
                                              SolveStatus.FEASIBLE))
    assert report.ok and report.objective == OPTIMUM


def test_a_row_charging_an_overlap_twice_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    original = day_plan.conflicts

    def doubled(*args: Any) -> Any:
        adjacency, soft = original(*args)
        return adjacency, {pair: 2 * count for pair, count in soft.items()}

    monkeypatch.setattr(day_plan, "conflicts", doubled)
    assert relaxed(parse_scenario(YAML, "five-talks")) > OPTIMUM


def fuzzed(seed: int) -> str:
    """A tiny talks event drawn from ``seed``: four or five 30-minute talks (a track and a
    speaker each, a speaker sometimes shared, 5-55 participants) in two rooms of drawn
    capacities on one morning of 3-4 slots, and 1-3 registrations wanting 2-5 talks."""
    rng = random.Random(seed)
    talks = rng.randint(4, 5)
    slots = rng.randint(3, 4)
    people = [f"p{i}" for i in range(talks)]
    rows = [(f"s{i}", rng.choice(["t1", "t2"]), rng.choice(people[:talks - 1]) if
             rng.random() < 0.3 else people[i], rng.randint(5, 55)) for i in range(talks)]
    wanted = [rng.sample([s for s, _, _, _ in rows], rng.randint(2, talks))
              for _ in range(rng.randint(1, 3))]
    return f"""version: 1
event:
  name: Малое событие {seed}
  timezone: Asia/Bishkek
  first-day: '2026-06-01'
  last-day: '2026-06-01'
  day-start: '09:00'
  day-end: '{9 + slots // 2:02d}:{30 * (slots % 2):02d}'
  granularity: 30min
rooms:
- {{id: big, name: Большой зал, capacity: {rng.choice([60, 100])}}}
- {{id: small, name: Small room, capacity: {rng.choice([20, 40, 60])}}}
tracks:
- {{id: t1, name: Track 1}}
- {{id: t2, name: Track 2}}
people:
""" + "".join(f"- {{id: {p}, name: Person {p}}}\n" for p in people) + "sessions:\n" \
        + "".join(f"- {{id: {s}, title: Talk {s}, instrument: talk, duration: 30min, "
                  f"track: {t}, people: {{speaker: [{p}]}}, participants: {n}}}\n"
                  for s, t, p, n in rows) \
        + "participants:\n  registrations:\n" \
        + "".join(f"  - {{id: r{i}, sessions: [{', '.join(w)}]}}\n"
                  for i, w in enumerate(wanted))


@pytest.mark.parametrize("seed", [1, 2, 3, 5, 6, 11])
def test_the_plans_bound_is_never_above_a_fuzzed_events_optimum(seed: int) -> None:
    # The plan's bound (the relaxation's, kept as the objective's least value when no
    # schedule fits) and its optimum held to the oracle on drawn tiny events, with ten
    # units and with a hundredth (the relaxation stopped early: its solver's bound;
    # seeds 1, 3, 5, 6 and 11 keep one above 0 there). 80 seeds: `talks17`'s README.
    scenario = parse_scenario(fuzzed(seed), f"fuzzed-{seed}")
    truth = Oracle(scenario, 20_000).run()
    assert truth.feasible and truth.best is not None
    assert relaxed(scenario) <= truth.best
    for units in (10.0, 0.01):
        built = ScheduleModel(scenario)
        done = day_plan.plan(built, scenario, SolveOptions(
            time_limit=units / day_plan.UNITS, workers=2, deterministic=True),
            day_plan.Budget(10.0))
        assert 0 <= done.bound <= truth.best
        assert done.optimum is None or done.optimum == truth.best
        assert units < 1 or done.bound > 0
