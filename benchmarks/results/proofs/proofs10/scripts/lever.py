"""One CP-SAT solve of a seminar model with a chosen objective, pieces and parameters.

    python lever.py YAML UNITS all|TERM[,TERM] [HINT.yaml] [NAME=JSON ...]

NAME: a CP-SAT parameter, or ``workers``, ``pieces`` (bound pieces of the model),
``cuts`` (clash_cuts.py), ``cdr`` (pieces.registration_disjunctive; ``cdm``: its
maximal cliques only), ``placed`` (0/1: every optional session), ``ti``
(pieces.time_index), ``floors`` (["term+term:value", ...]: the terms' weighted sum >=
value, each a floor proven by a solve with only those terms). Prints status, objective,
bound, deterministic units and CPU seconds. Run from this folder (``pieces`` is here).
"""

from __future__ import annotations

import json
import sys
import time

from ortools.sat.python import cp_model
from ortools.sat.python import cp_model_helper as helper
from pieces import registration_disjunctive, time_index

from scheduler.scenario import load_scenario
from scheduler.schedule import load_schedule
from scheduler.solver.clash_cuts import ClashCuts
from scheduler.solver.model import ScheduleModel


def main() -> None:
    path, units, terms = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    hint = next((a for a in sys.argv[4:] if a.endswith(".yaml")), None)
    params = {}
    for arg in sys.argv[4:]:
        if "=" in arg:
            key, _, value = arg.partition("=")
            params[key] = json.loads(value)
    built = ScheduleModel(load_scenario(path),
                          strengthen=frozenset(params.pop("pieces", [])) or None)
    m, objective = built.model, built.objective
    if params.pop("cuts", False):
        print("cuts", ClashCuts(built.vars, objective.overlaps, objective.apart_pairs()).add(m))
    if params.pop("cdr", False):
        print("cdr", registration_disjunctive(built))
    if params.pop("cdm", False):
        print("cdm", registration_disjunctive(built, registrations=False))
    if params.pop("ti", False):
        print("ti", time_index(built))
    placed = params.pop("placed", None)
    if placed is not None:  # every optional session placed (1) or dropped (0)
        for sv in built.vars.sessions.values():
            if sv.placed is not None:
                print("optional", sv.id, "->", placed)
                m.add(sv.placed == placed)
    for spec in params.pop("floors", []):
        names, _, value = spec.partition(":")
        m.add(sum(w * e for n, (w, e) in objective.terms.items() if n in names.split("+"))
              >= int(value))
    if terms != "all":
        m.minimize(sum(w * e for n, (w, e) in objective.terms.items()
                       if n in terms.split(",")))
    if hint:
        built.add_hint(load_schedule(hint), time_limit=1.0, deterministic=True)
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.catch_sigint_signal = False
    p.num_workers = params.pop("workers", 2)
    p.max_deterministic_time = units
    p.max_time_in_seconds = 600
    p.interleave_search = p.num_workers > 1
    for key, value in params.items():
        if isinstance(value, list):
            getattr(p, key).extend(value)
        elif key == "search_branching":
            p.search_branching = getattr(helper.SatParameters, value)
        else:
            setattr(p, key, value)
    cpu = time.process_time()
    status = solver.solve(m)
    print(sys.argv[1:], solver.status_name(status), solver.objective_value,
          solver.best_objective_bound, "det", round(solver.deterministic_time, 2),
          "cpu", round(time.process_time() - cpu, 1), flush=True)


if __name__ == "__main__":
    main()
