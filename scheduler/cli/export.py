"""``confsched export FORMAT SCENARIO SCHEDULE -o OUT``: one subcommand per exporter plugin."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from scheduler.cli.base import main, output_file, output_folder
from scheduler.errors import OutputError, UsageError
from scheduler.exporting import ExportContext, Exporter
from scheduler.pairing import ensure_pair
from scheduler.plugins import exporters
from scheduler.publishable import ensure_publishable
from scheduler.scenario import load_scenario
from scheduler.schedule import load_schedule


class ExportGroup(click.Group):
    """Builds one subcommand per registered exporter, on demand."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(exporters())

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        exporter = exporters().get(name)
        return None if exporter is None else _command_for(exporter)


def _command_for(exporter: Exporter) -> click.Command:
    def callback(scenario: str, schedule: str, output: str | None, **options: Any) -> None:
        loaded_scenario, loaded_schedule = load_scenario(scenario), load_schedule(schedule)
        for warning in ensure_pair(loaded_scenario, loaded_schedule, scenario, schedule):
            click.echo(warning, err=True)
        if loaded_schedule.status.has_schedule:
            ensure_publishable(loaded_scenario, loaded_schedule, schedule)
        context = ExportContext(
            scenario=loaded_scenario,
            schedule=loaded_schedule,
            scenario_path=Path(scenario),
            schedule_path=Path(schedule),
            lang=options.pop("lang", None),
        )
        target = Path(output_file(output or exporter.default_output,
                                  {"scenario": scenario, "schedule": schedule}))
        if exporter.output_kind == "file" and target.is_dir():
            target = target / Path(exporter.default_output).name  # -o out/: out/programme.pdf
        writes_here = exporter.default_output != "-"  # "-": -o is not used (caldav)
        if writes_here and exporter.output_kind == "dir" and target.exists() \
                and not target.is_dir():
            raise UsageError(f"{target} is a file; the {exporter.name} export writes a "
                             "folder (give -o a folder name, e.g. out/)")
        if writes_here and exporter.output_kind == "dir":
            output_folder(target)
        try:
            written = exporter.run(context, target, options)
        except OSError as exc:
            if exc.filename is None:
                raise
            raise OutputError(f"cannot write {exc.filename}: {exc.strerror or exc}\n"
                              "    fix: choose a folder you may write to (and check the "
                              "disk is not full)") from None
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
        *exporter.options,
    ]
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
