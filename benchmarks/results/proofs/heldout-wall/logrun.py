"""``solve()`` on one generated suite instance with CP-SAT's log on (``phase1-log.txt``):
``python logrun.py NAME SEED LIMIT`` (2 workers, wall clock)."""

import sys
import time

from benchmarks.suites import SUITES
from scheduler.generate import generate_yaml
from scheduler.scenario import parse_scenario
from scheduler.solver import SolveOptions, solve

by = {i.name: i for s in ("small", "full", "ci") for i in SUITES[s]}
name, seed, limit = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
scenario = parse_scenario(generate_yaml(by[name].params(), seed), name)
began = time.process_time()
result = solve(scenario, SolveOptions(time_limit=limit, workers=2, log=True,
                                      handle_sigint=False, diagnose=False))
schedule = result.schedule
print(result.status, schedule.objective if schedule else None,
      schedule.solve.bound if schedule else None, time.process_time() - began)
