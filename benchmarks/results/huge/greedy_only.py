"""The greedy start alone on a 10,000-session congress, then the checker.

    CPU_ONLY=1 python benchmarks/results/huge/greedy_only.py /tmp/huge/big1.yaml 55 [OUT.json]

Reads ``SCENARIO.pkl`` (a pickled loaded scenario) when it exists beside the file, else the
YAML. With ``CPU_ONLY`` the greedy runs with its CPU cap only (no wall-clock deadline), as it
would on an idle machine; without, as in a solve (``run.greedy_start``: the same cap on the
wall clock too). Prints the CPU seconds of the facts, the greedy and the checker, the
required sessions left out, and the checker's verdict and objective.
"""

from __future__ import annotations

import os
import pickle
import sys
import time

from scheduler.checker import check
from scheduler.scenario import load_scenario
from scheduler.solver import run
from scheduler.solver.greedy import greedy_schedule
from scheduler.solver.greedy.people import choose_people, within_people_hours


def main(path: str, budget: float, out: str | None) -> None:
    """Run the greedy on ``path`` with ``budget`` CPU seconds; write its schedule to
    ``out`` when given."""
    if os.path.exists(path + ".pkl"):
        with open(path + ".pkl", "rb") as handle:
            scenario = pickle.load(handle)
    else:
        scenario = load_scenario(path)
    cpu = time.process_time()
    facts = run.load_facts(scenario)
    print("facts cpu", round(time.process_time() - cpu, 2), flush=True)
    cpu, wall = time.process_time(), time.monotonic()
    if os.environ.get("CPU_ONLY"):
        placed = greedy_schedule(scenario, within_people_hours(scenario, facts),
                                 time_budget=budget, rounds=run.GREEDY_ROUNDS, seed=0)
        schedule = None if placed is None else choose_people(scenario, placed)
    else:
        schedule = run.greedy_start(scenario, facts, time_budget=budget, seed=0)
    assert schedule is not None
    placed_ids = {s.id for s in schedule.sessions}
    missing = [f.id for f in facts.values() if not f.optional and f.id not in placed_ids]
    print("greedy cpu", round(time.process_time() - cpu, 2), "wall",
          round(time.monotonic() - wall, 2), "missing", missing, flush=True)
    cpu = time.process_time()
    report = check(scenario, schedule)
    print("check cpu", round(time.process_time() - cpu, 2), "ok", report.ok, "objective",
          report.objective, flush=True)
    if out:
        with open(out, "w") as handle:
            handle.write(schedule.model_dump_json())


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else None)
