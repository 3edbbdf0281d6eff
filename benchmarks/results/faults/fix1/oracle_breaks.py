"""Events whose pre-solve finding is hand1's "break cannot be placed" (sessions fixed in
its window), and the oracle's verdict on that finding.

    TREE=/path/to/tree python oracle_breaks.py FIRST:LAST
"""

from __future__ import annotations

import os
import sys

TREE = os.environ["TREE"]
sys.path[:0] = [TREE, TREE + "/tests/property"]

from oracle import diagnosis_claims  # noqa: E402
from oracle_events import SHAPES, event, load  # noqa: E402

from scheduler.diagnose import precheck  # noqa: E402
from scheduler.errors import InputError  # noqa: E402
from scheduler.facts import FactBuilder  # noqa: E402


def main() -> None:
    first, last = map(int, sys.argv[1].split(":"))
    for seed in range(first, last):
        for shape in SHAPES:
            try:
                scenario = load(event(shape, seed))
            except InputError:
                continue
            findings = [f for f in precheck(scenario, FactBuilder(scenario).build())
                        if f.subject.startswith("break") and "fill its window" in f.text]
            if findings:
                claims = diagnosis_claims(scenario, ["(the finding)"])
                wrong = [c.note for c in claims if not c.ok]
                print(shape, seed, "claims", len(claims), "wrong", len(wrong), wrong[:1])


if __name__ == "__main__":
    main()
