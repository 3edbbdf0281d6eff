"""One long solve of the small suite's pycon (seed 0), as ``confsched solve`` runs it (2
workers, CP-SAT's log on), with every better objective or bound logged with its wall and
CPU seconds; the result checked by the checker.

    timeout 3450 nice -n 19 python benchmarks/results/proofs/pycon-1h/long.py 3300 \
        benchmarks/results/proofs/pycon-1h/pycon > benchmarks/results/proofs/pycon-1h/cp-sat.log
"""

import json
import sys
import time

from benchmarks.suites import SUITES
from scheduler.checker import check
from scheduler.generate import generate_yaml
from scheduler.scenario import parse_scenario
from scheduler.solver import SolveOptions, solve
from scheduler.solver.options import Progress

limit, out = float(sys.argv[1]), sys.argv[2]
instance = next(i for i in SUITES["small"] if i.name == "pycon")
scenario = parse_scenario(generate_yaml(instance.params(), 0), "pycon")
began = time.monotonic()
seen: list[tuple[float | None, float | None]] = []
with open(out + ".progress", "w", encoding="utf-8") as log:
    def progress(p: Progress) -> None:
        if p.objective is None or (p.objective, p.bound) in seen[-1:]:
            return
        seen.append((p.objective, p.bound))
        log.write(f"wall {p.elapsed:8.1f} cpu {time.process_time():8.1f} "
                  f"objective {p.objective:g} bound {p.bound:g}\n")
        log.flush()

    result = solve(scenario, SolveOptions(time_limit=limit, workers=2, seed=0, log=True,
                                          progress=progress, handle_sigint=False,
                                          diagnose=False))
schedule = result.schedule
report = check(scenario, schedule) if schedule is not None else None
row = {"instance": "pycon/s0", "time_limit": limit, "status": str(result.status),
       "objective": report.objective if report else None, "checked": report.ok if report else None,
       "bound": schedule.solve.bound if schedule else None,
       "terms": {n: t.penalty for n, t in report.terms.items() if t.penalty} if report else {},
       "wall": round(time.monotonic() - began, 1), "cpu": round(time.process_time(), 1),
       "deterministic": result.deterministic_time}
with open(out + ".json", "w", encoding="utf-8") as f:
    f.write(json.dumps(row, indent=1) + "\n")
print(json.dumps(row), file=sys.stderr)
