import sys, time
from scheduler.scenario import load_scenario
import exp_clashes
from scheduler.lower_bound.clashes import clash_floor
lim = float(sys.argv[1])
for path in sys.argv[2:]:
    sc = load_scenario(path)
    for name, fn in (("branch", clash_floor), ("optional", exp_clashes.clash_floor)):
        t = time.process_time()
        r = fn(sc, limit=lim)
        print(path.split('/')[-1], name, r.value, r.proven, r.sessions, round(r.deterministic, 2), round(time.process_time() - t, 2), flush=True)
