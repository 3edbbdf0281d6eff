# ruff: noqa: E402, E501, E741, SIM115, B905, B023, B007 - one-off probes, kept as they ran
"""Phase 1 as the product runs it (deterministic or wall), with CP-SAT's log.
python p1log.py NAME SEED LIMIT [det] ; PARAMS='k=v;...' extra CP-SAT parameters"""

import ast
import os
import sys
import time

from benchmarks.suites import SUITES
from scheduler.generate import generate_yaml
from scheduler.scenario import parse_scenario
from scheduler.solver import SolveOptions
from scheduler.solver import run as R
from scheduler.solver import search as S

name, seed, L = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
det = len(sys.argv) > 4 and sys.argv[4] == "det"
by = {i.name: i for s in ("small", "full", "ci") for i in SUITES[s]}
sc = parse_scenario(generate_yaml(by[name].params(), seed), f"{name}-s{seed}")
opts = SolveOptions(time_limit=L, workers=2, deterministic=det, log=bool(os.environ.get("LOG")))
from dataclasses import replace

run = R.Run(sc, replace(opts, deterministic=True), time.monotonic())
run.deadline = R.deadline_of(run)
run.facts = R.load_facts(sc)
R.start(run)
built = R.build(run)
R.hint(run, built)
solver = S.configure(opts, time.monotonic())
solver.parameters.max_time_in_seconds = L
solver.parameters.num_full_subsolvers = 1
solver.parameters.subsolvers.extend(S.DETERMINISTIC_FIRST if det else S.FIRST_SUBSOLVERS)
for kv in os.environ.get("PARAMS", "").split(";"):
    if kv:
        k, v = kv.split("=")
        S.apply_parameters(solver, {k: ast.literal_eval(v)})
from ortools.sat.python import cp_model

c0 = time.process_time()
ev = []


class CB(cp_model.CpSolverSolutionCallback):
    def on_solution_callback(self):
        ev.append(
            (
                round(self.deterministic_time, 2),
                round(time.process_time() - c0, 2),
                self.objective_value,
                self.best_objective_bound,
            )
        )


st = solver.solve(built.model, CB())
print(
    "final bound",
    solver.best_objective_bound,
    "inner",
    solver.response_proto.inner_objective_lower_bound,
)
print(
    name,
    seed,
    os.environ.get("PARAMS", ""),
    solver.status_name(st),
    solver.objective_value,
    solver.best_objective_bound,
    f"{solver.deterministic_time:.2f}u {time.process_time() - c0:.2f}cpu",
    ev[-6:],
    flush=True,
)
