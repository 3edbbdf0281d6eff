"""Writing an imported scenario: as YAML, checked by the scenario loader before anything
is written, then atomically, with the importer's notes on standard error.

Every importer ends the same way: the scenario it built must load exactly as a user's
file would (else nothing is written and the problem is named at its source), and what
the source held that a scenario cannot say is reported, never dropped silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click
import yaml

from scheduler.atomic import atomic_write_text
from scheduler.errors import InputError, Problem


def scenario_yaml(data: dict[str, Any], header: str) -> str:
    """The scenario as a YAML file, Cyrillic kept, under a one-line ``# header``."""
    return f"# {header}\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False,
                                             width=100)


def write_imported(text: str, output: Path, *, source: str, what: str, hint: str,
                   notes: Iterable[str] = (), label: str = "note") -> list[Path]:
    """Check ``text`` as a scenario, print ``notes``, then write it to ``output``
    atomically. A scenario that does not load is refused as ``what`` at ``source``
    (the import's input), with ``hint``; nothing is written then."""
    from scheduler.scenario import parse_scenario

    try:
        parse_scenario(text, f"{output} (not written)")
    except InputError as exc:
        raise InputError([Problem(f"{what} does not make a valid scenario: {exc}",
                                  file=source, hint=hint)]) from None
    for note in notes:
        click.echo(f"{label}: {note}", err=True)
    atomic_write_text(output, text)
    return [output]
