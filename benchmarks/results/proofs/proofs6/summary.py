"""The tables of README.md from the ``.jsonl`` files of ``trace.py`` rows (one table per
file: per instance and CP-SAT seed, each variant's ``objective / bound``, the process's
CPU seconds, **opt** with the wall seconds to the proof, and the side's thread CPU).

    python benchmarks/results/proofs/proofs6/summary.py FILE.jsonl ...
"""

import json
import re
import sys

for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    variants = list(dict.fromkeys(r["variant"] for r in rows))
    cells: dict[tuple[str, int], dict[str, str]] = {}
    loads: list[float] = []
    for r in rows:
        run = r["run"]
        if "error" in run:
            continue
        loads += run["load"]
        side = re.search(r"cpu-thread", r["side"] or "")
        side_cpu = re.search(r"wall ([0-9.]+) cpu-thread", r["side"] or "")
        text = (f"**opt {run['objective']}** {run['wall']} s" if run["status"] == "optimal"
                else f"{run['objective']} / {run['bound'] or 0:g}")
        text += f", {run['cpu']}"
        if side and side_cpu:
            text += f" (side {side_cpu.group(1)})"
        cells.setdefault((run["instance"], run["cpseed"]), {})[r["variant"]] = text
    print(f"`{path}` (load {min(loads):g}-{max(loads):g})\n")
    print("| instance | CP-SAT seed | " + " | ".join(variants) + " |")
    print("|---|---|" + "---|" * len(variants))
    for (instance, seed), by in cells.items():
        print(f"| {instance} | {seed} | " + " | ".join(by.get(v, "-") for v in variants) + " |")
    print()
