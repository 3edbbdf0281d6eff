"""``confsched plugins``: what is loaded, its version and its hooks."""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from scheduler.cli.base import main
from scheduler.plugins import exporters, importers, plugin_failures, plugin_infos


@main.command(name="plugins")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
def plugins_command(as_json: bool) -> None:
    """List the loaded plugins, their versions and the hooks they implement.

    Plugins that failed to load are skipped (a warning on standard error names each);
    CONFSCHED_PLUGINS=ical,web limits which plugins load.
    """
    formats = ", ".join(exporters()) or "none"  # first: a plugin whose hook raises is skipped
    readers = ", ".join(importers()) or "none"
    infos = plugin_infos()
    if as_json:
        data = [asdict(info) for info in infos]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    if not infos:
        click.echo("no plugins loaded")
        return
    width = max(len(info.name) for info in infos)
    for info in infos:
        version = info.version or "-"
        click.echo(f"{info.name:<{width}}  {version:<10}  {', '.join(info.hooks)}")
    click.echo(f"\nexport formats: {formats}\nimport formats: {readers}")
    for failure in plugin_failures():
        click.echo(f"skipped: {failure.name} ({failure.distribution}): {failure.error}")
