"""The ``people`` events across midnight with a changeover, judged against another tree.

    PYTHONPATH=/tmp/main python benchmarks/results/faults/oracle2/baseline_midnight.py 0:200

The scheduler comes from PYTHONPATH (e.g. a ``git archive`` of main), the oracle and the
events from this branch's tests/property. One JSON line per judged event (solve claims
only): ``runs/baseline-main.jsonl`` is main 1bb283d, seeds 0-199.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[4] / "tests" / "property"))

from oracle import Budget, Oracle, solve_claims  # noqa: E402
from oracle_events import event, load  # noqa: E402

from scheduler.errors import InputError  # noqa: E402


def main() -> None:
    first, last = map(int, sys.argv[1].split(":"))
    for seed in range(first, last):
        data = event("people", seed)
        if data["event"]["day-end"] != "24:00" or "changeover" not in data["event"]:
            continue
        try:
            scenario = load(data)
            truth = Oracle(scenario, 8000).run()
        except (InputError, Budget):
            continue
        claims = solve_claims(scenario, truth, "solve", diagnose=False)
        print(json.dumps({"seed": seed, "feasible": truth.feasible, "best": truth.best,
                          "claims": [(c.status, c.value, c.ok, c.note) for c in claims]},
                         ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
