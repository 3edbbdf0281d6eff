"""What the scenario says about each person: availability, preferences, daily limits.

The rule: of the people with planted sessions, about 30% get one availability window per
day they work, covering all their planted sessions of that day with up to three hours of
slack each side (inside the day frame); 10% prefer the first four hours of the day and 5%
avoid its last 90 minutes (soft terms); 30% of facilitators (not in ``simple``) get a
daily session limit no lower than their busiest planted day. Pool members (``--pool-size``)
also get their roles, languages, topics and load limits (:func:`pools.pool_fields`).
"""

from __future__ import annotations

from typing import Any

from scheduler.generate.layout import day_layout
from scheduler.generate.pools import pool_fields
from scheduler.generate.state import Build
from scheduler.timeparse import format_clock


def people_entries(b: Build) -> list[dict[str, Any]]:
    """People, some with limited availability, preferences and daily limits."""
    out = []
    for pid, info in b.people.items():
        person: dict[str, Any] = {"id": pid, "name": info["name"],
                                  "organisation": info["organisation"]}
        busy = b.busy[pid]
        roll = b.rng.random()
        if busy and roll < 0.3:
            person["available"] = windows(b, busy)
        elif busy and roll < 0.4:
            person["prefer"] = [{"start": format_clock(b.p.layout.start),
                                 "end": format_clock(b.p.layout.start + 240)}]
        elif busy and roll < 0.45:
            person["avoid"] = [{"start": format_clock(b.p.layout.end - 90),
                                "end": format_clock(b.p.layout.end)}]
        if (busy and info["pool"] == "facilitator" and not b.p.simple
                and b.rng.random() < 0.3):
            per_day = max(sum(1 for d, _, _ in busy if d == day) for day in
                          {d for d, _, _ in busy})
            person["max-sessions-per-day"] = per_day + b.rng.randint(0, 1)
        if info["pool"] == "pool":
            pool_fields(b, pid, person)
        out.append(person)
    return out


def windows(b: Build, busy: list[tuple[int, int, int]]) -> list[dict[str, str]]:
    """One window a day the person works: around their planted sessions, some slack."""
    out = []
    for day in sorted({d for d, _, _ in busy}):
        frame_start = day_layout(b.p, day).start
        frame_end = day_layout(b.p, day).end
        start = min(s for d, s, _ in busy if d == day)
        end = max(e for d, _, e in busy if d == day)
        lo = max(frame_start, start - b.g * b.rng.randint(0, 12))
        hi = min(frame_end, end + b.g * b.rng.randint(0, 12))
        out.append({"day": b.dates[day].isoformat(), "start": format_clock(lo),
                    "end": format_clock(hi)})
    return out
