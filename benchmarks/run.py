"""``python -m benchmarks.run``: confsched, the greedy baseline and conference-scheduler,
side by side on the same generated instances with the same time limit.

    python -m benchmarks.run --suite small -o benchmarks/results/small/
    python -m benchmarks.run --suite full --scheduler tcp://host:8786 -o out/

Writes, into the output folder: the instances (``instances/*.yaml``), ``results.json``
(every record, the machine, the versions and the exact command), ``results.md`` (tables,
ratios, targets) and PNG plots. Every schedule is verified by the independent checker;
objectives in the report are the checker's.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shlex
import sys
import time
from pathlib import Path
from typing import Any

import click

from benchmarks.fanout import fan_out
from benchmarks.machine import machine, source, versions
from benchmarks.plots import write_plots
from benchmarks.report import fill_sizes, ratios, render_markdown
from benchmarks.suites import DETERMINISTIC_SOLVERS, SOLVERS, SUITES, Instance
from benchmarks.yardstick import (
    BASELINES,
    describe_regressions,
    generate_with_yardstick,
    load_baseline,
    planted_ratios,
    regressions,
)
from scheduler.atomic import atomic_write_text
from scheduler.errors import ConfschedError


def build_specs(instances: list[Instance], seeds: int, time_limit: float | None,
                solvers: list[str], out: Path, workers: int, deterministic: bool = False
                ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Generate each instance once per seed (saved under ``instances/``, with its planted
    timetable's checked objective); one spec per solver."""
    specs: list[dict[str, Any]] = []
    described: list[dict[str, Any]] = []
    for order, inst in enumerate(instances):
        for seed in range(seeds):
            params = inst.params()
            text, yardstick = generate_with_yardstick(params, seed)
            name = f"{inst.name}-s{seed}.yaml"
            atomic_write_text(out / "instances" / name, text)
            limit = time_limit if time_limit is not None else inst.time_limit
            described.append({
                "name": inst.name, "seed": seed, "file": f"instances/{name}",
                "sessions": params.sessions, "time_limit": limit, "simple": inst.simple,
                "params": {"shape": params.shape, "rooms": params.rooms, "days": params.days,
                           "tracks": params.tracks, "registrations": params.registrations},
                **yardstick,
            })
            for solver in solvers:
                specs.append({"solver": solver, "name": inst.name, "seed": seed,
                              "order": order, "scenario": text, "time_limit": limit,
                              "workers": workers, "deterministic": deterministic})
    return specs, described


