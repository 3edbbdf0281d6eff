"""Planted objective and lower bound, no clock (#17, quality8): like ../../lns/quality7/bounds.py,
with ``lower_bound(scenario, time_limit=LIMIT, clock=False)``: only deterministic units end
each sub-model, so the bound is the same under any load.

    python bounds_det.py OUT.jsonl LIMIT SHAPE:SEED...
"""
import json
import os
import sys
import time

import scheduler
from benchmarks.yardstick import generate_with_yardstick
from scheduler.generate import params_for
from scheduler.lower_bound import lower_bound
from scheduler.scenario import parse_scenario

out, limit = sys.argv[1], float(sys.argv[2])
for spec in sys.argv[3:]:
    shape, seed = spec.split(":")
    text, yard = generate_with_yardstick(params_for(shape), int(seed))
    sc = parse_scenario(text, f"{shape}-s{seed}")
    load0 = os.getloadavg()[0]
    t = time.process_time()
    lb = lower_bound(sc, time_limit=limit, clock=False)
    planted = yard["planted_objective"]
    row = {"tree": os.path.dirname(os.path.dirname(scheduler.__file__)), "instance": spec,
           "limit": limit, "clock": False, "planted": planted, "half": planted / 2,
           "bound": lb.value, "bound_over_planted": round(lb.value / planted, 4),
           "impossible": lb.value > planted / 2, "complete": lb.complete,
           "cpu": round(time.process_time() - t, 1),
           "parts": {"+".join(p.terms): round(p.value, 1) for p in lb.parts if p.value},
           "notes": {p.terms[0]: p.note for p in lb.parts if p.value},
           "scenario_sha256": yard["scenario_sha256"],
           "load_before": load0, "load_after": os.getloadavg()[0]}
    with open(out, "a") as fh:
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(row, flush=True)
