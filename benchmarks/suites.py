"""Benchmark suites: which generated instances to run, and at which time limit.

An instance is a generator call (shape, overrides, ``simple``) and a seed; the same
instance is given to every solver. ``time_limit`` is the default budget per solve in
seconds (``--time-limit`` overrides it for all).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scheduler.generate import GeneratorParams, params_for


@dataclass(frozen=True)
class Instance:
    """One generated benchmark instance."""

    name: str
    shape: str
    overrides: dict[str, Any] = field(default_factory=dict)
    simple: bool = False
    time_limit: float = 10.0

    def params(self) -> GeneratorParams:
        return params_for(self.shape, simple=self.simple, **self.overrides)


def _talks(n: int, limit: float) -> Instance:
    """A talks-only instance of ``n`` sessions, sized like a Python conference (2 days)."""
    rooms = max(2, -(-n // 18))
    return Instance(f"talks-{n}", "pycon", {"sessions": n, "rooms": rooms, "days": 2,
                                           "tracks": rooms, "registrations": 3 * n},
                    simple=True, time_limit=limit)


SUITES: dict[str, list[Instance]] = {
    "ci": [
        Instance("seminar", "seminar", time_limit=3.0),
        Instance("pycon-40", "pycon", {"sessions": 40, "rooms": 4, "registrations": 80},
                 time_limit=3.0),
        _talks(12, 3.0),
    ],
    "small": [
        Instance("seminar", "seminar", time_limit=30.0),
        Instance("pycon", "pycon", time_limit=30.0),
        _talks(25, 60.0),
        _talks(50, 120.0),
        _talks(100, 300.0),
    ],
    "full": [
        Instance("seminar", "seminar", time_limit=30.0),
        Instance("pycon", "pycon", time_limit=30.0),
        _talks(25, 300.0),
        _talks(50, 300.0),
        _talks(100, 300.0),
        _talks(200, 300.0),
        Instance("large", "large", time_limit=60.0),
        Instance("euro", "euro", time_limit=120.0),
        Instance("informs", "informs", time_limit=300.0),
    ],
    "huge": [
        # the largest medical and engineering congresses (issue #17, item 4)
        Instance("congress-10k", "large", {"sessions": 10_000, "rooms": 300, "days": 5,
                                           "registrations": 15_000}, time_limit=120.0),
    ],
    "big": [
        Instance("large", "large", time_limit=60.0),
        Instance("euro", "euro", time_limit=120.0),
        Instance("informs", "informs", time_limit=300.0),
    ],
}

SOLVERS = ("confsched", "greedy", "conference-scheduler")
DETERMINISTIC_SOLVERS = ("confsched", "greedy")
"""The solvers whose ``--deterministic`` runs are reproducible (the peer's PuLP/CBC stops
on the wall clock: under load it found 378 once and nothing once on talks-12)."""
