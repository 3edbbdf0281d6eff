"""pycon seed 0: CP-SAT's bound after a few seconds with a floor of 432 on the objective,
as a linear constraint or as the objective's domain (run with PYTHONPATH at a tree).

    python exp_dom.py none|linear|domain SECONDS [log]
"""

import sys

from ortools.sat.python import cp_model

from scheduler.scenario.load import load_scenario
from scheduler.solver.model import ScheduleModel

scenario = load_scenario("pycon0.yaml")
mode = sys.argv[1]
built = ScheduleModel(scenario)
objective = built.model.proto.objective
if mode == "linear":
    built.model.add(built.objective.total() >= 432)
elif mode == "domain":
    objective.domain.extend([432 - int(objective.offset), 2**40])
solver = cp_model.CpSolver()
solver.parameters.catch_sigint_signal = False
solver.parameters.max_time_in_seconds = float(sys.argv[2])
solver.parameters.num_workers = 2
if len(sys.argv) > 3:
    solver.parameters.log_search_progress = True
status = solver.solve(built.model)
found = solver.objective_value if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None
print(mode, solver.status_name(status), found, solver.best_objective_bound)
