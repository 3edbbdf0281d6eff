import sys, time
from scheduler.scenario import parse_scenario
from scheduler.lower_bound.clashes import clash_floor
for path in sys.argv[1:]:
    sc = parse_scenario(open(path).read(), path)
    c = time.process_time()
    f = clash_floor(sc, limit=20.0, workers=1)
    print(path, f, round(time.process_time()-c,2), flush=True)
