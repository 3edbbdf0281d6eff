"""Writing workbooks: the empty template an organiser fills in, and a scenario (with its
solved programme) written back as sheets the importer reads again.

Both come from the one layout (layout.py), so what the template asks for is exactly
what the importer reads. Written atomically: the file appears whole or not at all.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from confsched_sheets.cells import write_cell
from confsched_sheets.layout import (
    EVENT,
    HELP,
    PAIR_HEADERS,
    PROGRAMME,
    SHEETS,
    WEIGHTS,
    Column,
    Sheet,
)
from scheduler.atomic import atomic_write_bytes
from scheduler.scenario import Scenario
from scheduler.scenario.types import FORMATS
from scheduler.schedule import Schedule
from scheduler.timeparse import format_clock

_BOLD = Font(bold=True)
_HEAD = PatternFill("solid", fgColor="DDE7F0")
_WRAP = Alignment(wrap_text=True, vertical="top")

_KIND_TEXT = {
    "en": {"text": "text", "int": "whole number", "bool": "yes / no",
           "date": "date 2024-09-16", "clock": "time 09:30", "duration": "90min, 1h30 or 45",
           "list": "ids, separated by commas", "dates": "dates, separated by commas",
           "windows": "09:00-13:00; 2024-09-17 10:00-12:00",
           "track": "a track id (or several, with commas)",
           "frames": "2024-09-20 09:00-13:00; ...", "counts": "role: number, ...",
           "number": "number, e.g. 4.5",
           "links": "session ids, or role: session ids; ..."},
    "ru": {"text": "текст", "int": "целое число", "bool": "да / нет",
           "date": "дата 2024-09-16", "clock": "время 09:30", "duration": "90min, 1h30 или 45",
           "list": "коды через запятую", "dates": "даты через запятую",
           "windows": "09:00-13:00; 2024-09-17 10:00-12:00",
           "track": "код трека (или несколько через запятую)",
           "frames": "2024-09-20 09:00-13:00; ...", "counts": "роль: число, ...",
           "number": "число, например 4.5",
           "links": "коды сессий, или роль: коды сессий; ..."},
}

UNSHEETED: dict[str, str] = {}
"""Parts of a scenario the workbook has no place for: reported when a scenario that
uses them is written as a workbook, never dropped silently."""


def template_workbook(lang: str) -> bytes:
    """An empty workbook with every sheet, its column names, drop-down lists for the
    fields that take one of a few words, and a help sheet explaining every column."""
    from scheduler.instruments import merge_catalogue

    book = Workbook()
    _event_sheet(book.active, lang, {})
    instruments = sorted(merge_catalogue({}))
    for sheet in SHEETS[1:]:
        ws = _items_sheet(book, sheet, lang, [])
        _choices(ws, sheet, "instrument", instruments)
        _choices(ws, sheet, "format", list(FORMATS))
        _choices(ws, sheet, "kind", ["coffee", "lunch", "dinner", "other"])
    _help_sheet(book, lang)
    return _bytes(book)


def scenario_workbook(scenario: Scenario, schedule: Schedule | None,
                      lang: str) -> tuple[bytes, list[str]]:
    """The scenario as sheets (and the solved programme, if given), and what the
    workbook could not hold."""
    data = scenario_data(scenario)
    book = Workbook()
    _event_sheet(book.active, lang, data)
    for sheet in SHEETS[1:]:
        rows = _rows_of(sheet, data)
        _items_sheet(book, sheet, lang, rows)
    if schedule is not None:
        _programme_sheet(book, scenario, schedule, lang)
    missing = [what for key, what in UNSHEETED.items() if _lookup(data, key)]
    return _bytes(book), missing


def scenario_data(scenario: Scenario) -> dict[str, Any]:
    """The scenario as its file would say it: series folded back into one entry with
    ``repeat``, defaults left out, clock times and durations as text."""
    data: dict[str, Any] = scenario.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    sessions: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    for session in scenario.sessions:
        if session.series is not None:
            counts[session.series] = counts.get(session.series, 0) + 1
    for entry, session in zip(data.get("sessions", []), scenario.sessions, strict=True):
        if session.run is not None and session.series is not None:  # runs: (#12)
            if session.run != 1:
                continue
            entry["id"] = session.series
            entry["runs"] = counts[session.series]
            for key in ("series", "run"):
                entry.pop(key, None)
        elif session.series is not None:
            if session.occurrence != 1:
                continue
            entry["id"] = session.series
            entry["repeat"] = {"count": counts[session.series]}
            entry.pop("series", None)
            entry.pop("occurrence", None)
        sessions.append(entry)
    data["sessions"] = sessions
    return data


def write_workbook(path: Path, content: bytes) -> Path:
    atomic_write_bytes(path, content)
    return path


# ------------------------------------------------------------------------- sheets


def _event_sheet(ws: Worksheet, lang: str, data: dict[str, Any]) -> None:
    ws.title = EVENT.title(lang)
    ws.append(list(PAIR_HEADERS[lang]))
    for cell in ws[1]:
        cell.font, cell.fill = _BOLD, _HEAD
    for column in EVENT.columns:
        value = _lookup(data, column.key)
        ws.append([column.header(lang), write_cell(value, column.kind)])
    for name, value in (data.get("weights") or {}).items():
        if name in WEIGHTS:
            ws.append([f"weights.{name}", value])
    ws.column_dimensions["A"].width = 36
    ws.column_dimensions["B"].width = 48


def _items_sheet(book: Workbook, sheet: Sheet, lang: str,
                 rows: list[dict[str, Any]]) -> Worksheet:
    ws = book.create_sheet(sheet.title(lang))
    columns = list(sheet.columns)
    if sheet.name == "sessions":
        known = {c.key for c in columns}
        for row in rows:
            for role in (row.get("people") or {}):
                if f"people.{role}" not in known:
                    known.add(f"people.{role}")
                    columns.append(Column(f"people.{role}", f"people.{role}",
                                          f"people.{role}", "list"))
    ws.append([c.header(lang) for c in columns])
    for cell in ws[1]:
        cell.font, cell.fill = _BOLD, _HEAD
    ws.freeze_panes = "B2"
    for row in rows:
        ws.append([write_cell(_lookup(row, c.key), c.kind) for c in columns])
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = max(
            12, min(40, len(column.header(lang)) + 4))
    return ws


def _rows_of(sheet: Sheet, data: dict[str, Any]) -> list[dict[str, Any]]:
    if sheet.name == "breaks":
        breaks = data.get("breaks") or {}
        rows = []
        for placed in breaks.get("placed", []):
            row = dict(placed)
            if "window" in row:
                start, end = row.pop("window")
                row["window"] = [{"start": start, "end": end}]
            rows.append(row)
        rows.extend(breaks.get("fixed", []))
        return rows
    if sheet.name == "instruments":
        return [{"name": name, **fields}
                for name, fields in (data.get("instruments") or {}).items()]
    found = _lookup(data, sheet.target)
    return list(found or [])


def _programme_sheet(book: Workbook, scenario: Scenario, schedule: Schedule,
                     lang: str) -> None:
    heads = {"en": ["Day", "Start", "End", "Room", "Track", "Session", "Title", "People"],
             "ru": ["День", "Начало", "Конец", "Зал", "Трек", "Сессия", "Название", "Люди"]}
    ws = book.create_sheet(PROGRAMME[1] if lang == "ru" else PROGRAMME[0])
    ws.append(heads["ru" if lang == "ru" else "en"])
    for cell in ws[1]:
        cell.font, cell.fill = _BOLD, _HEAD
    titles = {s.id: s.title for s in scenario.sessions}
    names = {p.id: p.name or p.id for p in scenario.people}
    rooms = {r.id: r.name or r.id for r in scenario.rooms}
    for item in sorted(schedule.sessions, key=lambda s: (s.day, s.start, s.room or "")):
        people = "; ".join(f"{role}: {', '.join(names.get(p, p) for p in ids)}"
                           for role, ids in item.people.items())
        ws.append([item.day.isoformat(), format_clock(item.start), format_clock(item.end),
                   rooms.get(item.room or "", item.room or ""), item.track or "", item.id,
                   titles.get(item.id, item.id), people])
    for index, width in enumerate([12, 8, 8, 24, 14, 18, 48, 48], start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def _help_sheet(book: Workbook, lang: str) -> None:
    ws = book.create_sheet(HELP[1] if lang == "ru" else HELP[0])
    heads = {"en": ["Sheet", "Column", "Required", "How to write it", "Example", "Scenario key"],
             "ru": ["Лист", "Столбец", "Обязательно", "Как писать", "Пример", "Ключ сценария"]}
    ws.append(heads[lang])
    for cell in ws[1]:
        cell.font, cell.fill = _BOLD, _HEAD
    yes = "да" if lang == "ru" else "yes"
    for sheet in SHEETS:
        for column in sheet.columns:
            ws.append([sheet.title(lang), column.header(lang), yes if column.required else "",
                       _KIND_TEXT[lang][column.kind], column.example,
                       f"{sheet.target}.{column.key}" if not sheet.pairs else column.key])
    for index, width in enumerate([16, 34, 12, 40, 30, 36], start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = _WRAP


def _choices(ws: Worksheet, sheet: Sheet, key: str, values: list[str]) -> None:
    """A drop-down list on the column ``key`` (the program still accepts other text, which
    the importer then refuses with the list)."""
    for index, column in enumerate(sheet.columns, start=1):
        if column.key == key:
            letter = get_column_letter(index)
            listed = ",".join(values)
            if len(listed) > 250:  # Excel's limit on an inline list
                return
            check = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True,
                                   showErrorMessage=False)
            ws.add_data_validation(check)
            check.add(f"{letter}2:{letter}2000")


def _lookup(data: dict[str, Any], key: str) -> Any:
    value: Any = data
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
