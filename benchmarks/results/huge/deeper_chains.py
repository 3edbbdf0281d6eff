"""Ejection chains deeper than the greedy's on a greedy's final placement (a diagnostic).

    python benchmarks/results/huge/deeper_chains.py /tmp/huge/big3.yaml GREEDY.json DEPTH

GREEDY.json: a schedule written by ``greedy_only.py ... OUT.json``. Rebuilds the board from
it, then runs ``place_by_chains`` at DEPTH (3 or 4 sessions in the way and 60 spots at each
new level) on the required sessions it leaves out, with a 120-s CPU cap; prints what is
still left out and the CPU seconds.
"""

from __future__ import annotations

import pickle
import sys
import time

from scheduler.schedule import Schedule
from scheduler.solver import run
from scheduler.solver.greedy import chains, placement
from scheduler.solver.greedy.chains import Limits, place_by_chains
from scheduler.solver.greedy.people import within_people_hours


def main(path: str, greedy: str, depth: int) -> None:
    """Load, rebuild the greedy's placement, chain at ``depth``, print the result."""
    with open(path + ".pkl", "rb") as handle:
        scenario = pickle.load(handle)
    facts = within_people_hours(scenario, run.load_facts(scenario))
    with open(greedy) as handle:
        schedule = Schedule.model_validate_json(handle.read())
    placed = placement.spots_of(scenario, facts, schedule)
    board = placement.board_of(scenario, facts, placed)
    missing = [f for f in facts.values() if not f.optional and f.id not in placed]
    print("missing", [f.id for f in missing], flush=True)
    chains.DEPTH = depth
    for level in range(3, depth + 1):
        chains.MOST[level], chains.SPOTS[level] = 3, 60
    cpu = time.process_time()
    left = place_by_chains(board, facts, placed, missing,
                           Limits(scenario.parallel_limit, scenario.hybrid.licences,
                                  time.process_time() + 120))
    print("depth", depth, "cpu", round(time.process_time() - cpu, 2), "left", left, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
