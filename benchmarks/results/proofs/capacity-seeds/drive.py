"""Solve generated suite instances of any seed as ``benchmarks.proofs`` does (its ``measure``:
``solve()``, 2 workers, ``--deterministic`` with 10 units and a 40x wall net), with
``scheduler.solver.search``'s constants and CP-SAT parameters set for the run; one JSON row
per solve on stdout (the rows of ``runs.jsonl``).

    python benchmarks/results/proofs/capacity-seeds/drive.py VARIANT NAME:SEED ... \
        [--bounds P,Q] [--param NAME=JSON] [--set SEARCH_CONSTANT=VALUE] [--limit UNITS]

e.g. ``drive.py cap talks-100:1 --bounds grain,symmetry,capacity``, ``drive.py pair
talks-100:1 --param num_full_subsolvers=2 --param
'subsolvers=["default_lp","objective_lb_search"]'``, ``drive.py lbmax talks-100:0 --set
'FIRST_SUBSOLVERS=("max_lp","objective_lb_search")'``. Without ``--bounds``: the solver's
own choice of bound pieces (at the time of these runs, grain and symmetry for talks).
"""

import ast
import json
import sys

from benchmarks.proofs import measure
from benchmarks.suites import SUITES
from scheduler.generate import generate_yaml
from scheduler.solver import search

args = sys.argv[1:]
variant = args.pop(0)
limit = 10.0
params: dict[str, object] = {}
instances: list[str] = []
bounds: frozenset[str] | None = None
while args:
    arg = args.pop(0)
    if arg == "--limit":
        limit = float(args.pop(0))
    elif arg == "--bounds":
        bounds = frozenset(p for p in args.pop(0).split(",") if p != "none")
    elif arg == "--param":
        key, _, value = args.pop(0).partition("=")
        params[key] = json.loads(value)
    elif arg == "--set":
        key, _, value = args.pop(0).partition("=")
        setattr(search, key, ast.literal_eval(value))
    else:
        instances.append(arg)
search.DETERMINISTIC_WALL_FACTOR = 40
by_name = {i.name: i for suite in ("small", "full", "ci") for i in SUITES[suite]}
for spec in instances:
    name, _, seed = spec.partition(":")
    text = generate_yaml(by_name[name].params(), int(seed or 0))
    row = measure(f"{name}/s{seed or 0}", text, limit, True, bounds, False, params)
    keep = ("instance", "status", "objective", "bound", "cpu", "deterministic", "wall")
    print(json.dumps({"variant": variant, **{k: row.get(k) for k in keep}}), flush=True)
