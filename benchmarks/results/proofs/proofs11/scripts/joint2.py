"""The joint time relaxation (joint-time.patch applied to times.py) without preferences:
compact days, instrument spread and every wanted pair's clash together.

    python joint2.py UNITS pycon1.yaml ...
"""

import sys
import time

from scheduler.facts import FactBuilder
from scheduler.lower_bound.times import time_relaxation
from scheduler.scenario.load import load_scenario

for path in sys.argv[2:]:
    scenario = load_scenario(path)
    facts = FactBuilder(scenario).build()
    began = time.process_time()
    found = time_relaxation(scenario, facts, limit=float(sys.argv[1]),  # type: ignore[call-arg]
                            joint=True, core=False, preferences=False)
    print(path, found.value, found.proven, round(found.deterministic, 2),
          round(time.process_time() - began, 1), flush=True)
