"""``confsched check SCENARIO SCHEDULE [--json]``: re-verify a schedule independently.

Exit codes: 0 every hard rule holds, 1 a hard rule is broken, 2 unreadable or invalid
input (the error names the file, line and column).
"""

from __future__ import annotations

import json

import click

from scheduler.checker import HARD_RULES, check, format_report
from scheduler.cli.base import EXIT_ERROR, main
from scheduler.errors import ConfschedError, InputError, UsageError
from scheduler.scenario import Scenario, load_scenario
from scheduler.schedule import load_schedule
from scheduler.yamlsafe import sha256_of


@main.command(name="check")
@click.argument("scenario", type=click.Path(dir_okay=False))
@click.argument("schedule", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--all", "show_all", is_flag=True,
              help="List every violation (by default at most 25 of each rule).")
@click.option("--from", "earlier", type=click.Path(dir_okay=False),
              help="The earlier schedule of a minimal-change re-solve (recomputes the "
              "changes term).")
@click.option("--rule", "rules", multiple=True, metavar="NAME",
              help="Check only this hard rule (repeatable); see docs/rules.md.")
@click.pass_context
def check_command(ctx: click.Context, scenario: str, schedule: str, as_json: bool,
                  show_all: bool, earlier: str | None, rules: tuple[str, ...]) -> None:
    """Check SCHEDULE against SCENARIO: every hard rule, and the soft terms recomputed.

    Exits 1 if a hard rule is broken, 2 if an input cannot be read.
    """
    unknown = [name for name in rules if name not in HARD_RULES]
    if unknown:
        raise UsageError(f"unknown rule {', '.join(map(repr, unknown))}; "
                         f"use one of: {', '.join(HARD_RULES)}")
    loaded_scenario = _load_scenario(scenario)
    loaded_schedule = load_schedule(schedule)
    report = check(loaded_scenario, loaded_schedule, list(rules) or None,
                   load_schedule(earlier) if earlier else None)
    stated = loaded_schedule.scenario_sha256
    if stated and stated != sha256_of(scenario):
        report.warnings.insert(0, f"the schedule was solved from a different version of "
                               f"{scenario} (its sha256 differs); solve again if the "
                               "scenario changed")
    if as_json:
        click.echo(json.dumps(report.to_data(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_report(report, per_rule=None if show_all else 25))
    if not report.ok:
        ctx.exit(EXIT_ERROR)


def _load_scenario(path: str) -> Scenario:
    """The scenario; a schedule given in its place is named as such, not as 40 errors."""
    try:
        return load_scenario(path)
    except InputError:
        try:
            load_schedule(path)
        except ConfschedError:
            raise_original = True
        else:
            raise_original = False
        if raise_original:
            raise
        raise UsageError(f"{path} is a schedule file, not a scenario; the scenario comes "
                         "first: confsched check SCENARIO SCHEDULE") from None
