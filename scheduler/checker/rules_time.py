"""Hard rules about *when* each session runs, on its own and relative to others."""

from __future__ import annotations

from collections.abc import Iterator

from scheduler.checker.plan import Placed, Plan, hhmm, overlaps, span
from scheduler.checker.report import Violation

Found = Iterator[Violation]


def _say(rule: str, p: Placed, message: str, *others: Placed) -> Violation:
    return Violation(rule, message, sessions=(p.id, *(o.id for o in others)), day=p.day)


def day_frame(plan: Plan) -> Found:
    """A session lies inside its day's frame, on an event day (one of ``days`` if given)."""
    scenario = plan.scenario
    for p in plan.placed:
        if not plan.is_event_day(p.day):
            yield _say("day-frame", p, f"{p.label} is on {p.day}, which is not a day of the "
                       f"event ({', '.join(map(str, scenario.days))})")
            continue
        if p.session.days and p.day not in p.session.days:
            yield _say("day-frame", p, f"{p.label} is on {p.day}; it may only be on "
                       f"{', '.join(map(str, p.session.days))}")
        fs, fe = plan.calendar.frame(p.day)
        if p.start < fs or p.end > fe:
            yield _say("day-frame", p, f"{p.label} on {p.day} is outside the day's frame "
                       f"{span(fs, fe)}")


def time_grid(plan: Plan) -> Found:
    """The start is a multiple of the event's granularity after midnight."""
    grid = plan.scenario.event.granularity
    for p in plan.placed:
        if p.start % grid:
            yield _say("time-grid", p, f"{p.label} on {p.day} starts at {hhmm(p.start)}, "
                       f"not on the {grid}-minute grid")


def duration(plan: Plan) -> Found:
    """The session lasts its duration; a whole-day session fills its day's frame exactly."""
    scenario = plan.scenario
    for p in plan.placed:
        if scenario.is_whole_day(p.session) and plan.is_event_day(p.day):
            fs, fe = plan.calendar.frame(p.day)
            if (p.start, p.end) != (fs, fe):
                yield _say("duration", p, f"{p.label} on {p.day} is a whole-day session and "
                           f"must fill the day's frame {span(fs, fe)}")
            continue
        want = scenario.duration(p.session)
        if p.end - p.start != want:
            yield _say("duration", p, f"{p.label} on {p.day} lasts {p.end - p.start} min; "
                       f"the scenario says {want} min")


def earliest_latest(plan: Plan) -> Found:
    """The session starts no earlier than ``earliest`` and ends by ``latest``."""
    for p in plan.placed:
        earliest, latest = p.session.earliest, p.session.latest
        if earliest is not None and p.start < earliest:
            yield _say("earliest-latest", p, f"{p.label} on {p.day} starts before its "
                       f"earliest time {hhmm(earliest)}")
        if latest is not None and p.end > latest:
            yield _say("earliest-latest", p, f"{p.label} on {p.day} ends after its latest "
                       f"time {hhmm(latest)}")


def pinned(plan: Plan) -> Found:
    """A pinned day, start or room is respected."""
    for p in plan.placed:
        pin = p.session.pin
        if pin is None:
            continue
        if pin.day is not None and p.day != pin.day:
            yield _say("pinned", p, f"{p.label} is pinned to {pin.day} but is on {p.day}")
        if pin.start is not None and p.start != pin.start:
            yield _say("pinned", p, f"{p.label} on {p.day} is pinned to start at "
                       f"{hhmm(pin.start)}")
        if pin.room is not None and p.room != pin.room:
            where = plan.room_label(p.room) if p.room else "no room"
            yield Violation("pinned", f"{p.label} on {p.day} is pinned to "
                            f"{plan.room_label(pin.room)} but is in {where}",
                            sessions=(p.id,), rooms=(pin.room,), day=p.day)


def after(plan: Plan) -> Found:
    """A session starts no earlier than the end of every session in its ``after:`` list."""
    for p in plan.placed:
        for ref in p.session.after:
            for q in plan.members(ref):
                if (p.day, p.start) < (q.day, q.end):
                    yield _say("after", p, f"{p.label} on {p.day} must start after "
                               f"{q.label} on {q.day} has ended", q)


def same_day(plan: Plan) -> Found:
    """A session is on the same day as every session in its ``same-day-as:`` list."""
    for p in plan.placed:
        for ref in p.session.same_day_as:
            for q in plan.members(ref):
                if p.day != q.day:
                    yield _say("same-day", p, f"{p.label} is on {p.day} but must be on the "
                               f"same day as {q.label}, which is on {q.day}", q)


def not_parallel(plan: Plan) -> Found:
    """A session does not overlap any session in its ``not-parallel-with:`` list."""
    for p in plan.placed:
        for ref in p.session.not_parallel_with:
            for q in plan.members(ref):
                if overlaps(p, q):
                    yield _say("not-parallel", p, f"{p.label} and {q.label} run at the same "
                               f"time on {p.day}; they must not", q)


def series(plan: Plan) -> Found:
    """The meetings of a series are on pairwise different days, held in order: meeting k
    on an earlier day than meeting k+1."""
    meetings: dict[str, list[Placed]] = {}
    for p in plan.placed:
        if p.session.series and p.session.run is None:  # the runs of a session: any days
            meetings.setdefault(p.session.series, []).append(p)
    for name, items in meetings.items():
        for a, b in plan.pairs(items):
            if a.day == b.day:
                yield _say("series", a, f"two meetings of the series {name!r}, {a.label} and "
                           f"{b.label}, are both on {a.day}; each must be on its own day", b)
                continue
            first, second = sorted((a, b), key=lambda p: p.session.occurrence or 0)
            if first.day > second.day:
                yield _say("series", second, f"meeting {second.session.occurrence} of the "
                           f"series {name!r} ({second.day}) is held before meeting "
                           f"{first.session.occurrence} ({first.day}); the meetings of a "
                           "series are held in order", first)
