"""The oracle's pruning against judging every complete schedule, event by event.

    python benchmarks/results/faults/oracle1/prunecheck.py FIRST_SEED LAST_SEED

Prints ``shape seed same`` (or ``DIFF`` with both optima and counts) for each event both
finish within their budgets (2,000 checker calls pruned, 8,000 whole).
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "property")]

from oracle import Budget, Oracle  # noqa: E402
from oracle_events import SHAPES, event, load  # noqa: E402

from scheduler.errors import InputError  # noqa: E402

n = bad = 0
lo, hi = int(sys.argv[1]), int(sys.argv[2])
for seed in range(lo, hi):
    for sh in SHAPES:
        try:
            sc = load(event(sh, seed))
        except InputError:
            continue
        try:
            a = Oracle(sc, 2000).run()
            b = Oracle(sc, 8000, prune=False).run()
        except Budget:
            continue
        n += 1
        same = (a.best, a.valid, a.penalties) == (b.best, b.valid, b.penalties)
        bad += not same
        print(sh, seed, "same" if same else f"DIFF {a.best} {b.best} {a.valid} {b.valid}",
              flush=True)
print("compared", n, "differ", bad, flush=True)
