"""Counted work of the first round's ejection chains on one event, main's way and this
branch's: the starts and rooms ``eject.blocked_runs`` walks for the chains.

    python benchmarks/results/huge/first31/chain_work.py /tmp/huge/big3.yaml

Plays the greedy's first round (at-scale order, joint keynote plan, no clock), then the
chains on a copy of its board twice in one process: once with every spot with up to
``MAX_BLOCKERS`` (5) in the way walked, as on main, once with the chains' own 3 (this
branch); prints for each the starts walked past the blockers of people and relations,
the rooms walked, the CPU seconds and a hash of the placement (the same both ways).
"""

from __future__ import annotations

import copy
import hashlib
import sys
import time
from typing import Any

from scheduler.scenario import load_scenario
from scheduler.solver import run
from scheduler.solver.greedy import chains, eject, placement
from scheduler.solver.greedy.cap import Cap
from scheduler.solver.greedy.people import within_people_hours


def main(path: str) -> None:
    scenario = load_scenario(path)
    facts = within_people_hours(scenario, run.load_facts(scenario))
    order = placement.order(scenario, facts, by_starts=True)
    first = placement.one_round(scenario, order, facts, joint=True, cap=Cap.never())
    missing = [f for f in order if not f.optional and f.id not in first.placed]
    real = eject.blocked_runs
    walked = [0, 0]
    real_held = eject._held_rooms

    def held(*args: Any) -> Any:
        walked[0] += 1
        out = real_held(*args)
        return out
    eject._held_rooms = held  # type: ignore[assignment]
    for name, most in (("main (5 in the way)", eject.MAX_BLOCKERS), ("first31 (3)", None)):
        def runs(*args: Any, _most: int | None = most) -> Any:
            if _most is not None:
                args = (*args[:7], _most)
            for item in real(*args):
                walked[1] += len(item[3])
                yield item
        chains.blocked_runs = runs  # type: ignore[assignment]
        walked[:] = [0, 0]
        board, placed = copy.deepcopy(first.board), dict(first.placed)
        cpu = time.process_time()
        left = chains.place_by_chains(board, facts, placed, missing,
                                      chains.Limits(scenario.parallel_limit,
                                                    scenario.hybrid.licences, Cap.never()))
        cpu = time.process_time() - cpu
        digest = hashlib.sha256(repr(sorted(placed.items())).encode()).hexdigest()[:16]
        print(f"{name:<22} starts walked {walked[0]:7d} rooms yielded {walked[1]:9d} "
              f"cpu {cpu:6.2f} left {len(left)} hash {digest}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
