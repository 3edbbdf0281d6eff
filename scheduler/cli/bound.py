"""``confsched bound SCENARIO [SCHEDULE] [--time-limit S] [--json]``: how good can a
schedule be? A lower bound on the scenario's objective (no schedule the checker accepts
costs less), what each term's part is and which method gave it; with a SCHEDULE (checked
by the checker first), its objective and the gap ``(objective - bound) / objective``.

Exit codes: 0 the bound (and the gap) printed, 1 the schedule breaks a hard rule or the
event has no schedule at all, 2 unreadable or invalid input (a schedule of another
scenario too).
"""

from __future__ import annotations

import json
from typing import Any

import click

from scheduler.checker import check
from scheduler.cli.base import main, positive_seconds
from scheduler.errors import ConfschedError, UsageError
from scheduler.scenario import load_scenario
from scheduler.schedule import load_schedule
from scheduler.yamlsafe import sha256_of


class BrokenScheduleError(ConfschedError):
    """The schedule given breaks a hard rule: its objective is no yardstick."""

    exit_code = 1


class NoScheduleError(ConfschedError):
    """The event has no schedule at all, so it has no objective to bound."""

    exit_code = 1


@main.command(name="bound")
@click.argument("scenario", type=click.Path(dir_okay=False))
@click.argument("schedule", type=click.Path(dir_okay=False), required=False)
@click.option("--time-limit", type=float, default=60.0, show_default=True,
              help="CPU seconds for the relaxation; when they run out the bound is cut "
                   "short (still valid, only lower).")
@click.option("--json", "as_json", is_flag=True, help="Print the bound as JSON.")
def bound_command(scenario: str, schedule: str | None, time_limit: float,
                  as_json: bool) -> None:
    """A lower bound on SCENARIO's objective, and SCHEDULE's gap to it.

    No schedule the checker accepts costs less than the bound. With SCHEDULE (checked
    first), prints its objective and the gap (objective - bound) / objective: at most that
    share of the schedule's cost could still be saved (the best possible costs at least
    (1 - gap) x this one). CPU seconds: under load the wait is longer.
    """
    positive_seconds("--time-limit", time_limit)
    loaded = load_scenario(scenario)
    checked: dict[str, Any] | None = None
    warnings: list[str] = []
    if schedule is not None:
        report = check(loaded, load_schedule(schedule))
        if not report.ok:
            rules = sorted({v.rule for v in report.violations})
            if "scenario-match" in rules:
                raise UsageError(
                    f"{schedule} is a schedule of another scenario than {scenario} (the "
                    "checker's scenario-match rule: its sessions are not this event's)\n"
                    "    fix: give the scenario the schedule was solved for, or solve this "
                    f"one: confsched solve {scenario} -o schedule.yaml")
            raise BrokenScheduleError(
                f"{schedule} is not a valid schedule of {scenario}: the checker finds "
                f"{len(report.violations)} hard-rule violation(s) ({', '.join(rules)})\n"
                f"    fix: see them with `confsched check {scenario} {schedule}`, or give "
                "the schedule solved for this scenario")
        stated = load_schedule(schedule).scenario_sha256
        if stated and stated != sha256_of(scenario):
            warnings.append(f"the schedule was solved from a different version of "
                            f"{scenario} (its sha256 differs)")
        checked = {"path": schedule, "objective": report.objective}
    from scheduler.lower_bound import gap, lower_bound  # OR-Tools: only once inputs load

    try:
        found = lower_bound(loaded, time_limit)
    except ValueError as error:
        raise NoScheduleError(f"{scenario}: {error}; `confsched solve {scenario}` "
                              "explains why") from None
    if checked is not None:
        checked["gap"] = gap(checked["objective"], found.value)
        if checked["objective"] < found.value:  # never: the bound would be wrong
            raise ConfschedError(f"internal error: the bound {found.value} is above the "
                                 f"schedule's objective {checked['objective']}; please "
                                 "report it")
    data = {"scenario": scenario, **found.to_data(), "schedule": checked,
            "warnings": warnings}
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(_text(data))


def _text(data: dict[str, Any]) -> str:
    """The bound as text: the total, one line a part, the schedule's gap."""
    lines = [f"lower bound: {data['lower_bound']}  (no schedule of {data['scenario']} "
             "costs less)"]
    for part in data["parts"]:
        note = f"  {part['note']}" if part["note"] else ""
        lines.append(f"  {part['bound']:>10.1f}  {part['method']:<10}  "
                     f"{' + '.join(part['terms'])}{note}")
    tracks = data["tracks"]
    lines.append(f"CPU time: {data['cpu_seconds']:.1f} s of {data['time_limit']:g} s; "
                 f"tracks: {tracks['proven']} of {tracks['total']} proven")
    if not data["complete"]:
        lines.append(f"cut short by the time limit: {', '.join(data['cut_short'])} (see the "
                     "notes); they use what they had (a track not solved: each session "
                     "alone), so the bound is still valid, only lower; a longer --time-limit "
                     "may give a higher one")
    if data["schedule"] is not None:
        sched = data["schedule"]
        lines.append(f"schedule {sched['path']}: objective {sched['objective']}, gap "
                     f"{100 * sched['gap']:.1f}% (objective - bound) / objective")
    lines += [f"warning: {w}" for w in data["warnings"]]
    return "\n".join(lines)


__all__ = ["bound_command"]
