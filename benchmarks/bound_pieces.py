"""``python -m benchmarks.bound_pieces``: what each redundant bound piece adds to the bound.

For every instance of a suite and every combination of pieces asked
(``scheduler.solver.bounds.PIECES``), the model ``confsched solve`` builds is solved by
one CP-SAT worker for a fixed budget of deterministic units, with no hint: the bound it
reaches depends only on the model, never on the machine's load. Per row: the bound, the
constraints the pieces cost, and whether that budget already proved the optimum.

    python -m benchmarks.bound_pieces --units 1 --pieces none --pieces energy \\
        --pieces grain -o /tmp/pieces
"""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path
from typing import Any

import click
from ortools.sat.python import cp_model

from benchmarks.machine import machine, source, versions
from benchmarks.proofs import instances
from benchmarks.report import write_report
from benchmarks.suites import SUITES
from scheduler.atomic import atomic_write_text
from scheduler.scenario import parse_scenario
from scheduler.solver.model import ScheduleModel


def bound_with(text: str, label: str, pieces: frozenset[str], units: float) -> dict[str, Any]:
    """The bound one worker reaches in ``units`` deterministic units with ``pieces``."""
    built = ScheduleModel(parse_scenario(text, label), strengthen=pieces)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_deterministic_time = units
    solver.parameters.max_time_in_seconds = 600 * units  # a safety net only
    status = solver.solve(built.model)
    return {"bound": solver.best_objective_bound, "status": solver.status_name(status),
            "objective": (solver.objective_value
                          if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None),
            "deterministic": round(solver.deterministic_time, 3),
            "constraints": len(built.model.proto.constraints)}


def render(data: dict[str, Any]) -> str:
    sets = data["pieces"]
    out = ["# Bound pieces", "", f"Command: `{data['command']}`", "",
           f"Bound reached by one CP-SAT worker in {data['units']:g} deterministic units, no "
           "hint (load-independent); `*`: proven optimal within that budget, after the "
           "deterministic units shown; in brackets: constraints of the model.", "",
           "| instance | " + " | ".join(sets) + " |", "|---|" + "---|" * len(sets)]
    by: dict[str, dict[str, Any]] = {}
    for r in data["results"]:
        by.setdefault(r["instance"], {})[r["pieces"]] = r
    for inst, cells in by.items():
        row = []
        for name in sets:
            r = cells.get(name)
            row.append("-" if r is None else
                       f"{r['bound']:g}"
                       f"{'* in ' + str(r['deterministic']) if r['status'] == 'OPTIMAL' else ''}"
                       f" ({r['constraints']})")
        out.append(f"| {inst} | " + " | ".join(row) + " |")
    return "\n".join(out) + "\n"


@click.command()
@click.option("--suite", default="small", show_default=True, type=click.Choice(list(SUITES)))
@click.option("--scenarios/--no-scenarios", default=True, show_default=True)
@click.option("--instance", "only", multiple=True, help="Only labels starting with this.")
@click.option("--pieces", "sets", multiple=True, required=True,
              help="Comma-separated pieces, or 'none' (repeatable: one column each).")
@click.option("--units", type=float, default=1.0, show_default=True)
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False))
def main(suite: str, scenarios: bool, only: tuple[str, ...], sets: tuple[str, ...],
         units: float, output: str) -> None:
    """The bound each combination of pieces gives, per instance."""
    rows = []
    for label, text in instances(suite, 1, scenarios):
        if only and not any(label.startswith(o) for o in only):
            continue
        for spec in sets:
            pieces = frozenset(p for p in spec.split(",") if p and p != "none")
            row = {"instance": label, "pieces": spec, **bound_with(text, label, pieces, units)}
            click.echo(f"{label:<22} {spec:<24} {row['status']:<9} bound {row['bound']:g} "
                       f"det {row['deterministic']}", err=True)
            rows.append(row)
    data = {"command": "python -m benchmarks.bound_pieces " + shlex.join(sys.argv[1:]),
            "units": units, "pieces": list(sets), "machine": machine(),
            "versions": versions(), "source": source(), "results": rows}
    write_report(output, "pieces", data, render)


def rerender(folder: str) -> None:
    """Write ``pieces.md`` again from the folder's ``pieces.json``."""
    out = Path(folder)
    data = json.loads((out / "pieces.json").read_text(encoding="utf-8"))
    atomic_write_text(out / "pieces.md", render(data))


if __name__ == "__main__":
    main()
