"""Workbooks edited by hand: every problem names the file, the sheet and the cell, and a
missing header row is refused instead of silently reading the first submission as one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from scheduler.cli import main

N2OR = Path(__file__).resolve().parent / "data" / "N2OR.xlsx"


def _edited(tmp_path: Path, edit: Callable[[Any], object]) -> Path:
    workbook = openpyxl.load_workbook(N2OR)
    edit(workbook)
    path = tmp_path / "edited.xlsx"
    workbook.save(path)
    return path


@pytest.mark.parametrize(("edit", "fragments"), [
    (lambda wb: wb["submissions"].cell(2, 5, "Mars/Base"),
     ["sheet 'submissions' cell E2", "unknown time zone 'Mars/Base'"]),
    (lambda wb: wb["parameters"].cell(2, 2, "GMT+99"),
     ["sheet 'parameters' cell B2", "unknown time zone 'GMT+99'"]),
    (lambda wb: wb["submissions"].cell(2, 3, 10**12),
     ["sheet 'submissions' cell C2", "time slots"]),
    (lambda wb: wb["submissions"].delete_rows(1, 1),
     ["sheet 'submissions' cell A1", "header"]),
])
def test_import_names_the_sheet_and_cell(tmp_path: Path, edit: Callable[[Any], object],
                                         fragments: list[str]) -> None:
    path = _edited(tmp_path, edit)
    out = tmp_path / "n2or.yaml"
    result = CliRunner().invoke(main, ["import", "cosplib", str(path), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert f"{path}:" in result.stderr or f"{path} " in result.stderr, result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr
    assert "please report" not in result.stderr
    assert not out.exists()
