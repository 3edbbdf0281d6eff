"""Cheap checks before solving that name certain impossibilities in organisers' words.

Each finding is certain: if any is found, no schedule can satisfy every hard rule.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from scheduler.facts import SessionFacts, TimeGrid
from scheduler.scenario.model import DAY, Scenario
from scheduler.timeparse import format_clock


@dataclass(frozen=True)
class Finding:
    """One reason the scenario cannot be solved."""

    rule: str
    subject: str
    text: str


def precheck(scenario: Scenario, facts: dict[str, SessionFacts]) -> list[Finding]:
    """Every certain impossibility found without solving."""
    checks = (
        _no_start, _no_room, _person_hours, _person_daily_limit, _series_days,
        _break_windows, _break_blocked, _licences, _max_block_without_pauses,
        _max_block_cover, _pools,
    )
    found: list[Finding] = []
    for check in checks:
        found.extend(check(scenario, facts))
    return found


def _pools(scenario: Scenario, facts: dict[str, SessionFacts]) -> list[Finding]:
    """People chosen from pools: a need nobody qualified can take (diagnose/shortage.py)."""
    from scheduler.diagnose.shortage import shortage

    return shortage(scenario, facts)


def _hours(minutes: int) -> str:
    h, m = divmod(minutes, 60)
    return f"{h}h{m:02d}" if m else f"{h}h"


def _no_start(scenario: Scenario, facts: dict[str, SessionFacts]) -> list[Finding]:
    """A session whose own rules leave no start time."""
    out = []
    for f in facts.values():
        if f.empty_by is None or f.optional:
            continue
        earlier = [r.detail for r in f.restrictions[: f.restrictions.index(f.empty_by)]]
        context = f" together with: {'; '.join(earlier)}" if earlier else ""
        out.append(Finding(
            f.empty_by.rule, f"session {f.id}",
            f"session {f.id!r} cannot be placed anywhere: {f.empty_by.detail}{context}",
        ))
    return out


def _no_room(scenario: Scenario, facts: dict[str, SessionFacts]) -> list[Finding]:
    """A session that needs a room and for which every room is ruled out."""
    out = []
    for f in facts.values():
        if not f.needs_room or f.rooms or f.optional or f.empty_by is not None:
            continue
        # hand2: a session with `rooms:` heard why every other room is "not in the
        # session's rooms" too, and the rule named was room-allowed (the most common
        # reason), not what keeps it out of its own rooms
        named = [r for r in f.session.rooms or () if r in f.rejected_rooms]
        rejected = ({r: f.rejected_rooms[r] for r in named} if named
                    else dict(f.rejected_rooms))
        if not scenario.rooms:
            why = "the scenario lists no rooms"
        else:
            why = ("of its rooms: " if named else "") + "; ".join(
                reasons[0][1] for reasons in rejected.values()
            )
        rule = _main_rule(rejected)
        out.append(Finding(rule, f"session {f.id}",
                           f"no room can hold session {f.id!r} ({f.session.participants} "
                           f"participants): {why}"))
    return out


def _main_rule(rejected: Mapping[str, list[tuple[str, str]]]) -> str:
    counts: dict[str, int] = defaultdict(int)
    for reasons in rejected.values():
        for rule, _ in reasons:
            counts[rule] += 1
    return max(counts, key=lambda r: counts[r]) if counts else "room-required"


def _person_hours(scenario: Scenario, facts: dict[str, SessionFacts]) -> list[Finding]:
    """A person's sessions add up to more time than they (or the days) have."""
    out = []
    need: dict[str, int] = defaultdict(int)
    for f in facts.values():
        if f.optional:
            continue
        for pid in f.session.person_ids:
            need[pid] += min(f.durations.values())
    people = {p.id: p for p in scenario.people}
    frames = [scenario.frame(day) for day in scenario.days]
    every_day = sum(end - start for start, end in frames)
    for pid, minutes in need.items():
        person = people[pid]
        have = every_day
        where = "the daily frames of the event"
        if person.available is not None:
            windows = scenario.windows_in_event_time(person.available, person.timezone)
            have = 0
            for ws, we in windows:
                d = ws // DAY
                if d >= len(frames):
                    continue
                fs, fe = frames[d]
                have += max(0, min(we, d * DAY + fe) - max(ws, d * DAY + fs))
            where = "their available windows inside the daily frames"
        if minutes > have:
            out.append(Finding(
                "person-availability" if person.available is not None else "person-overlap",
                f"person {pid}",
                f"{person.label} has {_hours(minutes)} of sessions but only {_hours(have)} in "
                f"{where}",
            ))
    return out


