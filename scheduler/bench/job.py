"""One benchmark job: one solver on one instance, in a fresh process.

``python -m scheduler.bench.job`` reads a JSON spec on stdin (solver, scenario YAML text, time
limit, seed, workers) and prints one JSON record on stdout: status, whether the
independent checker accepts the schedule, the recomputed objective, bound and gap, time
to first feasible schedule, total time, the objective over time, peak memory (ru_maxrss of
this process) and the model size. A fresh process per job keeps peak memory honest.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from typing import Any

from scheduler.checker import check
from scheduler.scenario import parse_scenario
from scheduler.scenario.model import Scenario
from scheduler.schedule import Schedule


def peak_mib() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_confsched(scenario: Scenario, spec: dict[str, Any]) -> dict[str, Any]:
    """CP-SAT through scheduler.solver.solve, with its progress reports as the trace."""
    from scheduler.solver import Progress, SolveOptions, solve

    trace: list[tuple[float, float, float | None]] = []
    first: list[float] = []
    incomplete = _incomplete_threshold()

    def progress(report: Progress) -> None:
        if report.solutions and report.objective is not None:
            if incomplete is not None and report.objective >= incomplete:
                return  # a required session is still left out: not a schedule yet
            if not first:
                first.append(report.elapsed)
            if not trace or trace[-1][1] != report.objective or trace[-1][2] != report.bound:
                trace.append((round(report.elapsed, 3), report.objective, report.bound))

    started: list[float] = []

    def start_result(_: Any) -> None:
        """The start heuristic's complete, checked schedule: a schedule from now on. On a
        loaded machine a small event's solve can return it with no progress report at
        all (the search reports its first schedule only moments after the start), and
        ``first_feasible`` said None beside a checked schedule."""
        started.append(time.perf_counter() - began)

    began = time.perf_counter()
    result = solve(scenario, SolveOptions(
        time_limit=spec["time_limit"], seed=spec.get("seed", 0), workers=spec.get("workers", 2),
        progress=progress, handle_sigint=False, diagnose=False,
        deterministic=bool(spec.get("deterministic", False)),
        lns=spec.get("lns"), on_start_result=start_result))
    seconds = time.perf_counter() - began
    if not first and started and result.schedule is not None:
        first.append(started[0])
    record: dict[str, Any] = {
        "status": str(result.status), "seconds": seconds,
        "first_feasible": first[0] if first else None, "trace": trace,
        "peak_mib": peak_mib(), "notes": list(result.notes),
        "model_objective": result.model_objective,
    }
    if result.schedule is not None:
        record["bound"] = result.schedule.solve.bound
        record["gap"] = result.schedule.solve.gap
    if result.variables is not None:
        # The size of the model the solver actually searched (rooms capped at scale).
        record.update(variables=result.variables, constraints=result.constraints)
    return {**record, **_checked(scenario, result.schedule)}


def _incomplete_threshold() -> float | None:
    """Objective from which the solver's elastic mode still leaves a required session out.

    When the greedy hint misses sessions the solver makes placement elastic and charges
    each left-out required session ``UNPLACED_WEIGHT``; such solutions are not schedules.
    """
    try:
        from scheduler.solver.model import UNPLACED_WEIGHT
    except ImportError:
        return None
    return float(UNPLACED_WEIGHT)


def run_greedy(scenario: Scenario, spec: dict[str, Any]) -> dict[str, Any]:
    """The greedy baseline."""
    from scheduler.bench.greedy import greedy

    result = greedy(scenario)
    record: dict[str, Any] = {
        "status": "feasible" if result.complete else "incomplete",
        "seconds": result.seconds,
        "first_feasible": result.seconds if result.complete else None,
        "unplaced": result.unplaced, "dropped": result.dropped, "peak_mib": peak_mib(),
    }
    return {**record, **_checked(scenario, result.schedule)}


def run_peer(scenario: Scenario, spec: dict[str, Any]) -> dict[str, Any]:
    """conference-scheduler (PuLP/CBC) through the adapter."""
    from scheduler.bench.peers.conference_scheduler_adapter import solve_with_conference_scheduler

    result = solve_with_conference_scheduler(scenario, spec["time_limit"],
                                             threads=spec.get("workers", 2))
    if result.reasons:
        return {"status": "unsupported", "reasons": result.reasons, "seconds": 0.0,
                "peak_mib": peak_mib()}
    record: dict[str, Any] = {
        "status": str(result.status), "seconds": result.seconds,
        "build_seconds": result.build_seconds, "solve_seconds": result.solve_seconds,
        "first_feasible": result.seconds if result.status.has_schedule else None,
        "variables": result.variables, "constraints": result.constraints,
        "peer_objective": result.peer_objective, "peak_mib": peak_mib(), "note": result.note,
    }
    return {**record, **_checked(scenario, result.schedule)}


def run_two_stage(scenario: Scenario, spec: dict[str, Any]) -> dict[str, Any]:
    """Times first, then people (scheduler/bench/two_stage.py), each with half the limit."""
    from scheduler.bench.two_stage import two_stage

    began = time.perf_counter()
    result = two_stage(spec["scenario"], scenario, spec["time_limit"],
                       seed=spec.get("seed", 0), workers=spec.get("workers", 2),
                       deterministic=bool(spec.get("deterministic", False)))
    record: dict[str, Any] = {
        "status": result.status, "seconds": time.perf_counter() - began,
        "stage1_seconds": result.stage1_seconds, "stage2_seconds": result.stage2_seconds,
        "left_short_by_greedy": result.left_short, "notes": result.notes, "peak_mib": peak_mib(),
    }
    return {**record, **_checked(scenario, result.schedule)}


def _checked(scenario: Scenario, schedule: Schedule | None) -> dict[str, Any]:
    """The independent checker's verdict and recomputed objective."""
    if schedule is None or not schedule.sessions:
        return {"checked_ok": None, "objective": None}
    report = check(scenario, schedule)
    return {
        "checked_ok": report.ok,
        "objective": report.objective,
        "violated_rules": report.rules_broken(),
        "violations": len(report.violations),
    }


RUNNERS = {"confsched": run_confsched, "greedy": run_greedy, "conference-scheduler": run_peer,
           "two-stage": run_two_stage}


def run_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """Load the scenario from the spec and run the asked solver on it."""
    scenario = parse_scenario(spec["scenario"], spec.get("name", "<instance>"))
    record = RUNNERS[spec["solver"]](scenario, spec)
    record["sessions"] = len(scenario.sessions)
    return record


def main() -> None:
    spec = json.loads(sys.stdin.read())
    try:
        record = run_spec(spec)
    except Exception as exc:  # report, never a traceback: the runner shows the message
        record = {"status": "error", "error": f"{type(exc).__name__}: {exc}",
                  "peak_mib": peak_mib()}
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
