"""The polish alone on generated instances: the planted timetable's objective, and the
greedy start polished with no deadline (so the result does not depend on the machine's
load), term by term, with the CPU seconds the polish took. With ``--solve SECONDS`` also
a whole solve of that limit, term by term.

    python benchmarks/results/lns/polish-alone-quality3/polish_alone.py euro:14 informs:15

Run with the code of a checkout first on PYTHONPATH to measure that checkout's polish
(``main-*.txt``: ``git archive main``; ``quality3-*.txt``: this branch).
"""

from __future__ import annotations

import sys
import time

from scheduler.checker import check
from scheduler.generate import generate_with_plan, params_for, to_yaml
from scheduler.scenario import parse_scenario
from scheduler.scenario.model import Scenario
from scheduler.schedule import Schedule
from scheduler.solver import SolveOptions, solve
from scheduler.solver.greedy.people import choose_people, within_people_hours
from scheduler.solver.greedy.start import greedy_schedule
from scheduler.solver.polish import polish
from scheduler.solver.run import load_facts


def terms(scenario: Scenario, schedule: Schedule) -> tuple[bool, float | None, dict[str, int]]:
    """(checker passes, objective, the soft terms that cost something)."""
    report = check(scenario, schedule)
    return report.ok, report.objective, {k: t.penalty for k, t in report.terms.items()
                                         if t.penalty}


def main(args: list[str]) -> None:
    limit = None
    if "--solve" in args:
        at = args.index("--solve")
        limit = float(args[at + 1])
        args = args[:at] + args[at + 2:]
    for item in args:
        shape, seed = item.split(":")
        data, plan = generate_with_plan(params_for(shape), int(seed))
        scenario = parse_scenario(to_yaml(data), item)
        facts = load_facts(scenario)
        placed = greedy_schedule(scenario, within_people_hours(scenario, facts),
                                 time_budget=None, rounds=40, seed=0)
        if placed is None:
            print(item, "the greedy left sessions out", flush=True)
            continue
        start = choose_people(scenario, placed)
        began = time.process_time()
        polished = polish(scenario, facts, start)
        print(item, "planted", check(scenario, plan).objective, "polished",
              terms(scenario, polished), round(time.process_time() - began, 1), flush=True)
        if limit is not None:
            result = solve(scenario, SolveOptions(time_limit=limit, seed=0, workers=2,
                                                  handle_sigint=False, diagnose=False))
            if result.schedule is not None:
                print(item, "solve", terms(scenario, result.schedule), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
