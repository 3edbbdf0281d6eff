"""Whether two schedule files place every session the same way (day, start, room, track,
people) and state the same objective; the solve's own facts (time taken) are ignored.

    python benchmarks/results/huge/deadline/same_schedule.py a.yaml b.yaml

Prints ``same`` (exit 0) or the first differences (exit 1).
"""

from __future__ import annotations

import sys
from typing import Any

from scheduler.schedule import load_schedule


def placement(path: str) -> tuple[list[tuple[Any, ...]], float | None]:
    schedule = load_schedule(path)
    rows = sorted((s.id, str(s.day), s.start, s.room, s.track,
                   tuple(sorted((role, tuple(ids)) for role, ids in s.people.items())))
                  for s in schedule.sessions)
    return rows, schedule.objective


def main(first: str, second: str) -> int:
    (a, objective_a), (b, objective_b) = placement(first), placement(second)
    if a == b and objective_a == objective_b:
        print(f"same: {len(a)} sessions, objective {objective_a}")
        return 0
    print(f"differ: objectives {objective_a} / {objective_b}; sessions {len(a)} / {len(b)}")
    for x, y in [(x, y) for x, y in zip(a, b, strict=False) if x != y][:10]:
        print(" ", x, "\n ", y)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
