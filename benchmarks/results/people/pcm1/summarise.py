"""Summarise measure.py's jsonl files: per instance, the padded (first tree) and the exact
(second tree) model side by side, and every finding: a schedule the checker rejects, an
exact optimum or bound above a padded schedule's checked objective (the padded model is
stricter, so each of its schedules is one of the exact model's: a wrong proof).

    python benchmarks/results/people/pcm1/summarise.py FILE.jsonl [...]
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict


def main(paths: list[str]) -> None:
    by: dict[str, dict[str, dict]] = defaultdict(dict)
    trees: list[str] = []
    for path in paths:
        with open(path, encoding="utf-8") as lines:
            rows = [json.loads(line) for line in lines]
        for row in rows:
            by[row["instance"]][row["tree"]] = row
            if row["tree"] not in trees:
                trees.append(row["tree"])
    base, new = trees[0], trees[-1]
    findings, proven = [], {base: 0, new: 0}
    print("| instance | padded: status, objective, bound, units, CPU s | "
          "exact: status, objective, bound, units, CPU s |")
    print("|---|---|---|")
    for name, rows in by.items():
        cells = []
        for tree in (base, new):
            r = rows.get(tree)
            if r is None or "error" in r:
                cells.append("error" if r else "-")
                if r:
                    findings.append(f"{name} {tree}: crash")
                continue
            proven[tree] += r["status"] == "optimal"
            if r.get("ok") is False:
                findings.append(f"{name} {tree}: checker {r['violations']}")
            units = r["units"] if r["units"] is not None else float("nan")
            cells.append(f"{r['status']}, {r.get('objective')}, {r.get('bound')}, "
                         f"{units:.2f}, {r['cpu']:.1f}")
        print(f"| {name} | {cells[0]} | {cells[1]} |")
        b, n = rows.get(base, {}), rows.get(new, {})
        if b.get("objective") is not None and n.get("status") == "optimal" \
                and n["objective"] > b["objective"]:
            findings.append(f"{name}: exact optimum {n['objective']} > padded {b['objective']}")
        if b.get("objective") is not None and n.get("bound") is not None \
                and n["bound"] > b["objective"]:
            findings.append(f"{name}: exact bound {n['bound']} > padded {b['objective']}")
        if n.get("status") == "infeasible" and b.get("objective") is not None:
            findings.append(f"{name}: exact infeasible, padded found a schedule")
    print(f"\ninstances {len(by)}; proven optimal: padded {proven[base]}, exact {proven[new]}")
    print("findings:", findings or "none")


if __name__ == "__main__":
    main(sys.argv[1:])
