"""CPU seconds of each step of the model build (``scheduler/solver/build_steps.py``) on a
10,000-session congress, as a solve builds it (rooms capped at scale).

    python benchmarks/results/huge/first30/build_steps.py /tmp/huge/big1.yaml

Reads ``SCENARIO.pkl`` beside the file when it exists. Prints each step's CPU seconds and
share of the build, in order.
"""

from __future__ import annotations

import os
import pickle
import sys
import time

from scheduler.scenario import load_scenario
from scheduler.solver import run
from scheduler.solver.model import ScheduleModel


def main(path: str) -> None:
    """Build the model of ``path`` once and print the time of each step."""
    if os.path.exists(path + ".pkl"):
        with open(path + ".pkl", "rb") as handle:
            scenario = pickle.load(handle)
    else:
        scenario = load_scenario(path)
    facts = run.load_facts(scenario)
    pairs = sum(len(f.rooms) for f in facts.values())
    rooms = run.ROOMS_AT_SCALE if pairs > run.ROOM_PAIRS_AT_SCALE else None
    times: list[tuple[str, float]] = []
    last = [time.process_time()]

    def checkpoint(name: str) -> None:
        now = time.process_time()
        times.append((name, now - last[0]))
        last[0] = now

    start = last[0]
    ScheduleModel(scenario, facts=facts, room_options=rooms, checkpoint=checkpoint)
    total = time.process_time() - start
    print(f"sessions {len(facts)} build cpu {total:.2f}")
    for name, cpu in times:
        print(f"  {name:<22} {cpu:6.2f} s  {cpu / total:5.3f}")


if __name__ == "__main__":
    main(sys.argv[1])
