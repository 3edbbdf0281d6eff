"""``confsched cosplib``: solve and score CoSPLib instances (CoSPLib owns its problem type)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from confsched_cosplib.instance import load_instance
from confsched_cosplib.scorer import score
from confsched_cosplib.solution import load_solution
from scheduler.cli.base import SEED_RANGE, WORKERS_RANGE, output_file, positive_seconds
from scheduler.errors import ConfschedError, UnsolvableError


class NoSolutionInTime(ConfschedError):
    """The search found no schedule in the time limit; nothing is proven (exit code 4)."""

    exit_code = 4


def _print_breakdown(result: dict[str, Any]) -> None:
    for name, term in result["terms"].items():
        if term["penalty"]:
            click.echo(f"  {name:<30} {term['count']:>8} x {term['weight']:<8} = {term['penalty']}")
    click.echo(f"objective {result['objective']}  (all scheduled: {result['feasible']}, "
               f"valid: {result['valid']})")


@click.group(name="cosplib")
def cosplib_group() -> None:
    """CoSPLib benchmark instances: solve them with CP-SAT and score solutions exactly."""


@cosplib_group.command(name="score")
@click.argument("instance", type=click.Path(dir_okay=False))
@click.argument("solution", type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the breakdown as JSON.")
def score_command(instance: str, solution: str, as_json: bool) -> None:
    """Score SOLUTION (a CoSPLib solution workbook) on INSTANCE as CoSPLib's checker does."""
    problem = load_instance(instance)
    result = score(problem, load_solution(solution, problem))
    if as_json:
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        _print_breakdown(result)


@cosplib_group.command(name="solve")
@click.argument("instance", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Solution workbook to write (CoSPLib's solution layout).")
@click.option("--time-limit", default=60.0, show_default=True, type=float,
              help="Seconds for the whole solve.")
@click.option("--workers", default=2, show_default=True, type=WORKERS_RANGE,
              help="CP-SAT workers.")
@click.option("--seed", default=0, show_default=True, type=SEED_RANGE, help="Random seed.")
@click.option("--no-hint", is_flag=True, help="Do not hint the solver with the greedy.")
@click.option("--log", is_flag=True, help="Show CP-SAT's search log.")
def solve_command(instance: str, output: str, time_limit: float, workers: int, seed: int,
                  no_hint: bool, log: bool) -> None:
    """Solve INSTANCE (a CoSPLib .xlsx) with confsched's one engine and write the solution
    workbook to OUTPUT (import -> solve -> export, as the three commands do)."""
    positive_seconds("--time-limit", time_limit)
    output = output_file(output)
    problem = load_instance(instance)
    _solve_with_engine(problem, Path(instance), Path(output), time_limit, workers, seed,
                       not no_hint, log)


def _solve_with_engine(problem: Any, source: Path, output: Path, time_limit: float,
                       workers: int, seed: int, use_hint: bool, log: bool) -> None:
    """The thin adapter: import -> scheduler.solver.solve -> export (adapter.py)."""
    from confsched_cosplib.adapter import solve_with_engine
    from scheduler.schedule import SolveStatus

    result = solve_with_engine(problem, source, output, time_limit=time_limit,
                               workers=workers, seed=seed, use_hint=use_hint, log=log)
    if result.score is None:
        reason = "; ".join(result.diagnosis or [])
        if result.status == SolveStatus.INFEASIBLE:
            raise UnsolvableError(f"infeasible: {reason}")
        raise NoSolutionInTime(
            f"no schedule found in {result.seconds:.1f}s, and none proven impossible; "
            "try a longer --time-limit")
    click.echo(f"{result.status.value} in {result.seconds:.1f}s (confsched's engine), "
               f"bound {result.bound}")
    _print_breakdown(result.score)
    click.echo(str(output))
