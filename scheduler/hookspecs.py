"""The hooks a confsched plugin can implement (pluggy project name ``confsched``).

A plugin is a module or package registered under the ``confsched`` entry-point group.
Built-in plugins (in ``plugins/``) are registered the same way as third-party ones.
Each hook receives a ``register`` callback or the object to extend.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    import click

    from scheduler.exporting import ExportContext, Exporter, Importer
    from scheduler.links import MeetingLink

hookspec = pluggy.HookspecMarker("confsched")
hookimpl = pluggy.HookimplMarker("confsched")


@hookspec
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Call ``register(exporter)`` for each export format this plugin provides."""


@hookspec
def register_importers(register: Callable[[Importer], None]) -> None:
    """Call ``register(importer)`` for each foreign format this plugin can read."""


@hookspec
def register_commands(cli: click.Group) -> None:
    """Add commands (or command groups) to the ``confsched`` CLI."""


@hookspec
def session_links(context: ExportContext) -> dict[str, MeetingLink] | None:
    """Online meeting links this plugin knows for sessions, by session id."""