def _person_daily_limit(scenario: Scenario, facts: dict[str, SessionFacts]) -> list[Finding]:
    """More sessions than a person's daily limit times the days."""
    out = []
    days = len(scenario.days)
    limited = {p.id for p in scenario.people if p.max_sessions_per_day is not None}
    counts: dict[str, int] = defaultdict(int)  # counted in one pass (not per person)
    for f in facts.values():
        if not f.optional:
            for pid in f.session.person_ids:
                if pid in limited:
                    counts[pid] += 1
    for person in scenario.people:
        if person.max_sessions_per_day is None:
            continue
        count = counts[person.id]
        if count > person.max_sessions_per_day * days:
            out.append(Finding(
                "person-daily-limit", f"person {person.id}",
                f"{person.label} is in {count} sessions but may do at most "
                f"{person.max_sessions_per_day} a day over {days} day(s)",
            ))
    return out


def _series_days(scenario: Scenario, facts: dict[str, SessionFacts]) -> list[Finding]:
    """A series has more meetings than days it can meet on."""
    grid = TimeGrid(scenario)
    series: dict[str, list[SessionFacts]] = defaultdict(list)
    for f in facts.values():
        if f.session.series and f.session.run is None and not f.optional:
            series[f.session.series].append(f)
    out = []
    for name, members in series.items():
        days = set()
        for f in members:
            for d in range(len(scenario.days)):
                if not f.domain.intersection_with(grid.day_range(d)).is_empty():
                    days.add(d)
        if len(members) > len(days):
            out.append(Finding(
                "series", f"series {name}",
                f"the series {name!r} has {len(members)} meetings but can only meet on "
                f"{len(days)} different day(s)",
            ))
    return out


def _break_windows(scenario: Scenario, facts: dict[str, SessionFacts]) -> list[Finding]:
    """A placed break that cannot start on the time grid inside its window."""
    grid = TimeGrid(scenario)
    out = []
    for brk in scenario.breaks.placed:
        lo, hi = grid.starts_within(brk.window[0], brk.window[1], brk.duration)
        if lo > hi:
            out.append(Finding(
                "breaks", f"break {brk.id}",
                f"the break {brk.id!r} ({brk.duration} min) cannot start on the "
                f"{grid.g}-minute grid inside its window "
                f"{format_clock(brk.window[0])}-{format_clock(brk.window[1])}",
            ))
    return out


