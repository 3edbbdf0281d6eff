# ruff: noqa: E402, E501, E741, SIM115, B905, B023, B007 - one-off probes, kept as they ran
import json
import sys
import time

from benchmarks.suites import SUITES
from scheduler.generate import generate_yaml
from scheduler.scenario import parse_scenario
from scheduler.schedule import SolveStatus, save_schedule
from scheduler.solver import SolveOptions
from scheduler.solver import run as R
from scheduler.solver.extract import extract_schedule

name, seed, cache, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
by = {i.name: i for s in ("small", "full", "ci") for i in SUITES[s]}
sc = parse_scenario(generate_yaml(by[name].params(), seed), f"{name}-s{seed}")
opts = SolveOptions(time_limit=1, workers=2, deterministic=True)
run = R.Run(sc, opts, time.monotonic())
run.deadline = R.deadline_of(run)
run.facts = R.load_facts(sc)
R.start(run)
built = R.build(run)
vals, obj = json.load(open(cache))


def read(lit):
    i = int(lit.index)
    return vals[i] if i >= 0 else 1 - vals[-i - 1]


s = extract_schedule(built, read, SolveStatus.FEASIBLE)
save_schedule(s, out)
