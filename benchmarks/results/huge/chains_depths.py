"""Ejection chains on one greedy round's placement: every session at depth 1 before any at
depth 2 (``place_by_chains``, new) against depth 2 for each session in turn (old), twice
each in one process (CPU seconds compare under load).

    python benchmarks/results/huge/chains_depths.py /tmp/huge/big1.yaml ROUND.pkl

ROUND.pkl: ``pickle.dump((placed, breaks))`` of ``placement.one_round`` in the order of
fewest starts (the greedy at scale's round), on the scenario pickled at big1.yaml.pkl.
"""

from __future__ import annotations

import pickle
import sys
import time

import scheduler.solver.greedy.chains as chains
from scheduler.facts import FactBuilder
from scheduler.solver.greedy import placement
from scheduler.solver.greedy.people import within_people_hours


def main(path: str, state_path: str) -> None:
    """Print, per variant and run, the required sessions left out and the CPU seconds."""
    with open(path + ".pkl", "rb") as handle:
        scenario = pickle.load(handle)
    with open(state_path, "rb") as handle:
        state, _ = pickle.load(handle)
    facts = within_people_hours(scenario, FactBuilder(scenario).build())
    order = placement.order(scenario, facts, by_starts=True)
    for name in ("old", "new", "old", "new"):
        placed = dict(state)
        board = placement.board_of(scenario, facts, placed)
        missing = [f for f in order if f.id not in placed and not f.optional]
        limits = chains.Limits(scenario.parallel_limit, scenario.hybrid.licences,
                               time.process_time() + 200)
        cpu = time.process_time()
        if name == "old":
            left = [f.id for f in missing
                    if not chains._place(board, facts, placed, f, limits, chains.DEPTH)]
        else:
            left = chains.place_by_chains(board, facts, placed, missing, limits)
        print(name, "missing", len(missing), "cpu", round(time.process_time() - cpu, 2),
              "left", left, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
