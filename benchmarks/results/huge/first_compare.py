"""Compare two ``first_schedule.py`` outputs: the facts (per session), the precheck's words,
the start schedule, the checker's report and the first schedule must be identical.

    python benchmarks/results/huge/first_compare.py BEFORE.pkl AFTER.pkl
"""

from __future__ import annotations

import pickle
import sys


def main(before_path: str, after_path: str) -> int:
    with open(before_path, "rb") as handle:
        before = pickle.load(handle)
    with open(after_path, "rb") as handle:
        after = pickle.load(handle)
    differ = 0
    for part in ("facts", "precheck", "start", "report", "first"):
        same = before[part] == after[part]
        extra = ""
        if part == "facts":
            changed = [sid for sid in before[part] if before[part][sid] != after[part].get(sid)]
            extra = f" ({len(before[part])} sessions, {len(changed)} differ {changed[:5]})"
            same = same and not changed
        print(f"{part:9s} {'identical' if same else 'DIFFERENT'}{extra}")
        differ += not same
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
