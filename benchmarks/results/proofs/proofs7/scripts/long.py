import json
import pathlib
import sys
import time

from scheduler.checker import check
from scheduler.scenario import parse_scenario
from scheduler.solver import SolveOptions, solve

path, limit = sys.argv[1], float(sys.argv[2])
det = len(sys.argv) > 3 and sys.argv[3] == "det"
sc = parse_scenario(pathlib.Path(path).read_text(encoding="utf-8"), path)
t, c = time.perf_counter(), time.process_time()
r = solve(
    sc,
    SolveOptions(
        time_limit=limit, workers=2, deterministic=det, handle_sigint=False, diagnose=False
    ),
)
rep = check(sc, r.schedule)
print(
    json.dumps(
        dict(
            path=path,
            status=str(r.status),
            obj=rep.objective,
            bound=r.schedule.solve.bound,
            wall=round(time.perf_counter() - t, 1),
            cpu=round(time.process_time() - c, 1),
            det=r.deterministic_time,
            terms={n: t.penalty for n, t in rep.terms.items() if t.penalty},
        )
    ),
    flush=True,
)
