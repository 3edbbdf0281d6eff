"""The start's schedule of each 10,000-session event (``greedy_start`` without a clock, as
the solve makes it), saved for the check's measurements.

    python benchmarks/results/huge/process6/make_starts.py 1 2 3 4 5

Reads /tmp/huge/big{N}.yaml, writes /tmp/process6/start{N}.json.
"""

import sys
import time

from scheduler.scenario import load_scenario
from scheduler.schedule import save_schedule
from scheduler.solver.greedy.cap import Cap
from scheduler.solver.run import greedy_start, load_facts

for n in sys.argv[1:]:
    wall, cpu = time.monotonic(), time.process_time()
    scenario = load_scenario(f"/tmp/huge/big{n}.yaml")
    facts = load_facts(scenario)
    start = greedy_start(scenario, facts, time_budget=None, seed=0, cap=Cap.never())
    assert start is not None
    save_schedule(start, f"/tmp/process6/start{n}.json")
    print(n, len(start.sessions), "wall", round(time.monotonic() - wall, 1),
          "cpu", round(time.process_time() - cpu, 1), flush=True)
