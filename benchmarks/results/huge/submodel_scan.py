"""Small generated events where the at-scale greedy leaves a required session out, and what
the repair sub-model does with them (scan used for tests/solver/test_submodel.py).

    python benchmarks/results/huge/submodel_scan.py large 200 10 3 1 60

Arguments: shape, sessions, rooms, days, first seed, last seed + 1 (registrations = sessions).
For each seed: the at-scale greedy's attempt without the sub-model (round, chains,
eject-and-reinsert, chains), the required sessions it leaves out, then the sub-model on its
placement, and what is still out.
"""
import random
import sys
import time
from dataclasses import replace

from scheduler.generate import generate_with_plan, params_for, to_yaml
from scheduler.scenario import parse_scenario
from scheduler.solver import run
from scheduler.solver.greedy import placement, submodel
from scheduler.solver.greedy.cap import Cap
from scheduler.solver.greedy.chains import Limits
from scheduler.solver.greedy.people import within_people_hours
from scheduler.solver.greedy.start import GreedyWork, _attempt


def main(shape: str, n: int, rooms: int, days: int, first: int, last: int) -> None:
    """Scan seeds ``first`` to ``last - 1`` (see the module text)."""
    for seed in range(first, last):
        params = params_for(shape, sessions=n, rooms=rooms, days=days, registrations=n)
        data, _ = generate_with_plan(params, seed)
        sc = parse_scenario(to_yaml(data), "x")
        facts = within_people_hours(sc, run.load_facts(sc))
        work = replace(GreedyWork.at_scale(), submodel=False)
        cap = Cap(time.process_time() + 30)
        placed, _ = _attempt(sc, facts, work, cap, random.Random(seed), False, [])
        missing = [f for f in facts.values() if not f.optional and f.id not in placed]
        res = None
        if missing:
            board = placement.board_of(sc, facts, placed)
            limits = Limits(sc.parallel_limit, sc.hybrid.licences,
                            Cap(time.process_time() + 30))
            res = submodel.place_by_submodel(board, facts, placed, missing, limits)
        print(shape, n, rooms, days, seed, "missing", [f.id for f in missing], "after sub",
              res, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], *(int(a) for a in sys.argv[2:7]))
