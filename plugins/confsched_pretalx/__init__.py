"""confsched pretalx plugin: the solver pretalx lacks, both ways.

- ``confsched import pretalx --url URL --event SLUG -o scenario.yaml``: confirmed
  submissions, speakers with their availabilities, rooms, tracks, types;
- ``confsched export pretalx SCENARIO SCHEDULE --url URL --event SLUG [--release V]``:
  the solved schedule into pretalx's work-in-progress schedule, released as version V.

The API token comes from ``CONFSCHED_PRETALX_TOKEN``. See docs/pretalx.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from scheduler.hookspecs import hookimpl

if TYPE_CHECKING:
    from scheduler.exporting import Exporter, Importer


@hookimpl
def register_importers(register: Callable[[Importer], None]) -> None:
    """Register ``confsched import pretalx``."""
    from confsched_pretalx.commands import IMPORTER

    register(IMPORTER)


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register ``confsched export pretalx``."""
    from confsched_pretalx.commands import EXPORTER

    register(EXPORTER)
