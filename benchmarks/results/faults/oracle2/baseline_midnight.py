"""The people shape's midnight events judged against another tree's solver (PYTHONPATH)."""
import sys, json
sys.path.insert(0, "/work/wt/oracle2/tests/property")
from oracle import Oracle, Budget, solve_claims
from oracle_events import event, load
from scheduler.errors import InputError
import scheduler; print(scheduler.__file__, file=sys.stderr)
first, last = map(int, sys.argv[1].split(":"))
for seed in range(first, last):
    data = event("people", seed)
    if data["event"]["day-end"] != "24:00" or "changeover" not in data["event"]:
        continue
    try:
        sc = load(data); t = Oracle(sc, 8000).run()
    except (InputError, Budget):
        continue
    cl = solve_claims(sc, t, "solve", diagnose=False)
    print(json.dumps({"seed": seed, "feasible": t.feasible, "best": t.best,
                      "claims": [(c.status, c.value, c.ok, c.note) for c in cl]}, ensure_ascii=False), flush=True)
