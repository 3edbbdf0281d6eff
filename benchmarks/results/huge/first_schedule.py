"""CPU and wall seconds of every phase up to the first schedule of a solve, and a
fingerprint of each phase's output (to prove a speed-up changes nothing).

    python benchmarks/results/huge/first_schedule.py /tmp/huge/big1.yaml 120 [OUT.pkl] [--pkl]

Runs the phases of ``scheduler/solver/run.py`` that come before the first schedule is
reported, with the solve's own functions and time shares: the load (``load_scenario``; with
``--pkl`` the pickled scenario beside the file instead), 1 facts, 2 precheck, 3 the start
(the greedy with 0.8 of the limit left, as ``run.start`` gives it), then
``run.complete_start`` (the checker and the soft terms: the first schedule). Phases 1-3
and the first schedule run inside ``collection_paused`` as in ``run.solve`` (when the
code measured has it: the script also measures older commits). Prints one line
per phase. ``OUT.pkl`` gets the facts (every session's domain, rooms and their domains,
restrictions, rejected rooms and their reasons), the precheck's words, the start schedule,
the checker's report and the soft terms, for ``first_compare.py``.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import resource
import sys
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from scheduler.checker import check
from scheduler.facts import SessionFacts
from scheduler.scenario import load_scenario
from scheduler.schedule import Schedule
from scheduler.solver import run
from scheduler.solver.options import SolveOptions


def paused() -> AbstractContextManager[None]:
    """``collection_paused()`` where the code measured has it, else nothing."""
    try:
        from scheduler.collection import collection_paused
    except ImportError:
        return nullcontext()
    return collection_paused()


def load_average() -> str:
    """The machine's 1-minute load average now (2 cores, shared)."""
    with open("/proc/loadavg") as handle:
        return handle.read().split()[0]


def domain(d: Any) -> list[int]:
    """A CP-SAT Domain as its flat list of interval ends."""
    return list(d.flattened_intervals())


def facts_print(facts: dict[str, SessionFacts]) -> dict[str, str]:
    """Everything a phase after the facts reads of them, as plain data, hashed per session
    (the rejected rooms' reasons of 10,000 sessions x 300 rooms do not fit in memory)."""
    out: dict[str, str] = {}
    for sid, f in facts.items():
        data = {
            "durations": f.durations, "domain": domain(f.domain),
            "restrictions": [(r.rule, r.subject, domain(r.domain), r.detail)
                             for r in f.restrictions],
            "empty_by": None if f.empty_by is None else (f.empty_by.rule, f.empty_by.subject),
            "rooms": [(o.room, domain(o.domain),
                       [(r.rule, r.subject, domain(r.domain), r.detail) for r in o.restrictions])
                      for o in f.rooms],
            "rejected": {room: list(f.rejected_rooms[room]) for room in f.rejected_rooms},
            "room_availability": {room: (r.rule, r.subject, domain(r.domain), r.detail)
                                  for room, r in f.room_availability.items()},
            "rest": {k: repr(v) for k, v in vars(f).items()
                     if k not in ("session", "instrument", "durations", "restrictions",
                                  "domain", "empty_by", "rooms", "rejected_rooms",
                                  "room_availability")},
            "session": f.session.model_dump(mode="json"), "instrument": repr(f.instrument),
        }
        out[sid] = hashlib.sha256(repr(data).encode()).hexdigest()
    return out


def phases(state: run.Run, stamp: Callable[[str, float, float], None],
           ) -> tuple[Schedule | None, list[str]]:
    """Phases 1-3 and the first schedule, as ``run.solve`` runs them."""
    wall, cpu = time.monotonic(), time.process_time()
    state.facts = run.load_facts(state.scenario)
    stamp("facts", wall, cpu)
    wall, cpu = time.monotonic(), time.process_time()
    findings = run.precheck(state)
    stamp("precheck", wall, cpu)
    wall, cpu = time.monotonic(), time.process_time()
    run.start(state)
    stamp("greedy", wall, cpu)
    wall, cpu = time.monotonic(), time.process_time()
    first = run.complete_start(state)  # the checker and the soft terms
    stamp("complete", wall, cpu)
    return first, findings


def main(path: str, limit: float, out: str | None, pickled: bool) -> None:
    print("LOAD at start", load_average(), flush=True)
    if os.environ.get("NO_GC"):  # to measure what the cyclic garbage collector costs
        gc.disable()
    began, cpu0 = time.monotonic(), time.process_time()
    lines: list[str] = []

    def stamp(name: str, wall: float, cpu: float) -> None:
        line = (f"PHASE {name:9s} wall={time.monotonic() - wall:6.2f}s "
                f"cpu={time.process_time() - cpu:6.2f}s at={time.monotonic() - began:6.2f}s "
                f"cpu_at={time.process_time() - cpu0:6.2f}s")
        lines.append(line)
        print(line, flush=True)

    wall, cpu = time.monotonic(), time.process_time()
    if pickled:
        with open(path + ".pkl", "rb") as handle:
            scenario = pickle.load(handle)
    else:
        scenario = load_scenario(path)
    stamp("load", wall, cpu)
    state = run.Run(scenario, SolveOptions(time_limit=limit, workers=2), time.monotonic())
    with paused():
        first, findings = phases(state, stamp)
    print(f"FIRST SCHEDULE at wall {time.monotonic() - began:.2f}s, "
          f"cpu {time.process_time() - cpu0:.2f}s", flush=True)
    assert state.start is not None
    report = check(scenario, state.start)  # for the fingerprint, not timed
    placed = {s.id for s in state.start.sessions}
    missing = [f.id for f in state.facts.values() if not f.optional and f.id not in placed]
    print("FIRST", "schedule" if first is not None else "none", "objective",
          None if first is None else first.objective, "missing", missing,
          "checker ok", report.ok, "checker objective", report.objective, flush=True)
    print("LOAD at end", load_average(), "maxrss",
          resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, "MB", flush=True)
    if out:
        data = {"facts": facts_print(state.facts), "precheck": findings,
                "start": state.start.model_dump(mode="json", exclude={"solve"}),
                "report": report.to_data(),
                "first": None if first is None else first.model_dump(mode="json",
                                                                      exclude={"solve"}),
                "lines": lines}
        with open(out, "wb") as sink:
            pickle.dump(data, sink)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--pkl"]
    main(args[0], float(args[1]), args[2] if len(args) > 2 else None, "--pkl" in sys.argv)
