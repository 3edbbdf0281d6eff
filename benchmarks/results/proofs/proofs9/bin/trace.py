# ruff: noqa: E402, E501, E741, SIM115, B905, B023, B007 - one-off probes, kept as they ran
"""solve() of a small-suite instance on the wall clock, 2 workers; one JSON row with the
objective/bound over (wall s, CPU s).   python trace.py NAME SEED [LIMIT] [CPSEED]"""

import ast
import importlib
import json
import os
import sys
import time

import scheduler
from benchmarks.suites import SUITES
from scheduler.checker import check
from scheduler.generate import generate_yaml
from scheduler.scenario import parse_scenario
from scheduler.solver import SolveOptions, solve

for a in os.environ.get("SET", "").split(";"):
    if a:
        t, _, v = a.partition("=")
        m, _, n = t.rpartition(".")
        setattr(importlib.import_module(f"scheduler.solver.{m}"), n, ast.literal_eval(v))
name, seed = sys.argv[1], int(sys.argv[2])
limit = float(sys.argv[3]) if len(sys.argv) > 3 else 10.0
cps = int(sys.argv[4]) if len(sys.argv) > 4 else 0
det = os.environ.get("DET") == "1"
by = {i.name: i for s in ("small", "full", "ci") for i in SUITES[s]}
sc = parse_scenario(generate_yaml(by[name].params(), seed), f"{name}-s{seed}")
w0, c0 = time.monotonic(), time.process_time()
ev = []


def progress(p):
    if p.objective is not None and (not ev or ev[-1][2:] != [p.objective, p.bound]):
        ev.append(
            [
                round(time.monotonic() - w0, 2),
                round(time.process_time() - c0, 2),
                p.objective,
                p.bound,
            ]
        )


l0 = os.getloadavg()[0]
r = solve(
    sc,
    SolveOptions(
        time_limit=limit,
        workers=2,
        seed=cps,
        progress=progress,
        deterministic=det,
        greedy_hint=os.environ.get("GH", "1") == "1",
    ),
)
cpu = time.process_time() - c0
rep = check(sc, r.schedule) if r.schedule else None
if os.environ.get("OUT") and r.schedule:
    from scheduler.schedule import save_schedule

    save_schedule(r.schedule, os.environ["OUT"])
print(
    json.dumps(
        {
            "tree": os.path.dirname(os.path.dirname(scheduler.__file__)),
            "inst": f"{name}/s{seed}",
            "cps": cps,
            "status": r.status.value,
            "obj": rep.objective if rep else None,
            "bound": r.schedule.solve.bound if r.schedule else None,
            "wall": round(time.monotonic() - w0, 2),
            "cpu": round(cpu, 2),
            "units": r.deterministic_time,
            "terms": {
                k: v.penalty
                for k, v in (
                    rep.terms.items() if rep and hasattr(rep, "terms") and rep.terms else []
                )
            },
            "load": [round(l0, 1), round(os.getloadavg()[0], 1)],
            "events": ev,
        }
    ),
    flush=True,
)
