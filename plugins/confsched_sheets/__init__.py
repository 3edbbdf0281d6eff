"""confsched sheets plugin: the event in a spreadsheet and back.

- ``confsched template xlsx -o event.xlsx [--lang ru]``: an empty workbook with a sheet
  for the event, rooms, tracks, people, sessions, breaks and registrations, and a help
  sheet that explains every column;
- ``confsched import xlsx event.xlsx -o scenario.yaml`` and ``confsched import csv
  FOLDER -o scenario.yaml`` (one CSV file per sheet): every problem named by its cell,
  all at once, nothing written on error;
- ``confsched export xlsx SCENARIO SCHEDULE -o programme.xlsx``: the scenario's sheets
  and the solved programme, for the organiser to edit and import again.

See docs/spreadsheets.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from scheduler.hookspecs import hookimpl

if TYPE_CHECKING:
    import click

    from scheduler.exporting import Exporter, Importer


@hookimpl
def register_importers(register: Callable[[Importer], None]) -> None:
    """Register ``confsched import xlsx`` and ``confsched import csv``."""
    from confsched_sheets.commands import CSV_IMPORTER, XLSX_IMPORTER

    register(XLSX_IMPORTER)
    register(CSV_IMPORTER)


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register ``confsched export xlsx``."""
    from confsched_sheets.commands import XLSX_EXPORTER

    register(XLSX_EXPORTER)


@hookimpl
def register_commands(cli: click.Group) -> None:
    """Add ``confsched template``."""
    from confsched_sheets.commands import template_group

    cli.add_command(template_group)
