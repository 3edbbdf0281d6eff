"""From tables of cells to a scenario: every value put where the scenario file would
hold it, every problem named by its cell, all problems at once, nothing written on
error.

The scenario's own validation (pydantic and the cross-checks) runs on what the cells
say; its problems come back placed on the cells they came from, through the same
machinery that places a YAML file's problems on lines and columns.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from confsched_sheets.cells import CellError, is_empty, read_cell
from confsched_sheets.layout import (
    EVENT,
    HELP,
    PAIR_HEADERS,
    PROGRAMME,
    SHEETS,
    Column,
    Sheet,
    column_named,
    normalise,
    sheet_named,
)
from confsched_sheets.read import Place, Table
from scheduler.errors import InputError, Problem
from scheduler.importing.output import scenario_yaml
from scheduler.scenario import Scenario
from scheduler.scenario.load import validation_problems
from scheduler.yamlsafe import PathKey, Positions

_SKIPPED = {normalise(n) for n in (*PROGRAMME, *HELP)}


@dataclass
class CellPositions(Positions):
    """Positions whose places are cells: a problem at a path is placed on the cell (or
    row) that gave the value at that path, or at its nearest ancestor's."""

    cells: dict[PathKey, Place] = field(default_factory=dict)

    def put(self, path: PathKey, place: Place) -> None:
        """``path`` came from ``place``; its ancestors too, unless already placed."""
        for depth in range(1, len(path)):
            self.cells.setdefault(path[:depth], place)
            self.places.setdefault(path[:depth], (place.row, place.column))
        self.cells[path] = place
        self.places[path] = (place.row, place.column)

    def problem(self, path: PathKey, message: str, hint: str | None = None) -> Problem:
        probe = tuple(path)
        while probe:
            if probe in self.cells:
                return self.cells[probe].problem(message, hint)
            probe = probe[:-1]
        return Problem(message, file=self.file, hint=hint)


@dataclass
class Imported:
    """The scenario a workbook describes, as data and as YAML text, and what was
    read with a warning (sheets that are not part of a scenario)."""

    data: dict[str, Any]
    scenario: Scenario
    warnings: list[str]

    def yaml_text(self, source: str, command: str) -> str:
        return scenario_yaml(self.data, f"Imported from {source} by confsched import {command}.")


