"""confsched web plugin: the programme as a static, self-contained web page.

``confsched export web SCENARIO SCHEDULE -o site/ [--lang ru|en] [--ical/--no-ical]``
writes ``site/index.html`` (day tabs, grid and list views, filters by track, room,
instrument and format, search, session details, print styles; works from ``file://``)
and, when the ical exporter is installed, the calendars in ``site/ical/`` (participants'
calendars only with ``--participant-calendars LINKS.csv``, under unguessable names).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from confsched_web.site import write_site
from scheduler.exporting import ExportContext, Exporter
from scheduler.hookspecs import hookimpl
from scheduler.publishing.programme_labels import LANGUAGES


def export_web(context: ExportContext, output: Path, options: dict[str, Any]) -> list[Path]:
    """Write the site into the folder ``output``."""
    links = options.get("participant_calendars")
    return write_site(context, output, options.get("ical"),
                      Path(links) if links else None)


def web_exporter() -> Exporter:
    """The ``web`` export format."""
    return Exporter(
        name="web",
        description="Static programme web page (index.html: day tabs, grid and list, filters, "
        "search, details; no server needed) with links to the iCal calendars.",
        run=export_web,
        output_kind="dir",
        default_output="site",
        options=[
            click.Option(["--lang"], type=click.Choice(LANGUAGES),
                         help="Language of the labels (default: the scenario's event.language)."),
            click.Option(["--ical/--no-ical"], default=None,
                         help="Write the iCal calendars into SITE/ical/ and link them "
                         "(default: when the ical exporter is installed)."),
            click.Option(["--participant-calendars", "participant_calendars"],
                         metavar="LINKS.csv", default=None,
                         help="Opt in to publishing each registered participant's calendar, "
                         "under an unguessable name that the page does not link; LINKS.csv "
                         "(outside the site) tells which link to send to whom. "
                         "Default: no participant's calendar is published."),
        ],
    )


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    register(web_exporter())
