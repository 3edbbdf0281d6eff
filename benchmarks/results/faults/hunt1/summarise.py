"""Counts of a fuzz run: cases by kind, shape and size, statuses, findings.
Usage: python benchmarks/results/faults/hunt1/summarise.py RUN.jsonl [...]"""

from __future__ import annotations

import collections
import json
import re
import sys
from pathlib import Path

by = collections.Counter()
status = collections.Counter()
findings = []
skipped = 0
for path in sys.argv[1:]:
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r.get("skipped"):
            skipped += 1
            continue
        kind = r["case"].split(":")[0]
        m = re.search(r"gen:(\w+):n(\d+)", r["case"])
        shape = f"{m.group(1)}-{m.group(2)}" if m else r["case"].split(":")[1].split("/")[-1]
        by[(kind, shape.split("-")[0])] += 1
        st = r.get("status") or ("load_error" if "load_error" in r else "crash")
        status[(kind, st)] += 1
        if r.get("bugs") or r.get("crash") or r.get("check_crash"):
            findings.append(r)
print("cases by kind and shape:", dict(sorted(by.items())))
print("statuses by kind:", dict(sorted(status.items())))
print("witness mutations skipped (planted timetable broken by the mutation):", skipped)
print("findings:", len(findings))
for r in findings:
    print(" ", json.dumps(r, ensure_ascii=False)[:500])
