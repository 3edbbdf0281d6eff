"""Slot moves measured without a clock: for each generated instance, the greedy start
polished by its passes alone (``polish.TRACK_MOVES`` set to 0), then ``N`` moves of
``scheduler.solver.trackday.improve(moves=N, stall=polish.TRACK_STALL)`` as the polish
calls them (no deadline), once with the track kinds alone (``trackday.KINDS`` without
``slots``: the code before this branch) and once with every kind, each result checked by
the independent checker, with the CPU seconds each took and what each kind tried, took and
gained. Deterministic (one CP-SAT worker, counted moves, fixed seeds): the objectives do
not depend on the machine's load.

    python benchmarks/results/lns/quality6/slots_alone.py 1000 euro:11 informs:12
"""

from __future__ import annotations

import sys
import time

from scheduler.checker import check
from scheduler.generate import generate_with_plan, params_for, to_yaml
from scheduler.scenario import parse_scenario
from scheduler.scenario.model import Scenario
from scheduler.schedule import Schedule
from scheduler.solver import polish as polishing
from scheduler.solver import trackday
from scheduler.solver.greedy.people import choose_people, within_people_hours
from scheduler.solver.greedy.start import greedy_schedule
from scheduler.solver.run import load_facts

ALL = trackday.KINDS
TRACKS_ONLY = tuple(k for k in ALL if k != "slots")


def terms(scenario: Scenario, schedule: Schedule) -> tuple[float | None, dict[str, int]]:
    """(objective, the soft terms that cost something), after the checker passed it."""
    report = check(scenario, schedule)
    assert report.ok, report.violations
    return report.objective, {k: t.penalty for k, t in report.terms.items() if t.penalty}


def main(args: list[str]) -> None:
    moves = int(args[0])
    for item in args[1:]:
        shape, seed = item.split(":")
        data, plan = generate_with_plan(params_for(shape), int(seed))
        scenario = parse_scenario(to_yaml(data), item)
        facts = load_facts(scenario)
        placed = greedy_schedule(scenario, within_people_hours(scenario, facts),
                                 time_budget=None, rounds=40, seed=0)
        if placed is None:
            print(item, "the greedy left sessions out", flush=True)
            continue
        planted = check(scenario, plan).objective
        polishing.TRACK_MOVES = 0
        passes = polishing.polish(scenario, facts, choose_people(scenario, placed))
        objective, parts = terms(scenario, passes)
        assert objective is not None and planted is not None
        print(f"{item} planted {planted:.0f} passes {objective:.0f} "
              f"({objective / planted:.3f}) {parts}", flush=True)
        for label, kinds in (("tracks only", TRACKS_ONLY), ("with slots", ALL)):
            trackday.KINDS = kinds
            stats = trackday.Stats()
            began = time.process_time()
            moved = trackday.improve(scenario, facts, passes, moves=moves, seed=0,
                                     stats=stats, stall=polishing.TRACK_STALL)
            cpu = time.process_time() - began
            after, parts = terms(scenario, moved)
            assert after is not None
            print(f"{item} {label}: {after:.0f} ({after / planted:.3f}) {parts} "
                  f"{cpu:.1f} CPU s ({stats.units:.1f} units); tried {stats.tried} "
                  f"taken {stats.taken} gain {stats.gain}", flush=True)
        trackday.KINDS = ALL


if __name__ == "__main__":
    main(sys.argv[1:])
