"""Core-based search beside the default one for small clash-dominated models (#17, ``proofs10``).

The seminar's objective is mostly participant clashes: a weighted sum of pair overlap
literals whose linear relaxation is empty (``clash_cuts.py``), a MaxSAT shape. CP-SAT's
core-based worker (``core``: it raises the bound by finding sets of clash pairs that cannot
all be apart) proves such models faster than the default portfolio when it runs as a full
worker beside ``default_lp``. Under ``--deterministic``, 10 units, 2 workers (interleaved,
``benchmarks/results/proofs/proofs10``): seminar seeds 0 / 2 / 4 proven in 0.42 / 1.68 /
1.92 units (2.1 / 4.0 / 7.3 CPU s) against 1.55 / 3.67 / 4.00 (7.1 / 9.0 / 14.5); seeds 1
and 3 still unproven (bound 216 / 299 against 216 / 289).

Only with 2 workers (the pair takes both; no neighbourhood thread), for models of at most
:data:`UP_TO` sessions with modelled clash pairs, not talks-like (those have their own
two-phase search, ``search.search_to_proof``), and only when the caller named no
``subsolvers``. It changes the search only, never the model: a schedule's value and the
proof's meaning are the same.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from scheduler.solver.options import SolveOptions

UP_TO = 50
"""Sessions at most (pycon, 100 sessions, keeps the default portfolio)."""
SUBSOLVERS = ("core", "default_lp")
"""The two full workers."""


def wanted(options: SolveOptions, sessions: int, clash_pairs: int, talks_like: bool) -> bool:
    """Whether a model gets the core pair (module docstring)."""
    return (options.workers == 2 and 0 < sessions <= UP_TO and clash_pairs > 0
            and not talks_like and "subsolvers" not in options.cp_sat)


def apply(solver: cp_model.CpSolver, options: SolveOptions, sessions: int, clash_pairs: int,
          talks_like: bool) -> bool:
    """Sets the core pair on ``solver`` when :func:`wanted`; returns whether it did."""
    if not wanted(options, sessions, clash_pairs, talks_like):
        return False
    solver.parameters.subsolvers.extend(SUBSOLVERS)
    solver.parameters.num_full_subsolvers = len(SUBSOLVERS)
    return True
