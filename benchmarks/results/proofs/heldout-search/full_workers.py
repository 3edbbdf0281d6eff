"""Which full workers CP-SAT actually runs for a subsolver list, with and without
``interleave_search`` (which every ``--deterministic`` solve sets): the lines of CP-SAT's
log naming them, for talks-50 seed 4 as ``solve()`` builds it (no hint, 0.6 units each).

    python benchmarks/results/proofs/heldout-search/full_workers.py > full_workers.txt
"""


from ortools.sat.python import cp_model

from benchmarks.suites import SUITES
from scheduler.generate import generate_yaml
from scheduler.scenario import parse_scenario
from scheduler.solver.model import ScheduleModel

params = next(i for i in SUITES["small"] if i.name == "talks-50").params()
scenario = parse_scenario(generate_yaml(params, 4), "talks-50-s4")
CASES = [
    (True, ["default_lp", "objective_lb_search"]),
    (False, ["default_lp", "objective_lb_search"]),
    (True, ["default_lp", "max_lp"]),
    (True, ["lb_tree_search"]),
    (True, ["objective_shaving"]),
]
for interleave, subsolvers in CASES:
    built = ScheduleModel(scenario)
    built.model.minimize(built.objective.total())
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.interleave_search = interleave
    solver.parameters.num_full_subsolvers = len(subsolvers)
    solver.parameters.subsolvers.extend(subsolvers)
    solver.parameters.log_search_progress = True
    solver.parameters.log_to_stdout = False
    lines: list[str] = []
    solver.log_callback = lines.append
    solver.parameters.max_deterministic_time = 0.6
    solver.solve(built.model)
    full = [line for line in lines if "full problem subsolver" in line] or ["(no full subsolver)"]
    print(f"interleave_search={interleave} subsolvers={subsolvers}: {full[0].strip()}")
