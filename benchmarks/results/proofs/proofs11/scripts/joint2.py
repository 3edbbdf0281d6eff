import sys, time
from scheduler.scenario.load import load_scenario
from scheduler.facts import FactBuilder
from scheduler.lower_bound.times import time_relaxation
for f in sys.argv[2:]:
    sc = load_scenario(f); facts = FactBuilder(sc).build()
    t = time.process_time()
    b = time_relaxation(sc, facts, limit=float(sys.argv[1]), joint=True, core=False, preferences=False)
    print(f, b.value, b.proven, round(b.deterministic,2), round(time.process_time()-t,1), flush=True)
