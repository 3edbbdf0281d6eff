"""``confsched export FORMAT SCENARIO SCHEDULE -o OUT``: one subcommand per exporter plugin.

Each subcommand is :func:`scheduler.publishing.export` (``run_export``) with the format's
options: the guards (pairing, publishability, output rules) live there, not here.
"""

from __future__ import annotations

from typing import Any

import click

from scheduler.cli.base import main
from scheduler.exporting import Exporter
from scheduler.plugins import exporters, own_options
from scheduler.publishing.pipeline import run_export


class ExportGroup(click.Group):
    """Builds one subcommand per registered exporter, on demand."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(exporters())

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        exporter = exporters().get(name)
        return None if exporter is None else _command_for(exporter)


def _command_for(exporter: Exporter) -> click.Command:
    def callback(scenario: str, schedule: str, output: str | None, **options: Any) -> None:
        written = run_export(exporter, scenario, schedule, output,
                             warn=lambda message: click.echo(message, err=True), **options)
        for path in written:
            click.echo(str(path))

    params: list[click.Parameter] = [
        click.Argument(["scenario"], type=click.Path(dir_okay=False)),
        click.Argument(["schedule"], type=click.Path(dir_okay=False)),
        click.Option(
            ["-o", "--output"],
            help=f"Output {'folder' if exporter.output_kind == 'dir' else 'file'} "
            f"(default: {exporter.default_output}).",
        ),
    ]
    params += own_options(exporter.plugin, f"export format {exporter.name!r}",
                          exporter.options, params)
    return click.Command(
        name=exporter.name, callback=callback, params=params,
        help=exporter.description, short_help=exporter.description.split(".")[0],
    )


@main.group(name="export", cls=ExportGroup, invoke_without_command=True)
@click.option("--list", "list_formats", is_flag=True, help="List the export formats.")
@click.pass_context
def export_group(ctx: click.Context, list_formats: bool) -> None:
    """Publish a solved schedule: confsched export FORMAT SCENARIO SCHEDULE -o OUT."""
    if ctx.invoked_subcommand is not None:
        return
    if list_formats:
        for name, exporter in exporters().items():
            click.echo(f"{name:<14} {exporter.description.splitlines()[0]}  [{exporter.plugin}]")
        return
    click.echo(ctx.get_help())
