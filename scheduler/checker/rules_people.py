"""Hard rules about people: one place at a time, when they are available, how much a day."""

from __future__ import annotations

from collections.abc import Iterator

from scheduler.checker.plan import Plan, gap, inside_one, overlaps, windows_text
from scheduler.checker.report import Violation

Found = Iterator[Violation]


def person_overlap(plan: Plan) -> Found:
    """No person is in two overlapping sessions; with ``changeover: N``, a person moving
    between two rooms has at least N minutes between the sessions."""
    changeover = plan.scenario.event.changeover
    for pid in plan.people:
        name = plan.person_label(pid)
        for a, b in plan.pairs(plan.sessions_of(pid)):
            if overlaps(a, b):
                yield Violation("person-overlap", f"{name} is in {a.label} and {b.label} on "
                                f"{a.day}", sessions=(a.id, b.id), people=(pid,), day=a.day)
            elif (changeover and a.day == b.day and a.room and b.room and a.room != b.room
                  and gap(a, b) < changeover):
                yield Violation(
                    "person-overlap",
                    f"{name} moves from {plan.room_label(a.room)} to "
                    f"{plan.room_label(b.room)} between {a.label} and {b.label} on {a.day} "
                    f"with {gap(a, b)} min to spare; the changeover is {changeover} min",
                    sessions=(a.id, b.id), people=(pid,), rooms=(a.room, b.room), day=a.day)


def person_availability(plan: Plan) -> Found:
    """A person with ``available`` windows (in their own timezone) is only scheduled
    inside them."""
    for pid, person in plan.people.items():
        if person.available is None:
            continue
        windows = plan.scenario.windows_in_event_time(person.available, person.timezone)
        for p in plan.sessions_of(pid):
            interval = plan.event_span(p)
            if interval is not None and not inside_one(interval, windows):
                yield Violation("person-availability", f"{person.label} is in {p.label} on "
                                f"{p.day}, outside their available times "
                                f"({windows_text(plan.scenario, windows)}, event time)",
                                sessions=(p.id,), people=(pid,), day=p.day)


def person_daily_limit(plan: Plan) -> Found:
    """A person with ``max-sessions-per-day: N`` is in at most N sessions a day."""
    days = plan.days_used()
    for pid, person in plan.people.items():
        limit = person.max_sessions_per_day
        if limit is None:
            continue
        for day in days:
            todays = [p for p in plan.sessions_of(pid) if p.day == day]
            if len(todays) > limit:
                yield Violation("person-daily-limit", f"{person.label} is in {len(todays)} "
                                f"sessions on {day} ({', '.join(p.label for p in todays)}); "
                                f"their limit is {limit}",
                                sessions=tuple(p.id for p in todays), people=(pid,), day=day)
