"""Facilitators, speakers and the other people of each planted session, free when booked.

The rule: each instrument has roles to fill (``ROLES``: role, how many, which pool). A
role is filled by someone already in the pool (with the pool's reuse chance, ``REUSE``)
who is free at all of the session's planted times, not already in the session, from a
different organisation for twinning partners, and booked fewer than three times that day;
otherwise by a new person. A series keeps the same people for all its meetings. A
competition's jury comes from two organisations. With a pool (``--pool-size``) the pooled
roles come from it instead (:mod:`scheduler.generate.pools`).
"""

from __future__ import annotations

from scheduler.generate.names import organisation, person_name
from scheduler.generate.pools import POOLED, pick_pooled, pooled_people
from scheduler.generate.state import Build, Planned

ROLES: dict[str, list[tuple[str, int, str]]] = {
    "workshop": [("facilitator", 1, "facilitator")],
    "dialogue": [("facilitator", 1, "facilitator")],
    "unconference": [("facilitator", 1, "facilitator")],
    "knowledge-jam": [("facilitator", 1, "facilitator"), ("broker", 1, "broker")],
    "competition": [("jury", 3, "jury")],
    "community-of-practice": [("coordinator", 1, "coordinator")],
    "study-tour": [("coordinator", 1, "coordinator")],
    "expert-visit": [("expert", 1, "expert")],
    "consultation": [("expert", 1, "expert")],
    "twinning": [("representative", 2, "org")],
    "talk": [("speaker", 1, "speaker")],
    "lecture": [("speaker", 1, "speaker")],
    "plenary": [("speaker", 1, "speaker")],
    "presentation": [("speaker", 3, "speaker")],
    "conference": [("chair", 1, "facilitator"), ("speaker", 3, "speaker")],
    "opening": [("facilitator", 1, "host"), ("speaker", 2, "speaker")],
    "closing": [("facilitator", 1, "host")],
    "award-ceremony": [("facilitator", 1, "host")],
}
"""Per instrument: (role written in the scenario, how many, the pool people come from)."""

REUSE = {"facilitator": 0.75, "broker": 0.5, "jury": 0.5, "coordinator": 0.3,
         "expert": 0.6, "org": 0.4, "speaker": 0.15, "host": 0.95}
"""Chance that a role is offered to someone already in the pool (0.3 for other pools)."""

Slot = tuple[int, int, int]
"""A planted (day, start, end)."""


def assign_people(b: Build) -> None:
    """Fill the roles of each session with people who are free in the plan."""
    series_people: dict[str, dict[str, list[str]]] = {}
    meetings: dict[str, list[Planned]] = {}
    for item in b.plan:
        if item.series:
            meetings.setdefault(item.series, []).append(item)
    for item in sorted(b.plan, key=lambda s: (s.day, s.start, s.id)):
        if item.series and item.series in series_people:
            item.people = series_people[item.series]
            continue
        slots = [(s.day, s.start, s.end) for s in meetings.get(item.series or "", [item])]
        roles = list(ROLES.get(item.instrument, []))
        if b.p.speakers_per_session > 1 and item.instrument == "conference":
            roles = [("chair", 1, "facilitator"),
                     ("speaker", b.p.speakers_per_session, "speaker")]
        people: dict[str, list[str]] = {}
        used: set[str] = set()
        orgs: set[str] = set()
        chosen = pooled_people(b, item, roles, used) if b.p.pool_size and not item.series else {}
        for role, count, pool in roles:
            for _ in range(count - len(chosen.get(role, []))):
                pid = pick_person(b, pool, slots, used, orgs if pool == "org" else None)
                used.add(pid)
                people.setdefault(role, []).append(pid)
        _jury_of_two_organisations(b, item, people, slots)
        for role, ids in chosen.items():
            people.setdefault(role, []).extend(ids)
        item.people = people
        if item.series:
            series_people[item.series] = people


def _jury_of_two_organisations(b: Build, item: Planned, people: dict[str, list[str]],
                               slots: list[Slot]) -> None:
    """A competition's jury comes from two organisations (``jury-min-organisations``): a
    jury drawn from one gets its last member replaced by a new person of another."""
    jury = people.get("jury", [])
    if item.instrument != "competition" or len(jury) < 2:
        return
    orgs = {b.people[pid]["organisation"] for pid in jury}
    if len(orgs) > 1:
        return
    last = jury[-1]
    for slot in slots:
        b.busy[last].remove(slot)
    pid = new_person(b, "jury", set(orgs))
    b.pools.setdefault("jury", []).append(pid)
    book(b, pid, slots, None)
    jury[-1] = pid


def pick_person(b: Build, pool: str, slots: list[Slot], used: set[str],
                orgs: set[str] | None) -> str:
    """Someone from the pool who can take the slots (six tries), else a new person."""
    if b.p.pool_size and pool in POOLED:
        pid = pick_pooled(b, pool, slots, used)  # a series: one pool member for all meetings
        if pid is not None:
            return pid
    members = b.pools.setdefault(pool, [])
    if members and b.rng.random() < REUSE.get(pool, 0.3):
        for _ in range(6):
            pid = b.rng.choice(members)
            if pid in used or not is_free(b, pid, slots):
                continue
            if orgs is not None and b.people[pid]["organisation"] in orgs:
                continue
            if sum(1 for d, _, _ in b.busy[pid] if d == slots[0][0]) >= 3:
                continue
            book(b, pid, slots, orgs)
            return pid
    pid = new_person(b, pool, orgs)
    members.append(pid)
    book(b, pid, slots, orgs)
    return pid


def is_free(b: Build, pid: str, slots: list[Slot]) -> bool:
    """Whether none of the slots overlaps a time the person is already booked for."""
    return all(not (d == d2 and s < e2 and s2 < e)
               for d, s, e in slots for d2, s2, e2 in b.busy[pid])


def book(b: Build, pid: str, slots: list[Slot], orgs: set[str] | None) -> None:
    """Mark the person busy at the slots (and their organisation taken, for twinning)."""
    b.busy[pid].extend(slots)
    if orgs is not None:
        orgs.add(b.people[pid]["organisation"])


def new_person(b: Build, pool: str, orgs: set[str] | None) -> str:
    """A new person of the pool, with a name and an organisation not in ``orgs``."""
    pid = f"p{len(b.people) + 1:05d}"
    name = person_name(b.rng)
    b.people[pid] = {"id": pid, "name": name, "organisation": organisation(b.rng, orgs),
                     "pool": pool}
    b.busy[pid] = []
    return pid
