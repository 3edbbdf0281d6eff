"""``solve()`` of a talks instance with a given schedule as its start (``options.hint``):
how long the proof takes when the primal side is given. One JSON row per solve.

    python oracle.py NAME SEED SCHEDULE.json|none LIMIT
"""

import json
import os
import sys
import time

from benchmarks.suites import SUITES
from scheduler.checker import check
from scheduler.generate import generate_yaml
from scheduler.scenario import parse_scenario
from scheduler.schedule import load_schedule
from scheduler.solver import solve
from scheduler.solver.options import Progress, SolveOptions

name, seed, path, limit = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
by = {i.name: i for s in ("small", "full", "ci") for i in SUITES[s]}
sc = parse_scenario(generate_yaml(by[name].params(), seed), f"{name}-s{seed}")
hint = None if path == "none" else load_schedule(path)
events: list[tuple[float, float, float | None, float]] = []
cpu0 = time.process_time()


def progress(p: Progress) -> None:
    """Each change of objective or bound: (wall s, CPU s, objective, bound)."""
    if p.bound is None:
        return
    if not events or events[-1][3] != p.bound or events[-1][2] != p.objective:
        cpu = round(time.process_time() - cpu0, 2)
        events.append((round(p.elapsed, 2), cpu, p.objective, p.bound))


load = os.getloadavg()[0]
res = solve(sc, SolveOptions(time_limit=limit, hint=hint, progress=progress))
cpu = time.process_time() - cpu0
schedule = res.schedule
rep = check(sc, schedule) if schedule else None
print(json.dumps({
    "instance": f"{name}/s{seed}", "hint": path, "status": res.status.value,
    "objective": rep.objective if rep else None,
    "bound": schedule.solve.bound if schedule else None,
    "wall": schedule.solve.time_seconds if schedule else None, "cpu": round(cpu, 2),
    "load": [round(load, 1), round(os.getloadavg()[0], 1)], "events": events[-12:]}),
    flush=True)
