"""CPU seconds of one 10,000-session greedy start and a hash of its placement.

    python benchmarks/results/huge/huge2/prof.py /tmp/huge/big3.yaml 2000 [OUT.prof]

Loads the scenario, runs the solve's phases 1-3 (facts, precheck, ``run.start``: the greedy
start as a solve runs it) inside ``collection_paused`` with the given time limit (2000 s:
the greedy's time caps never bind, so only its counted work ends it and two trees can be
compared placement for placement), and prints the start's CPU seconds and a hash of its
placement (session, day, start, room, track). With ``OUT.prof`` the start runs under
cProfile (process clock) and the top functions are printed.
"""

from __future__ import annotations

import cProfile
import hashlib
import pstats
import sys
import time

from scheduler.collection import collection_paused
from scheduler.scenario import load_scenario
from scheduler.solver import run
from scheduler.solver.options import SolveOptions


def main(path: str, limit: float, out: str | None) -> None:
    began = time.process_time()
    scenario = load_scenario(path)
    print("load", time.process_time() - began, flush=True)
    state = run.Run(scenario, SolveOptions(time_limit=limit, workers=2), time.monotonic())
    profile = cProfile.Profile(time.process_time) if out else None
    with collection_paused():
        state.facts = run.load_facts(scenario)
        run.precheck(state)
        began = time.process_time()
        if profile is not None:
            profile.enable()
        run.start(state)
        if profile is not None:
            profile.disable()
        print("start cpu", time.process_time() - began, flush=True)
    assert state.start is not None
    placed = sorted((s.id, s.day, str(s.start), s.room, s.track) for s in state.start.sessions)
    print("hash", hashlib.sha256(repr(placed).encode()).hexdigest()[:12], len(placed))
    if profile is not None and out is not None:
        profile.dump_stats(out)
        stats = pstats.Stats(out)
        stats.sort_stats("tottime").print_stats(35)
        stats.sort_stats("cumulative").print_stats(50)


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else None)
