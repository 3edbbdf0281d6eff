"""CPU of the track moves' sub-model build, counted moves (the tree on PYTHONPATH):
the greedy and the polish's passes on SHAPE:SEED, then N slot moves (choose, build,
solve, take: ``trackday.TrackMoves``, one CP-SAT worker, no clock), then N ``tracks all
days`` moves; prints the CPU seconds of the builds and of the solves, and the objective
after (the same moves in any tree whose sub-models are the same).

    python build_cpu.py N SHAPE:SEED
"""
import sys
import time

from scheduler.checker import check
from scheduler.generate import generate_with_plan, params_for, to_yaml
from scheduler.scenario import parse_scenario
from scheduler.solver import polish as polishing
from scheduler.solver import trackday
from scheduler.solver.greedy.people import choose_people, within_people_hours
from scheduler.solver.greedy.start import greedy_schedule
from scheduler.solver.run import load_facts

n = int(sys.argv[1])
shape, seed = sys.argv[2].split(":")
data, plan = generate_with_plan(params_for(shape), int(seed))
sc = parse_scenario(to_yaml(data), sys.argv[2])
facts = load_facts(sc)
placed = greedy_schedule(sc, within_people_hours(sc, facts), time_budget=None, rounds=40, seed=0)
polishing.TRACK_MOVES = 0
passes = polishing.polish(sc, facts, choose_people(sc, placed))
work = trackday.TrackMoves(sc, facts, passes, 0)
work.timed = False
for kind in ("slots", "tracks all days"):
    built = solved = 0.0
    for i in range(n):
        free, other_days = work.choose(kind)
        t = time.process_time()
        sub = work.build(free, other_days, within=kind == "slots")
        built += time.process_time() - t
        t = time.process_time()
        move, _change, units = work.solve(sub, seed=i)
        solved += time.process_time() - t
        work.take(kind, free, move, units)
    print(f"{sys.argv[2]} {kind} x{n}: build {built:.1f} CPU s, solve {solved:.1f} CPU s",
          flush=True)
print(sys.argv[2], "objective", check(sc, work.search.schedule()).objective, flush=True)
