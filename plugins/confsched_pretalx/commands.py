"""The pretalx importer and exporter as confsched registers them; httpx (the ``pretalx``
extra) is imported only when one of them runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from scheduler.exporting import ExportContext, Exporter, Importer
from scheduler.extras import require_extra


def run_import(source: None, output: Path, options: dict[str, Any]) -> list[Path]:
    require_extra("httpx", "pretalx")
    from confsched_pretalx.importer import import_pretalx

    return import_pretalx(source, output, options)


def run_export(context: ExportContext, output: Path, options: dict[str, Any]) -> list[Path]:
    require_extra("httpx", "pretalx")
    from confsched_pretalx.push import export_pretalx

    return export_pretalx(context, output, options)


IMPORTER = Importer(
    name="pretalx",
    description="A pretalx event through its API (token from CONFSCHED_PRETALX_TOKEN): "
    "confirmed submissions, speakers and their availabilities, rooms, tracks.",
    run=run_import,
    source_kind="none",
    options=[
        click.Option(["--url"], required=True, help="The pretalx server, e.g. "
                     "https://pretalx.example.org"),
        click.Option(["--event"], required=True, help="The event's short name (slug)."),
        click.Option(["--free"], is_flag=True,
                     help="Do not pin talks already placed in pretalx's schedule."),
        click.Option(["--instrument"], multiple=True, metavar="TYPE=INSTRUMENT",
                     help="Map a submission type to an instrument (repeatable)."),
    ],
)


EXPORTER = Exporter(
    name="pretalx",
    description="Send the schedule into a pretalx event's work-in-progress schedule "
    "(token from CONFSCHED_PRETALX_TOKEN); --release VERSION publishes it. -o is not "
    "used.",
    run=run_export, output_kind="dir", default_output="-",
    options=[
        click.Option(["--url"], required=True, help="The pretalx server."),
        click.Option(["--event"], required=True, help="The event's short name (slug)."),
        click.Option(["--release"], metavar="VERSION",
                     help="Release the schedule in pretalx as this version."),
    ],
)
