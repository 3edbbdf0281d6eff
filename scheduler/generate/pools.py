"""A pool of people the solver chooses from (``--pool-size N``), with a planted assignment.

The rule: with a pool, N people are drawn first, each with one or two of the pooled roles
(facilitator, expert, jury, coordinator, broker), the languages they speak and one to three
topics. A session's pooled roles are then not named but written as ``needs:``; the plan still
fills them (:func:`pick_pooled`) with a pool member who has the role, is free at the planted
time and has fewer than three planted sessions that day, so the planted timetable carries a
*planted assignment* and stays a proof of feasibility. A pooled role nobody with it can take
is given to a free pool member (their ``roles:`` grow); when no pool member is free at all,
a new person is named for it as without a pool. A series keeps its people named (one pool
member for all its meetings). Afterwards :func:`narrow` writes, only where the planted
people satisfy it, a session ``language:`` (25%), ``topics:`` (25% of one-person needs),
``candidates:`` (5%) and a competition's ``entrants:``; :func:`pool_fields` writes each pool
member's roles, languages, topics and load limits no lower than their planted load.
"""

from __future__ import annotations

from typing import Any

from scheduler.generate.names import ORGS
from scheduler.generate.state import Build, Planned

POOLED = {"facilitator": 4.0, "expert": 2.0, "jury": 1.5, "coordinator": 1.5, "broker": 1.0}
"""Pooled roles (the names of ``people.ROLES`` pools) and how often a member has each."""

LANGUAGES = (("ru", 0.8), ("en", 0.6), ("ky", 0.4), ("uz", 0.1))
"""Languages and the share of pool members speaking each (everyone speaks at least one)."""

TOPICS = ("agriculture", "water", "health", "education", "digital", "finance", "energy",
          "climate", "gender", "youth", "trade", "tourism")
"""Topic tags of pool members and sessions."""

PER_DAY = 3
"""Most planted sessions a pool member gets per day."""


def make_pool(b: Build) -> None:
    """Draw the pool's members (ids first in ``people:``) with roles, languages, topics."""
    from scheduler.generate.people import new_person

    roles, weights = list(POOLED), list(POOLED.values())
    for _ in range(b.p.pool_size):
        pid = new_person(b, "pool", None)
        mine = {b.rng.choices(roles, weights)[0]}
        if b.rng.random() < 0.4:
            mine.add(b.rng.choices(roles, weights)[0])
        spoken = [lang for lang, share in LANGUAGES if b.rng.random() < share]
        b.people[pid].update(roles=[r for r in roles if r in mine],
                             languages=spoken or ["ru"],
                             topics=sorted(b.rng.sample(TOPICS, b.rng.randint(1, 3))))
        b.pools.setdefault("pool", []).append(pid)


def pick_pooled(b: Build, role: str, slots: list[tuple[int, int, int]],
                used: set[str]) -> str | None:
    """A pool member free at ``slots`` for ``role`` (booked), or None if nobody is free."""
    from scheduler.generate.people import is_free

    day = slots[0][0]
    free = [pid for pid in b.pools.get("pool", []) if pid not in used
            and sum(1 for d, _, _ in b.busy[pid] if d == day) < PER_DAY
            and is_free(b, pid, slots)]
    if not free:
        return None
    able = [pid for pid in free if role in b.people[pid]["roles"]]
    pid = b.rng.choice(able or free)
    if role not in b.people[pid]["roles"]:
        b.people[pid]["roles"].append(role)
    b.busy[pid].extend(slots)
    return pid


def narrow(b: Build) -> None:
    """Language, topics, candidates and entrants, each kept by the planted assignment."""
    pool = b.pools.get("pool", [])
    for item in sorted(b.plan, key=lambda s: s.id):
        chosen = [pid for ids in item.chosen.values() for pid in ids]
        if not chosen:
            continue
        common = set.intersection(*(set(b.people[p]["languages"]) for p in chosen))
        if common and b.rng.random() < 0.25:
            item.extra["language"] = b.rng.choice(sorted(common))
        if len(chosen) == 1 and b.rng.random() < 0.25:
            own = b.people[chosen[0]]["topics"]
            item.extra["topics"] = sorted({b.rng.choice(own), b.rng.choice(TOPICS)})
        if b.rng.random() < 0.05:
            role = next(iter(item.chosen))
            others = [p for p in pool if role in b.people[p]["roles"] and p not in chosen]
            extra = b.rng.sample(others, min(len(others), b.rng.randint(2, 5)))
            item.extra["candidates"] = sorted({*chosen, *extra})
        if item.instrument == "competition":
            jury_orgs = {b.people[p]["organisation"] for p in chosen}
            entrants = [o for o in ORGS if o not in jury_orgs]
            item.extra["entrants"] = sorted(b.rng.sample(entrants, min(2, len(entrants))))


def pool_fields(b: Build, pid: str, person: dict[str, Any]) -> None:
    """A pool member's roles, languages, topics and (for some) load limits, written into
    ``person``; every limit is at least the member's planted load."""
    info = b.people[pid]
    person.update(roles=info["roles"], languages=info["languages"], topics=info["topics"])
    busy = b.busy[pid]
    if b.rng.random() < 0.4:
        person["max-sessions"] = max(1, len(busy) + b.rng.randint(0, 2))
    if b.rng.random() < 0.3:
        days = {d for d, _, _ in busy}
        most = max((sum(e - s for d, s, e in busy if d == day) for day in days), default=0)
        person["max-hours-per-day"] = max(1, -(-most // 60) + b.rng.randint(0, 2))


def pooled_people(b: Build, item: Planned, roles: list[tuple[str, int, str]],
                  used: set[str]) -> dict[str, list[str]]:
    """Fill the pooled roles of a non-series session from the pool (recorded in
    ``item.chosen``); the others are left for the caller. Returns role -> people chosen."""
    slots = [(item.day, item.start, item.end)]
    for role, count, pool in roles:
        if pool not in POOLED or role != pool:
            continue  # e.g. a conference's chair comes from the facilitators: stays named
        for _ in range(count):
            pid = pick_pooled(b, role, slots, used)
            if pid is None:
                continue
            used.add(pid)
            item.chosen.setdefault(role, []).append(pid)
    return item.chosen
