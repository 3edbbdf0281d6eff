"""``confsched import frab`` and ``confsched import schedule-json``: a programme published
elsewhere becomes a scenario, every talk pinned where it is (or free with ``--free``), so
it can be re-solved with minimal change or solved anew."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import yaml

from confsched_interchange.foreign import ForeignProgramme, scenario_data
from confsched_interchange.read_foreign import read_frab, read_schedule_json
from scheduler.atomic import atomic_write_text
from scheduler.errors import InputError, Problem
from scheduler.exporting import Importer
from scheduler.importing.instruments import instrument_table


def _importer(read: Callable[[Path], ForeignProgramme], command: str
              ) -> Callable[[Path, Path, dict[str, Any]], list[Path]]:
    def run(source: Path, output: Path, options: dict[str, Any]) -> list[Path]:
        programme = read(source)
        data = scenario_data(programme, bool(options.get("free")),
                             instrument_table(tuple(options.get("instrument") or ())))
        text = (f"# Imported from {source.name} by confsched import {command}"
                f"{' --free' if options.get('free') else ''}.\n"
                + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))
        from scheduler.scenario import parse_scenario

        try:
            parse_scenario(text, str(output))
        except InputError as exc:
            raise InputError([Problem(
                f"the imported programme does not make a valid scenario: {exc}",
                file=str(source),
                hint="an --instrument TYPE=INSTRUMENT may fix a session type mapped to an "
                     "instrument whose rules it breaks (docs/exports.md)")]) from None
        for note in programme.notes:
            click.echo(f"note: {note}", err=True)
        atomic_write_text(output, text)
        return [output]

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
