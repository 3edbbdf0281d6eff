"""Workbooks made in the tests, cell by cell, as an organiser's program would save them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook

EVENT_ROWS: list[list[Any]] = [
    ["Field", "Value"], ["Name", "Неделя знаний"], ["Timezone", "Asia/Bishkek"],
    ["First day", "2024-09-16"], ["Day starts", "09:00"], ["Day ends", "18:00"]]
ROOMS_ROWS: list[list[Any]] = [
    ["ID", "Name", "Capacity", "Tags"], ["hall", "Большой зал", 120, "hybrid"],
    ["studio", "Студия", 30, None]]
PEOPLE_ROWS: list[list[Any]] = [
    ["ID", "Name", "Available"], ["aigul", "Айгуль", "09:00-13:00"], ["timur", "Тимур", None]]
SESSIONS_ROWS: list[list[Any]] = [
    ["ID", "Title", "Instrument", "Duration", "Facilitator", "Broker"],
    ["jam", "Джем знаний", "knowledge-jam", "2h", "aigul", "timur"],
    ["talk", "Доклад", "talk", "30min", None, None]]


def workbook(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """Write a workbook with the given sheets (rows of cells), in the given order."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def good_sheets() -> dict[str, list[list[Any]]]:
    """A small valid event: two rooms, two people, a knowledge jam and a talk."""
    return {"Event": [list(r) for r in EVENT_ROWS], "Rooms": [list(r) for r in ROOMS_ROWS],
            "People": [list(r) for r in PEOPLE_ROWS],
            "Sessions": [list(r) for r in SESSIONS_ROWS]}
