"""``confsched import FORMAT FILE -o SCENARIO``: one subcommand per importer plugin."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from scheduler.cli.base import main, output_file
from scheduler.errors import UsageError
from scheduler.exporting import Importer
from scheduler.plugins import files_written, importers, own_options, run_plugin_part


class ImportGroup(click.Group):
    """Builds one subcommand per registered importer, on demand."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(importers())

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        importer = importers().get(name)
        return None if importer is None else _command_for(importer)


def _command_for(importer: Importer) -> click.Command:
    def callback(output: str, source: str | None = None, **options: Any) -> None:
        if Path(output).is_dir():
            raise UsageError(f"{output} is a folder; give -o the file name of the scenario "
                             "to write, e.g. -o event.yaml")
        inputs = {"source": source} if source else None
        run: Any = importer.run  # takes None as its source exactly when source_kind is none
        target = Path(output_file(output, inputs))
        what = f"import format {importer.name!r}"
        answer = run_plugin_part(importer.plugin, what, run,
                                 None if source is None else Path(source), target, options)
        for path in files_written(importer.plugin, what, answer, target,
                                  lambda text: click.echo(text, err=True)):
            click.echo(str(path))

    params: list[click.Parameter] = []
    if importer.source_kind != "none":
        params.append(click.Argument(["source"], type=click.Path(
            exists=importer.source_kind == "dir", dir_okay=importer.source_kind == "dir",
            file_okay=importer.source_kind == "file")))
    params += [click.Option(["-o", "--output"], required=True, help="Scenario file to write.")]
    params += own_options(importer.plugin, f"import format {importer.name!r}",
                          importer.options, params)
    return click.Command(name=importer.name, callback=callback, params=params,
                         help=importer.description)


@main.group(name="import", cls=ImportGroup)
def import_group() -> None:
    """Turn a foreign format into a scenario: confsched import FORMAT FILE -o SCENARIO."""
