"""The soft rules of docs/rules.md, recomputed from the schedule: one function per term.

Each function returns the term's *value* and a short detail; the weight comes from the
scenario's ``weights:`` and ``penalty = weight * value``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from math import ceil

from scheduler.checker import rules_groups
from scheduler.checker.plan import Placed, Plan, inside_one, touches_any
from scheduler.checker.rules_groups import headcount
from scheduler.scenario.model import Session
from scheduler.schedule import Schedule

Value = tuple[int, str | None]


def participant_clashes(plan: Plan) -> Value:
    """Sum over overlapping pairs of placed sessions of the people who want both."""
    value, pairs = 0, 0
    by_id = plan.by_id
    for (a_id, b_id), count in plan.scenario.interest_counts().items():
        if not count:
            continue
        a, b = by_id.get(a_id), by_id.get(b_id)
        if a is not None and b is not None and a.day == b.day and a.start < b.end \
                and b.start < a.end:  # overlaps(a, b), inline: 500,000 pairs at 10,000
            value, pairs = value + count, pairs + 1
    return value, f"{pairs} overlapping pair{'s' * (pairs != 1)} wanted together"


def preferences(plan: Plan) -> Value:
    """(session, person) pairs in one of the person's avoid windows, plus pairs outside
    all of a person's prefer windows (named and chosen people alike)."""
    scenario, avoided, unpreferred = plan.scenario, 0, 0
    for pid, sessions in plan.by_person.items():
        person = plan.people.get(pid)
        if person is None or not (person.avoid or person.prefer):
            continue
        avoid = scenario.windows_in_event_time(person.avoid, person.timezone)
        prefer = scenario.windows_in_event_time(person.prefer, person.timezone)
        for p in sessions:
            interval = plan.event_span(p)
            if interval is None:
                continue
            avoided += bool(person.avoid) and touches_any(interval, avoid)
            unpreferred += bool(person.prefer) and not inside_one(interval, prefer)
    return avoided + unpreferred, f"{avoided} in avoided times, {unpreferred} outside preferred"


def _extra_rooms(groups: dict[tuple[str, dt.date], set[str]]) -> int:
    return sum(max(0, len(rooms) - 1) for rooms in groups.values())


def _rooms_by(plan: Plan, keys: Callable[[Placed], Iterable[str]]
              ) -> dict[tuple[str, dt.date], set[str]]:
    groups: dict[tuple[str, dt.date], set[str]] = {}
    for p in plan.placed:
        if p.room is None:
            continue
        for key in keys(p):
            groups.setdefault((key, p.day), set()).add(p.room)
    return groups


def track_room_stability(plan: Plan) -> Value:
    """Sum over (track, day) of the rooms the track uses that day beyond one."""
    groups = _rooms_by(plan, lambda p: [p.track] if p.track else [])
    return _extra_rooms(groups), f"{len(groups)} track-days with rooms"


