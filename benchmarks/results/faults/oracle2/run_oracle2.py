"""Run the brute-force oracle (tests/property/oracle.py) over seeded tiny events.

    python benchmarks/results/faults/oracle2/run_oracle2.py OUT.jsonl \
        --shapes people,hybrid,groupsize,resolve --seeds 0:500 [--limit 50000] [--part 0/2]

oracle1's runner with oracle2's shapes and ``resolve``: a re-solve (oracle_events.
resolve_case): the oracle enumerates the event before the edit and draws one valid
schedule as the published one, then enumerates the edited event with the freeze and the
``changes`` term against it, and judges ``solve(..., earlier=, frozen_until=)``. An
exception anywhere is recorded as outcome ``error`` (with its last lines), not raised.

One JSON line per event: shape, seed, what happened (``refused`` by the loader, ``budget``
when the enumeration needed more than ``--limit`` checker calls, else ``judged``), the
truth (feasible, optimum, valid schedules, checker calls, space) and every claim of the
pipeline with its verdict. Disagreements are also written as YAML events next to OUT
(``OUT-<shape>-<seed>.yaml``). ``--summary`` prints the counts per shape of one or more
files instead.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "property")]

import random  # noqa: E402
import traceback  # noqa: E402

from oracle import Budget, Oracle, frozen_ids, judge  # noqa: E402
from oracle_events import SHAPES, dump, event, load, published_case, resolve_case  # noqa: E402

from scheduler.errors import InputError  # noqa: E402

GATES = False
"""``--gates``: also judge the solve's parts opened to tiny events (oracle.gated_claims)."""
REDRAW = True
"""Without ``--no-redraw``: a re-solve whose event before the edit has no schedule to
publish is drawn again (oracle_events.published_case, fix1); with it, skipped as
``no-earlier`` (oracle2's runs)."""


def run_one(shape: str, seed: int, limit: int, out: Path) -> dict[str, object]:
    try:
        if shape == "resolve":
            return run_resolve(seed, limit, out)
        return run_plain(shape, seed, limit, out)
    except Exception:  # noqa: BLE001 - a crash is a finding: recorded
        return {"shape": shape, "seed": seed, "outcome": "error",
                "why": traceback.format_exc()[-600:]}


def run_resolve(seed: int, limit: int, out: Path) -> dict[str, object]:
    row: dict[str, object] = {"shape": "resolve", "seed": seed}
    began = time.process_time()
    try:
        if REDRAW:  # fix1: an event before the edit without a schedule is drawn again
            case, published = published_case(seed, limit)
        else:
            case = resolve_case(seed)
            published = Oracle(load(case["before"]), limit,
                               pick=random.Random(case["pick"])).run().sample
        row.update(base=case["base"], edit=case["edit"], moment=str(case["moment"]),
                   attempt=case["attempt"])
        scenario = load(case["after"])
    except InputError as error:
        row["outcome"] = "refused"
        row["why"] = str(error).splitlines()[-1][:160]
        return row
    except Budget:
        row["outcome"] = "budget"
        row["enumerate_cpu"] = round(time.process_time() - began, 3)
        return row
    row["sessions"] = len(scenario.sessions)
    try:
        if published is None:
            row["outcome"] = "no-earlier"
            return row
        moment = case["moment"]
        frozen = frozen_ids(scenario, published, moment) if moment else frozenset()
        row["frozen"] = sorted(frozen)
        truth = Oracle(scenario, limit, earlier=published, frozen=frozen).run()
    except Budget:
        row["outcome"] = "budget"
        row["enumerate_cpu"] = round(time.process_time() - began, 3)
        return row
    row["enumerate_cpu"] = round(time.process_time() - began, 3)
    row.update(outcome="judged", feasible=truth.feasible, best=truth.best, valid=truth.valid,
               checks=truth.checks, space=truth.space)
    began = time.process_time()
    verdict = judge(scenario, truth, earlier=published, until=moment, gates=GATES)
    row["judge_cpu"] = round(time.process_time() - began, 3)
    row["claims"] = [{"source": c.source, "status": c.status, "value": c.value, "ok": c.ok,
                      "note": c.note} for c in verdict.claims]
    row["disagreements"] = len(verdict.disagreements)
    if verdict.disagreements:
        path = out.with_name(f"{out.stem}-resolve-{seed}.yaml")
        path.write_text(dump(case["after"]) + "\n# published:\n# " + published.model_dump_json()
                        + f"\n# frozen-until: {moment}\n", encoding="utf-8")
    return row


