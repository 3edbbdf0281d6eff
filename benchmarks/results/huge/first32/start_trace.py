"""Where a solve's start phase spends its time, up to the first schedule.

    python benchmarks/results/huge/first31/start_trace.py /tmp/huge/big3.yaml 120

Runs ``run.solve`` (the given limit, 2 workers) with the start's parts wrapped: each call
of the greedy's round, chains, re-plan, hand-over, eject-and-reinsert (with its counted
insertions), sub-model (with each CP-SAT solve's status, wall and deterministic time and
the limit it was given), choosing people, the checker and the soft terms prints its CPU
and wall seconds when it returns (nested calls indented), and the required sessions left
out after it. Stops the solve at its first schedule (the progress report of the checked
start). Prints the load average at the start and at the end.
"""

from __future__ import annotations

import contextlib
import hashlib
import inspect
import os
import sys
import time
from collections.abc import Callable
from typing import Any

from ortools.sat.python import cp_model

from scheduler.scenario import load_scenario
from scheduler.solver import run
from scheduler.solver.greedy import chains, placement, replan, start, submodel
from scheduler.solver.greedy import eject as eject_module
from scheduler.solver.options import Progress, SolveOptions

DEPTH = [0]
T0 = [time.monotonic(), time.process_time()]


class First(Exception):
    """The first schedule came: the solve is stopped there."""


def load() -> str:
    with open("/proc/loadavg") as handle:
        return handle.read().split()[0]


def stamp() -> str:
    return (f"[{time.process_time() - T0[1]:7.2f} cpu {time.monotonic() - T0[0]:7.2f} wall "
            f"load {load()}]")


def wrap(module: Any, name: str, info: Callable[[tuple[Any, ...], Any], str] | None = None,
         ) -> None:
    real = getattr(module, name)

    def traced(*args: Any, **kwargs: Any) -> Any:
        wall, cpu = time.monotonic(), time.process_time()
        DEPTH[0] += 1
        try:
            out = real(*args, **kwargs)
        finally:
            DEPTH[0] -= 1
        extra = info(args, out) if info is not None else ""
        print(f"{stamp()} {'  ' * DEPTH[0]}{name:<20} cpu {time.process_time() - cpu:6.2f} "
              f"wall {time.monotonic() - wall:6.2f} {extra}", flush=True)
        return out
    setattr(module, name, traced)


def required(order: Any, placed: Any) -> str:
    left = [f.id for f in order if not f.optional and f.id not in placed]
    return f"left {len(left)} {left[:6]}"


