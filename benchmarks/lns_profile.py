"""``python -m benchmarks.lns_profile``: what one neighbourhood sub-model costs and what it
finds, under CP-SAT parameter variants. A solve of a generated instance runs its main
search (``--main-limit`` seconds, the neighbourhood search's share of it is not used);
from that schedule (or, as the loop does, from the completed greedy start when the main
search found none) one neighbourhood of each kind (``--size`` sessions, the same sessions
for every variant) is solved as the loop solves it (``scheduler.solver.lns``), once per
variant, with the wall time of each step (copy, fixing, hint, solve) and of every better
schedule the sub-model found.

    python -m benchmarks.lns_profile --instance informs:8 --main-limit 30 -o /tmp/prof

Writes ``profile.json`` and ``profile.md`` (with the soft terms of the start schedule).
"""

from __future__ import annotations

import random
import time
from typing import Any

import click
from ortools.sat.python import cp_model

from benchmarks.report import write_report
from scheduler.generate import generate_yaml, params_for
from scheduler.scenario import parse_scenario
from scheduler.solver import SolveOptions, lns, solve

VARIANTS: dict[str, dict[str, Any]] = {
    "loop (2 workers)": {},
    "linearization 0": {"linearization_level": 0},
    "1 worker": {"num_workers": 1},
    "1 worker, linearization 0": {"num_workers": 1, "linearization_level": 0},
}
"""Variant name -> CP-SAT parameters set on top of the loop's own."""


class _Times(cp_model.CpSolverSolutionCallback):
    """Wall seconds (from the solve's call) and objective of every better schedule."""

    def __init__(self) -> None:
        super().__init__()
        self.began = time.monotonic()
        self.found: list[tuple[float, float]] = []

    def on_solution_callback(self) -> None:
        self.found.append((round(time.monotonic() - self.began, 3), self.objective_value))


def sub_model(search: Any, free: set[str], over: dict[str, Any], limit: float
              ) -> dict[str, Any]:
    """One sub-model built as ``lns._Search._solve`` builds it (every session outside
    ``free`` fixed, the free ones hinted), solved with the loop's parameters and ``over``."""
    t0 = time.monotonic()
    model = search.built.model.clone()
    t1 = time.monotonic()
    model.clear_hints()
    hinted: list[int] = []
    for sv in search.sessions:
        if sv.id in free:
            hinted.extend(search.fixable[sv.id])
            continue
        for index in search.fixable[sv.id]:
            lns._fix(model.proto, index, search.values[index])
    for bv in search.built.vars.breaks:
        index = lns._index(bv.start)
        lns._fix(model.proto, index, search.values[index])
    t2 = time.monotonic()
    for index in dict.fromkeys(hinted):
        model.add_hint(model.get_int_var_from_proto_index(index), search.values[index])
    t3 = time.monotonic()
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.num_workers, params.random_seed, params.catch_sigint_signal = 2, 1, False
    params.cp_model_probing_level, params.symmetry_level = 0, 0
    params.max_presolve_iterations = 1
    params.max_time_in_seconds = limit
    for key, value in over.items():
        setattr(params, key, value)
    times = _Times()
    status = solver.solve(model, times)
    t4 = time.monotonic()
    good = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return {"copy": round(t1 - t0, 3), "fix": round(t2 - t1, 3), "hint": round(t3 - t2, 3),
            "solve": round(t4 - t3, 3), "status": solver.status_name(status),
            "objective": float(solver.objective_value) if good else None,
            "units": round(solver.deterministic_time, 3), "found": times.found}


