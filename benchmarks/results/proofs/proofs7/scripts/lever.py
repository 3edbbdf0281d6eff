"""python lever.py FILE DET VARIANT... : one worker, deterministic, no hint."""

import json
import pathlib
import sys
import time

from ortools.sat.python import cp_model

from scheduler.scenario import parse_scenario
from scheduler.solver.model import ScheduleModel

VARIANTS = {
    "default": {},
    "core": {"optimize_with_core": True},
    "core_lin2": {"optimize_with_core": True, "linearization_level": 2},
    "lbsearch": {"use_objective_lb_search": True},
    "lbtree": {"optimize_with_lb_tree_search": True},
    "maxlp": {"linearization_level": 2},
    "shaving": {"use_objective_shaving_search": True},
    "maxhs": {"optimize_with_max_hs": True},
}
path, det = sys.argv[1], float(sys.argv[2])
for v in sys.argv[3:]:
    v, _, pieces = v.partition("+")
    sc = parse_scenario(pathlib.Path(path).read_text(encoding="utf-8"), path)
    built = ScheduleModel(sc, strengthen=frozenset(pieces.split(",")) if pieces else None)
    print("cuts", built.objective.clash_cuts, flush=True)
    s = cp_model.CpSolver()
    p = s.parameters
    p.catch_sigint_signal = False
    p.num_workers = 1
    p.max_deterministic_time = det
    p.max_time_in_seconds = 600
    for k, val in VARIANTS[v].items():
        setattr(p, k, val)
    c = time.process_time()
    st = s.solve(built.model)
    print(
        json.dumps(
            dict(
                f=path.split("/")[-1],
                v=v + "+" + pieces,
                st=s.status_name(st),
                obj=s.objective_value if st in (2, 4) else None,
                bound=round(s.best_objective_bound, 1),
                det=round(s.deterministic_time, 2),
                cpu=round(time.process_time() - c, 1),
            )
        ),
        flush=True,
    )
