"""At 10,000 sessions (seed 2): the cost of one neighbourhood sub-model and of the final
tightening re-solve of lns.py, against the CP-SAT limit each is given.

    python benchmarks/results/huge/limit_submodels.py /tmp/huge/big2.yaml.pkl

(a pickled scenario, to skip the YAML load). Runs ``run.solve`` up to the search, then
times ``lns._Search._solve`` on a day and a rooms neighbourhood and the final tightening,
from the greedy's (complete) hint.
"""

from __future__ import annotations

import pickle
import sys
import time
import types
from typing import Any

from scheduler.solver import lns, run
from scheduler.solver.options import SolveOptions

T0 = time.monotonic()


def stamp(msg: str) -> None:
    print(f"{time.monotonic() - T0:7.1f} {msg}", flush=True)


def experiment(r: Any, built: Any) -> Any:
    stamp(f"model built: {len(built.model.proto.constraints)} constraints, "
          f"hint complete {built.hint_complete}")
    hint = built.model.proto.solution_hint
    values = [0] * len(built.model.proto.variables)
    for v, x in zip(hint.vars, hint.values, strict=True):
        values[v] = x
    main = types.SimpleNamespace(response_proto=types.SimpleNamespace(solution=values),
                                 objective_value=0.0, best_objective_bound=0.0)
    plan = lns.Plan(built, r.options, r.started, deadline=time.monotonic() + 3600, tighten=6.0)
    s = lns._Search(plan, main)  # type: ignore[arg-type]
    for kind, final in (("day", False), ("rooms", False), ("final", True)):
        free, days = (set(), set()) if final else {"day": s._day, "rooms": s._rooms}[kind]()
        limit = plan.tighten if final else lns.SUB_LIMIT
        t = time.monotonic()
        c0 = time.monotonic()
        built.model.clone()
        clone_s = time.monotonic() - c0
        outcome = s._solve(free, days, final=final)
        assert outcome is not None
        solver, status = outcome
        stamp(f"SUB {kind}: {len(free)} free, CP-SAT limit {limit:.1f} s, whole _solve took "
              f"{time.monotonic() - t:.1f} s (one clone alone {clone_s:.2f} s), status "
              f"{solver.status_name(status)}, CP-SAT wall {solver.wall_time:.1f} s")
    sys.exit(0)


if __name__ == "__main__":
    run.search = experiment  # type: ignore[assignment]
    with open(sys.argv[1], "rb") as f:
        scenario = pickle.load(f)
    run.solve(scenario, SolveOptions(time_limit=3600, workers=2))
