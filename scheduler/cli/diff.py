"""``confsched diff OLD NEW``: what moved between two schedules, and who is affected."""

from __future__ import annotations

import json

import click

from scheduler.cli.base import main
from scheduler.diff import diff_schedules, format_diff
from scheduler.scenario import load_scenario
from scheduler.schedule import load_schedule


@main.command(name="diff")
@click.argument("before", type=click.Path(dir_okay=False))
@click.argument("after", type=click.Path(dir_okay=False))
@click.option("--scenario", type=click.Path(dir_okay=False),
              help="Scenario file, to list the registered participants affected.")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
def diff_command(before: str, after: str, scenario: str | None, as_json: bool) -> None:
    """List moved, re-roomed, added and dropped sessions between two schedules."""
    result = diff_schedules(
        load_schedule(before), load_schedule(after),
        load_scenario(scenario) if scenario else None,
    )
    if as_json:
        click.echo(json.dumps(result.to_data(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_diff(result))
