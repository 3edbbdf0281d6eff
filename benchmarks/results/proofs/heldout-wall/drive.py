"""The product as it runs (#17 item 1, `proofs5`): ``solve()`` on the wall clock (not
``--deterministic``), 2 workers, so that CP-SAT runs the full workers ``confsched solve``
runs (with ``--deterministic``, ``interleave_search`` drops ``objective_lb_search`` from
phase 1; ``../heldout-search/full_workers.txt``). One JSON row per solve on stdout.

    python benchmarks/results/proofs/heldout-wall/drive.py VARIANT NAME:SEED ... \
        [--limit SECONDS] [--seed N] [--set SEARCH_CONSTANT=VALUE] [--param NAME=JSON] \
        [--bounds P,Q]

``--limit``: the wall-clock limit (default 30, ``confsched solve``'s own default, so phase
1 is its 15 s as in the product). ``--seed``: CP-SAT's random seed (``solve()``'s default
0). Each row has the load average before and after, the wall seconds, the CPU seconds of
the whole solve (start heuristic, build and search: ``cpu / 2`` is what 2 idle cores would
take when both threads are busy) and CP-SAT's deterministic units of its searches.
A proof "within 5 s on 2 idle cores" is a row with status optimal and ``cpu / 2 <= 5``.
"""

import ast
import json
import math
import os
import sys
import time

from benchmarks.proofs import measure
from benchmarks.suites import SUITES
from scheduler.generate import generate_yaml
from scheduler.solver import search

FLOOR_CPU = 5.0
args = sys.argv[1:]
variant = args.pop(0)
limit = 30.0
seed = 0
params: dict[str, object] = {}
instances: list[str] = []
bounds: frozenset[str] | None = None
floors = False
while args:
    arg = args.pop(0)
    if arg == "--limit":
        limit = float(args.pop(0))
    elif arg == "--seed":
        seed = int(args.pop(0))
    elif arg == "--bounds":
        bounds = frozenset(p for p in args.pop(0).split(",") if p != "none")
    elif arg == "--floors":
        floors = True
    elif arg == "--param":
        key, _, value = args.pop(0).partition("=")
        params[key] = json.loads(value)
    elif arg == "--set":
        key, _, value = args.pop(0).partition("=")
        setattr(search, key, ast.literal_eval(value))
    else:
        instances.append(arg)
if floors:  # the parts of `confsched bound` as constraints on their terms' sums
    from scheduler.lower_bound import lower_bound
    from scheduler.solver import run

    original = run.search

    def floored(run_, built, original=original):  # noqa: ANN001, ANN202
        bound = lower_bound(run_.scenario, time_limit=FLOOR_CPU)
        terms = built.objective.terms
        for part in bound.parts:
            names = [t for t in part.terms if t in terms]
            if part.value > 0 and names:
                built.model.add(sum(terms[t][0] * terms[t][1] for t in names)
                                >= math.ceil(part.value - 1e-6))
        return original(run_, built)

    run.search = floored
by_name = {i.name: i for suite in ("small", "full", "ci") for i in SUITES[suite]}
for spec in instances:
    name, _, inst_seed = spec.partition(":")
    text = generate_yaml(by_name[name].params(), int(inst_seed or 0))
    load = os.getloadavg()[0]
    row = measure(f"{name}/s{inst_seed or 0}", text, limit, False, bounds, False, params,
                  seed=seed)
    keep = ("instance", "status", "objective", "bound", "wall", "cpu", "deterministic")
    print(json.dumps({"variant": variant, "seed": seed, **{k: row.get(k) for k in keep},
                      "idle_s": round(row["cpu"] / 2, 2),
                      "load": [round(load, 1), round(os.getloadavg()[0], 1)],
                      "at": time.strftime("%H:%M:%S", time.gmtime())}), flush=True)
