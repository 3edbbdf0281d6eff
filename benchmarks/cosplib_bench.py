"""CoSPLib benchmark: every instance of tests/cosplib/data plus generated ones, through
the engine and through the old separate model, in one run.

For each instance and each path (one process per run, so memory and time do not leak):

* ``engine``: ``confsched import cosplib`` (a talks scenario), ``scheduler.solver.solve``,
  ``confsched export cosplib`` (the solution workbook); the engine's checker's objective
  of the schedule is reported beside the workbook's score (``checker``, ``agree``);
* ``old``: ``benchmarks.peers.cosplib_model.solve.solve`` (the separate CP-SAT model, kept as a peer
  to compare against) and its workbook.

Each workbook is read back as CoSPLib's checker reads it and scored with our exact
scorer; the stored paper solution (data/solutions/) is scored the same way; the report
gives ours, the paper's, the ratio, feasibility and validity. The row ``hand-six`` is
the hand-counted case of tests/cosplib/test_cosplib_exact.py: its reference objective
(2,321, counted by hand) against the exact scorer and the engine's checker.

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


HAND_REFERENCE = 2321
"""The hand-counted objective of the six-talk case (tests/cosplib/test_cosplib_exact.py)."""


def paper_score(name: str, instance: Any) -> int | None:
    """The exact score of the stored paper solution of ``name``, if there is one."""
    from confsched_cosplib.scorer import score
    from confsched_cosplib.solution import load_solution

    stored = DATA / "solutions" / f"{name}Solution.xlsx"
    if not stored.is_file():
        return None
    return int(score(instance, load_solution(stored, instance))["objective"])


def hand_row() -> dict[str, Any]:
    """The hand-counted case: exact scorer and engine checker against the reference."""
    sys.path.insert(0, str(ROOT / "tests" / "cosplib"))
    from confsched_cosplib.fromsolution import schedule_data
    from confsched_cosplib.generate import write_workbook
    from confsched_cosplib.importer import scenario_data
    from confsched_cosplib.instance import load_instance
    from confsched_cosplib.scorer import score
    from test_cosplib_exact import hand_solution, hand_spec

    from scheduler.checker import check
    from scheduler.importing.output import scenario_yaml
    from scheduler.scenario import parse_scenario
    from scheduler.schedule import Schedule

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hand.xlsx"
        write_workbook(path, hand_spec())
        instance = load_instance(path)
    data = scenario_data(instance)
    scenario = parse_scenario(scenario_yaml(data, "hand"), "hand.yaml")
    report = check(scenario, Schedule.model_validate(
        schedule_data(data, instance, hand_solution())))
    ours = int(score(instance, hand_solution())["objective"])
    return {"instance": "hand-six", "path": "reference", "talks": 6, "status": "given",
            "reference": HAND_REFERENCE, "ours": ours, "checker": report.objective,
            "agree": ours == report.objective == HAND_REFERENCE}


def run_engine(name: str, time_limit: float, workers: int, folder: Path) -> dict[str, Any]:
    """Import, solve with the engine, export, re-read and score one instance."""
    import contextlib
    import io

    from confsched_cosplib.exporter import export_cosplib
    from confsched_cosplib.importer import import_cosplib
    from confsched_cosplib.instance import load_instance
    from confsched_cosplib.scorer import score
    from confsched_cosplib.solution import load_solution

    from scheduler.checker import check
    from scheduler.exporting import ExportContext
    from scheduler.scenario import load_scenario
    from scheduler.solver import SolveOptions, solve

    source = instance_file(name, folder)
    instance = load_instance(source)
    scenario_path = folder / f"{name}.yaml"
    with contextlib.redirect_stderr(io.StringIO()):
        import_cosplib(source, scenario_path, {})
    scenario = load_scenario(scenario_path)
    began = time.monotonic()
    result = solve(scenario, SolveOptions(time_limit=time_limit, workers=workers))
    row: dict[str, Any] = {
        "instance": name, "path": "engine", "talks": len(instance.submissions),
        "status": result.status.value, "seconds": round(time.monotonic() - began, 1),
        "reason": "; ".join(result.diagnosis) or None,
    }
    if result.schedule is not None and result.status.has_schedule:
        out = folder / f"{name}_engine.xlsx"
        export_cosplib(ExportContext(scenario=scenario, schedule=result.schedule), out,
                       {"instance": str(source)})
        again = score(instance, load_solution(out, instance))
        report = check(scenario, result.schedule)
        row.update(ours=again["objective"], feasible=again["feasible"], valid=again["valid"],
                   checker=report.objective, checker_ok=report.ok,
                   agree=report.objective == again["objective"],
                   terms={k: v["count"] for k, v in again["terms"].items() if v["count"]})
    return _with_paper(row, name, instance)


def _with_paper(row: dict[str, Any], name: str, instance: Any) -> dict[str, Any]:
    paper = paper_score(name, instance)
    if paper is not None:
        row["paper"] = paper
        if "ours" in row:
            row["ratio"] = round(row["ours"] / paper, 4) if paper else None
    return row


def run_one(name: str, time_limit: float, workers: int, folder: Path) -> dict[str, Any]:
    """Solve with the old separate model, write, re-read and score one instance."""
    from confsched_cosplib.instance import load_instance
    from confsched_cosplib.scorer import score
    from confsched_cosplib.solution import load_solution, write_solution

    from benchmarks.peers.cosplib_model.solve import solve

    instance = load_instance(instance_file(name, folder))
    began = time.monotonic()
    result = solve(instance, time_limit=time_limit, workers=workers)
    row: dict[str, Any] = {
        "instance": name, "path": "old", "talks": len(instance.submissions),
        "status": result.status,
        "start": result.start, "seconds": round(time.monotonic() - began, 1),
        "reason": result.reason,
    }
    if result.solution is not None and result.score is not None:
        out = folder / f"{name}_ours.xlsx"
        write_solution(out, instance, result.solution, result.score)
        again = score(instance, load_solution(out, instance))
        row.update(ours=again["objective"], feasible=again["feasible"], valid=again["valid"],
                   terms={k: v["count"] for k, v in again["terms"].items() if v["count"]})
    return _with_paper(row, name, instance)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", nargs="*", help="instance names (default: all)")
    parser.add_argument("--paths", nargs="*", default=["engine", "old"],
                        choices=["engine", "old"], help="which paths to run (default: both)")
    parser.add_argument("-o", "--output", type=Path, default=None)
    parser.add_argument("--table", type=Path, default=None,
                        help="print the Markdown table of a results JSON and stop")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--path", default="engine", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.table:
        print(table(json.loads(args.table.read_text())))
        return 0
    if args.one:
        run = run_engine if args.path == "engine" else run_one
        with tempfile.TemporaryDirectory() as tmp:
            print(json.dumps(run(args.one, args.time_limit, args.workers, Path(tmp))))
        return 0
    rows = [hand_row()]
    print(json.dumps(rows[0]), flush=True)
    for name in args.only or [*INSTANCES, *GENERATED]:
        for path in args.paths:
            done = subprocess.run(
                [sys.executable, "-m", "benchmarks.cosplib_bench", "--one", name, "--path",
                 path, "--time-limit", str(args.time_limit), "--workers", str(args.workers)],
                capture_output=True, text=True, cwd=ROOT, check=False)
            lines = done.stdout.strip().splitlines()
            row = json.loads(lines[-1]) if done.returncode == 0 and lines else {
                "instance": name, "path": path, "status": "crashed",
                "reason": done.stderr[-500:]}
            rows.append(row)
            print(json.dumps(row), flush=True)
            if args.output:
                args.output.write_text(json.dumps(rows, indent=1) + "\n")
    return 0


def table(rows: list[dict[str, Any]]) -> str:
    """The rows as a Markdown table."""
    out = ["| instance | path | talks | ours (exact scorer) | engine checker | agree | paper's "
           "stored solution | ours / paper | all placed, valid | status | seconds |",
           "|---|---|---:|---:|---:|---|---:|---:|---|---|---:|"]
    for row in rows:
        ours = f"{row['ours']:,}" if "ours" in row else "-"
        checker = f"{row['checker']:,}" if "checker" in row else "-"
        paper = f"{row['paper']:,}" if "paper" in row else (
            f"{row['reference']:,} (by hand)" if "reference" in row else "-")
        ratio = f"{row['ratio']:.3f}" if row.get("ratio") is not None else "-"
        ok = f"{row.get('feasible', '-')}, {row.get('valid', '-')}"
        agree = {True: "yes", False: "NO"}.get(row.get("agree"), "-")  # type: ignore[arg-type]
        out.append(f"| {row['instance']} | {row.get('path', 'old')} | {row.get('talks', '-')} | "
                   f"{ours} | {checker} | {agree} | {paper} | {ratio} | {ok} | "
                   f"{row['status']} | {row.get('seconds', '-')} |")
    out.append("")
    out.append("Breakdowns (term: count, unweighted):")
    out.append("")
    for row in rows:
        if row.get("terms") is not None:
            terms = ", ".join(f"{k} {v:,}" for k, v in row["terms"].items()) or "none"
            out.append(f"* {row['instance']} ({row.get('path', 'old')}): {terms}")
        elif row.get("reason"):
            out.append(f"* {row['instance']} ({row.get('path', 'old')}): {row['reason']}")
    return "\n".join(out)


if __name__ == "__main__":
    raise SystemExit(main())
