"""The track moves on one and on two processes, without a clock: for each generated
instance, the greedy start, the polish's passes alone (``polish.TRACK_MOVES = 0``), then
N track moves (``trackday.improve(moves=N, stall=polish.TRACK_STALL, workers=W)``) for
W = 1 and 2: the objective (the same for both: the rounds read one schedule either way),
the wall seconds, the CPU seconds of this process and of the helper, and the load.

    python benchmarks/results/lns/process6/parallel.py 1000 euro:11 informs:12
"""

from __future__ import annotations

import os
import resource
import sys
import time

from scheduler.checker import check
from scheduler.generate import generate_with_plan, params_for, to_yaml
from scheduler.scenario import parse_scenario
from scheduler.solver import polish as polishing
from scheduler.solver import trackday
from scheduler.solver.greedy.people import choose_people, within_people_hours
from scheduler.solver.greedy.start import greedy_schedule
from scheduler.solver.run import load_facts


def children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(args: list[str]) -> None:
    moves = int(args[0])
    for item in args[1:]:
        shape, seed = item.split(":")
        data, plan = generate_with_plan(params_for(shape), int(seed))
        scenario = parse_scenario(to_yaml(data), item)
        facts = load_facts(scenario)
        placed = greedy_schedule(scenario, within_people_hours(scenario, facts),
                                 time_budget=None, rounds=40, seed=0)
        assert placed is not None
        planted = check(scenario, plan).objective
        assert planted is not None
        polishing.TRACK_MOVES = 0
        passes = polishing.polish(scenario, facts, choose_people(scenario, placed))
        before = check(scenario, passes).objective
        print(f"{item} planted {planted:.0f} passes {before:.0f}", flush=True)
        for workers in [int(w) for w in os.environ.get("WORKERS", "1,2,1,2").split(",")]:
            stats = trackday.Stats()
            wall, cpu, child = time.monotonic(), time.process_time(), children()
            load = os.getloadavg()[0]
            moved = trackday.improve(scenario, facts, passes, moves=moves, seed=0,
                                     stats=stats, stall=polishing.TRACK_STALL,
                                     workers=workers)
            wall, cpu = time.monotonic() - wall, time.process_time() - cpu
            child = children() - child
            report = check(scenario, moved)
            assert report.ok and report.objective is not None
            tried = sum(stats.tried.values())
            print(f"{item} workers {workers}: {report.objective:.0f} "
                  f"({report.objective / planted:.3f}) {tried} sub-models, "
                  f"wall {wall:.1f} s, CPU {cpu:.1f} + helper {child:.1f} s, "
                  f"helper solved {stats.helped}, "
                  f"{tried / wall:.1f} sub-models per wall s, "
                  f"{tried / (cpu + child):.1f} per CPU s, load {load:.1f}->"
                  f"{os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
