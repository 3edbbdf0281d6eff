"""One long solve of the small suite's pycon seed SEED (``solve()``, 2 workers), every
better objective/bound logged with wall and CPU seconds; the final schedule written and
checked.  python long.py LIMIT SEED OUTPREFIX"""
import json, sys, time
from benchmarks.suites import SUITES
from scheduler.checker import check
from scheduler.generate import generate_yaml
from scheduler.scenario import parse_scenario
from scheduler.schedule import save_schedule
from scheduler.solver import SolveOptions, solve
from scheduler.solver.options import Progress

limit, seed, out = float(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
inst = next(i for i in SUITES["small"] if i.name == "pycon")
scenario = parse_scenario(generate_yaml(inst.params(), seed), "pycon")
seen = []
with open(out + ".progress", "w", encoding="utf-8") as log:
    def progress(p: Progress) -> None:
        if p.objective is None or (p.objective, p.bound) in seen[-1:]:
            return
        seen.append((p.objective, p.bound))
        log.write(f"wall {p.elapsed:8.1f} cpu {time.process_time():8.1f} "
                  f"objective {p.objective:g} bound {p.bound:g}\n")
        log.flush()
    result = solve(scenario, SolveOptions(time_limit=limit, workers=2, seed=0, log=False,
                                          progress=progress, handle_sigint=False,
                                          diagnose=False))
s = result.schedule
rep = check(scenario, s) if s is not None else None
if s is not None:
    save_schedule(s, out + ".schedule.yaml")
row = {"seed": seed, "limit": limit, "status": str(result.status),
       "objective": rep.objective if rep else None, "checked": rep.ok if rep else None,
       "bound": s.solve.bound if s else None,
       "terms": {n: t.penalty for n, t in rep.terms.items() if t.penalty} if rep else {},
       "cpu": round(time.process_time(), 1), "deterministic": result.deterministic_time}
open(out + ".json", "w").write(json.dumps(row, indent=1) + "\n")
print(json.dumps(row))
