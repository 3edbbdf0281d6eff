"""Euro/informs: the counted track moves give the same schedule in both trees."""
import sys, time
from scheduler.checker import check
from scheduler.generate import generate_yaml, params_for
from scheduler.scenario import parse_scenario
from scheduler.solver import polish as polishing
from scheduler.solver import trackday
from scheduler.solver.greedy.people import choose_people, within_people_hours
from scheduler.solver.greedy.start import greedy_schedule
from scheduler.solver.run import load_facts
import scheduler
for item in sys.argv[1:]:
    shape, seed = item.split(":")
    sc = parse_scenario(generate_yaml(params_for(shape), int(seed)), item)
    facts = load_facts(sc)
    placed = greedy_schedule(sc, within_people_hours(sc, facts), time_budget=None, rounds=40, seed=0)
    polishing.TRACK_MOVES = 0
    passes = polishing.polish(sc, facts, choose_people(sc, placed))
    st = trackday.Stats(); b = time.process_time()
    moved = trackday.improve(sc, facts, passes, moves=200, seed=0, stats=st, stall=100, workers=1)
    r = check(sc, moved)
    import hashlib; digest = hashlib.sha1(repr(sorted((s.id, str(s.day), s.start, s.room) for s in moved.sessions)).encode()).hexdigest()[:12]
    print(scheduler.__file__, item, check(sc, passes).objective, "->", r.objective, "taken", st.taken, "gain", sum(st.gain.values()), round(time.process_time()-b,1), "CPU s", "places", digest, flush=True)
