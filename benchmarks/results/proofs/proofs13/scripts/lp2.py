import sys, time
from ortools.sat.python import cp_model
from scheduler.scenario import load_scenario
from scheduler.solver.model import ScheduleModel
path, level, units = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
extra = dict(a.split("=") for a in sys.argv[4:])
sc = load_scenario(path)
t0 = time.process_time()
b = ScheduleModel(sc)
t1 = time.process_time()
s = cp_model.CpSolver(); p = s.parameters
p.catch_sigint_signal = False; p.num_workers = 1; p.linearization_level = level
p.max_deterministic_time = units; p.max_time_in_seconds = 200
for k, v in extra.items():
    setattr(p, k, type(getattr(p, k))(eval(v)))
st = s.solve(b.model)
print(path.split("/")[-1], "level", level, extra, s.status_name(st), "obj", s.objective_value if st in (2,4) else None, "bound", s.best_objective_bound, "det", round(s.deterministic_time,2), "build", round(t1-t0,2), "solve cpu", round(time.process_time()-t1,2), flush=True)
