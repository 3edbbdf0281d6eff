# ruff: noqa: E402, E501, E741, SIM115, B905, B023, B007 - one-off probes, kept as they ran
"""Phase 1 (deterministic P units), then alternate: A = every start fixed (rooms free),
B = every room fixed (starts free), D = one day's sessions free (day kept) ... sequence SEQ.
   python altprobe.py NAME SEED P SEQ(e.g. ABAB)"""

import os
import sys
import time

from ortools.sat.python import cp_model

from benchmarks.suites import SUITES
from scheduler.generate import generate_yaml
from scheduler.scenario import parse_scenario
from scheduler.solver import SolveOptions
from scheduler.solver import run as R
from scheduler.solver import search as S
from scheduler.solver.lns import _fix, _index

name, seed, P, SEQ = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
LIM = float(os.environ.get("LIM", "1.0"))
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
import json

cache = f"/tmp/proofs9/p1-{name}-{seed}-{P}.json"
if os.path.exists(cache):
    vals, obj = json.load(open(cache))
else:
    c0 = time.process_time()
    st = solver.solve(built.model)
    print(
        f"phase1 {solver.status_name(st)} {solver.objective_value} / {solver.best_objective_bound} {solver.deterministic_time:.2f}u {time.process_time() - c0:.2f}cpu",
        flush=True,
    )
    vals = list(solver.response_proto.solution)
    obj = solver.objective_value
    json.dump([vals, obj], open(cache, "w"))
print("phase1", obj)
svs = list(built.vars.sessions.values())
per_day = built.vars.grid.per_day
c1 = time.process_time()
import random

rng = random.Random(int(os.environ.get("RS", "0")))
tracks = sorted({t for sv in svs for t in sv.track_lits})
NT = int(os.environ.get("NT", "2"))
for step, kind in enumerate(SEQ):
    freed = set(rng.sample(tracks, NT))
    if kind in "GH":
        import gather

        m = gather.gathered_model(built)
        m.clear_hints()
        p = m.proto
    else:
        m = built.model.clone()
        m.clear_hints()
        p = m.proto
    for sv in svs:
        day = vals[_index(sv.start)] // per_day
        if kind == "T":
            mine = (
                [t for t, l in sv.track_lits.items() if vals[_index(l)]]
                if len(sv.track_lits) > 1
                else list(sv.track_lits)
            )
            if not (set(mine) & freed):
                for i in [
                    _index(sv.start),
                    *(
                        _index(l)
                        for l in [
                            *sv.room_lits.values(),
                            *sv.day_lits.values(),
                            *sv.track_lits.values(),
                        ]
                    ),
                ]:
                    _fix(p, i, vals[i])
        if kind == "W":
            v = vals[_index(sv.start)]
            K = int(os.environ.get("K", "2"))
            dom = p.variables[_index(sv.start)].domain
            lo, hi = max(v - K, day * per_day), min(v + K, (day + 1) * per_day - 1)
            flat = list(dom)
            keep = []
            for a, b in zip(flat[::2], flat[1::2]):
                a2, b2 = max(a, lo), min(b, hi)
                if a2 <= b2:
                    keep += [a2, b2]
            dom.clear()
            dom.extend(keep)
        if kind in "AG":
            _fix(p, _index(sv.start), vals[_index(sv.start)])
        elif kind == "B":
            for lit in sv.room_lits.values():
                _fix(p, _index(lit), vals[_index(lit)])
        elif kind == "D":
            if day != step % 2:
                for i in [
                    _index(sv.start),
                    *(
                        _index(l)
                        for l in [
                            *sv.room_lits.values(),
                            *sv.day_lits.values(),
                            *sv.track_lits.values(),
                        ]
                    ),
                ]:
                    _fix(p, i, vals[i])
            else:
                for l in sv.day_lits.values():
                    _fix(p, _index(l), vals[_index(l)])
    for bv in built.vars.breaks:
        pass
    for i, v in enumerate(vals if kind != "G" else []):
        m.add_hint(m.get_int_var_from_proto_index(i), v)
    s = cp_model.CpSolver()
    s.parameters.num_workers = 1
    s.parameters.max_deterministic_time = LIM
    if kind in "HF":
        s.parameters.num_workers = 2
        s.parameters.interleave_search = True
        s.parameters.max_deterministic_time = float(os.environ.get("LIMHF", "2"))
    s.parameters.catch_sigint_signal = False

    class CB(cp_model.CpSolverSolutionCallback):
        def on_solution_callback(self):
            print(
                f"     {kind} {self.deterministic_time:.2f}u {time.process_time() - c1:.2f}cpu {self.objective_value} bound {self.best_objective_bound}",
                flush=True,
            )

    r = s.solve(m, CB() if kind in "HF" else None)
    if r in (2, 4) and (s.objective_value < obj - 0.5 or kind in "GH"):
        vals = list(s.response_proto.solution)[: len(built.model.proto.variables)]
        obj = s.objective_value
    print(
        f"  {kind} {sorted(freed) if kind == 'T' else ''} {s.status_name(r)} {s.objective_value} bound {s.best_objective_bound} {s.deterministic_time:.2f}u cpu {time.process_time() - c1:.2f} best {obj}",
        flush=True,
    )
