# ruff: noqa: E402, E501, E741, SIM115, B905, B023, B007 - one-off probes, kept as they ran
"""Phase 1 (deterministic, P units, as search_to_proof's) then our LNS kinds (KINDS env,
default tracks) from its best schedule for U units; print objective vs CPU s.
   python lnsprobe.py NAME SEED P U"""

import os
import sys
import time

from benchmarks.suites import SUITES
from scheduler.generate import generate_yaml
from scheduler.scenario import parse_scenario
from scheduler.solver import SolveOptions, lns
from scheduler.solver import run as R
from scheduler.solver import search as S

name, seed, P, U = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
W = int(os.environ.get("W", "1"))
by = {i.name: i for s in ("small", "full", "ci") for i in SUITES[s]}
sc = parse_scenario(generate_yaml(by[name].params(), seed), f"{name}-s{seed}")
opts = SolveOptions(time_limit=P, workers=2, deterministic=True)
run = R.Run(sc, opts, time.monotonic())
run.deadline = R.deadline_of(run)
run.facts = R.load_facts(sc)
R.start(run)
built = R.build(run)
R.hint(run, built)
solver = S.configure(opts, run.started)
solver.parameters.num_full_subsolvers = 1
solver.parameters.subsolvers.extend(S.DETERMINISTIC_FIRST)
c0 = time.process_time()
st = solver.solve(built.model)
print(
    f"phase1 {solver.status_name(st)} {solver.objective_value} / {solver.best_objective_bound} {solver.deterministic_time:.2f}u {time.process_time() - c0:.2f}cpu",
    flush=True,
)
kinds = os.environ.get("KINDS", "tracks").split(",")
lns.KINDS = tuple(kinds)
plan = lns.Plan(
    built,
    SolveOptions(time_limit=U, workers=W, deterministic=True),
    time.monotonic(),
    deadline=time.monotonic() + 600,
    budget=U,
    tighten=0.05,
)
search = lns._Search(plan, solver)
search.sizes = dict.fromkeys(kinds, int(os.environ.get("SIZE", "60")))
c1 = time.process_time()
orig = search._solve


def wrapped(free, days, final=False):
    out = orig(free, days, final)
    if out is not None:
        s, status = out
        print(
            f"  sub {len(free)} {s.status_name(status)} {s.objective_value if status in (2, 4) else None} used {search.used:.2f}u cpu {time.process_time() - c1:.2f} best {search.objective}",
            flush=True,
        )
    return out


search._solve = wrapped
search.run()
print(f"end {search.objective} {search.used:.2f}u {time.process_time() - c1:.2f}cpu")
