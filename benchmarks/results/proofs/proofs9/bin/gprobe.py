# ruff: noqa: E402, E501, E741, SIM115, B905, B023, B007 - one-off probes, kept as they ran
"""Build the model as solve() does (greedy+polish start, hint), then solve the gathered copy
for UNITS deterministic units with W workers; print solutions (units, cpu, objective)."""

import sys
import time

import gather
from ortools.sat.python import cp_model

from benchmarks.suites import SUITES
from scheduler.generate import generate_yaml
from scheduler.scenario import parse_scenario
from scheduler.solver import SolveOptions
from scheduler.solver import run as R

name, seed, units, w = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
mode = sys.argv[5] if len(sys.argv) > 5 else "gather"
by = {i.name: i for s in ("small", "full", "ci") for i in SUITES[s]}
sc = parse_scenario(generate_yaml(by[name].params(), seed), f"{name}-s{seed}")
opts = SolveOptions(time_limit=units, workers=w, deterministic=True)
run = R.Run(sc, opts, time.monotonic())
run.deadline = R.deadline_of(run)
run.facts = R.load_facts(sc)
R.start(run)
built = R.build(run)
R.hint(run, built)
print("hint complete", built.hint_complete, file=sys.stderr)
model = gather.gathered_model(built) if mode == "gather" else built.model
s = cp_model.CpSolver()
s.parameters.num_workers = w
s.parameters.max_deterministic_time = units
s.parameters.max_time_in_seconds = 300
s.parameters.catch_sigint_signal = False
if w > 1:
    s.parameters.interleave_search = True
c0 = time.process_time()


class CB(cp_model.CpSolverSolutionCallback):
    def on_solution_callback(self):
        print(
            f"  {self.deterministic_time:.2f}u {time.process_time() - c0:.2f}cpu obj {self.objective_value} bound {self.best_objective_bound}"
        )


st = s.solve(model, CB())
print(
    name,
    seed,
    mode,
    s.status_name(st),
    s.objective_value,
    s.best_objective_bound,
    f"{s.deterministic_time:.2f}u",
    f"{time.process_time() - c0:.2f}cpu",
)
