"""``confsched import frab`` and ``confsched import schedule-json``: a programme published
elsewhere becomes a scenario, every talk pinned where it is (or free with ``--free``), so
it can be re-solved with minimal change or solved anew."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from confsched_interchange.foreign import ForeignProgramme, scenario_data
from confsched_interchange.read_foreign import read_frab, read_schedule_json
from scheduler.exporting import Importer
from scheduler.importing.instruments import instrument_table
from scheduler.importing.output import scenario_yaml, write_imported


def _importer(read: Callable[[Path], ForeignProgramme], command: str
              ) -> Callable[[Path, Path, dict[str, Any]], list[Path]]:
    def run(source: Path, output: Path, options: dict[str, Any]) -> list[Path]:
        programme = read(source)
        data = scenario_data(programme, bool(options.get("free")),
                             instrument_table(tuple(options.get("instrument") or ())))
        text = scenario_yaml(data, f"Imported from {source.name} by confsched import "
                                   f"{command}{' --free' if options.get('free') else ''}.")
        return write_imported(
            text, output, source=str(source), what="the imported programme",
            hint="an --instrument TYPE=INSTRUMENT may fix a session type mapped to an "
                 "instrument whose rules it breaks (docs/exports.md)",
            notes=programme.notes)

    return run


def _options() -> list[click.Option]:
    return [
        click.Option(["--free"], is_flag=True,
                     help="Do not pin the talks: keep their length, track and speakers and "
                          "let the solver place them."),
        click.Option(["--instrument"], multiple=True, metavar="TYPE=INSTRUMENT",
                     help="Map a session type of the source to an instrument (repeatable); "
                          "default: workshops to workshop, lectures and keynotes to lecture, "
                          "panels to conference, the rest to talk."),
    ]


FRAB = Importer(
    name="frab",
    description="A published frab schedule.xml (frab, pretalx, c3voc): every talk pinned "
    "where it is, or free with --free.",
    run=_importer(read_frab, "frab"), options=_options())

SCHEDULE_JSON = Importer(
    name="schedule-json",
    description="A published c3voc schedule.json (pretalx, frab): every talk pinned, or "
    "free with --free.",
    run=_importer(read_schedule_json, "schedule-json"), options=_options())
