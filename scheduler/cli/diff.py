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
    """List moved, re-roomed, added and dropped sessions between two schedules.

    Files of different events are still compared (an event may be renamed between two
    versions), with a warning: every session would show as added or dropped.
    """
    old, new = load_schedule(before), load_schedule(after)
    loaded = load_scenario(scenario) if scenario else None
    if old.identity != new.identity:
        click.echo(f"warning: the two schedules are of different events ({old.event!r} in "
                   f"{before}, {new.event!r} in {after}); is one of them the wrong file?",
                   err=True)
    if loaded is not None and loaded.event.identity != new.identity:
        click.echo(f"warning: the scenario is of the event {loaded.event.name!r}, the "
                   f"schedule {after} of {new.event!r}; the participants listed may be wrong",
                   err=True)
    result = diff_schedules(old, new, loaded)
    if as_json:
        click.echo(json.dumps(result.to_data(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_diff(result, loaded))
