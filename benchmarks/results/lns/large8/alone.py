"""Track moves on large without a clock: the greedy's start, the polish's passes
(``polish.TRACK_MOVES = 0``), then ``N`` counted moves of ``trackday.improve`` (stall 100,
one process), each result checked by the independent checker, with its CPU seconds.

    python benchmarks/results/lns/large8/alone.py N [kinds=K1,K2,...] large:36 ...

(``kinds``: what ``improve`` is given; on an event with clash pairs the ``clash`` kind is
drawn too, and ``tried`` shows what was drawn.)
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


def terms(scenario: Scenario, schedule: Schedule) -> tuple[float, dict[str, int]]:
    report = check(scenario, schedule)
    assert report.ok and report.objective is not None, report.violations[:3]
    return report.objective, {k: t.penalty for k, t in report.terms.items() if t.penalty}


def main(argv: list[str]) -> None:
    moves = int(argv[0])
    args = argv[1:]
    kinds = trackday.KINDS
    if args and args[0].startswith("kinds="):
        kinds = tuple(args.pop(0)[len("kinds="):].split(","))
    for item in args:
        shape, seed = item.split(":")
        data, plan = generate_with_plan(params_for(shape), int(seed))
        scenario = parse_scenario(to_yaml(data), item)
        facts = load_facts(scenario)
        began = time.process_time()
        placed = greedy_schedule(scenario, within_people_hours(scenario, facts),
                                 time_budget=None, rounds=40, seed=0)
        assert placed is not None
        planted = check(scenario, plan).objective
        assert planted is not None
        polishing.TRACK_MOVES = 0
        passes = polishing.polish(scenario, facts, choose_people(scenario, placed))
        objective, parts = terms(scenario, passes)
        print(item, "planted", planted, "passes", objective, round(objective / planted, 3),
              parts, round(time.process_time() - began, 1), "CPU s", flush=True)
        stats = trackday.Stats()
        began = time.process_time()
        moved = trackday.improve(scenario, facts, passes, moves=moves, seed=0, stats=stats,
                                 stall=polishing.TRACK_STALL, kinds=kinds)
        cpu = time.process_time() - began
        after, parts = terms(scenario, moved)
        print(item, kinds, after, round(after / planted, 3), parts, round(cpu, 1), "CPU s",
              round(stats.units, 1), "units", "tried", stats.tried, "taken", stats.taken,
              "gain", stats.gain, flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
