"""``confsched solve SCENARIO -o schedule.yaml``: solve and print the programme.

Exit codes: 0 solved, 2 bad usage or invalid scenario, 3 proven infeasible (with the
diagnosis), 4 no schedule found in time and nothing proven (with the diagnosis), 130
interrupted (Ctrl-C) before any schedule was found, 1 otherwise (an OR-Tools crash before
any schedule, among others).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import TYPE_CHECKING

import click

from scheduler.cli.base import (
    EXIT_ERROR,
    EXIT_NOT_FOUND,
    EXIT_UNSOLVED,
    SEED_RANGE,
    WORKERS_RANGE,
    main,
    output_file,
    positive_seconds,
    stderr_is_terminal,
)
from scheduler.errors import UsageError
from scheduler.scenario import Scenario, load_scenario
from scheduler.schedule import SolveStatus, load_schedule, save_schedule
from scheduler.yamlsafe import sha256_of

if TYPE_CHECKING:
    from scheduler.solver import Result

EXIT_INTERRUPTED = 130
"""Exit code of a run stopped by Ctrl-C before it had a result (as for any SIGINT)."""


def parse_moment(text: str) -> dt.datetime:
    """``2022-06-07T12:00`` (event timezone) or with an offset; clear error otherwise."""
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"--frozen-until {text!r} is not a date and time; write it like 2022-06-07T12:00"
        ) from None


def _interrupted(result: Result) -> bool:
    """Whether Ctrl-C stopped the search before any schedule was found (the status alone,
    unknown, would read as 'no reason could be found')."""
    return result.schedule is None and result.interrupted


def _warn_if_outside(scenario: Scenario, moment: dt.datetime, written: str) -> None:
    """A --frozen-until before the event freezes nothing, after it everything: most likely
    a mistyped date, so say so (the re-solve still runs)."""
    first, last = scenario.days[0], scenario.days[-1]
    start = scenario.datetime_at(first, scenario.frame(first)[0])
    end = scenario.datetime_at(last, scenario.frame(last)[1])
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=start.tzinfo)
    if moment <= start:
        click.echo(f"warning: --frozen-until {written} is before the event starts "
                   f"({start:%Y-%m-%d %H:%M}): nothing is frozen", err=True)
    elif moment >= end:
        click.echo(f"warning: --frozen-until {written} is after the event ends "
                   f"({end:%Y-%m-%d %H:%M}): every session is frozen", err=True)


@main.command(name="solve")
@click.argument("scenario", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write the schedule here (.yaml or .json), atomically.")
@click.option("--time-limit", type=float, default=30.0, show_default=True,
              help="Seconds the solver may search.")
@click.option("--seed", type=SEED_RANGE, default=0, show_default=True, help="Random seed.")
@click.option("--workers", type=WORKERS_RANGE, default=2, show_default=True,
              help="Parallel search workers.")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@click.option("--deterministic", is_flag=True,
              help="Same scenario, seed and workers give the same schedule (the time limit "
              "then counts CP-SAT work units, not seconds).")
@click.option("--from", "earlier", type=click.Path(dir_okay=False),
              help="Re-solve from this published schedule, changing as little as possible.")
@click.option("--frozen-until", metavar="DATETIME",
              help="With --from: keep everything that started before this moment "
              "(e.g. 2022-06-07T12:00, event timezone).")
def solve_command(scenario: str, output: str | None, time_limit: float, seed: int,
                  workers: int, as_json: bool, deterministic: bool, earlier: str | None,
                  frozen_until: str | None) -> None:
    """Solve SCENARIO: place every session, break and room; print the programme."""
    positive_seconds("--time-limit", time_limit)
    if output:
        output = output_file(output, {"scenario": scenario})
    loaded = load_scenario(scenario)
    if not loaded.sessions and not loaded.talks:
        click.echo(f"warning: the scenario has no sessions, so the programme is empty; add "
                   f"them under sessions: in {scenario} (see scenarios/README.md)", err=True)
    # The solver (OR-Tools, pandas: most of a second) is imported once the scenario has
    # loaded, so --help, the other commands and a refused file never wait for it.
    from scheduler.solver import SolveOptions
    from scheduler.solver.isolated import solve_isolated
    from scheduler.solver.progress import TerminalProgress
    from scheduler.solver.report import render_diagnosis, render_text, result_data

    progress = TerminalProgress(sys.stderr) if stderr_is_terminal() and not as_json else None
    options = SolveOptions(time_limit=time_limit, seed=seed, workers=workers,
                           progress=progress, scenario_sha256=sha256_of(scenario),
                           deterministic=deterministic)
    if frozen_until and not earlier:
        raise UsageError("--frozen-until needs --from PUBLISHED_SCHEDULE")
    if earlier:
        moment = parse_moment(frozen_until) if frozen_until else None
        if moment is not None and frozen_until is not None:
            _warn_if_outside(loaded, moment, frozen_until)
        options.earlier = load_schedule(earlier)
        options.frozen_until = moment
    try:
        result = solve_isolated(loaded, options)
    finally:
        if progress is not None:
            progress.close()
    if result.schedule is not None and earlier:
        result.schedule.solve.from_schedule = earlier
    if result.schedule is not None and output:
        save_schedule(result.schedule, output)
    if as_json:
        click.echo(json.dumps(result_data(result, loaded.event.granularity),
                              ensure_ascii=False, indent=2))
    elif result.schedule is not None:
        click.echo(render_text(loaded, result))
        if output:
            click.echo(f"schedule written to {output}")
    elif _interrupted(result):
        kept = f"; {output} was not touched" if output else ""
        click.echo(f"interrupted before any schedule was found: nothing was written{kept}",
                   err=True)
    else:
        click.echo(render_diagnosis(result), err=True)
    if result.schedule is not None:
        return
    if _interrupted(result):
        raise click.exceptions.Exit(EXIT_INTERRUPTED)
    if result.status == SolveStatus.INFEASIBLE:
        raise click.exceptions.Exit(EXIT_UNSOLVED)
    if result.status == SolveStatus.UNKNOWN:
        raise click.exceptions.Exit(EXIT_NOT_FOUND)
    raise click.exceptions.Exit(EXIT_ERROR)
