"""``python -m benchmarks.proofs``: which small instances are proven optimal, how fast, and
which soft terms carry the gap when they are not.

Per instance (the ``small`` suite's generated instances, every shipped scenario that is
meant to solve, i.e. not ``scenarios/infeasible-*``, and with ``--handwritten`` the
hand-written ones of ``benchmarks/handwritten/``), one ``solve()`` with 2 workers:
status, the checker's objective, CP-SAT's best bound, wall seconds (under the machine's
load) and CP-SAT's deterministic units (its own count of work, independent of the load).
``--deterministic`` stops every solve on deterministic units instead of seconds, so the
comparison between variants does not depend on the load.

``--terms``: for every soft term, the least value the term can take on its own (the model
with only that term as the objective, a short solve; its bound is a valid lower bound on
the term in every schedule). ``value - least`` says which terms the optimum pays for
because of the others (or because their bound is weak): the terms that carry the gap.

``--bounds NAME[,NAME]``: solve with only these redundant bound pieces
(``scheduler.solver.bounds.PIECES``; ``none`` for no piece), to measure each one.

    python -m benchmarks.proofs --deterministic --time-limit 10 --terms -o /tmp/proofs
"""

from __future__ import annotations

import json
import shlex
import sys
import time
from pathlib import Path
from typing import Any

import click
from ortools.sat.python import cp_model

from benchmarks.machine import machine, source, versions
from benchmarks.report import write_report
from benchmarks.suites import SUITES
from scheduler.checker import check
from scheduler.generate import generate_yaml
from scheduler.scenario import parse_scenario
from scheduler.scenario.model import Scenario
from scheduler.schedule import SolveStatus
from scheduler.solver import SolveOptions, solve
from scheduler.solver import search as searching
from scheduler.solver.model import ScheduleModel

ROOT = Path(__file__).resolve().parent.parent
TERM_LIMIT = 1.0
"""Deterministic units for each term's own least value (``--terms``)."""


def instances(suite: str, seeds: int, scenarios: bool) -> list[tuple[str, str]]:
    """(label, YAML text) of the suite's instances (seeds 0..seeds-1) and the shipped
    scenarios meant to solve."""
    out = []
    for seed in range(seeds):
        for inst in SUITES[suite]:
            out.append((f"{inst.name}/s{seed}", generate_yaml(inst.params(), seed)))
    if scenarios:
        for path in sorted((ROOT / "scenarios").glob("*.yaml")):
            if not path.name.startswith("infeasible-"):
                out.append((path.stem, path.read_text(encoding="utf-8")))
    return out


def term_floors(scenario: Scenario, limit: float, bounds: frozenset[str] | None
                ) -> dict[str, float]:
    """Each soft term's least possible penalty (weight x value) on its own: a lower bound
    on the term in every schedule (CP-SAT's bound after ``limit`` deterministic units)."""
    names = list(ScheduleModel(scenario, strengthen=bounds).objective.terms)
    floors: dict[str, float] = {}
    for name in names:
        built = ScheduleModel(scenario, strengthen=bounds)
        weight, expression = built.objective.terms[name]
        if isinstance(expression, int):
            floors[name] = float(weight * expression)
            continue
        built.model.minimize(weight * expression)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1  # deterministic: the same floor under any load
        solver.parameters.max_deterministic_time = limit
        solver.parameters.max_time_in_seconds = 10 * limit
        status = solver.solve(built.model)
        # Every term is a count times a weight >= 0: a bound below 0 (a relaxation that
        # did not get far, e.g. the choices term's constant offset) is no floor at all.
        floors[name] = max(0.0, float(solver.objective_value) if status == cp_model.OPTIMAL
                           else float(solver.best_objective_bound))
    return floors


def measure(label: str, text: str, limit: float, deterministic: bool,
            bounds: frozenset[str] | None, terms: bool,
            parameters: dict[str, Any] | None = None, lns: bool | None = None,
            seed: int = 0) -> dict[str, Any]:
    """One solve of one instance, checked, with the per-term floors when asked
    (``seed``: CP-SAT's random seed)."""
    scenario = parse_scenario(text, label)
    began, cpu = time.perf_counter(), time.process_time()
    result = solve(scenario, SolveOptions(time_limit=limit, workers=2, seed=seed,
                                          deterministic=deterministic, bounds=bounds,
                                          cp_sat=dict(parameters or {}), lns=lns,
                                          handle_sigint=False, diagnose=False))
    wall = time.perf_counter() - began
    cpu = time.process_time() - cpu
    row: dict[str, Any] = {
        "instance": label, "sessions": len(scenario.sessions), "status": str(result.status),
        "wall": round(wall, 2), "cpu": round(cpu, 2),
        "deterministic": (None if result.deterministic_time is None
                          else round(result.deterministic_time, 3)),
        "model_objective": result.model_objective, "variables": result.variables,
        "wall_net": bool(deterministic and result.status != SolveStatus.OPTIMAL
                         and wall >= 0.95 * searching.safety_net(limit)),
    }
    schedule = result.schedule
    if schedule is None:
        return {**row, "objective": None, "bound": None, "gap": None, "terms": {}}
    report = check(scenario, schedule)
    row.update(checked=report.ok, objective=report.objective, bound=schedule.solve.bound,
               gap=schedule.solve.gap,
               terms={n: t.penalty for n, t in report.terms.items() if t.penalty})
    if terms:
        floors = term_floors(scenario, TERM_LIMIT, bounds)
        row["floors"] = {n: v for n, v in floors.items() if v}
        row["carry"] = {n: round(report.terms[n].penalty - v, 1)
                        for n, v in floors.items()
                        if n in report.terms and report.terms[n].penalty - v > 0.5}
    return row


