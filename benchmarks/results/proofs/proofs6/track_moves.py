"""The start heuristic's schedule (greedy and polish), then track moves alone
(``scheduler.solver.trackday.improve``, one thread) with the objective after each move
taken and the process's CPU seconds then; one JSON row on stdout (#17, ``proofs6``).

    python benchmarks/results/proofs/proofs6/track_moves.py NAME SEED MOVES [STALL]
"""

import json
import os
import sys
import time

from benchmarks.suites import SUITES
from scheduler.checker import check
from scheduler.facts import FactBuilder
from scheduler.generate import generate_yaml
from scheduler.scenario import parse_scenario
from scheduler.solver import trackday
from scheduler.solver.run import greedy_start

name, seed, moves = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
stall = int(sys.argv[4]) if len(sys.argv) > 4 else None
by_name = {i.name: i for suite in ("small", "full", "ci") for i in SUITES[suite]}
scenario = parse_scenario(generate_yaml(by_name[name].params(), seed), f"{name}-s{seed}")
cpu0 = time.process_time()
facts = FactBuilder(scenario).build()
start = greedy_start(scenario, facts, time_budget=None, seed=0)
assert start is not None
cpu1 = time.process_time()
first = check(scenario, start)
trajectory: list[tuple[float, int]] = []
stats = trackday.Stats()
moved = trackday.improve(scenario, facts, start, moves=moves, seed=0, stats=stats, stall=stall,
                         on_move=lambda objective: trajectory.append(
                             (round(time.process_time() - cpu1, 2), objective)))
cpu2 = time.process_time()
last = check(scenario, moved)
print(json.dumps({
    "instance": f"{name}/s{seed}", "start": first.objective, "start_cpu": round(cpu1 - cpu0, 2),
    "moved": last.objective, "checked": last.ok, "moves_cpu": round(cpu2 - cpu1, 2),
    "tried": stats.tried, "taken": stats.taken,
    "start_terms": {n: t.penalty for n, t in first.terms.items() if t.penalty},
    "terms": {n: t.penalty for n, t in last.terms.items() if t.penalty},
    "trajectory": trajectory, "load": round(os.getloadavg()[0], 1)}))
