"""confsched programme plugin: the printed programme as PDF (typst).

``confsched export programme SCENARIO SCHEDULE -o programme.pdf [--lang ru|en]
[--paper a4|a5] [--layout grid|list]``: a cover (event, dates, venue, how to join
online), then each day either as a landscape grid (rooms as columns, time downwards,
tracks colour-coded) or as a seed-001 style list (time, title, people, room, format, link).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from confsched_programme.render import LAYOUTS, PAPERS, missing_fonts, write_pdf
from scheduler.exporting import ExportContext, Exporter
from scheduler.hookspecs import hookimpl
from scheduler.publishing.programme_labels import LANGUAGES
from scheduler.publishing.view import build_programme


def export_programme(context: ExportContext, output: Path, options: dict[str, Any]) -> list[Path]:
    """Write the programme PDF to ``output`` and return it."""
    as_of = options.get("as_of")
    programme = build_programme(context, as_of=as_of.date() if as_of else None)
    paper = options.get("paper") or "a4"
    layout = options.get("layout") or "grid"
    for warning in missing_fonts(programme):
        click.echo(f"warning: {warning}", err=True)
    return [write_pdf(programme, output, paper, layout,
                      show_dropped=bool(options.get("show_dropped")))]


def programme_exporter() -> Exporter:
    """The ``programme`` export format."""
    return Exporter(
        name="programme",
        description="Printed programme as PDF: a cover and each day as a grid or a list "
        "(Russian or English labels).",
        run=export_programme,
        output_kind="file",
        default_output="programme.pdf",
        options=[
            click.Option(["--lang"], type=click.Choice(LANGUAGES),
                         help="Language of the labels (default: the scenario's event.language)."),
            click.Option(["--paper"], type=click.Choice(PAPERS), default="a4", show_default=True,
                         help="Paper size."),
            click.Option(["--layout"], type=click.Choice(LAYOUTS), default="grid",
                         show_default=True,
                         help="grid: one landscape page per day, rooms as columns; "
                         "list: time, title, people, room, format, day by day."),
            click.Option(["--as-of"], type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                         help="Date of this version, printed on every page as "
                         "'version: …' (default: today in the event's time zone, or "
                         "SOURCE_DATE_EPOCH)."),
            click.Option(["--show-dropped/--no-show-dropped"], default=False,
                         show_default=True,
                         help="List the sessions that could not be scheduled on the cover "
                         "(for organisers; participants' copies leave them out)."),
        ],
    )


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    register(programme_exporter())
