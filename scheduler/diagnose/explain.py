"""After a failed solve: which rule groups cannot all hold, found by CP-SAT assumptions.

The solver rebuilds its model with every rule group (a rule for one session, person, room,
track, day or the whole event) behind its own literal (``ScheduleModel(relaxed=True)``)
and hands over the model and those literals; all are assumed true. CP-SAT's unsatisfiable
core names a set of groups that cannot hold together; a short deletion pass shrinks it
when it is small. The result is printed in words, never as a bare "INFEASIBLE".
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from ortools.sat.python import cp_model

from scheduler.diagnose.words import group_words
from scheduler.scenario.model import Scenario

CONFLICT = "these rules cannot all hold at once"
"""How an explanation of a conflict of rules begins."""

MINIMISE_UP_TO = 12
"""Cores up to this size are shrunk by trying to drop each group in turn."""


def explain_infeasible(
    scenario: Scenario, model: cp_model.CpModel, groups: Mapping[tuple[str, str], Any], *,
    time_limit: float = 20.0, workers: int = 2, seed: int = 0, proven: bool = True,
    given: str | None = None,
) -> list[str]:
    """Plain-language lines naming the rules that conflict (empty list never returned).

    ``groups`` maps (rule, subject) to the literal that enforces that rule group in
    ``model``. ``given`` names what the model holds beyond the rules (a re-solve's
    freeze): when it alone leaves no schedule, that is the explanation.
    """
    deadline = time.monotonic() + time_limit
    if not groups:
        return ["no schedule exists, and no single rule group could be blamed"]
    literals = list(groups.values())
    names = {lit.index: key for key, lit in groups.items()}
    status, core = _core(model, literals, deadline, workers, seed)
    if status == cp_model.FEASIBLE or status == cp_model.OPTIMAL:
        return ["every rule can be met when checked on its own terms; the conflict comes "
                "from optional sessions or the time grid - try a finer event.granularity"]
    if status == cp_model.INFEASIBLE and not core and given:
        return [f"{given} leaves no schedule, whichever rules are relaxed"]
    if status != cp_model.INFEASIBLE or not core:
        if proven:
            return ["no schedule satisfies every hard rule, and the conflicting rules could "
                    f"not be narrowed down within {time_limit:g} s"]
        return ["it is not known which rules conflict (the explanation ran out of time)"]
    core_lits = [lit for lit in literals if lit.index in core]
    if len(core_lits) <= MINIMISE_UP_TO:
        core_lits = _shrink(model, core_lits, deadline, workers, seed)
    lines = [f"{CONFLICT} (relax any one of them):"]
    for lit in core_lits:
        rule, subject = names[lit.index]
        lines.append("  - " + group_words(scenario, rule, subject))
    return lines


def _core(model: cp_model.CpModel, assumptions: list[Any], deadline: float, workers: int,
          seed: int) -> tuple[Any, set[int]]:
    model.clear_assumptions()
    model.add_assumptions(assumptions)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.1, deadline - time.monotonic())
    solver.parameters.num_workers = 1  # cores come from the single-thread search
    solver.parameters.random_seed = seed
    solver.parameters.catch_sigint_signal = False
    status = solver.solve(model)
    if status != cp_model.INFEASIBLE:
        return status, set()
    return status, set(solver.sufficient_assumptions_for_infeasibility())


def _shrink(model: cp_model.CpModel, core: list[Any], deadline: float, workers: int,
            seed: int) -> list[Any]:
    """Drop each group whose removal leaves the rest still infeasible."""
    kept = list(core)
    for lit in list(core):
        if time.monotonic() > deadline or len(kept) == 1:
            break
        trial = [x for x in kept if x is not lit]
        status, _ = _core(model, trial, deadline, workers, seed)
        if status == cp_model.INFEASIBLE:
            kept = trial
    return kept
