"""The planted timetable's checked objective of the 10,000-session congress, per seed.

    python benchmarks/results/huge/planted.py 3 4

The same function ``benchmarks.run`` uses (``benchmarks.yardstick.generate_with_yardstick``)
on ``confsched generate --shape large --sessions 10000 --rooms 300 --days 5
--registrations 15000 --seed S``.
"""

from __future__ import annotations

import sys
import time

from benchmarks.yardstick import generate_with_yardstick
from scheduler.generate import params_for


def main(seeds: list[int]) -> None:
    """Print each seed's planted objective, whether the checker accepts it, and its CPU s."""
    params = params_for("large", sessions=10_000, rooms=300, days=5, registrations=15_000)
    for seed in seeds:
        cpu = time.process_time()
        _, yardstick = generate_with_yardstick(params, seed)
        print("seed", seed, "planted", yardstick["planted_objective"], "ok",
              yardstick["planted_ok"], "cpu", round(time.process_time() - cpu, 1), flush=True)


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]])
