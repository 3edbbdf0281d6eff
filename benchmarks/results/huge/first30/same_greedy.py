"""The greedy start's placement on generated events, as a hash: run it under two code trees
to show that a change leaves the greedy's output as it was.

    PYTHONPATH=TREE python benchmarks/results/huge/first30/same_greedy.py \
        SHAPE SESSIONS ROOMS DAYS FIRST LAST [scale | handoff]

For each seed FIRST..LAST: ``confsched generate --shape SHAPE --sessions SESSIONS --rooms
ROOMS --days DAYS --registrations 1.5*SESSIONS --seed N``, the greedy with its counted
work only (``Cap.never()``: no clock decides anything; with ``scale``, the at-scale work
with its chains and sub-model, without the hand-over, so that both trees do the same
steps; with ``handoff``, the at-scale work as it is), and one line: seed, sessions
placed, required sessions left out, CPU seconds, and a hash of the sorted placement.
"""

from __future__ import annotations

import dataclasses
import hashlib
import sys
import time

from scheduler.generate import generate_yaml, params_for
from scheduler.scenario import parse_scenario
from scheduler.solver import run
from scheduler.solver.greedy import GreedyWork, greedy_schedule
from scheduler.solver.greedy.cap import Cap
from scheduler.solver.greedy.people import within_people_hours


def main(shape: str, sessions: int, rooms: int, days: int, first: int, last: int,
         mode: str) -> None:
    """One line per seed (see the module text)."""
    work = None
    if mode in ("scale", "handoff"):
        work = GreedyWork.at_scale()
        if mode == "scale" and hasattr(work, "handoff"):
            work = dataclasses.replace(work, handoff=0)
    for seed in range(first, last + 1):
        params = params_for(shape, sessions=sessions, rooms=rooms, days=days,
                            registrations=sessions * 3 // 2)
        scenario = parse_scenario(generate_yaml(params, seed=seed), f"{shape}-{seed}.yaml")
        facts = within_people_hours(scenario, run.load_facts(scenario))
        cpu = time.process_time()
        placed = greedy_schedule(scenario, facts, rounds=run.GREEDY_ROUNDS, seed=0,
                                 cap=Cap.never(), work=work)
        cpu = time.process_time() - cpu
        spots = sorted((s.id, s.day, s.start, s.room or "", s.track or "")
                       for s in (placed.sessions if placed else []))
        ids = {s[0] for s in spots}
        out = sum(1 for f in facts.values() if not f.optional and f.id not in ids)
        digest = hashlib.sha256(repr(spots).encode()).hexdigest()[:16]
        print(f"{shape} {sessions} seed {seed}: placed {len(spots)} out {out} "
              f"cpu {cpu:.2f} {digest}", flush=True)


if __name__ == "__main__":
    a = sys.argv[1:]
    main(a[0], int(a[1]), int(a[2]), int(a[3]), int(a[4]), int(a[5]), a[6] if len(a) > 6 else "")
