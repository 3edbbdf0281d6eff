"""The time relaxation alone (preferences + instrument spread, core search), with more
deterministic units than ``lower_bound``'s :data:`~scheduler.lower_bound.combined.TIME_UNITS`
(3): python time_part.py OUT.jsonl UNITS SHAPE:SEED...

Its value bounds preferences + instrument spread; with the other split's parts of
``lower_bound`` (the track relaxation without preferences: room fit + track-room stability
+ dropped; compact days), each a bound of disjoint terms, their sum bounds the objective.
"""
import json
import os
import sys
import time

from scheduler.facts import FactBuilder
from scheduler.generate import generate_yaml, params_for
from scheduler.lower_bound.times import time_relaxation
from scheduler.scenario import parse_scenario

out, units = sys.argv[1], float(sys.argv[2])
for spec in sys.argv[3:]:
    shape, seed = spec.split(":")
    sc = parse_scenario(generate_yaml(params_for(shape), int(seed)), spec)
    facts = FactBuilder(sc).build()
    load0 = os.getloadavg()[0]
    t = time.process_time()
    tb = time_relaxation(sc, facts, limit=units)
    row = {"instance": spec, "units_limit": units, "value": tb.value, "proven": tb.proven,
           "units": round(tb.deterministic, 2), "cpu": round(time.process_time() - t, 1),
           "load_before": load0, "load_after": os.getloadavg()[0]}
    with open(out, "a") as fh:
        fh.write(json.dumps(row) + "\n")
    print(row, flush=True)
