"""The same ejection chains three times in one process, main's way and this branch's:
the first round's chains on one event with ``blocked_runs`` walking every spot with up to
5 in the way (main) and with the chains' own 3 (this branch), alternating.

    python benchmarks/results/huge/first31/ab_chains.py /tmp/huge/big3.yaml 3

Prints the CPU seconds, the sessions left out and a hash of the placement of each run
(the same every time: the CPU seconds show the machine's noise, ``chain_ab.log``).
"""

from __future__ import annotations

import copy
import sys
import time
from typing import Any

from scheduler.scenario import load_scenario
from scheduler.solver import run
from scheduler.solver.greedy import chains, eject, placement
from scheduler.solver.greedy.cap import Cap
from scheduler.solver.greedy.people import within_people_hours


def main(path: str, repeats: int) -> None:
    scenario = load_scenario(path)
    facts = within_people_hours(scenario, run.load_facts(scenario))
    order = placement.order(scenario, facts, by_starts=True)
    first = placement.one_round(scenario, order, facts, joint=True, cap=Cap.never())
    missing = [f for f in order if not f.optional and f.id not in first.placed]
    real = eject.blocked_runs

    def five(*args: Any, **kwargs: Any) -> Any:
        return real(*args[:7], **kwargs)
    limits = chains.Limits(scenario.parallel_limit, scenario.hybrid.licences, Cap.never())
    for _ in range(repeats):
        for name, runs in (("most=5", five), ("most=3", real)):
            chains.blocked_runs = runs
            board, placed = copy.deepcopy(first.board), dict(first.placed)
            cpu = time.process_time()
            left = chains.place_by_chains(board, facts, placed, missing, limits)
            print(name, "cpu", round(time.process_time() - cpu, 2), "left", len(left),
                  hash(tuple(sorted(placed.items()))), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
