"""Load a scenario file, print the load's CPU seconds, and pickle ``model_dump()`` so that
two loads (before and after a change) can be compared for identity.

Usage: python benchmarks/results/huge/load_dump.py SCENARIO.yaml OUT.pkl
"""

from __future__ import annotations

import pickle
import sys
import time

from scheduler.scenario import load_scenario


def main(scenario: str, out: str) -> None:
    """Load ``scenario``, print its CPU seconds, write its ``model_dump()`` to ``out``."""
    start = time.process_time()
    loaded = load_scenario(scenario)
    print("load CPU s:", round(time.process_time() - start, 2), flush=True)
    with open(out, "wb") as handle:
        pickle.dump(loaded.model_dump(), handle)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