def room_fit(plan: Plan) -> Value:
    """Wasted seats in tens: sum of (capacity - participants) // 10 over sessions in rooms
    (a room too small wastes nothing; that is a room-capacity violation)."""
    value = 0
    for p in plan.placed:
        room = plan.room(p)
        if room is not None:
            value += max(0, (room.capacity - headcount(p)) // 10)
    return value, None


def facilitator_same_room(plan: Plan) -> Value:
    """Sum over (facilitator, named or chosen, day) of the rooms of the sessions they
    facilitate that day beyond one."""
    groups = _rooms_by(plan, lambda p: p.people.get("facilitator", []))
    return _extra_rooms(groups), f"{len(groups)} facilitator-days with rooms"


def compact_days(plan: Plan) -> Value:
    """Sum over days with a session of (latest end - frame start) // granularity."""
    scenario, value = plan.scenario, 0
    for day in scenario.days:
        ends = [p.end for p in plan.placed if p.day == day]
        if ends:
            value += (max(ends) - scenario.frame(day)[0]) // scenario.event.granularity
    return value, None


def instrument_spread(plan: Plan) -> Value:
    """Sum over (instrument with two or more sessions, day) of that day's sessions of it
    beyond an even share, ceil(sessions / days)."""
    scenario, value = plan.scenario, 0
    totals: dict[str, int] = {}
    for session in scenario.sessions:
        totals[session.instrument] = totals.get(session.instrument, 0) + 1
    placed: dict[tuple[str, dt.date], int] = {}  # counted in one pass over the schedule
    for p in plan.placed:
        key = (p.session.instrument, p.day)
        placed[key] = placed.get(key, 0) + 1
    days = scenario.days
    for name, total in totals.items():
        if total < 2:
            continue
        share = ceil(total / len(days))
        for day in days:
            value += max(0, placed.get((name, day), 0) - share)
    return value, None


def preferred_size(plan: Plan) -> Value:
    """Sum over placed sessions of the participants above the instrument's preferred
    maximum."""
    value = 0
    for p in plan.placed:
        preferred = p.instrument.preferred_max_participants
        if preferred is not None:
            value += max(0, headcount(p) - preferred)
    return value, None


def dropped(plan: Plan) -> Value:
    """Optional sessions left out."""
    optional = {s.id for s in plan.scenario.sessions if s.optional}
    left_out = [sid for sid in plan.dropped if sid in optional and sid not in plan.by_id]
    return len(left_out), ", ".join(left_out) or None


def changes(plan: Plan, earlier: Schedule) -> Value:
    """Re-solve only: over sessions in both schedules, 1 if the start moved, +1 if the day
    changed, +1 if the room changed, +1 per person listed in a role before and not now, +1
    per registration given the session before and not now (docs/resolve.md)."""
    before = {item.id: item for item in earlier.sessions}
    moved = day = room = people = regrouped = 0
    for p in plan.placed:
        old = before.get(p.id)
        if old is None:
            continue
        moved += (old.day, old.start) != (p.day, p.start)
        day += old.day != p.day
        room += old.room != p.room
        people += sum(pid not in p.entry.people.get(role, [])
                      for role, ids in old.people.items() for pid in ids)
        regrouped += sum(rid not in p.entry.registrations for rid in old.registrations)
    detail = f"{moved} moved, {day} to another day, {room} to another room"
    detail += f", {people} re-assigned" if people else ""
    detail += f", {regrouped} registrations moved" if regrouped else ""
    return moved + day + room + people + regrouped, detail


def fair_load(plan: Plan) -> Value:
    """The most placed sessions one person is listed in beyond those the scenario names."""
    load: dict[str, int] = {}
    for p in plan.placed:
        for pid in set(p.person_ids) - set(p.session.person_ids):
            load[pid] = load.get(pid, 0) + 1
    if not load:
        return 0, "nobody chosen from a pool"
    busiest = max(load.values())
    who = sorted(plan.person_label(pid) for pid, n in load.items() if n == busiest)
    return busiest, f"busiest: {', '.join(who[:3])}"


def continuity(plan: Plan) -> Value:
    """Per series and role its instrument only prefers to keep (and that the pool fills):
    the distinct people in the role over its placed meetings beyond the most in one."""
    value, series = 0, 0
    meetings: dict[str, list[Placed]] = {}
    for p in plan.placed:
        if p.session.series is not None:
            meetings.setdefault(p.session.series, []).append(p)
    for group in meetings.values():
        rule, first = group[0].instrument, group[0].session
        total = sum(s.series == first.series for s in plan.scenario.sessions)
        for role in rule.preferred_continuity_roles:
            if role in rule.continuity_roles or total < 2 or not _pooled(plan, first, role):
                continue
            lists = [p.people.get(role, []) for p in group]
            extra = len({pid for ids in lists for pid in ids}) - max(map(len, lists))
            value, series = value + extra, series + (extra > 0)
    return value, f"{series} series changing people"


def _pooled(plan: Plan, session: Session, role: str) -> bool:
    """Whether the session takes people for ``role`` from the pool."""
    if session.needs is not None:
        return session.needs.get(role, 0) > 0
    least = plan.scenario.catalogue[session.instrument].required_roles.get(role, 0)
    return least > len(session.people.get(role, [])) and any(
        role in person.roles for person in plan.people.values())


def _means(session: Session, wish: str) -> bool:
    return wish in (session.id, session.series, session.instrument) or wish in session.topics


def wishes(plan: Plan) -> Value:
    """Per (placed session, person listed): 1 if they dislike it, 1 if they have likes and
    it is none of them."""
    disliked = unliked = 0
    for p in plan.placed:
        for pid in p.person_ids:
            person = plan.people.get(pid)
            if person is None or person.wishes is None:
                continue
            disliked += any(_means(p.session, w) for w in person.wishes.dislike)
            unliked += bool(person.wishes.like) and not any(
                _means(p.session, w) for w in person.wishes.like)
    return disliked + unliked, f"{disliked} disliked, {unliked} not among their likes"


def room_changes(plan: Plan) -> Value:
    """Sum over (person, day) of the rooms of their sessions that day beyond one (named
    and chosen people alike)."""
    groups = _rooms_by(plan, lambda p: p.person_ids)
    return _extra_rooms(groups), f"{len(groups)} person-days with rooms"


TERMS: dict[str, Callable[[Plan], Value]] = {
    "participant_clashes": participant_clashes,
    "preferences": preferences,
    "track_room_stability": track_room_stability,
    "room_fit": room_fit,
    "facilitator_same_room": facilitator_same_room,
    "compact_days": compact_days,
    "instrument_spread": instrument_spread,
    "preferred_size": preferred_size,
    "dropped": dropped,
    "choices": rules_groups.choices,
    "fair_load": fair_load,
    "continuity": continuity,
    "wishes": wishes,
    "room_changes": room_changes,
}
"""Every soft term the checker recomputes from the scenario and schedule, in the
rulebook's order (``changes`` needs the earlier schedule of a re-solve too)."""
