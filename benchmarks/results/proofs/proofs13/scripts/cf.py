import sys, time
from scheduler.scenario import load_scenario
from scheduler.lower_bound.clashes import clash_floor
for path in sys.argv[2:]:
    sc = load_scenario(path)
    for ms in [int(x) for x in sys.argv[1].split(",")]:
        t=time.process_time()
        r = clash_floor(sc, max_starts=ms, limit=10.0)
        print(path.split('/')[-1], ms, r, round(time.process_time()-t,2), flush=True)
