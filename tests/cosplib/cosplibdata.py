"""Where the CoSPLib test data lives (instances and stored solutions, see data/README.md)."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def instance_path(name: str) -> Path:
    """The instance workbook ``data/NAME.xlsx``."""
    return DATA / f"{name}.xlsx"


def solution_path(name: str) -> Path:
    """The stored exact-model solution ``data/solutions/NAMESolution.xlsx``."""
    return DATA / "solutions" / f"{name}Solution.xlsx"
