"""The room-and-day relaxation (scheduler/solver/day_floor.py) of generated instances: its
bound after UNITS deterministic units (one worker), units and CPU seconds; one JSON line each.

    python relax.py UNITS talks-100/1 talks-50/4 ...
"""

import json
import os
import sys
import time

from benchmarks.suites import SUITES
from scheduler.generate import generate_yaml
from scheduler.scenario import parse_scenario
from scheduler.solver import SolveOptions, day_floor
from scheduler.solver.model import ScheduleModel

units = float(sys.argv[1])
by = {i.name: i for s in ("small", "ci") for i in SUITES[s]}
options = SolveOptions(time_limit=10, workers=2, deterministic=True)
for spec in sys.argv[2:]:
    name, seed = spec.split("/")
    scenario = parse_scenario(generate_yaml(by[name].params(), int(seed)), spec)
    built = ScheduleModel(scenario)
    cpu = time.process_time()
    found = day_floor.bound(built, scenario, options, units)
    print(json.dumps({"instance": f"{name}/s{seed}", "units": units,
                      "applies": day_floor.applies(built, options, False, False),
                      "bound": found, "cpu": round(time.process_time() - cpu, 2),
                      "load": round(os.getloadavg()[0], 1)}), flush=True)
