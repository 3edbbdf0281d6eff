"""``capacity-seeds/drive.py`` (``solve()`` as ``benchmarks.proofs`` measures it, one JSON
row per solve) with two switches for what ``solve()`` adds to CP-SAT's own search:

    python benchmarks/results/proofs/heldout-search/drive.py VARIANT NAME:SEED ... \
        [--no-hint] [--share] [--set SEARCH_CONSTANT=VALUE] [--param NAME=JSON] [--limit UNITS]

``--no-hint``: the model gets no hint (``run.hint`` does nothing; the start heuristic still
runs and is kept if the search finds nothing better). ``--share``: CP-SAT's workers share
binary clauses (``--deterministic`` turns sharing off; interleaved search stays
reproducible with it on).
"""

import ast
import json
import sys

from benchmarks.proofs import measure
from benchmarks.suites import SUITES
from scheduler.generate import generate_yaml
from scheduler.solver import run, search

args = sys.argv[1:]
variant = args.pop(0)
limit = 10.0
params: dict[str, object] = {}
instances: list[str] = []
while args:
    arg = args.pop(0)
    if arg == "--limit":
        limit = float(args.pop(0))
    elif arg == "--no-hint":
        run.hint = lambda run_, built: None
    elif arg == "--share":
        original = search.make_deterministic

        def sharing(solver, time_limit, original=original):  # noqa: ANN001, ANN202
            original(solver, time_limit)
            solver.parameters.share_binary_clauses = True

        search.make_deterministic = sharing
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
    row = measure(f"{name}/s{seed or 0}", text, limit, True, None, False, params)
    keep = ("instance", "status", "objective", "bound", "cpu", "deterministic", "wall")
    print(json.dumps({"variant": variant, **{k: row.get(k) for k in keep}}), flush=True)