def main(path: str, limit: float) -> None:
    print("LOAD at start", load(), flush=True)
    if os.environ.get("AS_IF_IDLE"):  # Python's wall clock advances with this process's CPU
        real_monotonic, cpu0 = time.monotonic(), time.process_time()
        time.monotonic = lambda: real_monotonic + time.process_time() - cpu0
        print("AS_IF_IDLE: time.monotonic() replaced by this process's CPU seconds", flush=True)
    scenario = load_scenario(path)
    print(stamp(), "loaded", flush=True)
    wrap(run, "load_facts")
    wrap(run, "precheck")
    wrap(run, "start")
    wrap(run, "choose_people")
    wrap(run, "check", lambda a, o: f"ok {o.ok}")
    wrap(run, "objective_terms")
    wrap(placement, "one_round", lambda a, o: required(a[1], o.placed))
    wrap(start, "_chains", lambda a, o: required(a[4], a[3]))
    wrap(replan, "keep_clear", lambda a, o: required(a[2], o.placed))
    wrap(start, "_handed_over", lambda a, o: required(a[2], o))
    wrap(start, "_eject_rounds", lambda a, o: required(a[2], o))
    wrap(start, "place_by_submodel", lambda a, o: f"left {o}")
    wrap(submodel, "neighbourhood", lambda a, o: f"freed {len(o)}")
    wrap(submodel, "_solve", lambda a, o: f"placed {o is not None}")
    if os.environ.get("CHAINS"):  # every chain: the session, depth, CPU s, moves, result
        moves = [0, 0]
        real_move, real_spots, real_place = chains._move, chains._spots, chains._place

        def move(*args: Any, **kwargs: Any) -> Any:
            moves[0] += 1
            return real_move(*args, **kwargs)

        def spots(*args: Any, **kwargs: Any) -> Any:
            moves[1] += 1
            return real_spots(*args, **kwargs)

        def place(*args: Any, **kwargs: Any) -> Any:
            cpu, moves[:] = time.process_time(), [0, 0]
            out = real_place(*args, **kwargs)
            depth = kwargs.get("depth", args[5] if len(args) > 5 else chains.DEPTH)
            print(f"{stamp()}         chain {args[3].id:<10} depth {depth} cpu "
                  f"{time.process_time() - cpu:6.2f} moves {moves[0]:5d} spots {moves[1]:5d} "
                  f"{'placed' if out else 'failed'}", flush=True)
            return out
        chains._move, chains._spots, chains._place = move, spots, place
    if os.environ.get("LOOKS"):  # the budget of chain-budget.diff, when applied
        setattr(chains, "LOOKS", int(os.environ["LOOKS"]))  # noqa: B010
        print("chains.LOOKS =", os.environ["LOOKS"], flush=True)
    real_start = run.start

    def start_phase(r: Any) -> None:
        real_start(r)
        spots = sorted((s.id, s.day, s.start, s.room or "", s.track or "",
                        tuple(sorted(s.people.items())))
                       for s in (r.start.sessions if r.start is not None else []))
        print(f"{stamp()} START placed {len(spots)} hash "
              f"{hashlib.sha256(repr(spots).encode()).hexdigest()[:16]}", flush=True)
    setattr(run, "start", start_phase)  # noqa: B010
    real_complete = run.complete_start

    def complete_start(r: Any) -> Any:
        out = real_complete(r)
        if out is None:
            print(f"{stamp()} NO FIRST SCHEDULE (the start leaves a required session out)",
                  flush=True)
        raise First  # the first schedule was reported (or there is none): stop here
    setattr(run, "complete_start", complete_start)  # noqa: B010
    real_solve = cp_model.CpSolver.solve

    def solve(self: cp_model.CpSolver, model: cp_model.CpModel, *args: Any) -> Any:
        status = real_solve(self, model, *args)
        print(f"{stamp()}       CP-SAT {self.status_name(status)} wall {self.wall_time:.2f} "
              f"det {self.response_proto.deterministic_time:.2f} "
              f"max_time {self.parameters.max_time_in_seconds:.2f} "
              f"max_det {self.parameters.max_deterministic_time:.2f} "
              f"vars {len(model.proto.variables)}", flush=True)
        return status
    setattr(cp_model.CpSolver, "solve", solve)  # noqa: B010
    real_eject = start.eject_and_reinsert
    if os.environ.get("EJECT"):  # each new best of eject-and-reinsert: insertion, left out
        source = inspect.getsource(eject_module.eject_and_reinsert)
        source = source.replace("            best = dict(placed)\n",
                                "            best = dict(placed)\n"
                                "            print('         eject best', step, best_missing, "
                                "flush=True)\n")
        space = dict(vars(eject_module))
        exec(compile(source, eject_module.__file__, "exec"), space)
        real_eject = space["eject_and_reinsert"]

    def eject(*args: Any, **kwargs: Any) -> Any:
        spent = kwargs.get("spent")
        before = len(spent) if spent is not None else 0
        wall, cpu = time.monotonic(), time.process_time()
        out = real_eject(*args, **kwargs)
        steps = spent[before:] if spent is not None else "?"
        print(f"{stamp()}     eject cpu {time.process_time() - cpu:6.2f} wall "
              f"{time.monotonic() - wall:6.2f} insertions {steps} patience "
              f"{kwargs.get('patience')} max_steps {kwargs.get('max_steps')}", flush=True)
        return out
    start.eject_and_reinsert = eject

    def progress(p: Progress) -> None:
        if p.objective is not None:
            print(f"{stamp()} FIRST SCHEDULE t={p.elapsed:.2f} obj={p.objective}", flush=True)
            raise First

    T0[0], T0[1] = time.monotonic(), time.process_time()
    with contextlib.suppress(First):
        run.solve(scenario, SolveOptions(time_limit=limit, workers=2, progress=progress))
    print("LOAD at end", load(), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]))
