"""When the greedy stops whatever its counted work says: its time caps, one object.

A :class:`Cap` is the deadline the solve derives from the user's time limit, as the
greedy's phases see it: a CPU-seconds cap and a wall-clock deadline, each optional, read
through a :class:`Clock` (the system's, or a fake one in tests). Every long loop of the
greedy asks :meth:`Cap.reached` often (a round every :data:`CHECK_EVERY` sessions, the
chains at every spot, eject-and-reinsert at every insertion, the repair sub-model before
each model and while it gathers its neighbourhood), so a passed deadline stops it within
a bounded amount of work. Under ``--deterministic`` the solve gives the greedy
:meth:`Cap.never`: no clock is read, the counted work alone ends it.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

CHECK_EVERY = 16
"""A greedy round asks its cap after every this many sessions it takes (at 10,000
sessions a round places about 1,500 sessions per CPU second: the check costs nothing,
and a passed deadline stops the round within about 10 ms of CPU)."""


def _wall() -> float:
    return time.monotonic()  # looked up at each call: a test may patch ``time``


def _cpu() -> float:
    return time.process_time()


@dataclass(frozen=True)
class Clock:
    """Where the time is read: the wall clock (``time.monotonic``) and this process's CPU
    seconds (``time.process_time``). Tests pass fake ones (a clock that jumps)."""

    wall: Callable[[], float] = _wall
    cpu: Callable[[], float] = _cpu


SYSTEM = Clock()


@dataclass(frozen=True)
class Cap:
    """When the greedy stops whatever its work counts say: a CPU-seconds cap (on
    ``clock.cpu``) and, optionally, a wall-clock deadline (on ``clock.wall``); ``inf``
    and None mean no cap."""

    cpu: float = math.inf
    wall: float | None = None
    clock: Clock = field(default=SYSTEM, compare=False)

    @classmethod
    def never(cls) -> Cap:
        """No cap at all: only counted work ends the greedy (``--deterministic``)."""
        return cls()

    @property
    def unbounded(self) -> bool:
        """Whether this cap never fires (and so never reads a clock)."""
        return self.cpu == math.inf and self.wall is None

    def reached(self) -> bool:
        """Whether either cap has come (reads no clock when there is none)."""
        if self.cpu != math.inf and self.clock.cpu() >= self.cpu:
            return True
        return self.wall is not None and self.clock.wall() >= self.wall

    def wall_left(self) -> float | None:
        """Wall-clock seconds left (None: no wall deadline)."""
        return None if self.wall is None else max(0.0, self.wall - self.clock.wall())

    def share(self, part: float) -> Cap:
        """A cap ending ``part`` of the way from now to this one."""
        cpu = (math.inf if self.cpu == math.inf
               else (now := self.clock.cpu()) + part * max(0.0, self.cpu - now))
        wall = (None if self.wall is None
                else (at := self.clock.wall()) + part * max(0.0, self.wall - at))
        return Cap(cpu, wall, self.clock)


def every(cap: Cap, n: int = CHECK_EVERY) -> Callable[[], bool]:
    """A check to call once per unit of work: True once ``cap`` has passed, asked every
    ``n``-th call (and never when the cap is unbounded)."""
    if cap.unbounded:
        return lambda: False
    count = 0

    def check() -> bool:
        nonlocal count
        count += 1
        return count % n == 0 and cap.reached()
    return check
