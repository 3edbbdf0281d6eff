"""confsched ical plugin: RFC 5545 calendars of a solved schedule.

``confsched export ical SCENARIO SCHEDULE -o out/`` writes ``out/programme.ics`` and one
calendar per person, room, track and participant. See docs/exports.md.
"""

from __future__ import annotations

from collections.abc import Callable

from scheduler.exporting import Exporter
from scheduler.hookspecs import hookimpl


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``ical`` export format."""
    from confsched_ical.export import export_ical

    register(Exporter(
        name="ical",
        description="iCalendar files: the programme and one calendar per person, room, "
        "track and participant (RFC 5545).",
        run=export_ical,
        output_kind="dir",
        default_output="out",
    ))
