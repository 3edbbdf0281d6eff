"""``python -m benchmarks.term_sets``: where a small instance's gap comes from, by solving it
with only some of its soft terms.

For each set of terms (``--terms room_fit+compact_days``, repeatable) the instance is solved
with every other soft term's weight set to 0 (``solve()``, 2 workers, as ``confsched
solve``): the best schedule found (scored by the checker, over those terms only) and
CP-SAT's bound. Comparing a pair's optimum with the sum of its two terms' own optima says
whether the terms pull against each other (the pair costs more than the sum), and
comparing the pair's bound with the sum of the single terms' bounds says whether the model's
relaxation sees it (a bound that stays at the sum while the optimum is higher: the
coupling is invisible to it).

    python -m benchmarks.term_sets --instance pycon --time-limit 20 \\
        --terms room_fit --terms compact_days --terms room_fit+compact_days -o DIR
"""

from __future__ import annotations

import os
import shlex
import sys
import time
from typing import Any

import click

from benchmarks.machine import machine, source, versions
from benchmarks.proofs import instances
from benchmarks.report import write_report
from benchmarks.suites import SUITES
from scheduler.checker import check
from scheduler.scenario import parse_scenario
from scheduler.scenario.model import Scenario, Weights
from scheduler.solver import SolveOptions, solve

SOFT_TERMS = ("participant_clashes", "preferences", "track_room_stability", "room_fit",
              "facilitator_same_room", "compact_days", "instrument_spread", "preferred_size")
"""The soft terms of a generated instance that this study switches on and off (the
others, e.g. ``dropped`` or ``choices``, do not occur in the small suite)."""


def only_terms(scenario: Scenario, keep: set[str]) -> Scenario:
    """The same scenario with the weight of every soft term of :data:`SOFT_TERMS` not in
    ``keep`` set to 0 (those in ``keep`` keep their weight); ValueError for an unknown name."""
    unknown = keep - set(SOFT_TERMS)
    if unknown:
        raise ValueError(f"unknown soft term(s) {sorted(unknown)}")
    weights: Weights = scenario.weights
    update = {t: (getattr(weights, t) if t in keep else 0) for t in SOFT_TERMS}
    return scenario.model_copy(update={"weights": weights.model_copy(update=update)})


def measure(label: str, scenario: Scenario, keep: set[str], limit: float) -> dict[str, Any]:
    """One solve with only ``keep`` weighted, scored by the checker."""
    restricted = only_terms(scenario, keep)
    began, cpu = time.perf_counter(), time.process_time()
    result = solve(restricted, SolveOptions(time_limit=limit, workers=2, seed=0,
                                            handle_sigint=False, diagnose=False))
    row: dict[str, Any] = {
        "instance": label, "terms": "+".join(sorted(keep)), "status": str(result.status),
        "wall": round(time.perf_counter() - began, 2),
        "cpu": round(time.process_time() - cpu, 2)}
    if result.schedule is None:
        return {**row, "objective": None, "bound": None, "penalties": {}}
    report = check(restricted, result.schedule)
    row.update(checked=report.ok, objective=report.objective, bound=result.schedule.solve.bound,
               penalties={n: t.penalty for n, t in report.terms.items() if t.penalty})
    return row


def render(data: dict[str, Any]) -> str:
    out = ["# Optimum and bound with only some soft terms", "",
           f"Command: `{data['command']}`", "",
           f"{data['time_limit']:g} s of wall clock per solve, 2 workers, seed 0; load "
           f"average {data['load']} at the start (wall-clock solves: the bounds and "
           "objectives found depend on the CPU the solve got). Source: "
           f"{data['source'].get('commit')}.", "",
           "| instance | terms | status | objective | bound | wall s | cpu s | penalties |",
           "|---|---|---|---|---|---|---|---|"]
    for r in data["results"]:
        penalties = ", ".join(f"{n} {v}" for n, v in r.get("penalties", {}).items())
        bound = "-" if r.get("bound") is None else f"{r['bound']:g}"
        out.append(f"| {r['instance']} | {r['terms']} | {r['status']} | {r['objective']} | "
                   f"{bound} | {r['wall']} | {r['cpu']} | {penalties} |")
    return "\n".join(out) + "\n"


@click.command()
@click.option("--suite", default="small", show_default=True, type=click.Choice(list(SUITES)))
@click.option("--instance", "only", multiple=True, required=True,
              help="Instances whose label starts with this (repeatable).")
@click.option("--terms", "term_sets", multiple=True, required=True,
              help="Soft terms to keep, joined by '+' (repeatable).")
@click.option("--time-limit", type=float, default=20.0, show_default=True)
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False))
def main(suite: str, only: tuple[str, ...], term_sets: tuple[str, ...], time_limit: float,
         output: str) -> None:
    """Solve instances with only some soft terms: which terms pull against each other."""
    sets = [set(t.split("+")) for t in term_sets]
    for keep in sets:  # every name checked before the first solve
        unknown = keep - set(SOFT_TERMS)
        if unknown:
            raise click.BadParameter(f"unknown soft term(s) {sorted(unknown)}; known: "
                                     f"{', '.join(SOFT_TERMS)}", param_hint="--terms")
    load = round(os.getloadavg()[0], 1)
    rows = []
    for label, text in instances(suite, 1, True):
        if not any(label.startswith(o) for o in only):
            continue
        scenario = parse_scenario(text, label)
        for keep in sets:
            row = measure(label, scenario, keep, time_limit)
            click.echo(f"{label:<14} {row['terms']:<50} {row['status']:<9} "
                       f"{row['objective']} / {row['bound']}", err=True)
            rows.append(row)
    data = {"command": "python -m benchmarks.term_sets " + shlex.join(sys.argv[1:]),
            "time_limit": time_limit, "load": load, "machine": machine(),
            "versions": versions(), "source": source(), "results": rows}
    write_report(output, "term_sets", data, render)


if __name__ == "__main__":
    main()
