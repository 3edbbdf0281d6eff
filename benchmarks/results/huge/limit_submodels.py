"""At 10,000 sessions (seed 2): the cost of one neighbourhood sub-model and of the final
tightening re-solve of lns.py, against the CP-SAT limit each is given."""
import pickle, sys, time, types
from ortools.sat.python import cp_model
from scheduler.solver import run, lns
from scheduler.solver.options import SolveOptions

T0 = time.monotonic()
def stamp(msg): print(f"{time.monotonic()-T0:7.1f} {msg}", flush=True)

def experiment(r, built):
    stamp(f"model built: {len(built.model.proto.constraints)} constraints, hint complete {built.hint_complete}")
    hint = built.model.proto.solution_hint
    values = [0] * len(built.model.proto.variables)
    for v, x in zip(hint.vars, hint.values):
        values[v] = x
    main = types.SimpleNamespace(response_proto=types.SimpleNamespace(solution=values),
                                 objective_value=0.0, best_objective_bound=0.0)
    plan = lns.Plan(built, r.options, r.started, deadline=time.monotonic() + 3600, tighten=6.0)
    s = lns._Search(plan, main)
    for kind, final in (("day", False), ("rooms", False), ("final", True)):
        free, days = (set(), set()) if final else {"day": s._day, "rooms": s._rooms}[kind]()
        limit = plan.tighten if final else lns.SUB_LIMIT
        t = time.monotonic()
        c0 = time.monotonic(); m = built.model.clone(); clone_s = time.monotonic() - c0
        solver, status = s._solve(free, days, final=final)
        stamp(f"SUB {kind}: {len(free)} free, CP-SAT limit {limit:.1f} s, whole _solve took "
              f"{time.monotonic()-t:.1f} s (one clone alone {clone_s:.2f} s), status "
              f"{solver.status_name(status)}, CP-SAT wall {solver.wall_time:.1f} s")
    sys.exit(0)

run.search = lambda r, built: experiment(r, built)
scenario = pickle.load(open("/tmp/huge/big2.yaml.pkl", "rb"))
run.solve(scenario, SolveOptions(time_limit=3600, workers=2))
