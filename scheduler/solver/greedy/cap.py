"""When the greedy stops whatever its counted work says: its time caps."""

from __future__ import annotations

import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Cap:
    """When the greedy stops whatever its work counts say: a CPU-seconds cap
    (``time.process_time``) and, optionally, a wall-clock deadline (``time.monotonic``)."""

    cpu: float
    wall: float | None = None

    def reached(self) -> bool:
        """Whether either cap has passed."""
        return time.process_time() > self.cpu or (
            self.wall is not None and time.monotonic() > self.wall)

    def share(self, part: float) -> Cap:
        """A cap ending ``part`` of the way from now to this one."""
        cpu, wall = time.process_time(), time.monotonic()
        return Cap(cpu + part * max(0.0, self.cpu - cpu),
                   None if self.wall is None else wall + part * max(0.0, self.wall - wall))