class _Builder:
    def __init__(self, file: str) -> None:
        self.data: dict[str, Any] = {}
        self.positions = CellPositions(file)
        self.problems: list[Problem] = []
        self.warnings: list[str] = []

    # ---------------------------------------------------------------- helpers

    def set(self, path: PathKey, value: Any, place: Place) -> None:
        """Put ``value`` at ``path`` (creating the mappings on the way), from ``place``."""
        target: Any = self.data
        for key in path[:-1]:
            target = target[key] if isinstance(key, int) else target.setdefault(key, {})
        target[path[-1]] = value
        self.positions.put(path, place)

    def cell(self, column: Column, raw: Any, place: Place) -> Any:
        try:
            return read_cell(raw, column.kind)
        except CellError as exc:
            self.problems.append(place.problem(exc.message, exc.hint))
            return None

    # ---------------------------------------------------------------- sheets

    def event(self, table: Table) -> None:
        self.data.setdefault("event", {})
        rows = table.rows
        if rows and _is_pair_header(rows[0][1]):
            rows = rows[1:]
        seen: dict[str, int] = {}
        for number, values in rows:
            label = values[0] if values else None
            if is_empty(label):
                self.problems.append(table.place(number, 1).problem(
                    "a value without its field name", "write the field in column A"))
                continue
            column = column_named(EVENT, str(label))
            if column is None:
                self.problems.append(table.place(number, 1).problem(
                    f"unknown field {str(label)!r}", _did_you_mean(str(label), EVENT)))
                continue
            if column.key in seen:
                self.problems.append(table.place(number, 1).problem(
                    f"the field {str(label)!r} is given twice (first on row {seen[column.key]})",
                    "keep one of the two rows"))
                continue
            seen[column.key] = number
            raw = values[1] if len(values) > 1 else None
            place = table.place(number, 2)
            if is_empty(raw):
                # A problem about this field (say, it is required) points at its cell.
                self.positions.put(tuple(column.key.split(".")), place)
                continue
            value = self.cell(column, raw, place)
            if value is not None:
                self.set(tuple(column.key.split(".")), value, place)

    def items(self, table: Table, sheet: Sheet) -> None:
        """A sheet of items: the first row names the columns, each next row is one item."""
        if not table.rows:
            return
        header_row, headers = table.rows[0]
        columns: dict[int, Column] = {}
        named: dict[str, int] = {}
        for index, header in enumerate(headers, start=1):
            if is_empty(header):
                continue
            column = column_named(sheet, str(header))
            place = table.place(header_row, index)
            if column is None:
                self.problems.append(place.problem(
                    f"unknown column {str(header).strip()!r} in {table.title}",
                    _did_you_mean(str(header), sheet)))
                continue
            if column.key in named:
                self.problems.append(place.problem(
                    f"the column {str(header).strip()!r} appears twice",
                    "keep one of the two columns"))
                continue
            named[column.key] = index
            columns[index] = column
        missing = [c for c in sheet.columns if c.required and c.key not in named]
        for column in missing:
            self.problems.append(table.place(header_row, 0).problem(
                f"{table.title} has no column {column.header(_lang(headers))!r}",
                f"add it to row {header_row}, the row of column names"))
        if missing:
            return
        base: PathKey = tuple(sheet.target.split("."))
        for number, values in table.rows[1:]:
            self._item(table, sheet, base, columns, number, values)

    def _item(self, table: Table, sheet: Sheet, base: PathKey, columns: dict[int, Column],
              number: int, values: list[Any]) -> None:
        item: dict[str, Any] = {}
        places: dict[tuple[str, ...], Place] = {}
        for index, column in columns.items():
            raw = values[index - 1] if index - 1 < len(values) else None
            if is_empty(raw):
                continue
            place = table.place(number, index)
            value = self.cell(column, raw, place)
            if value is None:
                continue
            path = tuple(column.key.split("."))
            target = item
            for key in path[:-1]:
                target = target.setdefault(key, {})
            target[path[-1]] = value
            places[path] = place
        if not item:
            return
        if sheet.name == "breaks":
            self._break(table, item, places, number)
            return
        if sheet.name == "instruments":
            self._instrument(table, item, places, number)
            return
        container = self._list(base)
        row_place = table.place(number, 1)
        index = len(container)
        container.append(item)
        self.positions.put((*base, index), row_place)
        for path, place in places.items():
            self.positions.put((*base, index, *path), place)

    def _break(self, table: Table, item: dict[str, Any], places: dict[tuple[str, ...], Place],
               number: int) -> None:
        """A row of the Breaks sheet: fixed when it has a start or an end, else placed."""
        fixed = "start" in item or "end" in item
        if fixed:
            for key in ("duration", "window", "days"):
                if key in item:
                    self.problems.append(places[(key,)].problem(
                        f"a break with a start and an end is fixed: it has no {key}",
                        "clear this cell, or clear Start and End to let the solver place "
                        "the break in its window"))
                    return
        else:
            if "day" in item:
                self.problems.append(places[("day",)].problem(
                    "a break placed by the solver takes Days, not Day",
                    "write the days in the Days column, or give Start and End"))
                return
            windows = item.get("window")
            if windows is not None:
                if len(windows) != 1 or "day" in windows[0]:
                    self.problems.append(places[("window",)].problem(
                        "a break has one window, without a day", "write e.g. 12:00-14:00"))
                    return
                item["window"] = [windows[0]["start"], windows[0]["end"]]
        base: PathKey = ("breaks", "fixed" if fixed else "placed")
        container = self._list(base)
        index = len(container)
        container.append(item)
        self.positions.put((*base, index), table.place(number, 1))
        for path, place in places.items():
            self.positions.put((*base, index, *path), place)

    def _instrument(self, table: Table, item: dict[str, Any],
                    places: dict[tuple[str, ...], Place],
                    number: int) -> None:
        """A row of the Instruments sheet: the named instrument's changed fields."""
        name = item.pop("name", None)
        if name is None:
            self.problems.append(table.place(number, 1).problem(
                "a row without the instrument's name", "write the name in the first column"))
            return
        catalogue = self.data.setdefault("instruments", {})
        if name in catalogue:
            self.problems.append(places[("name",)].problem(
                f"the instrument {name!r} has two rows", "keep one of them"))
            return
        catalogue[name] = item
        self.positions.put(("instruments", name), places[("name",)])
        for path, place in places.items():
            if path != ("name",):
                self.positions.put(("instruments", name, *path), place)

    def _list(self, base: PathKey) -> list[Any]:
        target: Any = self.data
        for key in base[:-1]:
            target = target.setdefault(key, {})
        found: list[Any] = target.setdefault(base[-1], [])
        return found


