"""``python -m benchmarks.lns_compare``: CP-SAT alone against CP-SAT followed by our large
neighbourhood search (``scheduler.solver.lns``), on the same generated instances, in one
run, with the objective over time plotted against the planted timetable's.

    python -m benchmarks.lns_compare --instance large:21 --instance euro:5 \\
        --time-limit 60 -o /tmp/lns

``--baseline DIR`` adds the variant ``cp-sat + lns (baseline)``: the same solve with the
code of another checkout (``DIR`` first on PYTHONPATH, e.g. ``git archive`` of the commit
before a change), so an improvement is measured against the code it replaces in one run.
``--variant NAME`` keeps only the named variants (repeatable).

Each solve runs in a fresh process (``scheduler.bench.remote.run_in_subprocess``), one at
a time, the variants of an instance back to back, so both see the same machine load. The
objective of every schedule is recomputed by the independent checker. Writes
``lns.json``, ``lns.md`` and ``lns_<instance>.png`` into the output folder.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shlex
import sys
from pathlib import Path
from typing import Any

import click

from benchmarks.machine import machine, versions
from benchmarks.yardstick import generate_with_yardstick
from scheduler.atomic import atomic_write_bytes, atomic_write_text
from scheduler.bench.remote import run_in_subprocess
from scheduler.generate import params_for

VARIANTS = {"cp-sat alone": False, "cp-sat + lns": True}
"""Variant name -> ``SolveOptions.lns``."""
BASELINE = "cp-sat + lns (baseline)"


def variants(baseline: Path | None, only: tuple[str, ...] = ()
             ) -> dict[str, tuple[bool, Path | None]]:
    """Variant name -> (``SolveOptions.lns``, code folder or None for this checkout)."""
    chosen: dict[str, tuple[bool, Path | None]] = {
        name: (lns, None) for name, lns in VARIANTS.items()}
    if baseline is not None:
        chosen[BASELINE] = (True, baseline)
    unknown = [name for name in only if name not in chosen]
    if unknown:
        raise ValueError(f"unknown variant(s) {unknown}; known: {sorted(chosen)}")
    return {k: v for k, v in chosen.items() if not only or k in only}


def _run(spec: dict[str, Any], code: Path | None) -> dict[str, Any]:
    """One solve in a fresh process, with ``code`` first on its PYTHONPATH when given."""
    if code is None:
        return run_in_subprocess(spec)
    before = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join([str(code), str(code / "plugins")])
    try:
        return run_in_subprocess(spec)
    finally:
        if before is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = before


def compare(instances: list[tuple[str, int]], time_limit: float, out: Path,
            deterministic: bool = False, echo: Any = None,
            chosen: dict[str, tuple[bool, Path | None]] | None = None) -> dict[str, Any]:
    """Run every variant on every instance; write the report and plots."""
    chosen = chosen if chosen is not None else variants(None)
    started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    rows: list[dict[str, Any]] = []
    described = []
    for shape, seed in instances:
        text, yardstick = generate_with_yardstick(params_for(shape), seed)
        name = f"{shape}-s{seed}"
        atomic_write_text(out / "instances" / f"{name}.yaml", text)
        described.append({"name": name, "shape": shape, "seed": seed, **yardstick})
        for variant, (lns, code) in chosen.items():
            spec = {"solver": "confsched", "name": name, "scenario": text,
                    "time_limit": time_limit, "workers": 2, "lns": lns,
                    "deterministic": deterministic}
            record = _run(spec, code)
            record.update(instance=name, variant=variant,
                          planted_objective=yardstick["planted_objective"])
            rows.append(record)
            if echo is not None:
                echo(f"{name:<12} {variant:<14} {record.get('status')!s:<10} "
                     f"checked={record.get('checked_ok')} objective={record.get('objective')} "
                     f"model={record.get('model_objective')} "
                     f"planted={yardstick['planted_objective']} "
                     f"peak={record.get('peak_mib') or 0:.0f} MiB {record.get('error') or ''}")
    data = {"command": "python -m benchmarks.lns_compare " + shlex.join(sys.argv[1:]),
            "started": started, "ended": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "time_limit": time_limit, "deterministic": deterministic,
            "machine": machine(), "versions": versions(), "instances": described,
            "results": rows}
    data["plots"] = _plots(data, out)
    atomic_write_text(out / "lns.json", json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    atomic_write_text(out / "lns.md", render(data))
    return data


def render(data: dict[str, Any]) -> str:
    """The comparison as Markdown."""
    unit = "deterministic units" if data["deterministic"] else "s"
    out = ["# CP-SAT alone against CP-SAT + neighbourhood search", "",
           f"Command: `{data['command']}` ({data['started']}); limit {data['time_limit']:g} "
           f"{unit} per solve, 2 workers, one solve at a time.", "",
           "| instance | variant | status | checked | objective (checker) | model objective "
           "| planted | ratio to planted | first feasible s | peak MiB |",
           "|---|---|---|---|---|---|---|---|---|---|"]
    for r in data["results"]:
        ratio = (r["objective"] / r["planted_objective"]
                 if r.get("objective") is not None and r.get("planted_objective") else None)
        out.append(f"| {r['instance']} | {r['variant']} | {r.get('status')} | "
                   f"{r.get('checked_ok')} | {r.get('objective')} | "
                   f"{r.get('model_objective')} | {r['planted_objective']} | "
                   f"{'-' if ratio is None else f'{ratio:.3f}'} | "
                   f"{_seconds(r.get('first_feasible'))} | {r.get('peak_mib') or 0:.0f} |")
    out += [""] + [f"![{p}]({p})" for p in data.get("plots", [])]
    return "\n".join(out) + "\n"


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _plots(data: dict[str, Any], out: Path) -> list[str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    written = []
    for inst in data["instances"]:
        fig, ax = plt.subplots(figsize=(7, 4.5))
        for r in data["results"]:
            if r["instance"] != inst["name"] or not r.get("trace"):
                continue
            times = [t for t, _, _ in r["trace"]]
            values = [v for _, v, _ in r["trace"]]
            ax.step(times + [r.get("seconds") or times[-1]], values + [values[-1]],
                    where="post", label=r["variant"])
        ax.axhline(inst["planted_objective"], color="grey", linestyle=":",
                   label="planted timetable")
        ax.set_xlabel("seconds")
        ax.set_ylabel("objective (solver's)")
        ax.set_title(f"{inst['name']}: objective over time")
        ax.legend()
        name = f"lns_{inst['name']}.png"
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
        plt.close(fig)
        atomic_write_bytes(out / name, buffer.getvalue())
        written.append(name)
    return written


@click.command()
@click.option("--instance", "instances", multiple=True, required=True,
              help="SHAPE:SEED of a generated instance, e.g. large:21 (repeatable).")
@click.option("--time-limit", type=float, default=60.0, show_default=True)
@click.option("--deterministic", is_flag=True, help="Limits in deterministic units.")
@click.option("--baseline", type=click.Path(exists=True, file_okay=False), default=None,
              help="A checkout of other code: adds the variant 'cp-sat + lns (baseline)'.")
@click.option("--variant", "only", multiple=True,
              help="Only this variant (repeatable; default: all).")
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False))
def main(instances: tuple[str, ...], time_limit: float, deterministic: bool,
         baseline: str | None, only: tuple[str, ...], output: str) -> None:
    """Objective over time: CP-SAT alone against CP-SAT + neighbourhood search."""
    parsed = []
    for item in instances:
        shape, _, seed = item.partition(":")
        if not seed.isdigit():
            raise click.UsageError(f"--instance {item!r}: write SHAPE:SEED, e.g. large:21")
        parsed.append((shape, int(seed)))
    try:
        chosen = variants(None if baseline is None else Path(baseline).resolve(), only)
    except ValueError as exc:
        raise click.UsageError(f"--variant: {exc}") from None
    data = compare(parsed, time_limit, Path(output), deterministic,
                   echo=lambda line: click.echo(line, err=True), chosen=chosen)
    click.echo(f"wrote {Path(output) / 'lns.md'} ({len(data['results'])} solves)")


if __name__ == "__main__":
    main()
