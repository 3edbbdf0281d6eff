"""Hard rules about what may run at the same time: exclusive sessions, online licences,
the parallel limit and tracks."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterator

from scheduler.checker.plan import Placed, Plan, hhmm, overlapping_pairs, overlaps
from scheduler.checker.report import Violation
from scheduler.wording import article

Found = Iterator[Violation]


def crowds(items: list[Placed], limit: int) -> Iterator[tuple[Placed, list[Placed]]]:
    """Moments where more than ``limit`` of the items run at once.

    The most items running together is reached at some item's start, so each start is
    looked at: yields that item and everything running at its start, each crowd once.
    """
    seen: set[frozenset[str]] = set()
    by_day: dict[dt.date, list[Placed]] = {}
    for item in items:
        by_day.setdefault(item.day, []).append(item)
    # How many run at a moment, counted by bisection first: only a crowd is listed
    # (10,000 sessions: one scan of the day per start took 16 s).
    starts = {day: sorted(q.start for q in day_items) for day, day_items in by_day.items()}
    ends = {day: sorted(max(q.start, q.end) for q in day_items)  # (a reversed span: 0)
            for day, day_items in by_day.items()}
    for a in sorted(items, key=lambda p: (p.day, p.start)):
        count = (bisect_right(starts[a.day], a.start) - bisect_right(ends[a.day], a.start))
        if count <= limit:
            continue
        running = [q for q in by_day[a.day] if q.start <= a.start < q.end]
        key = frozenset(q.id for q in running)
        if len(running) > limit and key not in seen:
            seen.add(key)
            yield a, running


def exclusive(plan: Plan) -> Found:
    """While an exclusive session runs, no other session that observes breaks overlaps it."""
    reported: set[frozenset[str]] = set()
    for a in plan.placed:
        if not a.instrument.exclusive:
            continue
        for b in plan.on_day(a.day):  # (a session of another day never overlaps)
            pair = frozenset((a.id, b.id))
            if b is a or not b.observes_breaks or pair in reported or not overlaps(a, b):
                continue
            reported.add(pair)
            yield Violation("exclusive", f"{b.label} runs during {a.label} on {a.day}; "
                            f"nothing runs in parallel with {article(a.session.instrument)}",
                            sessions=(a.id, b.id), day=a.day)


def licences(plan: Plan) -> Found:
    """With ``hybrid.licences: N``, at most N online or hybrid sessions run at any moment."""
    limit = plan.scenario.hybrid.licences
    if limit is None:
        return
    online = [p for p in plan.placed if p.session.needs_licence]
    for a, running in crowds(online, limit):
        yield Violation("licences", f"at {hhmm(a.start)} on {a.day} {len(running)} online or "
                        f"hybrid sessions run ({', '.join(q.label for q in running)}); there "
                        f"{'is' if limit == 1 else 'are'} {limit} licence{'s' * (limit != 1)}",
                        sessions=tuple(q.id for q in running), day=a.day)


def parallel_limit(plan: Plan) -> Found:
    """With ``event.max-parallel``, at most that many sessions that observe breaks run at
    any moment."""
    limit = plan.scenario.parallel_limit
    if limit is None:
        return
    observing = [p for p in plan.placed if p.observes_breaks]
    for a, running in crowds(observing, limit):
        yield Violation("parallel-limit", f"at {hhmm(a.start)} on {a.day} {len(running)} "
                        f"sessions run ({', '.join(q.label for q in running)}); at most "
                        f"{limit} may run in parallel",
                        sessions=tuple(q.id for q in running), day=a.day)


def track_overlap(plan: Plan) -> Found:
    """A session is in one of its tracks (none if it has none); two sessions of one track
    never overlap."""
    by_track: dict[str, list[Placed]] = {}
    for p in plan.placed:
        allowed = p.session.tracks
        if p.track is None and allowed:
            yield Violation("track-overlap", f"{p.label} on {p.day} has no track; it belongs "
                            f"in {' or '.join(allowed)}", sessions=(p.id,), day=p.day)
        elif p.track is not None and p.track not in allowed:
            where = f"it belongs in {' or '.join(allowed)}" if allowed else "it has no track"
            yield Violation("track-overlap", f"{p.label} on {p.day} is listed in the track "
                            f"{p.track!r}; {where}", sessions=(p.id,), day=p.day)
        if p.track is not None:
            by_track.setdefault(p.track, []).append(p)
    for track, items in by_track.items():
        for a, b in overlapping_pairs(items):
            yield Violation("track-overlap", f"{a.label} and {b.label} of the track "
                            f"{_track_label(plan, track)} overlap on {a.day}",
                            sessions=(a.id, b.id), day=a.day)


def _track_label(plan: Plan, track_id: str) -> str:
    labels = {t.id: t.label for t in plan.scenario.tracks}
    return f"'{labels.get(track_id, track_id)}'"
