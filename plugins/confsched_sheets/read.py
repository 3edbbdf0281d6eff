"""Reading a workbook (.xlsx) or a folder of CSV files into plain tables of cells, each
cell with its place (``event.xlsx: Sessions!C12`` or ``sessions.csv:12:3``)."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from scheduler.errors import InputError, Problem
from scheduler.yamlsafe import MAX_BYTES, read_text

MAX_CELLS = 2_000_000
"""Cells read at most: far more than any event (10,000 sessions x 40 columns), far less
than what would exhaust memory."""


@dataclass(frozen=True)
class Place:
    """Where a cell is: a workbook's sheet and cell, or a CSV file's line and column."""

    file: str
    sheet: str | None
    row: int
    column: int

    def problem(self, message: str, hint: str | None = None) -> Problem:
        if self.sheet is None:
            return Problem(message, file=self.file, line=self.row, column=self.column or None,
                           hint=hint)
        cell = f"{get_column_letter(self.column)}{self.row}" if self.column else str(self.row)
        return Problem(message, file=self.file, path=f"{self.sheet}!{cell}", hint=hint)


@dataclass
class Table:
    """One sheet (or CSV file): its rows of cells, numbered as the program shows them."""

    title: str
    file: str
    csv: bool
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)

    def place(self, row: int, column: int) -> Place:
        """The place of a cell (1-based row and column); column 0 is the whole row."""
        return Place(self.file, None if self.csv else self.title, row, column)


def read_workbook(path: Path) -> list[Table]:
    """Every sheet of an .xlsx workbook, values as the program computed them."""
    file = str(path)
    _check_size(path)
    try:
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError([Problem(
            f"this is not an .xlsx workbook ({type(exc).__name__}: {exc})", file=file,
            hint="save it from your spreadsheet program as 'Excel Workbook (.xlsx)'; "
                 "for CSV files use `confsched import csv FOLDER`")]) from None
    tables: list[Table] = []
    cells = 0
    try:
        for sheet in book.worksheets:
            table = Table(sheet.title, file, csv=False)
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells += len(row)
                if cells > MAX_CELLS:
                    raise InputError([Problem(
                        f"the workbook has more than {MAX_CELLS:,} cells", file=file,
                        hint="remove empty formatted rows and columns, or split the event")])
                values = list(row)
                if any(v is not None and str(v).strip() for v in values):
                    table.rows.append((number, values))
            tables.append(table)
    finally:
        book.close()
    return tables


def read_csv_folder(folder: Path, names: list[str]) -> list[Table]:
    """The CSV files of ``folder`` (``event.csv``, ``sessions.csv``, ... in either
    language); ``names`` are the accepted stems. Commas, semicolons or tabs."""
    if not folder.is_dir():
        raise InputError([Problem(
            "this is not a folder", file=str(folder),
            hint="give the folder that holds event.csv, sessions.csv, ...")])
    tables: list[Table] = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() != ".csv":
            continue
        text = read_text(path)
        dialect = _dialect(text)
        table = Table(path.stem, str(path), csv=True)
        reader = csv.reader(io.StringIO(text, newline=""), dialect)
        try:
            for row in reader:
                if any(v.strip() for v in row):
                    table.rows.append((reader.line_num, list(row)))
        except csv.Error as exc:
            raise InputError([Problem(f"this is not valid CSV: {exc}", file=str(path),
                                      line=reader.line_num,
                                      hint="check the quotes on that line")]) from None
        tables.append(table)
    if not tables:
        raise InputError([Problem(
            "the folder has no .csv files", file=str(folder),
            hint=f"write one file per sheet: {', '.join(n + '.csv' for n in names)}")])
    return tables


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    head = "\n".join(text.splitlines()[:5])
    try:
        return csv.Sniffer().sniff(head, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _check_size(path: Path) -> None:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError([Problem("file not found", file=str(path),
                                  hint="check the path; run `ls` to see the files")]) from None
    except OSError as exc:
        raise InputError([Problem(f"cannot read the file: {exc.strerror}",
                                  file=str(path))]) from None
    if not path.is_file():
        raise InputError([Problem("this is not a regular file", file=str(path),
                                  hint="give the path of an .xlsx workbook")])
    if size > MAX_BYTES:
        raise InputError([Problem(f"the file is larger than {MAX_BYTES // 2**20} MiB",
                                  file=str(path))])
