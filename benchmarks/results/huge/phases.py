"""Per-phase wall/CPU times of one solve (monkeypatched wrappers around run's phases)."""
import sys, time, resource, functools, json
from scheduler.solver import run
from scheduler.scenario import load_scenario
from scheduler.solver.options import SolveOptions
from scheduler.checker import check as check_schedule

T0 = time.monotonic()
def stamp(name, t0, c0):
    print(f"PHASE {name:10s} wall={time.monotonic()-t0:7.2f}s cpu={time.process_time()-c0:7.2f}s "
          f"at={time.monotonic()-T0:7.2f}s maxrss={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024:.0f}MB", flush=True)
for name in ["load_facts", "precheck", "start", "build", "hint", "repair", "search", "extract", "evaluate"]:
    f = getattr(run, name)
    def wrap(*a, _f=f, _n=name, **k):
        t0, c0 = time.monotonic(), time.process_time()
        try:
            return _f(*a, **k)
        finally:
            stamp(_n, t0, c0)
    setattr(run, name, wrap)
path, limit = sys.argv[1], float(sys.argv[2])
t0, c0 = time.monotonic(), time.process_time()
sc = load_scenario(path)
stamp("load", t0, c0)
def prog(p):
    print(f"PROGRESS t={p.elapsed:.1f} obj={p.objective} bound={p.bound}", flush=True) if p.objective is not None else None
last=[None]
def progress(p):
    if p.objective != last[0]:
        last[0]=p.objective; prog(p)
T1 = time.monotonic()
res = run.solve(sc, SolveOptions(time_limit=limit, workers=2, progress=progress))
print("SOLVE total", round(time.monotonic()-T1,2), "status", res.status, "vars", res.variables, "cons", res.constraints, "notes", res.notes, "diag", res.diagnosis)
if res.schedule is not None:
    t0, c0 = time.monotonic(), time.process_time()
    rep = check_schedule(sc, res.schedule)
    stamp("check", t0, c0)
    print("CHECK ok", rep.ok, "checker objective", rep.objective, "stated", res.schedule.objective)