def _break_blocked(scenario: Scenario, facts: dict[str, SessionFacts]) -> list[Finding]:
    """A placed break whose every start in its window, on one of its days, overlaps a
    required session fixed there (one possible start) that observes breaks (hand1: a
    coffee break in 10:30-12:00 on the day of a pinned registration and opening, found by
    CP-SAT after 30 s under load on a 110-session event)."""
    g = scenario.event.granularity
    fixed: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for f in facts.values():
        if f.optional or not f.observes_breaks or f.domain.size() != 1:
            continue
        start = f.domain.min() * g
        day = start // DAY
        if day in f.durations:
            fixed[day].append((start % DAY, start % DAY + f.durations[day], f.id))
    out = []
    for brk in scenario.breaks.placed:
        lo = -(-brk.window[0] // g) * g
        hi = (brk.window[1] - brk.duration) // g * g
        for d, day in enumerate(scenario.days):
            if (brk.days is not None and day not in brk.days) or not fixed[d] or lo > hi:
                continue
            blocking = [(a, b, sid) for a, b, sid in fixed[d]
                        if a < hi + brk.duration and lo < b]
            if all(any(a < t + brk.duration and t < b for a, b, _ in blocking)
                   for t in range(lo, hi + 1, g)):
                names = ", ".join(f"{sid!r} {format_clock(a)}-{format_clock(b)}"
                                  for a, b, sid in sorted(blocking))
                out.append(Finding(
                    "breaks", f"break {brk.id}",
                    f"the break {brk.id!r} ({brk.duration} min in "
                    f"{format_clock(brk.window[0])}-{format_clock(brk.window[1])}) cannot be "
                    f"placed on {day}: sessions fixed there fill its window ({names}). Fix: "
                    f"move or widen its window, leave that day out of its days:, or move a "
                    f"fixed session"))
    return out


def _licences(scenario: Scenario, facts: dict[str, SessionFacts]) -> list[Finding]:
    """Online or hybrid sessions with no meeting licence at all, or more of them fixed at
    one moment (one possible start each) than there are licences."""
    if scenario.hybrid.licences is None:
        return []
    if scenario.hybrid.licences != 0:
        return _licences_at_once(scenario, facts, scenario.hybrid.licences)
    online = [f.id for f in facts.values() if f.session.needs_licence and not f.optional]
    if not online:
        return []
    return [Finding("licences", "event",
                    f"hybrid.licences is 0 but {len(online)} session(s) are online or hybrid "
                    f"(e.g. {online[0]!r})")]


def _licences_at_once(scenario: Scenario, facts: dict[str, SessionFacts],
                      licences: int) -> list[Finding]:
    """hand1: three webinars pinned at overlapping times with two licences went to CP-SAT
    (9-12 s under load) for a conflict this names at once, with its moment and sessions."""
    g = scenario.event.granularity
    fixed: list[tuple[int, int, str]] = []  # (start, end) in event minutes, session id
    for f in facts.values():
        if f.optional or not f.session.needs_licence or f.domain.size() != 1:
            continue
        step = f.domain.min()
        day = step * g // DAY
        if day in f.durations:
            fixed.append((step * g, step * g + f.durations[day], f.id))
    events = sorted([(a, 1, sid) for a, _, sid in fixed] + [(b, -1, sid) for _, b, sid in fixed])
    running: list[str] = []
    for moment, kind, sid in events:  # ends (-1) before starts at the same minute
        if kind < 0:
            running.remove(sid)
            continue
        running.append(sid)
        if len(running) > licences:
            day = scenario.days[moment // DAY]
            names = ", ".join(repr(x) for x in sorted(running))
            return [Finding(
                "licences", "event",
                f"on {day} at {format_clock(moment % DAY)} {len(running)} online or hybrid "
                f"sessions are fixed to run at once ({names}) but hybrid.licences is "
                f"{licences}. Fix: move or unpin one of them, make one in-person, or raise "
                f"hybrid.licences")]
    return []


def _max_block_without_pauses(scenario: Scenario, facts: dict[str, SessionFacts]) -> list[Finding]:
    """A day longer than max-block with nothing that could be a pause."""
    limit = scenario.breaks.max_block
    if limit is None:
        return []
    pausing = [f for f in facts.values() if f.instrument.pause and f.session.pin
               and f.session.pin.start is not None]
    out = []
    for day in scenario.days:
        fs, fe = scenario.frame(day)
        if fe - fs <= limit:
            continue
        has_break = any(b.days is None or day in b.days for b in scenario.breaks.placed) or any(
            b.day is None or b.day == day for b in scenario.breaks.fixed)
        if has_break or pausing:
            continue
        out.append(Finding(
            "max-block", f"day {day}",
            f"on {day} the frame {format_clock(fs)}-{format_clock(fe)} is longer than "
            f"max-block ({limit} min) and no break or pinned meal falls on that day",
        ))
    return out


MAX_BLOCK_PAUSES = 12
"""Days with more pauses than this are left to the solver (the cover check is exponential)."""


def _max_block_pauses(scenario: Scenario, facts: dict[str, SessionFacts], d: int,
                      day: dt.date) -> list[tuple[int, int, int, str]]:
    """(earliest start, latest start, minutes, label) of every pause that may fall on day
    ``d``: fixed breaks, placed breaks (starts on the grid inside their window) and pinned
    pause sessions (counted on every day they may take, present or not: a relaxation)."""
    g = scenario.event.granularity
    out: list[tuple[int, int, int, str]] = []
    for fixed in scenario.breaks.fixed:
        if fixed.day is None or fixed.day == day:
            out.append((fixed.start, fixed.start, fixed.end - fixed.start,
                        f"{fixed.title or fixed.id} {format_clock(fixed.start)}"))
    for brk in scenario.breaks.placed:
        if brk.days is not None and day not in brk.days:
            continue
        lo = -(-brk.window[0] // g) * g
        hi = (brk.window[1] - brk.duration) // g * g
        if lo <= hi:
            out.append((lo, hi, brk.duration,
                        f"{brk.title or brk.id} ({brk.duration} min in "
                        f"{format_clock(brk.window[0])}-{format_clock(brk.window[1])})"))
    for f in facts.values():
        pin = f.session.pin
        if not (f.instrument.pause and pin is not None and pin.start is not None):
            continue
        if d in f.durations and (pin.day is None or pin.day == day):
            out.append((pin.start, pin.start, f.durations[d],
                        f"{f.session.title} {format_clock(pin.start)}"))
    return out


def _max_block_covers(pauses: list[tuple[int, int, int, str]], fs: int, fe: int,
                      limit: int, g: int) -> bool:
    """Whether the pauses can be placed so that no stretch of the frame (from its start to
    the first pause, between pauses, from the last to its end) exceeds ``limit``: the
    furthest reach for each set of pauses used, in the order they are passed."""
    best: dict[int, int] = {0: fs}
    frontier = [0]
    while frontier:
        following: list[int] = []
        for used in frontier:
            cur = best[used]
            if cur >= fe - limit:
                return True
            for i, (lo, hi, minutes, _) in enumerate(pauses):
                if used >> i & 1:
                    continue
                start = min(hi, (cur + limit) // g * g if lo != hi else hi)
                if start < lo or start > cur + limit or start + minutes <= cur:
                    continue
                key = used | 1 << i
                if start + minutes > best.get(key, -1):
                    if key not in best:
                        following.append(key)
                    best[key] = start + minutes
        frontier = following
    return False


def _max_block_cover(scenario: Scenario, facts: dict[str, SessionFacts]) -> list[Finding]:
    """A day whose pauses, wherever they are placed in their windows, leave a stretch
    longer than max-block (sessions aside: a relaxation, so every finding is certain)."""
    limit = scenario.breaks.max_block
    if limit is None:
        return []
    g = scenario.event.granularity
    out = []
    for d, day in enumerate(scenario.days):
        fs, fe = scenario.frame(day)
        pauses = _max_block_pauses(scenario, facts, d, day)
        if fe - fs <= limit or not pauses or len(pauses) > MAX_BLOCK_PAUSES:
            continue  # no pause at all: _max_block_without_pauses says it
        if _max_block_covers(pauses, fs, fe, limit, g):
            continue
        low, high = limit, fe - fs  # the least max-block that the pauses can keep
        while low + 1 < high:
            mid = (low + high) // 2
            low, high = (low, mid) if _max_block_covers(pauses, fs, fe, mid, g) else (mid, high)
        names = "; ".join(label for *_, label in sorted(pauses))
        out.append(Finding(
            "max-block", f"day {day}",
            f"on {day} ({format_clock(fs)}-{format_clock(fe)}) the pauses of that day "
            f"({names}) cannot be placed so that no stretch is longer than max-block "
            f"({_hours(limit)}): wherever they go, some stretch lasts at least "
            f"{_hours(high)}. Fix: raise breaks.max-block to {_hours(high)}, or add a break "
            f"on that day or widen a break's window",
        ))
    return out
