"""Expected participants of each planted session, so that it fits the room it was given.

The rule: a session expects 45-95% of its planted room's seats (80 when it has no room),
capped by its instrument (workshops 35, study tours 25 and 12-19, expert visits and
consultations 10), never fewer than 3; the registration desk expects nobody, and every
meeting of a series expects the smallest number drawn for any of its meetings.
"""

from __future__ import annotations

from scheduler.generate.state import Build

LIMITS = {"workshop": 35, "study-tour": 25, "expert-visit": 10, "consultation": 10}
"""Most participants an instrument takes, whatever the room."""


def size_sessions(b: Build) -> None:
    """Set ``participants`` on every planted session (see the module rule)."""
    capacity = {r.id: r.capacity for r in b.rooms}
    for item in b.plan:
        if item.instrument == "registration":
            continue
        room_cap = capacity.get(item.room or "", 80)
        value = int(room_cap * b.rng.uniform(0.45, 0.95))
        if item.instrument in LIMITS:
            value = min(value, LIMITS[item.instrument])
        if item.instrument == "study-tour":
            value = min(value, b.rng.randint(12, 19))
        item.participants = max(3, value)
    smallest: dict[str, int] = {}
    for item in b.plan:
        if item.series:
            smallest[item.series] = min(smallest.get(item.series, 10**6), item.participants)
    for item in b.plan:
        if item.series:
            item.participants = smallest[item.series]
