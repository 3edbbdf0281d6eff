"""Track moves on large after the polish's passes, no clock (counted moves)."""
import sys, time
from scheduler.checker import check
from scheduler.generate import generate_with_plan, params_for, to_yaml
from scheduler.scenario import parse_scenario
from scheduler.solver import polish as polishing
from scheduler.solver import trackday
from scheduler.solver.greedy.people import choose_people, within_people_hours
from scheduler.solver.greedy.start import greedy_schedule
from scheduler.solver.run import load_facts

def terms(sc, sch):
    r = check(sc, sch); assert r.ok, r.violations[:3]
    return r.objective, {k: t.penalty for k, t in r.terms.items() if t.penalty}

moves = int(sys.argv[1]); kinds = tuple(sys.argv[2].split(",")) if len(sys.argv) > 3 else trackday.KINDS
for item in sys.argv[3:] if len(sys.argv) > 3 else sys.argv[2:]:
    shape, seed = item.split(":")
    data, plan = generate_with_plan(params_for(shape), int(seed))
    sc = parse_scenario(to_yaml(data), item)
    facts = load_facts(sc)
    t0 = time.process_time()
    placed = greedy_schedule(sc, within_people_hours(sc, facts), time_budget=None, rounds=40, seed=0)
    planted = check(sc, plan).objective
    polishing.TRACK_MOVES = 0
    passes = polishing.polish(sc, facts, choose_people(sc, placed))
    obj, parts = terms(sc, passes)
    print(item, "planted", planted, "passes", obj, round(obj/planted, 3), parts, round(time.process_time()-t0,1), "CPU s", flush=True)
    stats = trackday.Stats(); b = time.process_time()
    moved = trackday.improve(sc, facts, passes, moves=moves, seed=0, stats=stats, stall=polishing.TRACK_STALL, kinds=kinds)
    cpu = time.process_time() - b
    after, parts = terms(sc, moved)
    print(item, kinds, after, round(after/planted, 3), parts, round(cpu,1), "CPU s", round(stats.units,1), "units", "tried", stats.tried, "taken", stats.taken, "gain", stats.gain, flush=True)
