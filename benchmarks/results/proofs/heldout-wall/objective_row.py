"""One worker, 1.5 deterministic units, on the model ``solve()`` builds for talks-100 seed 1,
with rows added: ``total`` (objective >= 340), ``rf`` (preferences + room fit + track
stability >= 271), ``compact`` (compact days >= 69), ``parts`` (both); prints the reported
bound. ``python objective_row.py total rf compact`` printed 325 for each (docs/benchmarks.md,
"The product's own search")."""

import sys

from ortools.sat.python import cp_model

from benchmarks.suites import SUITES
from scheduler.generate import generate_yaml
from scheduler.scenario import parse_scenario
from scheduler.solver.model import ScheduleModel

TRACK_TERMS = ("preferences", "room_fit", "track_room_stability")
by = {i.name: i for s in ("small", "full", "ci") for i in SUITES[s]}
scenario = parse_scenario(generate_yaml(by["talks-100"].params(), 1), "talks-100-s1")
for mode in sys.argv[1:]:
    built = ScheduleModel(scenario, strengthen=frozenset({"grain", "symmetry"}))
    terms = built.objective.terms
    track = sum(terms[n][0] * terms[n][1] for n in TRACK_TERMS if n in terms)
    compact = terms["compact_days"][0] * terms["compact_days"][1]
    if mode == "total":
        built.model.add(built.objective.total() >= 340)
    if mode in ("rf", "parts"):
        built.model.add(track >= 271)
    if mode in ("compact", "parts"):
        built.model.add(compact >= 69)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.catch_sigint_signal = False
    solver.parameters.max_deterministic_time = 1.5
    status = solver.solve(built.model)
    print(mode, solver.best_objective_bound, solver.status_name(status), flush=True)
