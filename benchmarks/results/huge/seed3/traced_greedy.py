"""greedy_only.py with a trace of the re-planned rounds (experiment)."""
import runpy, sys, time
from scheduler.solver.greedy import replan, exclusive, placement
orig_one, orig_shut = placement.one_round, exclusive.shut_out
def one_round(*a, **k):
    t = time.process_time(); r = orig_one(*a, **k)
    g = r.board.grid
    ex = {sid: (g.day_of(s.start), g.clock(s.start)) for sid, s in r.placed.items() if sid.startswith(("keynote", "award"))}
    print("round avoid", len(k.get("avoid", ())), "left", len([1 for f in a[1] if not f.optional and f.id not in r.placed]), "cpu", round(time.process_time()-t,1), ex, flush=True)
    return r
def shut_out(*a, **k):
    out = orig_shut(*a, **k)
    print("shut out", {s: (len(v[0]), v[1]) for s, v in out.items()}, "of", [f.id for f in a[3]], flush=True)
    return out
placement.one_round = one_round
exclusive.shut_out = shut_out
sys.argv = ["greedy_only.py", *sys.argv[1:]]
runpy.run_path("benchmarks/results/huge/greedy_only.py", run_name="__main__")
