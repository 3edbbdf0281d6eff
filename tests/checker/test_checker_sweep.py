"""The checker's sweep for overlapping pairs (room and track overlaps) finds exactly the
pairs, in exactly the order, that testing every pair finds; reversed and empty spans
included (the old and new checkers' whole reports are compared on 96 schedules by
benchmarks/results/huge/process6/same_report.py)."""

from __future__ import annotations

import datetime as dt
import random
from types import SimpleNamespace
from typing import cast

from scheduler.checker.plan import Placed, overlapping_pairs, overlaps


def test_the_sweep_finds_every_overlapping_pair_in_the_pairs_order() -> None:
    rng = random.Random(7)
    days = [dt.date(2026, 6, 1), dt.date(2026, 6, 2)]
    for _ in range(300):
        items = []
        for i in range(rng.randint(0, 25)):
            start = rng.randrange(0, 200, 5)
            end = start + rng.choice([-10, 0, 5, 15, 30, 60, 90])
            items.append(SimpleNamespace(id=str(i), day=rng.choice(days), start=start,
                                         end=end))
        placed = cast(list[Placed], items)
        every = [(a, b) for i, a in enumerate(placed) for b in placed[i + 1:]
                 if overlaps(a, b)]
        assert list(overlapping_pairs(placed)) == every