def profile(shape: str, seed: int, main_limit: float, size: int, limit: float,
            variants: dict[str, dict[str, Any]], deterministic: bool = False
            ) -> dict[str, Any]:
    """The main search's schedule, its soft terms, and every (kind, variant) sub-model.
    ``deterministic``: ``main_limit`` counts CP-SAT's work units, and the main search
    always gets to the neighbourhoods whatever the machine's load (on the wall clock a
    loaded machine can spend the limit before the model is built)."""
    scenario = parse_scenario(generate_yaml(params_for(shape), seed), f"{shape}-s{seed}")
    out: dict[str, Any] = {"instance": f"{shape}-s{seed}", "main_limit": main_limit,
                           "size": size, "limit": limit, "runs": []}

    def improve(plan: lns.Plan, solver: Any, code: Any, watcher: Any = None) -> Any:
        hint = plan.built.hint_values if plan.built.hint_complete else None
        if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            search = lns._Search(plan, solver)
        elif hint is not None:  # as the loop does: from the completed greedy hint
            search = lns._Search(plan, solver, list(hint))
        else:
            return solver, code
        out["start"] = search.objective
        choose = {"clash": search._clash, "day": search._day, "rooms": search._rooms,
                  "tracks": search._tracks}
        for kind in lns.KINDS:
            search.rng, search.size, search.tabu = random.Random(seed), size, {}
            free, _ = choose[kind]()
            for name, over in variants.items():
                out["runs"].append({"kind": kind, "freed": len(free), "variant": name,
                                    **sub_model(search, free, over, limit)})
        return solver, code

    original = lns.Plan.improve
    lns.Plan.improve = improve  # type: ignore[assignment,method-assign]
    try:
        result = solve(scenario, SolveOptions(time_limit=main_limit, workers=2, seed=0,
                                              lns=True, handle_sigint=False, diagnose=False,
                                              deterministic=deterministic))
    finally:
        lns.Plan.improve = original  # type: ignore[method-assign]
    terms = (result.schedule.objective_terms or {}) if result.schedule is not None else {}
    out["terms"] = {k: t.penalty for k, t in terms.items() if t.penalty}
    return out


def render(data: list[dict[str, Any]]) -> str:
    """The profiles as Markdown."""
    lines = ["# One neighbourhood sub-model, profiled", ""]
    for inst in data:
        lines += [f"## {inst['instance']}: start {inst.get('start')} after a "
                  f"{inst['main_limit']:g}-s main search; {inst['size']} sessions freed, "
                  f"{inst['limit']:g} s each", "",
                  "Soft terms of the start: " + ", ".join(
                      f"{k} {v:,}" for k, v in inst["terms"].items()), "",
                  "| kind | freed | variant | copy+fix+hint s | solve s | status | objective "
                  "| units | last better at s |", "|---|---|---|---|---|---|---|---|---|"]
        for r in inst["runs"]:
            last = r["found"][-1][0] if r["found"] else None
            lines.append(f"| {r['kind']} | {r['freed']} | {r['variant']} | "
                         f"{r['copy'] + r['fix'] + r['hint']:.2f} | {r['solve']:.2f} | "
                         f"{r['status']} | {r['objective']} | {r['units']} | {last} |")
        lines.append("")
    return "\n".join(lines)


@click.command()
@click.option("--instance", "instances", multiple=True, required=True,
              help="SHAPE:SEED of a generated instance (repeatable).")
@click.option("--main-limit", type=float, default=30.0, show_default=True,
              help="Seconds of the solve whose main search gives the start schedule.")
@click.option("--size", type=int, default=lns.START_SIZE, show_default=True)
@click.option("--limit", type=float, default=lns.SUB_LIMIT, show_default=True,
              help="Seconds per sub-model.")
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False))
def main(instances: tuple[str, ...], main_limit: float, size: int, limit: float,
         output: str) -> None:
    """Profile one sub-model of each neighbourhood kind under CP-SAT parameter variants."""
    data = []
    for item in instances:
        shape, _, seed = item.partition(":")
        if not seed.isdigit():
            raise click.UsageError(f"--instance {item!r}: write SHAPE:SEED, e.g. large:22")
        data.append(profile(shape, int(seed), main_limit, size, limit, VARIANTS))
    write_report(output, "profile", data, render)


if __name__ == "__main__":
    main()
