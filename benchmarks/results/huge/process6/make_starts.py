"""The start's schedule (greedy_start, no clock) of each 10k event, saved for the check."""
import sys, time
from scheduler.scenario import load_scenario
from scheduler.schedule import save_schedule
from scheduler.solver.run import greedy_start, load_facts
from scheduler.solver.greedy.cap import Cap
for n in sys.argv[1:]:
    t, c = time.monotonic(), time.process_time()
    scenario = load_scenario(f"/tmp/huge/big{n}.yaml")
    facts = load_facts(scenario)
    s = greedy_start(scenario, facts, time_budget=None, seed=0, cap=Cap.never())
    save_schedule(s, f"/tmp/process6/start{n}.json")
    print(n, len(s.sessions), "wall", round(time.monotonic()-t,1), "cpu", round(time.process_time()-c,1), flush=True)
