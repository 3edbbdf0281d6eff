"""The optimum of a held-out seed by enumerating each day's end.

``compact_days`` is one integer per day (steps from the frame start to the day's last end).
With every day's value fixed the rest of the objective is easier to solve and to prove, so
the whole optimum is min over day-end vectors (v0, v1, ...) of the fixed model's optimum.
Vectors are taken in order of their sum; a vector whose sum plus the floor of every other
term (``REST``, a proven lower bound of the objective without ``compact_days``) cannot beat
the best schedule found is skipped, so the enumeration is exhaustive up to its limits.
One JSON row per vector on stdout, then a summary row:

    python benchmarks/results/proofs/heldout-long/dayends.py NAME SEED REST BEST UNITS_PER_VECTOR

``REST`` and ``BEST`` from earlier runs (``BEST``: the best schedule's objective). The
summary's ``optimum`` is proven when every vector that could beat ``BEST`` was solved to
optimality (or infeasibility); ``bound`` is min over vectors of the fixed model's bound
(over all vectors, the skipped ones at ``sum + REST``).
"""

import itertools
import json
import sys
import time

from ortools.sat.python import cp_model

from benchmarks.suites import SUITES
from scheduler.generate import generate_yaml
from scheduler.scenario import parse_scenario
from scheduler.solver.model import ScheduleModel

name, seed = sys.argv[1], int(sys.argv[2])
rest, best, units = int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
by_name = {i.name: i for suite in ("small", "full", "ci") for i in SUITES[suite]}
scenario = parse_scenario(generate_yaml(by_name[name].params(), seed), f"{name}-s{seed}")
weight = scenario.weights.compact_days
days = len(scenario.days)


def solve(values: tuple[int, ...]) -> dict[str, object]:
    built = ScheduleModel(scenario)
    names = {x.name: i for i, x in enumerate(built.model.proto.variables)}
    for d, v in enumerate(values):
        built.model.add(built.model.get_int_var_from_proto_index(names[f"compact[{d}]"]) == v)
    built.model.minimize(built.objective.total())
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = units
    solver.parameters.max_time_in_seconds = 100 * units
    began = time.process_time()
    status = solver.solve(built.model)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return {"values": list(values), "status": solver.status_name(status),
            "objective": solver.objective_value if found else None,
            "bound": None if status == cp_model.INFEASIBLE else solver.best_objective_bound,
            "deterministic": round(solver.deterministic_time, 2),
            "cpu": round(time.process_time() - began, 1)}


# Each day's least value on its own: CP-SAT's bound when minimising that day's value alone.
low = []
for d in range(days):
    built = ScheduleModel(scenario)
    names = {x.name: i for i, x in enumerate(built.model.proto.variables)}
    built.model.minimize(built.model.get_int_var_from_proto_index(names[f"compact[{d}]"]))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = 5
    solver.solve(built.model)
    low.append(int(solver.best_objective_bound))
print(json.dumps({"day_floors": low}), flush=True)
span = (best - 1 - rest) // weight  # the largest sum of day values that could beat BEST
incumbent, proven, bound = best, True, float("inf")
rows = []
for values in itertools.product(*[range(lo, span + 1) for lo in low]):
    if sum(values) > span:
        continue
    row = solve(values)
    rows.append(row)
    print(json.dumps(row), flush=True)
    if row["objective"] is not None:
        incumbent = min(incumbent, int(row["objective"]))
    if row["status"] not in ("OPTIMAL", "INFEASIBLE"):
        proven = False
    if row["bound"] is not None:
        bound = min(bound, float(row["bound"]))
bound = min(bound, weight * (span + 1) + rest)  # every vector not enumerated
print(json.dumps({"summary": True, "instance": f"{name}/s{seed}", "best_found": incumbent,
                  "bound": bound, "every_vector_closed": proven, "vectors": len(rows),
                  "span": span, "rest": rest}), flush=True)
