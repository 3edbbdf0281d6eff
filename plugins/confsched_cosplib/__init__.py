"""confsched cosplib plugin: CoSPLib instances (import, exact scoring, CP-SAT solving).

Hooks: ``register_importers`` (``confsched import cosplib``), ``register_exporters``
(``confsched export cosplib``) and ``register_commands`` (``confsched cosplib
solve|score``). See docs/cosplib.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from scheduler.hookspecs import hookimpl

if TYPE_CHECKING:
    import click

    from scheduler.exporting import Exporter, Importer


@hookimpl
def register_importers(register: Callable[[Importer], None]) -> None:
    """Register ``confsched import cosplib``."""
    from confsched_cosplib.importer import IMPORTER

    register(IMPORTER)


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register ``confsched export cosplib`` (the solution workbook CoSPLib's checker reads)."""
    import click

    from confsched_cosplib.exporter import export_cosplib
    from scheduler.exporting import Exporter

    register(Exporter(
        name="cosplib",
        description="The CoSPLib solution workbook of a solved talks scenario (the layout "
        "CoSPLib's checker reads).",
        run=export_cosplib,
        output_kind="file",
        default_output="solution.xlsx",
        options=[click.Option(
            ["--instance"], type=click.Path(dir_okay=False),
            help="The CoSPLib workbook the scenario was imported from: names are written "
            "exactly as it spells them (a scenario trims spaces around names).")],
    ))


@hookimpl
def register_commands(cli: click.Group) -> None:
    """Add the ``confsched cosplib`` command group."""
    from confsched_cosplib.cli import cosplib_group

    cli.add_command(cosplib_group)
