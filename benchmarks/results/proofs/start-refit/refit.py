"""Does a better start make a talks proof faster? (#17 item 1, proofs2; not kept)

``python benchmarks/results/proofs/start-refit/refit.py NAME refit|none``: builds the model
of a small-suite instance as ``solve()`` does (greedy, polish, completed hint), with
``refit`` improves the hint by two CP-SAT sub-models (every start fixed, then every room
fixed; one worker, at most 0.5 deterministic units each), then runs the solver's own
two-phase search (``search_to_proof``) with 10 deterministic units and prints its status
and the units it used.
"""

from __future__ import annotations

import sys
import time

from ortools.sat.python import cp_model

from benchmarks.suites import SUITES
from scheduler.generate import generate_yaml
from scheduler.scenario import parse_scenario
from scheduler.solver import SolveOptions
from scheduler.solver import run as solving
from scheduler.solver import search as searching


def main(name: str, mode: str) -> None:
    inst = next(i for i in SUITES["small"] if i.name == name)
    scenario = parse_scenario(generate_yaml(inst.params(), 0), name)
    options = SolveOptions(time_limit=10, workers=2, seed=0, handle_sigint=False,
                           deterministic=True)
    run = solving.Run(scenario, options, time.monotonic())
    run.facts = solving.load_facts(scenario)
    solving.start(run)
    built = solving.build(run)
    solving.hint(run, built)
    proto = built.model.proto
    values = dict(zip(proto.solution_hint.vars, proto.solution_hint.values, strict=True))
    began, units = time.process_time(), 0.0

    def sub(what: str) -> None:
        nonlocal units
        model = built.model.clone()
        for sv in built.vars.sessions.values():
            fixed = ([sv.start.index] if what == "times"
                     else [lit.index for lit in sv.room_lits.values()])
            for i in fixed:
                model.add(model.get_int_var_from_proto_index(i) == values[i])
        model.clear_hints()
        for i, v in values.items():
            model.add_hint(model.get_int_var_from_proto_index(i), v)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_deterministic_time = 0.5
        status = solver.solve(model)
        units += solver.deterministic_time
        print(what, solver.status_name(status), solver.objective_value,
              f"det {solver.deterministic_time:.3f}", flush=True)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            for i in range(len(proto.variables)):
                values[i] = solver.response_proto.solution[i]

    if mode == "refit":
        sub("times")
        sub("rooms")
        built.model.clear_hints()
        for i in range(len(proto.variables)):
            built.model.add_hint(built.model.get_int_var_from_proto_index(i), values[i])
    print(f"refit cpu {time.process_time() - began:.2f} units {units:.3f}", flush=True)
    solver = searching.configure(options, time.monotonic())
    cpu, wall = time.process_time(), time.perf_counter()
    out = searching.search_to_proof(solver, built.model, options, time.monotonic(),
                                    len(built.vars.sessions), bool(built.bounds))
    print("RESULT", name, mode, out.status, out.solver.objective_value,
          out.solver.best_objective_bound,
          f"units {out.earlier_units + out.solver.deterministic_time:.3f}",
          f"cpu {time.process_time() - cpu:.1f} wall {time.perf_counter() - wall:.1f}",
          flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
