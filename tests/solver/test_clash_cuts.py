"""scheduler/solver/clash_cuts.py (bound piece ``clashes``): the cuts on the overlap
literals of participant clashes are sound (every checked schedule keeps them, the proven
optimum is the same with and without them, on hand-made events and on random tiny ones)
and are what the relaxation sees (a forced clash is in the root bound only with them)."""

from __future__ import annotations

import random
from itertools import combinations

from ortools.sat.python import cp_model

from scheduler.checker import check
from scheduler.scenario import parse_scenario
from scheduler.scenario.model import Scenario
from scheduler.schedule import Schedule, SolveStatus
from scheduler.solver import SolveOptions, solve
from scheduler.solver.clash_cuts import ClashCuts, turan
from scheduler.solver.model import ScheduleModel
from tests.lower_bound.cases import (
    THREE_WANTED_IN_TWO_HOURS,
    TWO_WANTED_AROUND_LUNCH,
    TWO_WANTED_TWO_LUNCHES,
    one_day,
)

CLASHES = frozenset({"clashes"})


def test_turan_counts_the_fewest_edges() -> None:
    assert turan(3, 2) == 1  # three vertices, at most two pairwise apart: one edge
    assert turan(5, 2) == 3 + 1  # a triangle and an edge
    assert turan(4, 1) == 6  # a complete graph
    assert turan(4, 4) == 0
    assert turan(7, 3) == 1 + 1 + 3  # parts of 2, 2, 3


def cut_sets(scenario: Scenario) -> tuple[ClashCuts, list[tuple[list[str], int]]]:
    built = ScheduleModel(scenario, strengthen=frozenset())
    objective = built.objective
    cuts = ClashCuts(built.vars, objective.overlaps, objective.apart_pairs())
    return cuts, cuts.sets()


def test_three_sessions_in_two_hours_must_clash_once() -> None:
    """Three one-hour sessions in two hours: at most two run apart, so one pair overlaps
    (Turán), and one hour of overlap at least (the lengths' excess)."""
    cuts, sets = cut_sets(parse_scenario(THREE_WANTED_IN_TWO_HOURS, "three.yaml"))
    assert sets == [(["s1", "s2", "s3"], 1)]
    assert cuts.excess(["s1", "s2", "s3"]) == 60


def test_a_placed_lunch_takes_its_hour() -> None:
    cuts, sets = cut_sets(parse_scenario(TWO_WANTED_AROUND_LUNCH, "lunch.yaml"))
    assert cuts.free_minutes(["s1", "s2"]) == 60
    assert sets == [(["s1", "s2"], 1)]


def test_two_breaks_that_may_share_an_hour_count_once() -> None:
    """Two placed breaks whose windows overlap may take the same hour: only one is taken
    off the free time, and the two sessions fit in the other two hours (no cut)."""
    cuts, sets = cut_sets(parse_scenario(TWO_WANTED_TWO_LUNCHES, "breaks.yaml"))
    assert cuts.free_minutes(["s1", "s2"]) == 120
    assert sets == []


def root_bound(scenario: Scenario, pieces: frozenset[str]) -> float:
    """CP-SAT's bound of the root relaxation (no search, and no presolve: presolve turns
    a cut on three literals into a clause, which a level-1 relaxation leaves out)."""
    built = ScheduleModel(scenario, strengthen=pieces)
    solver = cp_model.CpSolver()
    solver.parameters.catch_sigint_signal = False
    solver.parameters.num_workers = 1
    solver.parameters.max_number_of_conflicts = 0
    solver.parameters.cp_model_presolve = False
    solver.solve(built.model)
    return solver.best_objective_bound


def test_the_forced_clash_is_in_the_root_bound_only_with_the_cuts() -> None:
    scenario = parse_scenario(THREE_WANTED_IN_TWO_HOURS, "three.yaml")
    assert root_bound(scenario, CLASHES) >= 10
    assert root_bound(scenario, frozenset()) < 10


def proven(scenario: Scenario, pieces: frozenset[str]) -> Schedule:
    result = solve(scenario, SolveOptions(time_limit=5, deterministic=True, workers=1,
                                          bounds=pieces, handle_sigint=False,
                                          diagnose=False))
    assert result.status == SolveStatus.OPTIMAL and result.schedule is not None
    return result.schedule