def build_scenario(tables: list[Table], file: str) -> Imported:
    """The scenario the tables describe; :class:`InputError` with every problem, each
    at its cell, when they do not describe a valid one."""
    builder = _Builder(file)
    by_sheet: dict[str, Table] = {}
    for table in tables:
        sheet = sheet_named(table.title)
        if sheet is None:
            if normalise(table.title) not in _SKIPPED:
                known = ", ".join(s.title("en") for s in SHEETS)
                builder.warnings.append(
                    f"{table.file}: the sheet {table.title!r} is not part of a scenario and "
                    f"was not read (the sheets read are {known}, or their Russian names)")
            continue
        if sheet.name in by_sheet:
            builder.problems.append(Problem(
                f"two sheets describe {sheet.en}: {by_sheet[sheet.name].title!r} and "
                f"{table.title!r}", file=table.file, hint="keep one of them"))
            continue
        by_sheet[sheet.name] = table
    if "event" not in by_sheet:
        raise InputError([Problem(
            "there is no Event sheet (Мероприятие)", file=file,
            hint="add it: `confsched template xlsx -o event.xlsx` writes an empty workbook "
                 "with every sheet")])
    builder.event(by_sheet["event"])
    for sheet in SHEETS[1:]:
        if sheet.name in by_sheet:
            builder.items(by_sheet[sheet.name], sheet)
    builder.data.setdefault("sessions", [])
    data = _ordered(builder.data)
    problems = list(builder.problems)
    scenario: Scenario | None = None
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        said = {(p.file, p.path, p.line, p.column) for p in problems}
        problems.extend(p for p in validation_problems(exc, builder.positions)
                        if (p.file, p.path, p.line, p.column) not in said)
    if problems or scenario is None:
        raise InputError(problems)
    return Imported(data, scenario, builder.warnings)


def _ordered(data: dict[str, Any]) -> dict[str, Any]:
    """The scenario's sections in the order a scenario file is written."""
    order = ["event", "rooms", "tracks", "people", "sessions", "breaks", "hybrid",
             "participants", "weights", "instruments"]
    return {key: data[key] for key in order if key in data} | {
        k: v for k, v in data.items() if k not in order}


def _is_pair_header(values: list[Any]) -> bool:
    first = normalise(str(values[0])) if values and values[0] is not None else ""
    return first in {normalise(pair[0]) for pair in PAIR_HEADERS.values()}


def _lang(headers: list[Any]) -> str:
    text = " ".join(str(h) for h in headers if h is not None)
    return "ru" if any("а" <= ch <= "я" for ch in text.lower()) else "en"


def _did_you_mean(header: str, sheet: Sheet) -> str:
    lang = _lang([header])
    names = [c.header(lang) for c in sheet.columns]
    close = difflib.get_close_matches(header.strip(), names, n=1, cutoff=0.6)
    listed = ", ".join(names)
    if close:
        return f"did you mean {close[0]!r}? The columns of {sheet.title(lang)} are: {listed}"
    extra = " (or people.ROLE for a role)" if sheet.name == "sessions" else ""
    return f"the columns of {sheet.title(lang)} are: {listed}{extra}"
