"""``python -m benchmarks.people_bench``: people chosen from pools at scale (#12), ours
against the two-stage baseline, on the same generated instance, in one run.

    python -m benchmarks.people_bench --time-limit 60 --deterministic -o /tmp/people
    python -m benchmarks.people_bench --gen choices=3 -o /tmp/people   # any generator param

The instance is ``confsched generate --shape seminar --sessions 1000 --rooms 60 --days 3
--tracks 30 --pool-size 300 --registrations 3000`` by default (a knowledge-exchange mix:
about 40% of the sessions need people from the pool); ``--gen KEY=VALUE`` passes any
further ``params_for`` keyword (e.g. ``choices=3`` once ranked choices exist). Each solver
runs in a fresh process (``scheduler.bench.remote.run_in_subprocess``), one after the other,
with the same limit: ``confsched`` (times, rooms and people in one CP-SAT model) and
``two-stage`` (``scheduler/bench/two_stage.py``: times first with people chosen greedily,
then people re-chosen by CP-SAT with the times fixed). Every schedule's objective is
recomputed by the independent checker; the planted timetable's too. Writes
``people.json`` and ``people.md`` into the output folder.
"""

from __future__ import annotations

import datetime as dt
import json
import shlex
import sys
from pathlib import Path
from typing import Any

import click

from benchmarks.machine import machine, versions
from benchmarks.yardstick import generate_with_yardstick
from scheduler.atomic import atomic_write_text
from scheduler.bench.remote import run_in_subprocess
from scheduler.errors import UsageError
from scheduler.generate import params_for

INSTANCE: dict[str, Any] = {"shape": "seminar", "sessions": 1000, "rooms": 60, "days": 3,
                            "tracks": 30, "pool_size": 300, "registrations": 3000}
"""The issue's instance: 1,000 sessions, a 300-person pool, 3,000 registrations."""

SOLVERS = ("confsched", "two-stage")

KILL_AFTER = 20
"""A job is stopped after this many times its limit (plus two minutes) of wall time: with
``--deterministic`` the limit counts CP-SAT work, which takes longer on a loaded machine."""


def parse_gen(items: tuple[str, ...]) -> dict[str, Any]:
    """``KEY=VALUE`` generator arguments (integers where they look like one)."""
    out: dict[str, Any] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UsageError(f"--gen {item!r}: write it as KEY=VALUE, e.g. --gen choices=3")
        out[key.replace("-", "_")] = int(value) if value.lstrip("-").isdigit() else value
    return out


def run(gen: dict[str, Any], time_limit: float, deterministic: bool, seed: int, out: Path,
        echo: Any = None) -> dict[str, Any]:
    """Generate the instance, run both solvers on it, write the report."""
    started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    settings = {**INSTANCE, **gen}
    shape = settings.pop("shape")
    params = params_for(shape, **settings)
    text, yardstick = generate_with_yardstick(params, seed)
    name = f"people-{params.sessions}-pool{params.pool_size}-s{seed}"
    atomic_write_text(out / "instances" / f"{name}.yaml", text)
    rows = []
    for solver in SOLVERS:
        spec = {"solver": solver, "name": name, "scenario": text, "time_limit": time_limit,
                "workers": 2, "seed": 0, "deterministic": deterministic,
                "kill_after": KILL_AFTER * time_limit + 120}
        record = run_in_subprocess(spec)
        record.update(solver=solver, instance=name)
        record.pop("trace", None)
        rows.append(record)
        if echo is not None:
            echo(f"{solver:<10} {record.get('status')!s:<12} checked={record.get('checked_ok')} "
                 f"objective={record.get('objective')} seconds={record.get('seconds')} "
                 f"peak={record.get('peak_mib') or 0:.0f} MiB {record.get('error') or ''}")
    data = {"command": "python -m benchmarks.people_bench " + shlex.join(sys.argv[1:]),
            "started": started, "ended": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "time_limit": time_limit, "deterministic": deterministic,
            "generator": {"shape": shape, **settings, "seed": seed},
            "machine": machine(), "versions": versions(),
            "instance": {"name": name, **yardstick}, "results": rows}
    atomic_write_text(out / "people.json", json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    atomic_write_text(out / "people.md", render(data))
    return data


def ratio(data: dict[str, Any]) -> float | None:
    """Our checked objective over the two-stage baseline's (below 1: ours is better)."""
    got = {r["solver"]: r.get("objective") for r in data["results"] if r.get("checked_ok")}
    ours, theirs = got.get("confsched"), got.get("two-stage")
    return ours / theirs if ours is not None and theirs else None


def render(data: dict[str, Any]) -> str:
    """The comparison as Markdown."""
    unit = "deterministic units" if data["deterministic"] else "s (wall clock)"
    inst = data["instance"]
    out = ["# People chosen from pools: one model against two stages", "",
           f"Command: `{data['command']}` ({data['started']} to {data['ended']}); limit "
           f"{data['time_limit']:g} {unit} per solver, 2 workers, one solver at a time.",
           f"Generator: `{json.dumps(data['generator'])}`; planted timetable's checked "
           f"objective {inst['planted_objective']} (checker ok: {inst['planted_ok']}).", "",
           "| solver | status | checked | objective (checker) | ratio to two-stage | "
           "total s | peak MiB | notes |", "|---|---|---|---|---|---|---|---|"]
    base = {r["solver"]: r for r in data["results"]}.get("two-stage", {})
    for r in data["results"]:
        mine = r.get("objective") if r.get("checked_ok") else None
        theirs = base.get("objective") if base.get("checked_ok") else None
        share = f"{mine / theirs:.3f}" if mine is not None and theirs else "-"
        notes = "; ".join(r.get("notes") or []) or r.get("error") or ""
        if r["solver"] == "two-stage" and r.get("stage1_seconds") is not None:
            notes = (f"stage 1 {r['stage1_seconds']:.1f} s, stage 2 "
                     f"{r.get('stage2_seconds') or 0:.1f} s, sessions the greedy left "
                     f"short: {r.get('left_short_by_greedy')}; " + notes)
        out.append(f"| {r['solver']} | {r.get('status')} | {r.get('checked_ok')} | {mine} | "
                   f"{share} | {r.get('seconds') or r.get('wall_seconds') or 0:.1f} | "
                   f"{r.get('peak_mib') or 0:.0f} | {notes} |")
    return "\n".join(out) + "\n"


@click.command()
@click.option("--time-limit", type=float, default=60.0, show_default=True,
              help="Per solver (deterministic units with --deterministic).")
@click.option("--deterministic", is_flag=True, help="Limits in CP-SAT deterministic units.")
@click.option("--seed", type=int, default=0, show_default=True, help="Generator seed.")
@click.option("--gen", "gen", multiple=True, metavar="KEY=VALUE",
              help="Override a generator parameter (repeatable): sessions=200, choices=3.")
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False))
def main(time_limit: float, deterministic: bool, seed: int, gen: tuple[str, ...],
         output: str) -> None:
    """Ours against the two-stage baseline on one generated pool instance."""
    try:
        data = run(parse_gen(gen), time_limit, deterministic, seed, Path(output), click.echo)
    except (UsageError, TypeError) as exc:
        raise click.UsageError(str(exc)) from None
    share = ratio(data)
    click.echo(f"objective ratio ours / two-stage: {'-' if share is None else f'{share:.3f}'}")


if __name__ == "__main__":
    main()
