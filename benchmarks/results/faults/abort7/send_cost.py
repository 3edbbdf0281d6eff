"""What sending the search's better schedules costs, measured in one solve in this process.

    PYTHONPATH=. python benchmarks/results/faults/abort7/send_cost.py SCENARIO LIMIT

Solves as the command's child does (``SolveOptions.on_better`` is a
:class:`~scheduler.solver.isolated.Sender` writing to /dev/null, its thread included) and
prints one JSON line: the better solutions the search offered, the schedules sent, the CPU
seconds of the copies of the solutions' values taken in CP-SAT's callback (``snapshot``),
of the offers in the search's threads (a due one is built and pickled there), of building
and pickling the ones sent (``Sender.spent``, whichever thread), the process's CPU
seconds, wall seconds, load and the objective.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any

from scheduler.scenario import load_scenario
from scheduler.solver import SolveOptions, solve
from scheduler.solver import run as run_module
from scheduler.solver import search as searching
from scheduler.solver.isolated import Sender
from scheduler.solver.options import Progress

counted = {"offers": 0, "offer_cpu": 0.0, "snapshot_cpu": 0.0, "callbacks": 0}


def watched(self: Any) -> None:
    """``Watcher.on_solution_callback``, its values' copy timed apart."""
    self.solutions += 1
    objective = self.objective_value
    bound = self.best_objective_bound
    self.last = Progress(time.monotonic() - self.started, objective, bound,
                         searching.gap(objective, bound), self.solutions)
    counted["callbacks"] += 1
    if self.on_values is not None:
        began = time.thread_time()
        values = list(self.response_proto.solution)
        counted["snapshot_cpu"] += time.thread_time() - began
        self.on_values(objective, values)


original = run_module.better_reporter


def reporter(run: Any, built: Any) -> Any:
    report = original(run, built)
    if report is None:
        return None

    def timed(objective: float, values: list[int]) -> None:
        began = time.thread_time()
        report(objective, values)
        counted["offers"] += 1
        counted["offer_cpu"] += time.thread_time() - began
    return timed


def main(path: str, limit: float) -> None:
    with open("/proc/loadavg") as handle:
        before = handle.read().split()[0]
    scenario = load_scenario(path)
    searching.Watcher.on_solution_callback = watched  # type: ignore[method-assign]
    run_module.better_reporter = reporter
    sender = Sender(open(os.devnull, "wb"))  # noqa: SIM115 - open for the whole run
    cpu, wall = time.process_time(), time.monotonic()
    result = solve(scenario, SolveOptions(time_limit=limit, on_better=sender.offer))
    cpu, wall = time.process_time() - cpu, time.monotonic() - wall
    with open("/proc/loadavg") as handle:
        after = handle.read().split()[0]
    print(json.dumps({
        "scenario": path, "limit": limit, "sessions": len(scenario.sessions),
        "callbacks": counted["callbacks"], "offers": counted["offers"], "sent": sender.sent,
        "snapshot_cpu": round(counted["snapshot_cpu"], 3),
        "offer_cpu_in_search_threads": round(counted["offer_cpu"], 3),
        "build_and_pickle_cpu": round(sender.spent, 3),
        "process_cpu": round(cpu, 1), "wall": round(wall, 1),
        "load_before": before, "load_after": after,
        "objective": result.schedule.objective if result.schedule else None,
    }), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]))
