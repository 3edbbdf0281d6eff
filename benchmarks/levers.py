"""``python -m benchmarks.levers``: what CP-SAT's own levers do on our models.

Each lever is a set of CP-SAT parameters applied to the model ``confsched solve`` builds
(``ScheduleModel``, strengthened where it is small), solved with 2 workers and no hint, so
that only the lever differs. Per lever and instance: status, objective, bound, gap, wall
seconds and CP-SAT's deterministic time (its own count of work, independent of the load).
The levers run back to back on each instance, so they share the machine's load.

    python -m benchmarks.levers --instance seminar:0 --instance talks-50:0 \\
        --instance pycon:0 --time-limit 20 -o /tmp/levers
"""

from __future__ import annotations

import shlex
import sys
import time
from typing import Any

import click
from ortools.sat.python import cp_model

from benchmarks.machine import machine, versions
from benchmarks.report import write_report
from benchmarks.suites import SUITES
from scheduler.generate import generate_yaml
from scheduler.scenario import parse_scenario
from scheduler.solver.model import ScheduleModel

LEVERS: dict[str, dict[str, Any]] = {
    "default": {},
    "linearization_level=2": {"linearization_level": 2},
    "symmetry_level=4": {"symmetry_level": 4},
    "objective_lb_search": {"use_objective_lb_search": True},
    "objective_shaving_search": {"use_objective_shaving_search": True},
    "portfolio default_lp + max_lp": {"subsolvers": ["default_lp", "max_lp"]},
    "portfolio default_lp + core": {"subsolvers": ["default_lp", "core"]},
    "portfolio default_lp + lb_tree_search": {"subsolvers": ["default_lp", "lb_tree_search"]},
}
"""Lever name -> CP-SAT parameters (a list value extends a repeated field)."""


def _instance(spec: str) -> tuple[str, str]:
    """``NAME:SEED`` of an instance of any suite -> (label, YAML text)."""
    name, _, seed = spec.partition(":")
    found = next((i for suite in SUITES.values() for i in suite if i.name == name), None)
    if found is None or not seed.isdigit():
        raise click.UsageError(f"--instance {spec!r}: write NAME:SEED with NAME an instance "
                               "of benchmarks/suites.py, e.g. talks-50:0")
    return f"{name}-s{seed}", generate_yaml(found.params(), int(seed))


def run_lever(text: str, parameters: dict[str, Any], limit: float, seed: int = 0
              ) -> dict[str, Any]:
    """Solve one model with one lever."""
    built = ScheduleModel(parse_scenario(text, "instance.yaml"))
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.num_workers = 2
    p.random_seed = seed
    p.max_time_in_seconds = limit
    for key, value in parameters.items():
        if isinstance(value, list):
            getattr(p, key).extend(value)
        else:
            setattr(p, key, value)
    began = time.perf_counter()
    status = solver.solve(built.model)
    wall = time.perf_counter() - began
    has = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    objective = solver.objective_value if has else None
    bound = solver.best_objective_bound
    return {"status": solver.status_name(status), "objective": objective, "bound": bound,
            "gap": abs(objective - bound) / max(1.0, abs(objective)) if has else None,
            "wall": round(wall, 2), "deterministic": round(solver.deterministic_time, 2)}


def render(data: dict[str, Any]) -> str:
    out = ["# CP-SAT levers", "", f"Command: `{data['command']}`; limit "
           f"{data['time_limit']:g} s per solve, 2 workers, no hint, seed 0.", "",
           "| instance | lever | status | objective | bound | gap | wall s | det |",
           "|---|---|---|---|---|---|---|---|"]
    for r in data["results"]:
        gap = "-" if r["gap"] is None else f"{r['gap']:.1%}"
        out.append(f"| {r['instance']} | {r['lever']} | {r['status']} | {r['objective']} | "
                   f"{r['bound']:g} | {gap} | {r['wall']} | {r['deterministic']} |")
    return "\n".join(out) + "\n"


@click.command()
@click.option("--instance", "instances", multiple=True, required=True,
              help="NAME:SEED of a suite instance, e.g. talks-50:0 (repeatable).")
@click.option("--lever", "levers", multiple=True, type=click.Choice(list(LEVERS)),
              help="Only these levers (default: all).")
@click.option("--time-limit", type=float, default=20.0, show_default=True)
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False))
def main(instances: tuple[str, ...], levers: tuple[str, ...], time_limit: float,
         output: str) -> None:
    """Try CP-SAT's levers on the same models, back to back."""
    rows = []
    for spec in instances:
        label, text = _instance(spec)
        for lever in levers or tuple(LEVERS):
            row = {"instance": label, "lever": lever,
                   **run_lever(text, LEVERS[lever], time_limit)}
            click.echo(f"{label:<14} {lever:<36} {row['status']:<10} {row['objective']} / "
                       f"{row['bound']:g}  {row['wall']} s det {row['deterministic']}",
                       err=True)
            rows.append(row)
    data = {"command": "python -m benchmarks.levers " + shlex.join(sys.argv[1:]),
            "time_limit": time_limit, "machine": machine(), "versions": versions(),
            "results": rows}
    write_report(output, "levers", data, render)


if __name__ == "__main__":
    main()
