"""Planted objective and lower bound of held-out instances (#17, quality7).

    python bounds.py OUT.jsonl LIMIT TIME_UNITS SHAPE:SEED...

``lower_bound(scenario, time_limit=LIMIT)`` with ``combined.TIME_UNITS = TIME_UNITS``
(the deterministic units of the time relaxation; main: 3). PYTHONPATH picks the tree.
"""
import json
import os
import sys
import time

import scheduler
from benchmarks.yardstick import generate_with_yardstick
from scheduler.generate import params_for
from scheduler.lower_bound import combined, lower_bound
from scheduler.scenario import parse_scenario

out, limit, units = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
combined.TIME_UNITS = units
for spec in sys.argv[4:]:
    shape, seed = spec.split(":")
    text, yard = generate_with_yardstick(params_for(shape), int(seed))
    sc = parse_scenario(text, f"{shape}-s{seed}")
    load0 = os.getloadavg()[0]
    t = time.process_time()
    lb = lower_bound(sc, time_limit=limit)
    planted = yard["planted_objective"]
    row = {"tree": os.path.dirname(os.path.dirname(scheduler.__file__)), "instance": spec,
           "limit": limit, "time_units": units, "planted": planted, "half": planted / 2,
           "bound": lb.value, "bound_over_planted": round(lb.value / planted, 4),
           "impossible": lb.value > planted / 2, "complete": lb.complete,
           "cpu": round(time.process_time() - t, 1),
           "parts": {"+".join(p.terms): round(p.value, 1) for p in lb.parts if p.value},
           "notes": {p.terms[0]: p.note for p in lb.parts if p.value},
           "load_before": load0, "load_after": os.getloadavg()[0]}
    with open(out, "a") as fh:
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(row, flush=True)