def overlapping(schedule: Schedule) -> set[tuple[str, str]]:
    """Pairs of sessions that overlap in a schedule (read from the schedule, not the
    model)."""
    spans = {s.id: (s.day, s.start, s.end) for s in schedule.sessions}
    out = set()
    for a, b in combinations(sorted(spans), 2):
        (da, sa, ea), (db, sb, eb) = spans[a], spans[b]
        if da == db and sa < eb and sb < ea:
            out.add((a, b))
    return out


def tiny_event(rng: random.Random) -> str:
    """A random one-day event on an hourly grid: 3-7 sessions of 1-2 hours in a 2-4 hour
    day, 2-4 rooms, maybe tracks, a shared speaker, a placed break, and registrations."""
    hours = rng.randint(2, 4)
    text = one_day(f"Tiny {rng.random():.6f}", f"{9 + hours:02d}:00")
    rooms = rng.randint(2, 4)
    text += "rooms:\n" + "".join(f"- {{id: r{i}, name: Room {i}, capacity: {20 + 10 * i}}}\n"
                                 for i in range(rooms))
    tracks = rng.randint(0, 2)
    if tracks:
        text += "tracks:\n" + "".join(f"- {{id: t{i}, name: Track {i}}}\n"
                                      for i in range(tracks))
    text += "people:\n- {id: p1, name: Анна}\n- {id: p2, name: Борис}\n"
    if rng.random() < 0.5:
        start = rng.randint(0, hours - 1)
        text += ("breaks:\n  placed:\n  - {id: lunch, kind: lunch, duration: 1h, window: "
                 f"['{9 + start:02d}:00', '{min(9 + hours, 11 + start):02d}:00']}}\n")
    n = rng.randint(3, max(3, min(7, rooms * (hours - 1))))
    text += "sessions:\n"
    for i in range(n):
        extra = ""
        if tracks and rng.random() < 0.3:
            extra += f", track: t{rng.randrange(tracks)}"
        if rng.random() < 0.2:
            extra += f", people: {{speaker: [p{rng.randint(1, 2)}]}}"
        text += (f"- {{id: s{i}, title: Session {i}, instrument: talk, "
                 f"duration: {rng.choice(['1h', '1h', '2h'])}, participants: "
                 f"{rng.randint(10, 40)}{extra}}}\n")
    text += "participants:\n  registrations:\n"
    for i in range(rng.randint(2, 6)):
        wanted = rng.sample(range(n), rng.randint(2, min(4, n)))
        text += f"  - {{id: a{i}, sessions: [{', '.join(f's{j}' for j in wanted)}]}}\n"
    return text


def test_random_tiny_events_keep_every_cut_and_their_optimum() -> None:
    """On 40 random tiny events: every cut holds on the proven optimum found without the
    cuts (pairs read from the schedule, which the checker passes), and the optimum with
    the cuts is the same. Most draws have a cut, so the property is exercised."""
    with_cuts = 0
    for seed in range(40):
        scenario = parse_scenario(tiny_event(random.Random(seed)), f"tiny-{seed}.yaml")
        result = solve(scenario, SolveOptions(time_limit=5, deterministic=True, workers=1,
                                              bounds=frozenset(), handle_sigint=False,
                                              diagnose=False))
        if result.status == SolveStatus.INFEASIBLE:
            continue
        assert result.status == SolveStatus.OPTIMAL and result.schedule is not None
        report = check(scenario, result.schedule)
        assert report.ok
        cuts, sets = cut_sets(scenario)
        with_cuts += bool(sets)
        overlap = overlapping(result.schedule)
        for members, least in sets:
            pairs = [p for p in combinations(members, 2) if p in cuts.overlaps]
            assert sum(p in overlap for p in pairs) >= least, (seed, members, least)
            excess = cuts.excess(members)
            covered = sum(min(cuts.length[a], cuts.length[b], excess) for a, b in pairs
                          if a_b_in(a, b, overlap))
            assert covered >= excess, (seed, members, excess)
        strong = proven(scenario, CLASHES)
        assert check(scenario, strong).objective == report.objective, seed
    assert with_cuts >= 15


def a_b_in(a: str, b: str, pairs: set[tuple[str, str]]) -> bool:
    return (a, b) in pairs
