"""Is there a schedule below the best one found? The model ``solve()`` builds for a suite
instance's held-out seed (default bound pieces), with ``objective <= TARGET`` added and the
objective still minimised: FEASIBLE (a schedule at or below TARGET) says the primal search
was what was missing; INFEASIBLE says the best schedule was optimal and the bound was what
was missing; UNKNOWN says neither within the budget. One JSON row on stdout.

    python benchmarks/results/proofs/heldout-long/below.py NAME SEED TARGET UNITS \
        [WORKERS] [SUBSOLVER]

(TARGET ``none``: the same solve without the constraint; environment ``SEED=N``:
CP-SAT's random seed, ``NOSHARE=1``: no binary-clause sharing, as ``--deterministic``
sets.) No hint, no phases: CP-SAT's
default portfolio, interleaved with 2 workers, stopped on deterministic units. A schedule
found is read out and scored by the checker (``checked``).
"""

import json
import os
import sys
import time

from ortools.sat.python import cp_model

from benchmarks.suites import SUITES
from scheduler.checker import check
from scheduler.generate import generate_yaml
from scheduler.scenario import parse_scenario
from scheduler.schedule import SolveStatus
from scheduler.solver.extract import extract_schedule
from scheduler.solver.model import ScheduleModel

name, seed, units = sys.argv[1], int(sys.argv[2]), float(sys.argv[4])
target = None if sys.argv[3] == "none" else int(sys.argv[3])  # none: the plain model
workers = int(sys.argv[5]) if len(sys.argv) > 5 else 2
subsolver = sys.argv[6] if len(sys.argv) > 6 else None
by_name = {i.name: i for suite in ("small", "full", "ci") for i in SUITES[suite]}
scenario = parse_scenario(generate_yaml(by_name[name].params(), seed), f"{name}-s{seed}")
built = ScheduleModel(scenario)
total = built.objective.total()
if target is not None:
    built.model.add(total <= target)
built.model.minimize(total)
solver = cp_model.CpSolver()
solver.parameters.num_workers = workers
solver.parameters.max_deterministic_time = units
solver.parameters.max_time_in_seconds = 60 * units
solver.parameters.interleave_search = workers > 1
if os.environ.get("SEED"):  # CP-SAT's random seed (its default is 1; solve() uses 0)
    solver.parameters.random_seed = int(os.environ["SEED"])
if os.environ.get("NOSHARE"):  # as --deterministic does
    solver.parameters.share_binary_clauses = False
if subsolver:
    solver.parameters.num_full_subsolvers = 1
    solver.parameters.subsolvers.append(subsolver)
cpu = time.process_time()
status = solver.solve(built.model)
found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
checked = None  # the schedule found, read out and scored by the independent checker
if found:
    report = check(scenario, extract_schedule(built, solver.value, SolveStatus.FEASIBLE))
    refused = [str(v) for v in report.violations[:3]]
    checked = report.objective if report.ok else f"refused: {refused}"
print(json.dumps({"instance": f"{name}/s{seed}", "seed": solver.parameters.random_seed,
                  "share": solver.parameters.share_binary_clauses,
                  "pieces": sorted(built.bounds), "target": target,
                  "workers": workers, "subsolver": subsolver, "units": units,
                  "status": solver.status_name(status),
                  "objective": solver.objective_value if found else None,
                  "checked": checked,
                  "bound": solver.best_objective_bound,
                  "deterministic": round(solver.deterministic_time, 2),
                  "cpu": round(time.process_time() - cpu, 1)}), flush=True)
