"""Sub-problems of a talks instance: the model ``solve()`` builds, plain CP-SAT, one row.

    python sub.py NAME SEED UNITS WORKERS ['room_fit<=97' ...] [min=TERM+TERM]

Specs: ``TERMS<=N`` / ``>=`` / ``==`` on weighted term sums; ``min=...`` minimises those
terms instead of the total. Environment: ``BOUNDS=grain,symmetry`` (the pieces),
``FIX="compact[0]=24;compact[1]=10"`` (variables fixed by name), ``PARAMS='{...}'``
(CP-SAT parameters; a string value names a cp_model constant), ``STRAT=1`` (branch on the
day values first). Random seed 0 unless ``PARAMS`` sets one.
"""

import json
import os
import sys
import time

from ortools.sat.python import cp_model

from benchmarks.suites import SUITES
from scheduler.generate import generate_yaml
from scheduler.scenario import parse_scenario
from scheduler.solver.model import ScheduleModel

name, seed = sys.argv[1], int(sys.argv[2])
units, workers = float(sys.argv[3]), int(sys.argv[4])
by = {i.name: i for s in ("small", "full", "ci") for i in SUITES[s]}
sc = parse_scenario(generate_yaml(by[name].params(), seed), f"{name}-s{seed}")
pieces = frozenset(os.environ["BOUNDS"].split(",")) if os.environ.get("BOUNDS") else None
built = ScheduleModel(sc, strengthen=pieces)
terms = built.objective.terms
objective = built.objective.total()


def weighted(names: str):  # noqa: ANN201
    return sum(terms[x][0] * terms[x][1] for x in names.split("+"))


for spec in sys.argv[5:]:
    if spec.startswith("min="):
        objective = weighted(spec[4:])
        continue
    for op in ("<=", ">=", "=="):
        if op in spec:
            t, v = spec.split(op)
            e = weighted(t)
            built.model.add(e <= int(v) if op == "<=" else e >= int(v) if op == ">=" else
                            e == int(v))
            break
names = {x.name: i for i, x in enumerate(built.model.proto.variables)}
for fx in filter(None, os.environ.get("FIX", "").split(";")):
    k, v = fx.split("=")
    built.model.add(built.model.get_int_var_from_proto_index(names[k]) == int(v))
built.model.minimize(objective)
s = cp_model.CpSolver()
s.parameters.catch_sigint_signal = False
s.parameters.num_workers = workers
s.parameters.max_deterministic_time = units
s.parameters.max_time_in_seconds = 60 * units
s.parameters.random_seed = 0
s.parameters.interleave_search = workers > 1
for k, v in json.loads(os.environ.get("PARAMS", "{}")).items():
    if isinstance(v, list):
        getattr(s.parameters, k).extend(v)
    else:
        setattr(s.parameters, k, getattr(cp_model, v) if isinstance(v, str) else v)
if os.environ.get("STRAT"):
    cv = [built.model.get_int_var_from_proto_index(i)
          for i, x in enumerate(built.model.proto.variables) if x.name.startswith("compact[")]
    built.model.add_decision_strategy(cv, cp_model.CHOOSE_FIRST, cp_model.SELECT_MIN_VALUE)
c = time.process_time()
st = s.solve(built.model)
found = st in (cp_model.OPTIMAL, cp_model.FEASIBLE)
vals = {t: s.value(terms[t][1]) * terms[t][0] for t in terms} if found else None
print(json.dumps({
    "inst": f"{name}/s{seed}", "specs": sys.argv[5:], "pieces": sorted(built.bounds),
    "status": s.status_name(st), "obj": s.objective_value if found else None,
    "bound": s.best_objective_bound, "terms": vals, "det": round(s.deterministic_time, 2),
    "cpu": round(time.process_time() - c, 1), "load": round(os.getloadavg()[0], 1)}),
    flush=True)
