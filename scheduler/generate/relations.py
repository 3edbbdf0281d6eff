"""Extra constraints between and on planted sessions, each one true of the plan.

The rule: a facilitator's later session on the same day may be ``after`` (and half of
those ``same-day-as``) their earlier one; one session in 25 is ``not-parallel-with``
another it does not overlap in the plan; a few sessions are pinned to their planted
time, limited to a room list containing their planted room, given an ``earliest`` start
at or before their planted one, a ``days`` list containing their planted day, or made
optional. Only with ``extras``.
"""

from __future__ import annotations

from scheduler.generate.state import Build, Planned, overlap
from scheduler.timeparse import format_clock


def add_relations(b: Build) -> None:
    """Ordering, same-day, not-parallel, pins, room lists and windows the plan obeys."""
    regular = [s for s in b.plan if not s.exclusive and not s.series
               and s.instrument not in ("study-tour", "competition")]
    by_facilitator: dict[str, list[Planned]] = {}
    for item in regular:
        for pid in item.people.get("facilitator", []):
            by_facilitator.setdefault(pid, []).append(item)
    for items in by_facilitator.values():
        items.sort(key=lambda s: (s.day, s.start))
        for first, second in zip(items, items[1:], strict=False):
            if first.day == second.day and b.rng.random() < 0.5:
                second.extra.setdefault("after", []).append(first.id)
                if b.rng.random() < 0.5:
                    second.extra.setdefault("same-day-as", []).append(first.id)
    for item in b.rng.sample(regular, k=len(regular) // 25):
        other = b.rng.choice(regular)
        if other is not item and not overlap(item, other) and other.id not in item.extra.get(
                "after", []):
            item.extra.setdefault("not-parallel-with", []).append(other.id)
    for item in regular:
        roll = b.rng.random()
        if roll < 0.02 and item.room:
            item.extra["pin"] = {"day": b.dates[item.day].isoformat(),
                                 "start": format_clock(item.start)}
        elif roll < 0.06 and item.room:
            allow_rooms(b, item)
        elif roll < 0.09:
            lo = b.day_blocks[item.day][0][0]
            item.extra["earliest"] = format_clock(max(lo, item.start - 2 * 60) // b.g * b.g)
        elif roll < 0.12 and b.p.days > 1:
            days = {item.day, b.rng.randrange(b.p.days)}
            item.extra["days"] = [b.dates[d].isoformat() for d in sorted(days)]
        elif roll < 0.15:
            item.extra["optional"] = True


def allow_rooms(b: Build, item: Planned) -> None:
    """A room list: the planted room and up to two others that fit the session."""
    assert item.room is not None
    capacity = {r.id: r for r in b.rooms if r.id != "offsite"}
    others = [r.id for r in capacity.values() if r.id != item.room
              and r.capacity >= item.participants
              and (item.needs_tag is None or item.needs_tag in r.tags)]
    chosen = [item.room, *b.rng.sample(others, k=min(2, len(others)))]
    item.extra["rooms"] = sorted(chosen)
