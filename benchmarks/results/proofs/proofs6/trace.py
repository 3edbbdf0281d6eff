"""One product solve (``solve()`` on the wall clock, 2 workers, as ``confsched solve``
runs) with its objective and bound over time; one JSON row on stdout (#17, ``proofs6``).

    python benchmarks/results/proofs/proofs6/trace.py NAME SEED [LIMIT] [CPSEED]

``events``: (wall s, CPU s of the process, objective, bound) at each change the progress
hook saw; ``start``: the start heuristic's checked schedule (greedy and polish) and its
terms; ``terms``: the checker's terms of the result. Environment: ``SET="mod.NAME=VALUE;
..."`` sets a constant of ``scheduler.solver.MOD`` first (e.g. ``run.SIDE_SEARCH=False``);
``DBG=1`` prints to stderr what the side search (``track_side.py``) did, when the tree has
it: its wall and thread CPU seconds, its checked objective, phase 1's bound then, and the
model's objective of the schedule it handed over (``values``).
"""

import ast
import importlib
import json
import os
import sys
import time

from benchmarks.suites import SUITES
from scheduler.checker import check
from scheduler.generate import generate_yaml
from scheduler.scenario import parse_scenario
from scheduler.solver import SolveOptions, solve

for assignment in os.environ.get("SET", "").split(";"):
    if assignment:
        target, _, value = assignment.partition("=")
        module, _, name = target.rpartition(".")
        setattr(importlib.import_module(f"scheduler.solver.{module}"), name,
                ast.literal_eval(value))
if os.environ.get("DBG"):
    try:
        from scheduler.solver import search, track_side
    except ImportError:  # main's tree: no side search
        track_side = None  # type: ignore[assignment]
    if track_side is not None:
        real_run, real_values = track_side.TrackSide.run, track_side.TrackSide.values

        def run(self, deadline, bound, met, stop):  # noqa: ANN001, ANN202
            wall, cpu = time.monotonic(), time.thread_time()
            real_run(self, deadline, bound, met, stop)
            print(f"[side] {time.monotonic() - wall:.2f}s wall "
                  f"{time.thread_time() - cpu:.2f} cpu-thread left "
                  f"{deadline - time.monotonic():.2f} obj {self.objective} bound {bound()} "
                  f"stop {stop()}", file=sys.stderr)

        def values(self):  # noqa: ANN001, ANN202
            wall = time.monotonic()
            got = real_values(self)
            objective = None if got is None else search.objective_of(
                self.built.model.proto, got)
            print(f"[side] values {time.monotonic() - wall:.2f}s -> {objective}",
                  file=sys.stderr)
            return got

        track_side.TrackSide.run, track_side.TrackSide.values = run, values

name, seed = sys.argv[1], int(sys.argv[2])
limit = float(sys.argv[3]) if len(sys.argv) > 3 else 30.0
cpseed = int(sys.argv[4]) if len(sys.argv) > 4 else 0
by_name = {i.name: i for suite in ("small", "full", "ci") for i in SUITES[suite]}
scenario = parse_scenario(generate_yaml(by_name[name].params(), seed), f"{name}-s{seed}")
wall0, cpu0 = time.monotonic(), time.process_time()
events: list[tuple[float, float, float, float | None]] = []
last: list[object] = [None]


def progress(p):  # noqa: ANN001, ANN201
    if p.objective is not None and (p.objective, p.bound) != last[0]:
        last[0] = (p.objective, p.bound)
        events.append((round(time.monotonic() - wall0, 2),
                       round(time.process_time() - cpu0, 2), p.objective, p.bound))


start: dict[str, object] = {}


def on_start(result):  # noqa: ANN001, ANN201
    report = check(scenario, result.schedule)
    start.update(objective=report.objective, t=round(time.monotonic() - wall0, 2),
                 cpu=round(time.process_time() - cpu0, 2),
                 terms={n: t.penalty for n, t in report.terms.items() if t.penalty})


load = os.getloadavg()[0]
result = solve(scenario, SolveOptions(time_limit=limit, workers=2, seed=cpseed,
                                      progress=progress, on_start_result=on_start,
                                      handle_sigint=False, diagnose=False))
assert result.schedule is not None
report = check(scenario, result.schedule)
print(json.dumps({
    "instance": f"{name}/s{seed}", "cpseed": cpseed, "status": str(result.status),
    "checked": report.ok, "objective": report.objective, "bound": result.schedule.solve.bound,
    "wall": round(time.monotonic() - wall0, 2), "cpu": round(time.process_time() - cpu0, 2),
    "load": [round(load, 1), round(os.getloadavg()[0], 1)], "start": start,
    "terms": {n: t.penalty for n, t in report.terms.items() if t.penalty}, "events": events,
    "at": time.strftime("%H:%M:%S", time.gmtime())}))
