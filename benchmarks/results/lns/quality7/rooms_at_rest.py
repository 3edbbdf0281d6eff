"""The day re-rooming after the moves at main's code (no ``rooms`` kind): the passes,
then ``trackday.improve`` with main's kinds for CPU seconds (``improve``'s ``stop``),
then each day's movable sessions re-roomed exactly at their starts (the track moves'
sub-model with each freed session's starts cut to its own; two rounds over the days).

    python rooms_at_rest.py CPU SHAPE:SEED...
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


def terms(sc, sch):
    r = check(sc, sch)
    assert r.ok, r.violations
    return r.objective, {k: t.penalty for k, t in r.terms.items() if t.penalty}


budget = float(sys.argv[1])
for item in sys.argv[2:]:
    shape, seed = item.split(":")
    data, plan = generate_with_plan(params_for(shape), int(seed))
    sc = parse_scenario(to_yaml(data), item)
    facts = load_facts(sc)
    placed = greedy_schedule(sc, within_people_hours(sc, facts), time_budget=None, rounds=40,
                             seed=0)
    planted = check(sc, plan).objective
    polishing.TRACK_MOVES = 0
    passes = polishing.polish(sc, facts, choose_people(sc, placed))
    began = time.process_time()
    moved = trackday.improve(sc, facts, passes, moves=100000, seed=0,
                             stall=polishing.TRACK_STALL,
                             stop=lambda b=began: time.process_time() - b > budget)
    print(item, "planted", planted, "moves", terms(sc, moved),
          round(time.process_time() - began, 1), "CPU s", flush=True)
    work = trackday.TrackMoves(sc, facts, moved, 0)
    work.timed = False
    s = work.search
    total = 0
    t0 = time.process_time()
    for rnd in range(2):
        for day in range(len(sc.days)):
            free = [sid for sid in sorted(s.place) if sid not in work.held
                    and s.place[sid].start // s.day_minutes == day]
            kept = {sid: s.starts[sid] for sid in free}
            for sid in free:
                s.starts[sid] = [s.place[sid].start]
            t = time.process_time()
            sub = work.build(free, False)
            move, _c, units = work.solve(sub, 5.0, seed=0)
            for sid, st in kept.items():
                s.starts[sid] = st
            gain = work.take("tracks", free, move, units)
            total += gain
            print(f"  round {rnd} day {day}: {len(free)} freed, units {units:.2f}, "
                  f"cpu {time.process_time() - t:.1f}, gain {gain}", flush=True)
    print(item, "after rooms", terms(sc, s.schedule()), round(time.process_time() - t0, 1),
          "CPU s", flush=True)
