"""The importers, the exporter and the ``template`` command of the sheets plugin."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from confsched_sheets.layout import SHEETS
from scheduler.exporting import ExportContext, Exporter, Importer
from scheduler.extras import require_extra
from scheduler.importing.output import write_imported

if TYPE_CHECKING:
    from confsched_sheets.read import Table


def _openpyxl() -> None:
    """The sheets plugin's own library (the ``sheets`` extra), or a one-line error."""
    require_extra("openpyxl", "sheets")


def _write_scenario(tables: list[Table], source: Path, output: Path, command: str) -> list[Path]:
    from confsched_sheets.build import build_scenario

    imported = build_scenario(tables, str(source))
    text = imported.yaml_text(source.name, command)
    # The workbook validated; its YAML must too (else a bug here).
    return write_imported(
        text, output, source=str(source), what="the imported workbook",
        hint="this is a bug in confsched: please report it with the workbook",
        notes=imported.warnings, label="warning")


def import_xlsx(source: Path, output: Path, options: dict[str, Any]) -> list[Path]:
    """Read a workbook and write the scenario it describes."""
    _openpyxl()
    from confsched_sheets.read import read_workbook

    return _write_scenario(read_workbook(source), source, output, "xlsx")


def import_csv(source: Path, output: Path, options: dict[str, Any]) -> list[Path]:
    """Read a folder of CSV files (one per sheet) and write the scenario."""
    _openpyxl()
    from confsched_sheets.read import read_csv_folder

    names = [sheet.name for sheet in SHEETS]
    return _write_scenario(read_csv_folder(source, names), source, output, "csv")


def export_xlsx(context: ExportContext, output: Path, options: dict[str, Any]) -> list[Path]:
    """Write the scenario's sheets and the solved programme as one workbook."""
    _openpyxl()
    from confsched_sheets.write import scenario_workbook, write_workbook

    lang = "ru" if context.language == "ru" else "en"
    schedule = context.schedule if context.schedule.status.has_schedule else None
    content, missing = scenario_workbook(context.scenario, schedule, lang)
    for what in missing:
        click.echo(f"warning: the workbook has no place for {what}; keep the scenario file "
                   "for it", err=True)
    return [write_workbook(output, content)]


XLSX_IMPORTER = Importer(
    name="xlsx",
    description="A workbook written from `confsched template xlsx` (sheets Event, Rooms, "
    "Tracks, People, Sessions, Breaks, Registrations; English or Russian names).",
    run=import_xlsx,
)

CSV_IMPORTER = Importer(
    name="csv",
    description="A folder of CSV files, one per sheet of the workbook template "
    "(event.csv, rooms.csv, sessions.csv, ...).",
    run=import_csv,
    source_kind="dir",
)

XLSX_EXPORTER = Exporter(
    name="xlsx",
    description="The scenario as an editable workbook, with the solved programme on its "
    "own sheet; `confsched import xlsx` reads it back.",
    run=export_xlsx,
    output_kind="file",
    default_output="programme.xlsx",
)


@click.group(name="template")
def template_group() -> None:
    """Write an empty input file to fill in: confsched template xlsx -o event.xlsx."""


@template_group.command(name="xlsx")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The workbook to write.")
@click.option("--lang", type=click.Choice(["en", "ru"]), default="en",
              help="Language of the sheet and column names.")
def template_xlsx(output: str, lang: str) -> None:
    """An empty workbook with every sheet, column names and a help sheet."""
    from scheduler.cli.base import output_file

    _openpyxl()
    from confsched_sheets.write import template_workbook, write_workbook

    path = Path(output_file(output))
    write_workbook(path, template_workbook(lang))
    click.echo(str(path))
