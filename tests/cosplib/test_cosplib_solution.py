"""CoSPLib's solution workbook: what we write has the layout CoSPLib wrote."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from confsched_cosplib.instance import Instance
from confsched_cosplib.scorer import score
from confsched_cosplib.solution import load_solution, write_solution
from cosplibdata import solution_path


def test_stored_layout_matches_ours(n2or: Instance, tmp_path: Path) -> None:
    """Writing a stored solution gives the same ``sol`` sheet cells as CoSPLib wrote."""
    stored = load_solution(solution_path("N2OR"), n2or)
    out = tmp_path / "copy.xlsx"
    write_solution(out, n2or, stored, score(n2or, stored))

    def cells(path: Path) -> list[tuple[object, ...]]:
        sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
        return [tuple(c for c in row) for row in sheet.iter_rows(values_only=True)]

    ours, theirs = cells(out), cells(solution_path("N2OR"))
    assert [r[1:] for r in ours if any(r)] == [r[1:] for r in theirs if any(r)]
