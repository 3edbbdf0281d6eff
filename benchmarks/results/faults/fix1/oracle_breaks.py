"""Events whose pre-solve finding is hand1's "break cannot be placed" (the sessions fixed
in its window): the oracle's diagnosis claim on each (tree given by PYTHONPATH)."""
import sys, json, os
tree = os.environ["TREE"]
sys.path[:0] = [tree, tree + "/tests/property"]
from oracle_events import SHAPES, event, load
from oracle import diagnosis_claims, Oracle, Budget
from scheduler.errors import InputError
from scheduler.facts import FactBuilder
from scheduler.diagnose import precheck
first, last = map(int, sys.argv[1].split(":"))
rows = []
for seed in range(first, last):
    for shape in SHAPES:
        try:
            sc = load(event(shape, seed))
        except InputError:
            continue
        except Exception:
            continue
        facts = FactBuilder(sc).build()
        fs = [f for f in precheck(sc, facts) if f.subject.startswith("break") and "fill its window" in f.text]
        if not fs:
            continue
        claims = diagnosis_claims(sc, ["x"])
        bad = [c.note for c in claims if not c.ok]
        print(shape, seed, "claims", len(claims), "wrong", len(bad), bad[:1], flush=True)
