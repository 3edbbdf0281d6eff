"""The README's tables from ``drive.py``'s rows: ``python3 summary.py FILE.jsonl ...``.

Cells: ``objective / bound, CPU s`` per solve in file order, ``**opt N** CPU s`` when proven.
"""

import collections
import json
import sys
from pathlib import Path

rows = [json.loads(line) for name in sys.argv[1:]
        for line in Path(name).read_text(encoding="utf-8").splitlines() if line.strip()]
by = collections.defaultdict(list)
order: list[str] = []
variants: list[str] = []
for row in rows:
    if row["instance"] not in order:
        order.append(row["instance"])
    if row["variant"] not in variants:
        variants.append(row["variant"])
    by[(row["instance"], row["variant"])].append(row)


def cell(row: dict) -> str:
    if row["status"] == "optimal":
        return f"**opt {row['objective']:g}** {row['cpu']:.1f}"
    return f"{row['objective']} / {row['bound']:g}, {row['cpu']:.1f}"


print("| instance | " + " | ".join(variants) + " |")
print("|---|" + "---|" * len(variants))
for name in order:
    cells = ["; ".join(cell(r) for r in by.get((name, v), [])) for v in variants]
    print(f"| {name} | " + " | ".join(cells) + " |")
loads = [x for r in rows for x in r["load"]]
print(f"\nload {min(loads)}-{max(loads)}; {len(rows)} solves")