def run_benchmark(suite: str, out: Path, *, time_limit: float | None = None, seeds: int = 1,
                  scheduler: str | None = None, dask_workers: int | None = None,
                  solvers: list[str] | None = None, only: list[str] | None = None,
                  command: str | None = None, plots: bool = True,
                  echo: Any = None, deterministic: bool = False,
                  baseline: Path | None = None) -> dict[str, Any]:
    """Run a suite and write results.json, results.md and the plots into ``out``.

    ``deterministic``: every solve stops on deterministic time (the limit in CP-SAT's work
    units); such a run is compared with ``baseline`` (default: the committed results of the
    suite) and ``data["regressions"]`` lists every worse objective.
    """
    if suite not in SUITES:
        raise click.UsageError(f"unknown suite {suite!r}; use one of: {', '.join(SUITES)}")
    instances = [i for i in SUITES[suite] if not only or i.name in only]
    if not instances:
        raise click.UsageError(f"no instance of suite {suite!r} is named {', '.join(only or [])}")
    chosen = solvers or list(SOLVERS)
    started = time.perf_counter()
    # read before anything is written: ``out`` may be the baseline's own folder
    before = load_baseline(baseline or BASELINES / suite / "results.json")
    specs, described = build_specs(instances, seeds, time_limit, chosen, out, workers=2,
                                   deterministic=deterministic)
    workers = dask_workers or max(1, (os.cpu_count() or 2) // 2)

    def done(spec: dict[str, Any], record: dict[str, Any]) -> None:
        if echo is not None:
            echo(f"{spec['name']:<12} s{spec['seed']} {spec['solver']:<21} "
                 f"{record.get('status')!s:<12} checked={record.get('checked_ok')} "
                 f"objective={record.get('objective')} "
                 f"time={record.get('seconds') or 0:.2f}s "
                 + (record.get("error") or ""))

    records = fan_out(specs, scheduler, workers, done)
    results = []
    for spec, record in zip(specs, records, strict=True):
        results.append({"instance": spec["name"], "seed": spec["seed"], "order": spec["order"],
                        "solver": spec["solver"], "time_limit": spec["time_limit"],
                        "deterministic": deterministic
                        and spec["solver"] in DETERMINISTIC_SOLVERS, **record})
    data: dict[str, Any] = {
        "suite": suite,
        "command": command or "python -m benchmarks.run " + shlex.join(sys.argv[1:]),
        "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(), "versions": versions(), "source": source(),
        "dask": {"scheduler": scheduler or "LocalCluster", "workers": workers},
        "instances": described, "results": results,
    }
    fill_sizes(data)
    data["ratios"] = ratios(results)
    data["planted"] = planted_ratios(data)
    data["regressions"], data["compared"] = regressions(data, before)
    data["plots"] = write_plots(data, out) if plots else []
    data["wall_seconds"] = round(time.perf_counter() - started, 1)
    atomic_write_text(out / "results.json",
                      json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    atomic_write_text(out / "results.md", render_markdown(data))
    return data


@click.command()
@click.option("--suite", type=click.Choice(list(SUITES)), default="small", show_default=True)
@click.option("--time-limit", type=float, help="Seconds per solve (default: per instance).")
@click.option("--seeds", type=int, default=1, show_default=True,
              help="Seeds per instance (0..K-1): each seed is a different instance.")
@click.option("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786 "
                                  "(default: a local cluster of processes).")
@click.option("--dask-workers", type=int,
              help="Local Dask worker processes (default: half the CPUs, so that each "
                   "2-worker solve has its cores).")
@click.option("--solver", "solvers", multiple=True, type=click.Choice(list(SOLVERS)),
              help="Run only these solvers (repeatable).")
@click.option("--instance", "only", multiple=True, help="Run only these instances (repeatable).")
@click.option("--no-plots", is_flag=True, help="Skip the PNG plots.")
@click.option("--deterministic", is_flag=True,
              help="Stop each solve on CP-SAT's deterministic time (the limit in its work "
                   "units): reproducible, and compared with the committed results.")
@click.option("--baseline", type=click.Path(dir_okay=False, exists=True),
              help="results.json to compare with (default: benchmarks/results/SUITE/).")
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False),
              help="Folder for results.json, results.md, plots and instances.")
def main(suite: str, time_limit: float | None, seeds: int, scheduler: str | None,
         dask_workers: int | None, solvers: tuple[str, ...], only: tuple[str, ...],
         no_plots: bool, deterministic: bool, baseline: str | None, output: str) -> None:
    """Benchmark confsched against the greedy baseline and conference-scheduler."""
    if seeds < 1:
        raise click.UsageError("--seeds must be at least 1")
    if time_limit is not None and time_limit <= 0:
        raise click.UsageError("--time-limit must be above 0 seconds")
    out = Path(output)
    try:
        data = run_benchmark(suite, out, time_limit=time_limit, seeds=seeds,
                             scheduler=scheduler, dask_workers=dask_workers,
                             solvers=list(solvers) or None, only=list(only) or None,
                             plots=not no_plots, echo=lambda line: click.echo(line, err=True),
                             deterministic=deterministic,
                             baseline=Path(baseline) if baseline else None)
    except (OSError, RuntimeError, ConfschedError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"wrote {out / 'results.md'} and {out / 'results.json'} "
               f"({len(data['results'])} jobs, {data['wall_seconds']} s)")
    if data["regressions"]:
        click.echo(describe_regressions(data["regressions"]), err=True)
        raise click.ClickException(
            f"{len(data['regressions'])} result(s) worse than the committed results "
            f"({data['compared']} compared); see the REGRESSION lines above")
    if deterministic:
        click.echo(f"compared {data['compared']} result(s) with the committed results: "
                   "no regression")


if __name__ == "__main__":
    main()
