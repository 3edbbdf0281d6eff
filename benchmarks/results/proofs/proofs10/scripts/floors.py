"""Per-group floors of the seminar's soft terms, each the proven optimum (or bound) of the
same model with only that group as the objective (a relaxation of the full objective:
every term is >= 0, so each group's floor is a lower bound on it in every schedule).

    python floors.py SEED [UNITS]   # 1 worker, UNITS deterministic units per group

``dropped`` (an optional session left out: 100) is in no group, so a group's sub-solve may
drop the seminar's optional session for free: the floors stay valid (each term >= 0) but
are weaker than the optimum's terms. With ``dropped`` beside the clashes the sub-solve is
not proven in 10 units (seed 1: 150 / 0, seed 3: 240 / 60; README).
"""

from __future__ import annotations

import json
import sys
import time

from ortools.sat.python import cp_model

from benchmarks.suites import SUITES
from scheduler.generate import generate_yaml
from scheduler.scenario import parse_scenario
from scheduler.solver.model import ScheduleModel

GROUPS = {
    "clashes": ["participant_clashes"],
    "rooms": ["room_fit", "track_room_stability", "facilitator_same_room"],
    "rest": ["preferences", "compact_days"],
    "clashes+rooms": ["participant_clashes", "room_fit", "track_room_stability",
                      "facilitator_same_room"],
}


def main() -> None:
    seed = int(sys.argv[1])
    units = float(sys.argv[2]) if len(sys.argv) > 2 else 20.0
    inst = next(i for i in SUITES["small"] if i.name == "seminar")
    scenario = parse_scenario(generate_yaml(inst.params(), seed), f"seminar/s{seed}")
    out = {"instance": f"seminar/s{seed}", "units": units}
    for name, terms in GROUPS.items():
        built = ScheduleModel(scenario)
        built.model.minimize(sum(w * e for n, (w, e) in built.objective.terms.items()
                                 if n in terms))
        solver = cp_model.CpSolver()
        solver.parameters.catch_sigint_signal = False
        solver.parameters.num_workers = 1
        solver.parameters.max_deterministic_time = units
        solver.parameters.max_time_in_seconds = 60 * units
        cpu = time.process_time()
        status = solver.solve(built.model)
        out[name] = {"status": solver.status_name(status),
                     "value": solver.objective_value, "bound": solver.best_objective_bound,
                     "det": round(solver.deterministic_time, 2),
                     "cpu": round(time.process_time() - cpu, 1)}
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
