"""Generated events where the at-scale greedy leaves a required session out without the
re-played keynote plan, and what it leaves out with it.

    python benchmarks/results/huge/seed3/replan_scan.py large 200 10 5 1 40

Arguments: shape, sessions, rooms, days (a keynote per day), first seed, last seed + 1
(registrations = sessions). Per seed: the required sessions the whole at-scale greedy
(``GreedyWork.at_scale()``, CPU cap 30 s) leaves out with ``replan=False`` and with
``replan=True``, the checker's verdict and objective of each, and the CPU seconds.
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace

from scheduler.checker import check
from scheduler.generate import generate_with_plan, params_for, to_yaml
from scheduler.scenario import parse_scenario
from scheduler.solver import run
from scheduler.solver.greedy import greedy_schedule
from scheduler.solver.greedy.people import choose_people, within_people_hours
from scheduler.solver.greedy.start import GreedyWork


def main(shape: str, n: int, rooms: int, days: int, first: int, last: int) -> None:
    """Scan seeds ``first`` to ``last - 1`` (see the module text)."""
    for seed in range(first, last):
        params = params_for(shape, sessions=n, rooms=rooms, days=days, registrations=n)
        data, _ = generate_with_plan(params, seed)
        sc = parse_scenario(to_yaml(data), "x")
        facts = within_people_hours(sc, run.load_facts(sc))
        row = [f"seed {seed}"]
        for on in (False, True):
            cpu = time.process_time()
            work = replace(GreedyWork.at_scale(), replan=on)
            placed = greedy_schedule(sc, facts, time_budget=30, work=work)
            schedule = None if placed is None else choose_people(sc, placed)
            ids = set() if schedule is None else {s.id for s in schedule.sessions}
            out = [f.id for f in facts.values() if not f.optional and f.id not in ids]
            report = None if schedule is None else check(sc, schedule)
            row.append(f"replan={on}: out {out} ok {report and report.ok} "
                       f"objective {report and report.objective} "
                       f"cpu {time.process_time() - cpu:.1f}")
        print(" | ".join(row), flush=True)


if __name__ == "__main__":
    a = sys.argv[1:]
    main(a[0], int(a[1]), int(a[2]), int(a[3]), int(a[4]), int(a[5]))
