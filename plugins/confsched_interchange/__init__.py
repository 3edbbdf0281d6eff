"""confsched interchange plugin: frab ``schedule.xml`` and c3voc ``schedule.json``.

``confsched export frab SCENARIO SCHEDULE -o out/`` and
``confsched export schedule-json SCENARIO SCHEDULE -o out/``: the formats that Fahrplan
apps, the c3voc recording pipeline and pretalx/frab tooling read. See docs/exports.md.
"""

from __future__ import annotations

from collections.abc import Callable

import click

from scheduler.exporting import Exporter, Importer
from scheduler.hookspecs import hookimpl


def _options() -> list[click.Option]:
    return [
        click.Option(["--acronym"], help="Short name of the event, a-z 0-9 - _ "
                     "(default: the event name transliterated)."),
        click.Option(["--base-url"], help="Web address of the programme "
                     "(default: event.url of the scenario)."),
    ]


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``frab`` and ``schedule-json`` export formats."""
    from confsched_interchange.frab import export_frab
    from confsched_interchange.schedule_json import export_schedule_json

    register(Exporter(
        name="frab",
        description="frab schedule.xml (Fahrplan apps, c3voc tooling).",
        run=export_frab, output_kind="dir", default_output="out", options=_options(),
    ))
    register(Exporter(
        name="schedule-json",
        description="c3voc schedule.json (the JSON twin of frab schedule.xml).",
        run=export_schedule_json, output_kind="dir", default_output="out",
        options=_options(),
    ))


@hookimpl
def register_importers(register: Callable[[Importer], None]) -> None:
    """Register ``confsched import frab`` and ``confsched import schedule-json``."""
    from confsched_interchange.importers import FRAB, SCHEDULE_JSON

    register(FRAB)
    register(SCHEDULE_JSON)
