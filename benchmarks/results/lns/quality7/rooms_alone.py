"""Rooms moves measured without a clock: for each generated instance, the greedy start
polished by its passes alone (``polish.TRACK_MOVES`` set to 0), then ``N`` moves of
``scheduler.solver.trackday.improve(moves=N, stall=polish.TRACK_STALL)`` as the polish
calls them on the clock (every kind, no deadline), once without the ``rooms`` kind (main's
kinds) and once with it; each result checked by the independent checker. Prints the
objective reached by each CPU second mark (every move taken is logged with the process's
CPU time), what each kind tried / took / gained. One CP-SAT worker, counted moves: the
objectives do not depend on the load (the CPU seconds do a little).

    python benchmarks/results/lns/quality7/rooms_alone.py 1000 euro:11 informs:12

``CPU=S`` in the environment also stops each variant after S CPU seconds (between
rounds, ``improve``'s ``stop``): the two variants compared at the same CPU.
"""

from __future__ import annotations

import os
import sys
import time

from scheduler.checker import check
from scheduler.generate import generate_with_plan, params_for, to_yaml
from scheduler.scenario import parse_scenario
from scheduler.scenario.model import Scenario
from scheduler.schedule import Schedule
from scheduler.solver import polish as polishing
from scheduler.solver import trackday
from scheduler.solver.greedy.people import choose_people, within_people_hours
from scheduler.solver.greedy.start import greedy_schedule
from scheduler.solver.run import load_facts

MARKS = (10, 20, 30, 45, 60, 90, 120, 180)


def terms(scenario: Scenario, schedule: Schedule) -> tuple[float | None, dict[str, int]]:
    report = check(scenario, schedule)
    assert report.ok, report.violations
    return report.objective, {k: t.penalty for k, t in report.terms.items() if t.penalty}


def main(args: list[str]) -> None:
    moves = int(args[0])
    original_take = trackday.TrackMoves.take
    for item in args[1:]:
        shape, seed = item.split(":")
        data, plan = generate_with_plan(params_for(shape), int(seed))
        scenario = parse_scenario(to_yaml(data), item)
        facts = load_facts(scenario)
        placed = greedy_schedule(scenario, within_people_hours(scenario, facts),
                                 time_budget=None, rounds=40, seed=0)
        assert placed is not None
        planted = check(scenario, plan).objective
        polishing.TRACK_MOVES = 0
        passes = polishing.polish(scenario, facts, choose_people(scenario, placed))
        objective, parts = terms(scenario, passes)
        assert objective is not None and planted is not None
        print(f"{item} planted {planted:.0f} passes {objective:.0f} "
              f"({objective / planted:.3f}) {parts}", flush=True)
        for label, kinds in (("main kinds", tuple(k for k in trackday.KINDS if k != "rooms")),
                             ("with rooms", trackday.KINDS)):
            log: list[tuple[float, int]] = []
            began = time.process_time()
            total = [0]

            def take(self, kind, free, move, units, changed=None, _log=log, _t=total,
                     _began=began):
                gain = original_take(self, kind, free, move, units, changed)
                _t[0] += gain
                _log.append((time.process_time() - _began, _t[0]))
                return gain

            trackday.TrackMoves.take = take  # type: ignore[method-assign]
            stats = trackday.Stats()
            budget = float(os.environ.get("CPU", "inf"))
            moved = trackday.improve(scenario, facts, passes, moves=moves, seed=0,
                                     stats=stats, stall=polishing.TRACK_STALL, kinds=kinds,
                                     stop=lambda b=began, c=budget: time.process_time() - b > c)
            cpu = time.process_time() - began
            trackday.TrackMoves.take = original_take  # type: ignore[method-assign]
            after, parts = terms(scenario, moved)
            assert after is not None
            at = {m: objective - max((g for c, g in log if c <= m), default=0)
                  for m in MARKS if m <= cpu + 10}
            print(f"{item} {label}: {after:.0f} ({after / planted:.3f}) {parts} "
                  f"{cpu:.1f} CPU s ({stats.units:.1f} units); by CPU s {at}; "
                  f"tried {stats.tried} taken {stats.taken} gain {stats.gain}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
