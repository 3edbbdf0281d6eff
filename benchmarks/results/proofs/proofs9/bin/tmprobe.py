# ruff: noqa: E402, E501, E741, SIM115, B905, B023, B007 - one-off probes, kept as they ran
"""Phase 1 (deterministic, P units) then trackday.improve (one process) from its best
for T CPU-ish seconds (deadline wall); prints objective vs CPU s.  python tmprobe.py NAME SEED P T"""

import os
import sys
import time

from benchmarks.suites import SUITES
from scheduler.checker import check
from scheduler.generate import generate_yaml
from scheduler.scenario import parse_scenario
from scheduler.schedule import SolveStatus
from scheduler.solver import SolveOptions, trackday
from scheduler.solver import run as R
from scheduler.solver import search as S
from scheduler.solver.extract import extract_schedule

name, seed, P, T = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
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
vals = list(solver.response_proto.solution)


def read(lit):
    i = int(lit.index)
    return vals[i] if i >= 0 else 1 - vals[-i - 1]


start = extract_schedule(built, read, SolveStatus.FEASIBLE)
base = check(sc, start).objective
print("start checker", base)
c1 = time.process_time()
tot = [base]
orig = trackday.TrackMoves.take


def take(self, kind, free, move, units, changed):
    g = orig(self, kind, free, move, units, changed)
    if g:
        tot[0] -= g
        print(
            f"  {time.process_time() - c1:.2f}cpu {kind} {len(free)} gain {g} -> {tot[0]}",
            flush=True,
        )
    return g


trackday.TrackMoves.take = take
rooms = {sv.id: set(sv.room_lits) for sv in built.vars.sessions.values()}
out = trackday.improve(
    sc,
    run.facts,
    start,
    deadline=time.monotonic() + T,
    seed=0,
    rooms=rooms,
    workers=int(os.environ.get("W", "1")),
)
print("end", check(sc, out).objective, f"{time.process_time() - c1:.2f}cpu")
