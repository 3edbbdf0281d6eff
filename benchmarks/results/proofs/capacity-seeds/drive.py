"""Run benchmarks.proofs.measure on talks instances with search.py knobs set from argv.
usage: drive.py VARIANT LABEL:SEED... [--param k=v] [--limit U]"""
import json, sys, time
from benchmarks.proofs import measure
from benchmarks.suites import SUITES
from scheduler.generate import generate_yaml
from scheduler.solver import search as S
args = sys.argv[1:]
variant = args.pop(0)
limit = 10.0; params = {}; insts = []; bounds = None
while args:
    a = args.pop(0)
    if a == "--limit": limit = float(args.pop(0))
    elif a == "--bounds": bounds = frozenset(x for x in args.pop(0).split(",") if x != "none")
    elif a == "--param":
        k, _, v = args.pop(0).partition("="); params[k] = json.loads(v)
    elif a == "--set":
        k, _, v = args.pop(0).partition("="); setattr(S, k, json.loads(v) if not v.startswith("(") else eval(v))
    else: insts.append(a)
S.DETERMINISTIC_WALL_FACTOR = 40
by = {i.name: i for s in ("small", "full", "ci") for i in SUITES[s]}
for spec in insts:
    name, _, seed = spec.partition(":")
    text = generate_yaml(by[name].params(), int(seed or 0))
    row = measure(f"{name}/s{seed or 0}", text, limit, True, bounds, False, params)
    print(json.dumps({"variant": variant, **{k: row.get(k) for k in ("instance","status","objective","bound","cpu","deterministic","wall")}}), flush=True)
