"""What exporters and importers are, and what they are given."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import click

from scheduler.links import MeetingLink, collect_links
from scheduler.scenario import Scenario
from scheduler.schedule import Schedule


@dataclass
class ExportContext:
    """Everything an exporter reads: the scenario, the solved schedule and where they came from."""

    scenario: Scenario
    schedule: Schedule
    scenario_path: Path | None = None
    schedule_path: Path | None = None
    lang: str | None = None

    def __post_init__(self) -> None:
        # Every text shown to people comes from the scenario (scheduler/texts.py).
        from scheduler.texts import with_scenario_texts

        self.schedule = with_scenario_texts(self.scenario, self.schedule)

    @cached_property
    def links(self) -> dict[str, MeetingLink]:
        """Online meeting links by session id (scenario links, then plugin links such as Zoom)."""
        return collect_links(self)

    @property
    def language(self) -> str:
        """Language for labels: the one asked for, else the scenario's."""
        return self.lang or self.scenario.event.language


ExportFunction = Callable[[ExportContext, Path, dict[str, Any]], list[Path]]
ImportFunction = Callable[[Path, Path, dict[str, Any]], list[Path]]
SourcelessImportFunction = Callable[[None, Path, dict[str, Any]], list[Path]]
"""An importer that reads from a server named in its options (``source_kind="none"``)."""


@dataclass
class Exporter:
    """An export format: ``confsched export NAME SCENARIO SCHEDULE -o OUTPUT``.

    ``run(context, output, options)`` writes the output (atomically) and returns the files
    written. ``output`` is a folder when ``output_kind`` is ``dir``, else a file.
    ``options`` are extra click options; their values arrive in ``options`` by name.
    """

    name: str
    description: str
    run: ExportFunction
    output_kind: Literal["dir", "file"] = "dir"
    default_output: str = "out"
    options: list[click.Option] = field(default_factory=list)
    plugin: str | None = None


@dataclass
class Importer:
    """A foreign format: ``confsched import NAME FILE -o SCENARIO``."""

    name: str
    description: str
    run: ImportFunction | SourcelessImportFunction
    options: list[click.Option] = field(default_factory=list)
    plugin: str | None = None
    source_kind: Literal["file", "dir", "none"] = "file"
    """What the importer reads: one file, a folder (e.g. one CSV file per sheet), or
    nothing given on the command line (a server named by its options, e.g. pretalx);
    then ``run`` gets ``None`` as its source."""
