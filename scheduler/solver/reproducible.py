"""Reproducible CP-SAT parameters that cannot abort the process (OR-Tools 9.15).

The rule: a reproducible solve stops on CP-SAT's deterministic time; it interleaves its
workers only when it has two or more (one worker is sequential, hence reproducible
already); and an interleaved solve carries no solution hint.

Why the last two parts: in an interleaved solve every full-problem subsolver loads the
model, then follows the hint (``QuickSolveWithHint``). When loading already proves that
subsolver's problem infeasible, ``LoadCpModel`` returns before it builds the fixed search
strategy, and the interleaved search has not yet shared that result (it shares only
between batches), so the hint search runs and fails
``CHECK(heuristics.fixed_search != nullptr)`` in ``ConfigureSearchHeuristics``: an
abort, not an exception. Without a hint ``QuickSolveWithHint`` returns at once; the
sequential search (one worker, no interleaving) checks for a finished problem first.
Reproduced in ``tests/solver/test_no_abort.py`` (two workers, presolve off, a model whose
infeasibility only loading finds). With one worker and interleaving CP-SAT 9.15 still
runs five full-problem subsolvers down that same path (its log says so); that case did
not abort here, but a public report saw it abort, so one worker is simply sequential.
"""

from __future__ import annotations

from ortools.sat.python import cp_model


def make_reproducible(solver: cp_model.CpSolver, model: cp_model.CpModel | None,
                      budget: float, wall: float) -> None:
    """Stop ``solver`` on ``budget`` deterministic units (``wall`` seconds as a safety net).

    Workers are interleaved only when ``solver`` has two or more; then the hint of
    ``model`` is dropped (pass a clone when the hint must survive; ``None`` when the
    caller guarantees the model has no hint).
    """
    params = solver.parameters
    params.max_deterministic_time = budget
    params.max_time_in_seconds = wall
    if params.num_workers <= 1:
        params.num_workers = 1
        params.interleave_search = False
        return
    params.interleave_search = True
    if model is not None and len(model.proto.solution_hint.vars):
        model.clear_hints()
