"""The repair sub-model on a greedy's final placement, then the checker (a diagnostic).

    python benchmarks/results/huge/submodel_on.py /tmp/huge/big3.yaml GREEDY.json

GREEDY.json: a schedule written by ``greedy_only.py ... OUT.json``. Rebuilds the board from
it, runs ``place_by_submodel`` (scheduler/solver/greedy/submodel.py) on the required
sessions it leaves out with a 120-s CPU cap, and prints the sessions freed, the CPU
seconds, what is still left out, and the checker's verdict on the result.
"""

from __future__ import annotations

import pickle
import sys
import time

from scheduler.checker import check
from scheduler.schedule import Schedule
from scheduler.solver import run
from scheduler.solver.greedy import placement, submodel, to_schedule
from scheduler.solver.greedy.cap import Cap
from scheduler.solver.greedy.chains import Limits
from scheduler.solver.greedy.people import choose_people, within_people_hours


def main(path: str, greedy: str) -> None:
    """Load, rebuild the greedy's placement, run the sub-model, check."""
    with open(path + ".pkl", "rb") as handle:
        scenario = pickle.load(handle)
    facts = within_people_hours(scenario, run.load_facts(scenario))
    with open(greedy) as handle:
        schedule = Schedule.model_validate_json(handle.read())
    _, breaks = placement.fresh_board(scenario, facts)
    placed = placement.spots_of(scenario, facts, schedule)
    board = placement.board_of(scenario, facts, placed)
    before = dict(placed)
    missing = [f for f in facts.values() if not f.optional and f.id not in placed]
    print("missing", [f.id for f in missing], flush=True)
    cpu = time.process_time()
    left = submodel.place_by_submodel(
        board, facts, placed, missing,
        Limits(scenario.parallel_limit, scenario.hybrid.licences,
               Cap(time.process_time() + 120)))
    moved = sorted(sid for sid in before if placed.get(sid) != before[sid])
    print("cpu", round(time.process_time() - cpu, 2), "left", left, "moved", len(moved),
          moved[:30], flush=True)
    out = to_schedule(scenario, facts, placed, breaks)
    assert out is not None
    out = choose_people(scenario, out)
    report = check(scenario, out)
    print("check ok", report.ok, "objective", report.objective,
          [str(v) for v in report.violations][:5], flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
