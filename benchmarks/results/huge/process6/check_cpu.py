"""CPU seconds of the start's check on the 10,000-session events, old tree against new.

    python benchmarks/results/huge/process6/check_cpu.py OLD_TREE NEW_TREE [SEEDS...]

For each seed, alternating old and new (a fresh process each, ``PYTHONPATH=<tree>``): the
scenario /tmp/huge/big{seed}.yaml loaded and its facts built (as the solve has them before
its start), then ``check`` of the start's schedule /tmp/process6/start{seed}.json (the
greedy start, ``make_starts.py``) timed once cold (as the solve runs it) and then three
times more (the least shown); CPU seconds of this process (``time.process_time``), and
the 1-minute load.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time


def one(seed: str) -> None:
    from scheduler.checker import check
    from scheduler.scenario import load_scenario
    from scheduler.schedule import load_schedule
    from scheduler.solver.run import load_facts

    scenario = load_scenario(f"/tmp/huge/big{seed}.yaml")
    load_facts(scenario)
    schedule = load_schedule(f"/tmp/process6/start{seed}.json")
    times = []
    for _ in range(4):
        cpu = time.process_time()
        report = check(scenario, schedule)
        times.append(time.process_time() - cpu)
    print(f"{times[0]:.3f} {min(times[1:]):.3f} {report.ok} {report.objective} "
          f"{os.getloadavg()[0]:.1f}")


def main(args: list[str]) -> None:
    if args[0] == "--one":
        one(args[1])
        return
    trees = {"old": args[0], "new": args[1]}
    for seed in args[2:] or ["1", "2", "3", "4", "5"]:
        for label, tree in trees.items():
            ran = subprocess.run([sys.executable, __file__, "--one", seed], check=True,
                                 capture_output=True, text=True,
                                 env={**os.environ, "PYTHONPATH": tree})
            cold, warm, ok, objective, load = ran.stdout.split()
            print(f"big{seed} {label}: check cold {cold} CPU s, warm {warm} CPU s, ok {ok}, "
                  f"objective {objective}, load {load}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
