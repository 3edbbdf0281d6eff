import sys, time, os
from scheduler.scenario import load_scenario
from scheduler.lower_bound.clashes import clash_floor
for path in sys.argv[1:]:
    sc = load_scenario(path)
    for flag in ["", "AFTER", "", "AFTER"][:2]:
        os.environ.pop("AFTER", None)
        if flag: os.environ[flag] = "1"
        t=time.process_time()
        r = clash_floor(sc, limit=5.0)
        print(path.split('/')[-1], flag or "main", r.value, r.proven, round(r.deterministic,2), round(time.process_time()-t,2), flush=True)
