"""``confsched cosplib solve`` through the one engine: import -> solve -> export.

The rule: a CoSPLib instance is imported as a talks scenario exactly as ``confsched
import cosplib`` writes it (:func:`confsched_cosplib.importer.scenario_data`), solved by
:func:`scheduler.solver.solve` (the engine: scheduler/solver/talks_*.py), and the schedule
is written as CoSPLib's solution workbook exactly as ``confsched export cosplib
--instance`` writes it (:mod:`confsched_cosplib.exporter`). The breakdown printed is the
exact scorer's on the written workbook, read back as CoSPLib's checker reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from confsched_cosplib.exporter import exact_names, grid_from_schedule, grid_workbook
from confsched_cosplib.importer import scenario_data
from confsched_cosplib.instance import Instance
from scheduler.atomic import atomic_write_bytes
from scheduler.schedule import Schedule, SolveStatus


@dataclass
class EngineResult:
    """How the engine's solve went, and the exact score of the workbook written."""

    status: SolveStatus
    seconds: float
    score: dict[str, Any] | None = None
    """The exact scorer's breakdown of the written workbook (None: nothing written)."""
    diagnosis: list[str] | None = None
    schedule: Schedule | None = None
    bound: float | None = None


def solve_with_engine(instance: Instance, source: Path, output: Path, *, time_limit: float,
                      workers: int, seed: int, use_hint: bool, log: bool) -> EngineResult:
    """Solve the CoSPLib workbook ``source`` (read as ``instance``) with the engine and
    write the solution workbook to ``output`` (atomically, only when there is one)."""
    import time

    from confsched_cosplib.scorer import score
    from confsched_cosplib.solution import load_solution
    from scheduler.importing.output import scenario_yaml
    from scheduler.scenario import parse_scenario
    from scheduler.solver import SolveOptions
    from scheduler.solver.isolated import solve_isolated

    began = time.monotonic()
    data = scenario_data(instance)
    scenario = parse_scenario(scenario_yaml(data, f"{source.name} as a talks scenario"),
                              f"{source.name} (imported)")
    # In a child process: an OR-Tools abort is reported, not a lost process (isolated.py).
    result = solve_isolated(scenario, SolveOptions(time_limit=time_limit, workers=workers,
                                                   seed=seed, greedy_hint=use_hint, log=log))
    seconds = time.monotonic() - began
    if result.schedule is None or not result.status.has_schedule:
        return EngineResult(result.status, seconds, diagnosis=list(result.diagnosis))
    grid = grid_from_schedule(scenario.model_dump(by_alias=True, mode="json"),
                              result.schedule.model_dump(by_alias=True, mode="json"),
                              "the engine's schedule")
    grid = exact_names(grid, source)
    atomic_write_bytes(output, grid_workbook(grid, result.schedule.objective, {
        name: term.model_dump() for name, term in result.schedule.objective_terms.items()}))
    written = score(instance, load_solution(output, instance))
    return EngineResult(result.status, seconds, score=written, schedule=result.schedule,
                        bound=result.schedule.solve.bound)