def render(data: dict[str, Any]) -> str:
    proven = [r for r in data["results"] if r["status"] == "optimal"]
    within = [r for r in proven if r["cpu"] / 2 <= data["target"]]
    unit = "deterministic units" if data["deterministic"] else "s"
    out = ["# Proofs on small instances", "",
           f"Command: `{data['command']}`", "",
           f"Limit {data['time_limit']:g} {unit} per solve, 2 workers, seed 0; bound pieces: "
           f"{data['bounds']}; CP-SAT parameters: {data.get('parameters') or 'default'}. "
           f"Source: {data['source'].get('commit')}.", "",
           f"**Proven optimal: {len(proven)} of {len(data['results'])}; within "
           f"{data['target']:g} s on 2 idle cores (CPU seconds / 2): {len(within)}** "
           "(`wall`: seconds under the machine's load; `cpu`: CPU seconds of the whole "
           "solve, 2 workers, so cpu / 2 is the wall time of 2 idle cores; `det`: CP-SAT's "
           "deterministic units, independent of the load).", "",
           "| instance | sessions | status | objective | bound | gap | wall s | cpu s | det | "
           "terms (penalty) | carry the gap (penalty - own floor) |",
           "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in data["results"]:
        gap = "-" if r.get("gap") is None else f"{r['gap']:.1%}"
        bound = "-" if r.get("bound") is None else f"{r['bound']:g}"
        terms = ", ".join(f"{n} {v}" for n, v in r.get("terms", {}).items())
        carry = ", ".join(f"{n} {v:g}" for n, v in r.get("carry", {}).items())
        status = r["status"] + (" (wall net: not reproducible)" if r.get("wall_net") else "")
        out.append(f"| {r['instance']} | {r['sessions']} | {status} | {r['objective']} | "
                   f"{bound} | {gap} | {r['wall']} | {r['cpu']} | {r['deterministic']} | {terms} | "
                   f"{carry or ('-' if 'carry' in r else '')} |")
    return "\n".join(out) + "\n"


@click.command()
@click.option("--suite", default="small", show_default=True, type=click.Choice(list(SUITES)))
@click.option("--seeds", default=1, show_default=True, help="Seeds 0..K-1 of each instance.")
@click.option("--scenarios/--no-scenarios", default=True, show_default=True,
              help="Also the shipped scenarios meant to solve.")
@click.option("--handwritten", is_flag=True, help="Also the hand-written scenarios "
              "(benchmarks/handwritten/, the feasible ones).")
@click.option("--instance", "only", multiple=True, help="Only instances whose label "
              "starts with this (repeatable).")
@click.option("--time-limit", type=float, default=10.0, show_default=True)
@click.option("--deterministic", is_flag=True,
              help="Stop on CP-SAT's deterministic units (reproducible under load).")
@click.option("--bounds", default=None, help="Comma-separated bound pieces, or 'none' "
              "(default: the solver's own choice).")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A CP-SAT parameter for every solve (repeatable; VALUE in JSON, "
              "e.g. linearization_level=2, subsolvers='[\"max_lp\"]').")
@click.option("--terms", is_flag=True, help="Each soft term's own floor (which carry the gap).")
@click.option("--target", type=float, default=5.0, show_default=True,
              help="Seconds a proof should take at most on 2 idle cores.")
@click.option("--wall-factor", type=float, default=searching.DETERMINISTIC_WALL_FACTOR,
              show_default=True, help="With --deterministic: the wall-clock safety net, as "
              "a multiple of the limit, never under 120 s (raise it on a loaded machine, or a "
              "run that reaches it is not reproducible).")
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False))
def main(suite: str, seeds: int, scenarios: bool, handwritten: bool, only: tuple[str, ...],
         time_limit: float,
         deterministic: bool, bounds: str | None, params: tuple[str, ...], terms: bool,
         target: float, wall_factor: float, output: str) -> None:
    """Solve each small instance once; status, bound, time to proof, gap carriers."""
    searching.DETERMINISTIC_WALL_FACTOR = wall_factor
    pieces = None if bounds is None else frozenset(
        b for b in bounds.split(",") if b and b != "none")
    parameters = {}
    for item in params:
        key, _, value = item.partition("=")
        try:
            parameters[key] = json.loads(value)
        except json.JSONDecodeError as exc:
            raise click.BadParameter(f"{item!r}: VALUE must be JSON ({exc})",
                                     param_hint="--param") from None
    rows = []
    listed = instances(suite, seeds, scenarios)
    if handwritten:
        from benchmarks import handwritten as written

        listed += written.instances()
    for label, text in listed:
        if only and not any(label.startswith(o) for o in only):
            continue
        row = measure(label, text, time_limit, deterministic, pieces, terms, parameters)
        click.echo(f"{label:<22} {row['status']:<9} {row['objective']} / {row['bound']} "
                   f"{row['wall']} s cpu {row['cpu']} det {row['deterministic']}  "
                   f"carry {row.get('carry')}",
                   err=True)
        rows.append(row)
    data = {"command": "python -m benchmarks.proofs " + shlex.join(sys.argv[1:]),
            "time_limit": time_limit, "deterministic": deterministic, "target": target,
            "parameters": parameters,
            "bounds": "default" if pieces is None else (",".join(sorted(pieces)) or "none"),
            "machine": machine(), "versions": versions(), "source": source(),
            "results": rows}
    write_report(output, "proofs", data, render)


if __name__ == "__main__":
    main()
