"""confsched zoom plugin: Zoom meetings for online and hybrid sessions (issue #4).

Adds ``confsched zoom sync|status`` and gives exporters the join links of synced
meetings through the ``session_links`` hook. See docs/zoom.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scheduler.hookspecs import hookimpl

if TYPE_CHECKING:
    import click

    from scheduler.exporting import ExportContext
    from scheduler.links import MeetingLink


@hookimpl
def register_commands(cli: click.Group) -> None:
    """Add the ``zoom`` command group."""
    from confsched_zoom.cli import zoom_group

    cli.add_command(zoom_group)


@hookimpl
def session_links(context: ExportContext) -> dict[str, MeetingLink] | None:
    """Join links from the state file beside the schedule, for its online/hybrid sessions."""
    from confsched_zoom.links import links_from_state

    return links_from_state(context)
