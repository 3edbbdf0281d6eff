"""``python -m benchmarks.lns_steps``: where the neighbourhood search improves and where it
stalls. One solve with the neighbourhood search (``scheduler.solver.lns``) on a generated
instance, in this process; every sub-model it ran (``Plan.steps``) summarised per kind:
how many ran, how many improved, by how much in total, the time and deterministic units
they took, and how their CP-SAT statuses ended.

    python -m benchmarks.lns_steps --instance large:22 --time-limit 60 -o /tmp/steps
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from pathlib import Path
from typing import Any

import click

from scheduler.atomic import atomic_write_text
from scheduler.checker import check
from scheduler.generate import generate_yaml, params_for
from scheduler.scenario import parse_scenario
from scheduler.solver import SolveOptions, lns, solve


def summarise(steps: list[tuple[float, str, int, str, float, float]], start: float
              ) -> dict[str, dict[str, Any]]:
    """Per neighbourhood kind: sub-models run, improving ones, total gain, seconds,
    deterministic units, statuses. ``start`` is the objective the loop started from;
    a step improves when its objective is below the best before it."""
    best = start
    out: dict[str, dict[str, Any]] = defaultdict(lambda: {
        "runs": 0, "improved": 0, "gain": 0.0, "seconds": 0.0, "units": 0.0,
        "statuses": defaultdict(int), "sizes": []})
    previous = None
    for elapsed, kind, size, status, objective, units in steps:
        row = out[kind]
        row["runs"] += 1
        row["units"] += units
        row["seconds"] += 0.0 if previous is None else elapsed - previous
        previous = elapsed
        row["statuses"][status] += 1
        row["sizes"].append(size)
        if not math.isnan(objective) and objective < best - 0.5:
            row["improved"] += 1
            row["gain"] += best - objective
            best = objective
    return {k: {**v, "statuses": dict(v["statuses"]),
                "mean_size": round(sum(v["sizes"]) / max(1, len(v["sizes"])), 1),
                "sizes": None} for k, v in out.items()}


def study(shape: str, seed: int, time_limit: float, deterministic: bool) -> dict[str, Any]:
    """One solve; the loop's steps and their summary."""
    text = generate_yaml(params_for(shape), seed)
    scenario = parse_scenario(text, f"{shape}-s{seed}")
    plans: list[lns.Plan] = []
    original = lns.reserve

    def capture(*args: Any, **kwargs: Any) -> lns.Plan | None:
        plan = original(*args, **kwargs)
        if plan is not None:
            plans.append(plan)
        return plan

    lns.reserve = capture
    try:
        result = solve(scenario, SolveOptions(time_limit=time_limit, workers=2, seed=0,
                                              deterministic=deterministic, lns=True,
                                              handle_sigint=False, diagnose=False))
    finally:
        lns.reserve = original
    plan = plans[0] if plans else None
    steps = list(plan.steps) if plan is not None else []
    report = check(scenario, result.schedule) if result.schedule is not None else None
    trace = list(plan.trace) if plan is not None else []
    start = plan.start_objective if plan is not None and plan.start_objective is not None \
        else math.nan
    return {"instance": f"{shape}-s{seed}", "time_limit": time_limit,
            "deterministic": deterministic, "status": str(result.status),
            "objective": None if report is None else report.objective,
            "checked": None if report is None else report.ok,
            "start_objective": start, "steps": steps, "trace": trace,
            "summary": summarise(steps, start)}


@click.command()
@click.option("--instance", required=True, help="SHAPE:SEED, e.g. large:22.")
@click.option("--time-limit", type=float, default=60.0, show_default=True)
@click.option("--deterministic", is_flag=True, help="Limits in deterministic units.")
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False))
def main(instance: str, time_limit: float, deterministic: bool, output: str) -> None:
    """Per neighbourhood kind: how often it improves, and what it costs."""
    shape, _, seed = instance.partition(":")
    if not seed.isdigit():
        raise click.UsageError(f"--instance {instance!r}: write SHAPE:SEED, e.g. large:22")
    data = study(shape, int(seed), time_limit, deterministic)
    out = Path(output)
    atomic_write_text(out / f"steps_{data['instance']}.json", json.dumps(data, indent=1) + "\n")
    click.echo(f"{data['instance']}: {data['status']} objective {data['objective']} "
               f"(checked {data['checked']}), loop from {data['start_objective']}")
    for kind, row in sorted(data["summary"].items()):
        click.echo(f"  {kind:<8} runs {row['runs']:>4} improved {row['improved']:>3} "
                   f"gain {row['gain']:>7.0f} s {row['seconds']:>6.1f} units "
                   f"{row['units']:>6.1f} mean size {row['mean_size']:>6} {row['statuses']}")


if __name__ == "__main__":
    main()
