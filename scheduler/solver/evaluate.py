"""Exact values of the soft rules for a finished schedule (the objective breakdown).

The CP-SAT model may simplify a term at scale (e.g. only the heaviest clash pairs); the
breakdown reported to users is always recomputed here from the schedule itself.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Iterable

from scheduler.scenario.model import DAY, Scenario
from scheduler.scenario.pools import needs, wish_penalty
from scheduler.schedule import ObjectiveTerm, Schedule, ScheduledSession
from scheduler.solver.groups import choices_penalty


def soft_values(scenario: Scenario, schedule: Schedule) -> dict[str, int]:
    """The value of every soft rule (before weighting)."""
    sessions = schedule.sessions
    capacity = {r.id: r.capacity for r in scenario.rooms}
    return {
        "participant_clashes": participant_clashes(scenario, sessions),
        "preferences": preferences(scenario, sessions),
        "track_room_stability": _extra_rooms(
            ((s.track, s.day), s.room) for s in sessions if s.track and s.room),
        "room_fit": sum((capacity[s.room] - s.participants) // 10
                        for s in sessions if s.room),
        "facilitator_same_room": _extra_rooms(
            ((pid, s.day), s.room) for s in sessions if s.room
            for pid in s.people.get("facilitator", [])),
        "compact_days": compact_days(scenario, sessions),
        "instrument_spread": instrument_spread(scenario, sessions),
        "preferred_size": preferred_size(scenario, sessions),
        "dropped": len(schedule.dropped),
        "choices": choices_penalty(scenario, sessions),
        "fair_load": fair_load(scenario, sessions),
        "continuity": continuity(scenario, sessions),
        "wishes": wishes(scenario, sessions),
        "room_changes": _extra_rooms(
            ((pid, s.day), s.room) for s in sessions if s.room for pid in _listed(s)),
    }


def continuity(scenario: Scenario, sessions: list[ScheduledSession]) -> int:
    """Per series and role its instrument prefers to keep with people from the pool: the
    distinct people in that role over its placed meetings beyond the most in one."""
    total = 0
    for series, rule in {s.series: scenario.catalogue[s.instrument]
                         for s in scenario.sessions if s.series}.items():
        for role in rule.preferred_continuity_roles:
            if role in rule.continuity_roles:
                continue
            lists = [s.people.get(role, []) for s in sessions if s.series == series]
            if lists and _pooled(scenario, series, role):
                total += len({pid for ids in lists for pid in ids}) - max(map(len, lists))
    return total


def _pooled(scenario: Scenario, series: str, role: str) -> bool:
    first = next(s for s in scenario.sessions if s.series == series)
    return bool(needs(scenario, first).get(role)) and sum(
        s.series == series for s in scenario.sessions) > 1


def _listed(s: ScheduledSession) -> list[str]:
    """Everyone the schedule lists in a session, each once (named and chosen)."""
    return list(dict.fromkeys(pid for ids in s.people.values() for pid in ids))


def wishes(scenario: Scenario, sessions: list[ScheduledSession]) -> int:
    """Per (placed session, person listed): 1 if they dislike it, 1 if they have likes
    and it is none of them."""
    people = {p.id: p for p in scenario.people}
    defined = {s.id: s for s in scenario.sessions}
    return sum(wish_penalty(people[pid], defined[s.id]) for s in sessions
               for pid in _listed(s) if pid in people and s.id in defined)


def fair_load(scenario: Scenario, sessions: list[ScheduledSession]) -> int:
    """The most sessions one person is listed in beyond the people the scenario names."""
    named = {s.id: set(s.person_ids) for s in scenario.sessions}
    load: Counter[str] = Counter()
    for s in sessions:
        listed = {pid for ids in s.people.values() for pid in ids}
        load.update(listed - named.get(s.id, set()))
    return max(load.values(), default=0)


def objective_terms(scenario: Scenario, schedule: Schedule,
                    extra: dict[str, tuple[int, int]] | None = None) -> dict[str, ObjectiveTerm]:
    """``weight``, ``value`` and ``penalty`` per soft rule, plus any extra terms."""
    terms = {}
    for name, value in soft_values(scenario, schedule).items():
        weight = int(getattr(scenario.weights, name))
        terms[name] = ObjectiveTerm(weight=weight, value=value, penalty=weight * value)
    for name, (weight, value) in (extra or {}).items():
        terms[name] = ObjectiveTerm(weight=weight, value=value, penalty=weight * value)
    return terms


def _minutes(scenario: Scenario, s: ScheduledSession) -> tuple[int, int]:
    base = scenario.day_index(s.day) * DAY
    return base + s.start, base + s.end


def participant_clashes(scenario: Scenario, sessions: list[ScheduledSession]) -> int:
    """People wanting both of two overlapping sessions, summed over pairs."""
    by_id = {s.id: s for s in sessions}
    total = 0
    for (a, b), count in scenario.interest_counts().items():
        sa, sb = by_id.get(a), by_id.get(b)
        if sa is None or sb is None or sa.day != sb.day:
            continue
        if sa.start < sb.end and sb.start < sa.end:
            total += count
    return total


def preferences(scenario: Scenario, sessions: list[ScheduledSession]) -> int:
    """(session, person) pairs in an avoid window or outside all prefer windows."""
    total = 0
    people = {p.id: p for p in scenario.people}
    for s in sessions:
        start, end = _minutes(scenario, s)
        for pid in _listed(s):
            person = people[pid]
            if person.avoid:
                windows = scenario.windows_in_event_time(person.avoid, person.timezone)
                if any(start < we and ws < end for ws, we in windows):
                    total += 1
            if person.prefer:
                windows = scenario.windows_in_event_time(person.prefer, person.timezone)
                if not any(ws <= start and end <= we for ws, we in windows):
                    total += 1
    return total


def _extra_rooms(pairs: Iterable[tuple[object, str]]) -> int:
    """Sum over keys of max(0, distinct rooms - 1)."""
    rooms: dict[object, set[str]] = defaultdict(set)
    for key, room in pairs:
        rooms[key].add(room)
    return sum(max(0, len(r) - 1) for r in rooms.values())


def compact_days(scenario: Scenario, sessions: list[ScheduledSession]) -> int:
    """Steps from each used day's frame start to its latest session end."""
    latest: dict[dt.date, int] = {}
    for s in sessions:
        latest[s.day] = max(latest.get(s.day, 0), s.end)
    g = scenario.event.granularity
    return sum((end - scenario.frame(day)[0]) // g for day, end in latest.items())


def instrument_spread(scenario: Scenario, sessions: list[ScheduledSession]) -> int:
    """Sessions of an instrument on one day beyond ceil(its sessions / number of days)."""
    days = len(scenario.days)
    counts = Counter(s.instrument for s in scenario.sessions)
    per_day = Counter((s.instrument, s.day) for s in sessions)
    return sum(
        max(0, n - math.ceil(counts[name] / days))
        for (name, _), n in per_day.items() if counts[name] >= 2
    )


def preferred_size(scenario: Scenario, sessions: list[ScheduledSession]) -> int:
    """Participants above the instrument's preferred maximum, summed."""
    total = 0
    for s in sessions:
        preferred = scenario.catalogue[s.instrument].preferred_max_participants
        if preferred is not None:
            total += max(0, s.participants - preferred)
    return total
