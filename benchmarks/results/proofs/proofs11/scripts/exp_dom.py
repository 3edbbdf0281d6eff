import sys
from ortools.sat.python import cp_model
from scheduler.scenario.load import load_scenario
from scheduler.solver.model import ScheduleModel
sc = load_scenario("pycon0.yaml")
mode = sys.argv[1]
b = ScheduleModel(sc)
o = b.model.proto.objective
if mode == "linear":
    b.model.add(b.objective.total() >= 432)
elif mode == "domain":
    o.domain.extend([432 - int(o.offset), 2**40])
s = cp_model.CpSolver(); s.parameters.catch_sigint_signal=False
s.parameters.max_time_in_seconds = float(sys.argv[2]); s.parameters.num_workers=2
if len(sys.argv) > 3: s.parameters.log_search_progress = True
st = s.solve(b.model)
print(mode, s.status_name(st), s.objective_value if st in (2,4) else None, s.best_objective_bound)
