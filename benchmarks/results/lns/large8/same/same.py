"""Euro and informs: 200 counted track moves from the polish's passes give the same places
with this branch's code as with main's (run once with each tree first on PYTHONPATH).

    python benchmarks/results/lns/large8/same/same.py euro:14 informs:15
"""

from __future__ import annotations

import hashlib
import sys
import time

import scheduler
from scheduler.checker import check
from scheduler.generate import generate_yaml, params_for
from scheduler.scenario import parse_scenario
from scheduler.solver import polish as polishing
from scheduler.solver import trackday
from scheduler.solver.greedy.people import choose_people, within_people_hours
from scheduler.solver.greedy.start import greedy_schedule
from scheduler.solver.run import load_facts


def main(items: list[str]) -> None:
    for item in items:
        shape, seed = item.split(":")
        scenario = parse_scenario(generate_yaml(params_for(shape), int(seed)), item)
        facts = load_facts(scenario)
        placed = greedy_schedule(scenario, within_people_hours(scenario, facts),
                                 time_budget=None, rounds=40, seed=0)
        assert placed is not None
        polishing.TRACK_MOVES = 0
        passes = polishing.polish(scenario, facts, choose_people(scenario, placed))
        stats = trackday.Stats()
        began = time.process_time()
        moved = trackday.improve(scenario, facts, passes, moves=200, seed=0, stats=stats,
                                 stall=100, workers=1)
        report = check(scenario, moved)
        places = sorted((s.id, str(s.day), s.start, s.room) for s in moved.sessions)
        digest = hashlib.sha1(repr(places).encode()).hexdigest()[:12]
        print(scheduler.__file__, item, check(scenario, passes).objective, "->",
              report.objective, "taken", stats.taken, "gain", sum(stats.gain.values()),
              round(time.process_time() - began, 1), "CPU s", "places", digest, flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
