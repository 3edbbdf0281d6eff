"""python prove_nocuts.py FILE DET: no piece, [core, default_lp] as 2 full workers, no hint."""

import json
import pathlib
import sys
import time

from ortools.sat.python import cp_model

from scheduler.scenario import parse_scenario
from scheduler.solver.model import ScheduleModel

path, det = sys.argv[1], float(sys.argv[2])
sc = parse_scenario(pathlib.Path(path).read_text(encoding="utf-8"), path)
built = ScheduleModel(sc, strengthen=frozenset())
s = cp_model.CpSolver()
p = s.parameters
p.catch_sigint_signal = False
p.num_workers = 2
p.subsolvers.extend(["core", "default_lp"])
p.num_full_subsolvers = 2
p.max_deterministic_time = det
p.max_time_in_seconds = 3000


class CB(cp_model.CpSolverSolutionCallback):
    def on_solution_callback(self):
        print(
            "sol",
            self.objective_value,
            self.best_objective_bound,
            round(self.wall_time, 1),
            flush=True,
        )


c = time.process_time()
s.parameters.log_search_progress = False
st = s.solve(built.model, CB())
print(
    json.dumps(
        dict(
            f=path.split("/")[-1],
            st=s.status_name(st),
            obj=s.objective_value,
            bound=s.best_objective_bound,
            det=round(s.deterministic_time, 2),
            cpu=round(time.process_time() - c, 1),
            wall=round(s.wall_time, 1),
        )
    ),
    flush=True,
)
