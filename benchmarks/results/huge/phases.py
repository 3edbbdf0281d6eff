"""Wall and CPU seconds of every phase of one solve (the phases of scheduler/solver/run.py).

    python benchmarks/results/huge/phases.py big.yaml 120

Loads the scenario, solves it with 2 workers and the given limit with each phase function
of ``run`` wrapped to print its times and the peak memory so far, then runs the checker
when there is a schedule. Progress lines show each new best objective.
"""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable
from typing import Any

from scheduler.checker import check
from scheduler.scenario import load_scenario
from scheduler.solver import run
from scheduler.solver.options import Progress, SolveOptions

BEGAN = time.monotonic()
PHASES = ["load_facts", "precheck", "start", "build", "hint", "repair", "search", "extract",
          "evaluate"]


def stamp(name: str, wall: float, cpu: float) -> None:
    """One line: the phase's wall and CPU seconds, when it ended, the peak memory."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"PHASE {name:10s} wall={time.monotonic() - wall:7.2f}s "
          f"cpu={time.process_time() - cpu:7.2f}s at={time.monotonic() - BEGAN:7.2f}s "
          f"maxrss={peak:.0f}MB", flush=True)


def timed(name: str, phase: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        wall, cpu = time.monotonic(), time.process_time()
        try:
            return phase(*args, **kwargs)
        finally:
            stamp(name, wall, cpu)
    return wrapper


def load_average() -> str:
    """The machine's 1-minute load average now (2 cores, shared)."""
    with open("/proc/loadavg") as handle:
        return handle.read().split()[0]


def main(path: str, limit: float) -> None:
    print("LOAD at start", load_average(), flush=True)
    for name in PHASES:
        setattr(run, name, timed(name, getattr(run, name)))
    wall, cpu = time.monotonic(), time.process_time()
    scenario = load_scenario(path)
    stamp("load", wall, cpu)
    last: list[float | None] = [None]

    def progress(p: Progress) -> None:
        if p.objective is not None and p.objective != last[0]:
            last[0] = p.objective
            print(f"PROGRESS t={p.elapsed:.1f} cpu={time.process_time():.1f} obj={p.objective} "
                  f"bound={p.bound}", flush=True)

    began = time.monotonic()
    result = run.solve(scenario, SolveOptions(time_limit=limit, workers=2, progress=progress))
    print("SOLVE total", round(time.monotonic() - began, 2), "status", result.status,
          "vars", result.variables, "cons", result.constraints, "notes", result.notes,
          "diag", result.diagnosis)
    if result.schedule is not None:
        wall, cpu = time.monotonic(), time.process_time()
        report = check(scenario, result.schedule)
        stamp("check", wall, cpu)
        print("CHECK ok", report.ok, "checker objective", report.objective,
              "stated", result.schedule.objective)
    print("LOAD at end", load_average(), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]))
