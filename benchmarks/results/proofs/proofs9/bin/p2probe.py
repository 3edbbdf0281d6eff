# ruff: noqa: E402, E501, E741, SIM115, B905, B023, B007 - one-off probes, kept as they ran
"""From a cached phase-1 schedule (p1 cache), a phase-2 variant for CPU C s (process CPU):
VAR=max_lp (product) | lns (use_lns_only) ; bound B as constraint.  python p2probe.py NAME SEED P B C"""

import json
import os
import sys
import threading
import time

from ortools.sat.python import cp_model

from benchmarks.suites import SUITES
from scheduler.generate import generate_yaml
from scheduler.scenario import parse_scenario
from scheduler.solver import SolveOptions
from scheduler.solver import run as R

name, seed, P, B, C = (
    sys.argv[1],
    int(sys.argv[2]),
    float(sys.argv[3]),
    int(sys.argv[4]),
    float(sys.argv[5]),
)
var = os.environ.get("VAR", "max_lp")
by = {i.name: i for s in ("small", "full", "ci") for i in SUITES[s]}
sc = parse_scenario(generate_yaml(by[name].params(), seed), f"{name}-s{seed}")
opts = SolveOptions(time_limit=P, workers=2, deterministic=True)
run = R.Run(sc, opts, time.monotonic())
run.deadline = R.deadline_of(run)
run.facts = R.load_facts(sc)
R.start(run)
built = R.build(run)
vals, obj = json.load(open(f"/tmp/proofs9/p1-{name}-{seed}-{P}.json"))
m = built.model.clone()
m.clear_hints()
for i, v in enumerate(vals):
    m.add_hint(m.get_int_var_from_proto_index(i), v)
o = m.proto.objective
if os.environ.get("DOM"):
    o.domain.clear()
    o.domain.extend([int(B - o.offset), 1 << 40])
else:
    m.add(
        sum(c * m.get_int_var_from_proto_index(v) for v, c in zip(o.vars, o.coeffs))
        >= int(B - o.offset)
    )
s = cp_model.CpSolver()
p = s.parameters
p.num_workers = 2
p.max_time_in_seconds = 600
p.catch_sigint_signal = False
p.random_seed = int(os.environ.get("RS", "0"))
if var == "max_lp":
    p.subsolvers.append("max_lp")
elif var == "lns":
    p.use_lns_only = True
elif var == "default":
    pass
c0 = time.process_time()


def watch():
    while time.process_time() - c0 < C:
        time.sleep(0.05)
    s.stop_search()


threading.Thread(target=watch, daemon=True).start()
ev = []


class CB(cp_model.CpSolverSolutionCallback):
    def on_solution_callback(self):
        ev.append(
            (round(time.process_time() - c0, 2), self.objective_value, self.best_objective_bound)
        )


st = s.solve(m, CB())
print(
    name,
    seed,
    var,
    s.status_name(st),
    s.objective_value,
    s.best_objective_bound,
    f"{time.process_time() - c0:.2f}cpu {s.deterministic_time:.2f}u",
    ev[-5:],
    flush=True,
)
