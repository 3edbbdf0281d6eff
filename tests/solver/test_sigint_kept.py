"""Every CP-SAT solve leaves Ctrl-C to Python.

A ``CpSolver`` with ``catch_sigint_signal`` left on installs OR-Tools' own SIGINT handler
and, when the solve returns, leaves SIGINT at SIG_DFL at the C level (OR-Tools'
``sigint.cc``: ``~SigintHandler() { signal(SIGINT, SIG_DFL); }``) while Python's
``signal.getsignal`` still names its handler: the next Ctrl-C then kills the process
outright instead of stopping the search and keeping the best schedule. The keynote plan of
an at-scale greedy and the talks search did that (review of the sixth session).
"""

from __future__ import annotations

import ast
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from ortools.sat.python import cp_model

from scheduler.solver import search, talks_search

PACKAGE = Path(__file__).resolve().parents[2] / "scheduler"


def _sigint_caught() -> bool:
    """Whether this process has a handler for SIGINT at the C level (/proc's SigCgt)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("SigCgt:"):
            return bool(int(line.split()[1], 16) >> (signal.SIGINT - 1) & 1)
    raise AssertionError("no SigCgt line")


@pytest.fixture(autouse=True)
def python_handles_sigint() -> Iterator[None]:
    """Python's own handler installed, as in a program started from a terminal (a test
    worker may have been started with SIGINT ignored); the one before is put back."""
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, before)


def test_a_default_solver_drops_the_handler_so_the_check_can_fail() -> None:
    assert _sigint_caught()
    cp_model.CpSolver().solve(cp_model.CpModel())
    assert not _sigint_caught()


def test_the_stand_in_and_the_talks_solver_keep_the_handler() -> None:
    search._stand_in()
    assert _sigint_caught()
    model = cp_model.CpModel()
    model.new_bool_var("x")
    talks_search._solver(1.0, 2, 0, False).solve(model)
    assert _sigint_caught()


def test_every_solver_the_package_makes_keeps_the_handler() -> None:
    """Each function that makes a ``cp_model.CpSolver()`` turns the parameter off (or
    copies the parameters of one that did)."""
    missing = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef):
                continue
            text = ast.get_source_segment(path.read_text(encoding="utf-8"), node) or ""
            if "cp_model.CpSolver()" in text and not (
                    "catch_sigint_signal = False" in text or "copy_from" in text):
                missing.append(f"{path.relative_to(PACKAGE.parent)}:{node.name}")
    assert not missing, missing
