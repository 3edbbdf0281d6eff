"""confsched caldav plugin: publish the programme to a CalDAV calendar.

``confsched export caldav SCENARIO SCHEDULE --url URL [--calendar NAME] [--per-track]``
with ``CONFSCHED_CALDAV_USERNAME``/``CONFSCHED_CALDAV_PASSWORD`` in the environment.
Idempotent: see :mod:`confsched_caldav.publish` and docs/exports.md.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from scheduler.exporting import ExportContext, Exporter
from scheduler.hookspecs import hookimpl


def export_caldav(context: ExportContext, output: Path, options: dict[str, Any]) -> list[Path]:
    """Publish to the server; ``output`` is not used (nothing is written locally)."""
    from confsched_caldav.connect import with_principal
    from confsched_caldav.publish import publish
    from scheduler.publishing.output import require_timetable

    require_timetable(context)

    event = context.scenario.event
    name = options.get("calendar") or event.name
    # Renamed with the old name kept as id: the calendars of that name are taken over.
    former = event.id if not options.get("calendar") and event.id != event.name else None
    report = with_principal(
        options["url"],
        lambda principal: publish(context, principal, name, bool(options.get("per_track")),
                                  former, keyed=not options.get("calendar")),
    )
    click.echo(f"published to {options['url']}: {report.summary()}")
    return []


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``caldav`` export format."""
    register(Exporter(
        name="caldav",
        description="Publish the programme to a CalDAV server (idempotent; credentials from "
        "CONFSCHED_CALDAV_USERNAME / CONFSCHED_CALDAV_PASSWORD). -o is not used.",
        run=export_caldav,
        output_kind="dir",
        default_output="-",
        options=[
            click.Option(["--url"], required=True, help="CalDAV server or principal URL."),
            click.Option(["--calendar"],
                         help="Calendar name (default: the event name; a calendar named "
                              "after the event's id: is taken over and renamed)."),
            click.Option(["--per-track"], is_flag=True,
                         help="One calendar per track, plus the main one for the rest."),
        ],
    ))