def run_plain(shape: str, seed: int, limit: int, out: Path) -> dict[str, object]:
    data = event(shape, seed)
    row: dict[str, object] = {"shape": shape, "seed": seed}
    try:
        scenario = load(data)
    except InputError as error:
        row["outcome"] = "refused"
        row["why"] = str(error).splitlines()[-1][:160]
        return row
    row["sessions"] = len(scenario.sessions)
    began = time.process_time()
    try:
        truth = Oracle(scenario, limit).run()
    except Budget:
        row["outcome"] = "budget"
        row["enumerate_cpu"] = round(time.process_time() - began, 3)
        return row
    row["enumerate_cpu"] = round(time.process_time() - began, 3)
    row.update(outcome="judged", feasible=truth.feasible, best=truth.best, valid=truth.valid,
               checks=truth.checks, space=truth.space)
    began = time.process_time()
    verdict = judge(scenario, truth, gates=GATES)
    row["judge_cpu"] = round(time.process_time() - began, 3)
    row["claims"] = [{"source": c.source, "status": c.status, "value": c.value, "ok": c.ok,
                      "note": c.note} for c in verdict.claims]
    row["disagreements"] = len(verdict.disagreements)
    if verdict.disagreements:
        path = out.with_name(f"{out.stem}-{shape}-{seed}.yaml")
        path.write_text(dump(data), encoding="utf-8")
    return row


def summary(paths: list[Path]) -> str:
    rows = [json.loads(line) for p in paths for line in p.read_text().splitlines() if line]
    by: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        c = by[row["shape"]]
        c["tried"] += 1
        c[row["outcome"]] += 1
        if row["outcome"] != "judged":
            continue
        c["feasible" if row["feasible"] else "infeasible"] += 1
        for claim in row["claims"]:
            if claim["source"] == "solve":
                c[f"solve {claim['status']}"] += 1
                if claim["status"] == "feasible" and claim["value"] is not None:
                    at = "at" if claim["value"] == row["best"] else "above"
                    c[f"solve feasible {at} the optimum"] += 1
                if "the oracle has one" in claim["note"]:
                    c["solve: no schedule, the oracle has one"] += 1
            if claim["source"] in ("solve+plan", "solve+floor", "solve+scale"):
                c[f"{claim['source']} {claim['status']}"] += 1
            if claim["source"].startswith("lower_bound:") and claim["ok"]:
                c["bound parts checked"] += 1
            if claim["source"] == "diagnosis":
                c[f"diagnosis {claim['status']}"] += 1
            if not claim["ok"]:
                c["disagree " + claim["source"]] += 1
        c["events with a disagreement"] += bool(row["disagreements"])
    keys = ["tried", "refused", "budget", "judged", "feasible", "infeasible",
            "solve optimal", "solve feasible", "solve feasible at the optimum",
            "solve feasible above the optimum", "solve infeasible", "solve unknown",
            "solve: no schedule, the oracle has one", "bound parts checked",
            "diagnosis rules", "diagnosis words", "diagnosis budget",
            "events with a disagreement"]
    extra = sorted({k for c in by.values() for k in c if k not in keys})
    keys += extra
    shapes = [s for s in (*SHAPES, "resolve") if s in by]
    lines = ["| count | " + " | ".join(shapes) + " | all |",
             "|---|" + "---|" * (len(shapes) + 1)]
    for k in keys:
        values = [by[s][k] for s in shapes]
        lines.append(f"| {k} | " + " | ".join(map(str, values)) + f" | {sum(values)} |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, nargs="+")
    ap.add_argument("--shapes", default="people,hybrid,groupsize,resolve")
    ap.add_argument("--seeds", default="0:100")
    ap.add_argument("--limit", type=int, default=50_000)
    ap.add_argument("--part", default="0/1", help="k/n: every n-th event from the k-th")
    ap.add_argument("--summary", action="store_true")
    ap.add_argument("--gates", action="store_true",
                    help="also judge the plan, two-phase search, floor and lns (gates at 1)")
    ap.add_argument("--no-redraw", action="store_true",
                    help="skip a re-solve whose event before the edit has no schedule")
    args = ap.parse_args()
    global GATES, REDRAW
    GATES = args.gates
    REDRAW = not args.no_redraw
    if args.summary:
        print(summary(args.out))
        return 0
    out = args.out[0]
    first, last = map(int, args.seeds.split(":"))
    k, n = map(int, args.part.split("/"))
    jobs = [(shape, seed) for seed in range(first, last) for shape in args.shapes.split(",")]
    with out.open("a", encoding="utf-8") as f:
        for i, (shape, seed) in enumerate(jobs):
            if i % n != k:
                continue
            row = run_one(shape, seed, args.limit, out)
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
            f.flush()
            if row.get("disagreements"):
                print(f"DISAGREE {shape} {seed}: " + "; ".join(
                    f"{c['source']}: {c['note']}" for c in row["claims"]  # type: ignore
                    if not c["ok"]), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
