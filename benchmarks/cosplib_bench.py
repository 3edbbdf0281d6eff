"""CoSPLib benchmark: every instance of tests/cosplib/data plus generated ones.

For each instance: solve with ``confsched_cosplib.solve.solve`` (one process per
instance, so memory and time do not leak between runs), write the solution workbook,
read it back as CoSPLib's checker reads it and score it with our exact scorer; score the
stored paper solution (data/solutions/) the same way; report ours, the paper's, the
ratio, feasibility and validity.

    python -m benchmarks.cosplib_bench --time-limit 60 --workers 2 -o results.json

Generated instances (``gen-SHAPE-SEED``) come from ``confsched_cosplib.generate``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "cosplib" / "data"
INSTANCES = ("N2OR", "GECCO19", "GECCO21", "GECCO21Workshop", "GECCO22Workshop", "ISF22",
             "OR60", "OR60F", "OR60F3")
GENERATED = ("gen-small-1", "gen-tight-2", "gen-multislot-3", "gen-wide-4")


def instance_file(name: str, folder: Path) -> Path:
    """The workbook of ``name``: a dataset copy, or a generated one written to ``folder``."""
    if not name.startswith("gen-"):
        return DATA / f"{name}.xlsx"
    from confsched_cosplib.generate import random_spec, write_workbook

    _, shape, seed = name.split("-")
    path = folder / f"{name}.xlsx"
    write_workbook(path, random_spec(int(seed), shape))
    return path


def run_one(name: str, time_limit: float, workers: int, folder: Path) -> dict[str, Any]:
    """Solve, write, re-read and score one instance (in this process)."""
    from confsched_cosplib.instance import load_instance
    from confsched_cosplib.scorer import score
    from confsched_cosplib.solution import load_solution, write_solution
    from confsched_cosplib.solve import solve

    instance = load_instance(instance_file(name, folder))
    began = time.monotonic()
    result = solve(instance, time_limit=time_limit, workers=workers)
    row: dict[str, Any] = {
        "instance": name, "talks": len(instance.submissions), "status": result.status,
        "start": result.start, "seconds": round(time.monotonic() - began, 1),
        "reason": result.reason,
    }
    if result.solution is not None and result.score is not None:
        out = folder / f"{name}_ours.xlsx"
        write_solution(out, instance, result.solution, result.score)
        again = score(instance, load_solution(out, instance))
        row.update(ours=again["objective"], feasible=again["feasible"], valid=again["valid"],
                   terms={k: v["count"] for k, v in again["terms"].items() if v["count"]})
    stored = DATA / "solutions" / f"{name}Solution.xlsx"
    if stored.is_file():
        paper = score(instance, load_solution(stored, instance))
        row["paper"] = paper["objective"]
        if "ours" in row:
            row["ratio"] = round(row["ours"] / paper["objective"], 4) if paper["objective"] \
                else None
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", nargs="*", help="instance names (default: all)")
    parser.add_argument("-o", "--output", type=Path, default=None)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        with tempfile.TemporaryDirectory() as tmp:
            print(json.dumps(run_one(args.one, args.time_limit, args.workers, Path(tmp))))
        return 0
    rows = []
    for name in args.only or [*INSTANCES, *GENERATED]:
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.cosplib_bench", "--one", name,
             "--time-limit", str(args.time_limit), "--workers", str(args.workers)],
            capture_output=True, text=True, cwd=ROOT, check=False)
        lines = done.stdout.strip().splitlines()
        row = json.loads(lines[-1]) if done.returncode == 0 and lines else {
            "instance": name, "status": "crashed", "reason": done.stderr[-500:]}
        rows.append(row)
        print(json.dumps(row), flush=True)
        if args.output:
            args.output.write_text(json.dumps(rows, indent=1) + "\n")
    return 0


def table(rows: list[dict[str, Any]]) -> str:
    """The rows as a Markdown table."""
    out = ["| instance | talks | ours | paper's stored solution | ours / paper | all placed, "
           "valid | status | seconds |", "|---|---:|---:|---:|---:|---|---|---:|"]
    for row in rows:
        ours = f"{row['ours']:,}" if "ours" in row else "-"
        paper = f"{row['paper']:,}" if "paper" in row else "-"
        ratio = f"{row['ratio']:.3f}" if row.get("ratio") is not None else "-"
        ok = f"{row.get('feasible', '-')}, {row.get('valid', '-')}"
        out.append(f"| {row['instance']} | {row.get('talks', '-')} | {ours} | {paper} | "
                   f"{ratio} | {ok} | {row['status']} | {row.get('seconds', '-')} |")
    return "\n".join(out)


if __name__ == "__main__":
    raise SystemExit(main())
