"""A second exclusive-session plan that keeps clear of given sessions' starts (an experiment).

    python benchmarks/results/huge/replan_exclusive.py /tmp/huge/big3.yaml W ID [ID ...]

One greedy round in the at-scale order with the exclusive sessions' spots chosen together
(``placement.one_round(..., joint=True)``), where each spot's squeeze is raised by W times
the share of each ID's break-free starts it covers; then the ejection chains and the
repair sub-model on what the round left out. Prints what is left out after each step and
the CPU seconds. W = 0 is the plan as the greedy makes it.
"""

from __future__ import annotations

import pickle
import sys
import time

import numpy as np

from scheduler.solver import run
from scheduler.solver.greedy import placement, submodel
from scheduler.solver.greedy.board import Board, Spot, domain_ranges
from scheduler.solver.greedy.cap import Cap
from scheduler.solver.greedy.chains import Limits, place_by_chains
from scheduler.solver.greedy.people import within_people_hours


def main(path: str, weight: float, hurt: list[str]) -> None:
    """Run the experiment (see the module text)."""
    with open(path + ".pkl", "rb") as handle:
        scenario = pickle.load(handle)
    facts = within_people_hours(scenario, run.load_facts(scenario))
    plain = placement.crowd

    def crowd(board: Board, placed: dict[str, Spot], spots: list[Spot]) -> list[float]:
        scores = plain(board, placed, spots)
        blocked = np.concatenate([[0], np.cumsum(board.blocked, dtype=np.int64)])
        for sid in hurt:
            f = facts[sid]
            steps = f.steps(board.grid.g)
            free = [(t, steps[board.grid.day_of(t)])
                    for a, b in domain_ranges(f.domain.flattened_intervals())
                    for t in range(a, b + 1) if board.grid.day_of(t) in steps
                    and blocked[t + steps[board.grid.day_of(t)]] == blocked[t]]
            if not free:
                continue
            for k, spot in enumerate(spots):
                share = sum(1 for t, size in free if spot.overlaps(t, size)) / len(free)
                scores[k] += weight * share
        return scores

    placement.crowd = crowd
    cpu = time.process_time()
    order = placement.order(scenario, facts, by_starts=True)
    placed, _, board = placement.one_round(scenario, order, facts, joint=True)
    left = [f for f in order if not f.optional and f.id not in placed]
    print("round cpu", round(time.process_time() - cpu, 1), "left", len(left),
          [f.id for f in left if f.id in hurt], flush=True)
    limits = Limits(scenario.parallel_limit, scenario.hybrid.licences,
                    Cap(time.process_time() + 120))
    ids = place_by_chains(board, facts, placed, left, limits)
    print("chains cpu", round(time.process_time() - cpu, 1), "left", ids, flush=True)
    still = submodel.place_by_submodel(board, facts, placed, [facts[i] for i in ids], limits)
    print("submodel cpu", round(time.process_time() - cpu, 1), "left", still, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]), sys.argv[3:])
