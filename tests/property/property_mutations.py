"""Deliberate breakages of a valid schedule, one family per hard rule of docs/rules.md.

Each mutator takes the scenario, a schedule the checker accepts and ``pick`` (which
chooses one of several candidates, drawn by Hypothesis), and returns a
:class:`Mutation` that certainly breaks its rule, or None when the scenario gives it
nothing to break (no pinned session, no second room, ...). "Certainly" is argued in each
docstring from docs/rules.md alone, never from the checker's code: the property then
asserts the checker names the rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from property_support import moved, replace

from scheduler.scenario import Scenario
from scheduler.scenario.model import FixedBreak, Participants, Pin, Window
from scheduler.schedule import Schedule, ScheduledSession

T = TypeVar("T")


class Pick(Protocol):
    """Chooses one of several options (Hypothesis draws which)."""

    def __call__(self, options: Sequence[T], /) -> T: ...


@dataclass(frozen=True)
class Mutation:
    """A broken schedule (and the scenario to check it against), and what was done."""

    rule: str
    what: str
    schedule: Schedule
    scenario: Scenario


Mutator = Callable[[Scenario, Schedule, Pick], "Mutation | None"]


def _needs_room(scenario: Scenario, sid: str) -> bool:
    session = scenario.session(sid)
    return session.format != "online" and scenario.instrument(session).needs_room


def _observes(scenario: Scenario, entry: ScheduledSession) -> bool:
    return scenario.instrument(scenario.session(entry.id)).observes_breaks


def _onto(entry: ScheduledSession, other: ScheduledSession) -> ScheduledSession:
    """``entry`` moved to start when ``other`` starts (same day): the two overlap."""
    return moved(entry, day=other.day, start=other.start)


def _members(schedule: Schedule, scenario: Scenario, ref: str) -> list[ScheduledSession]:
    return [e for e in schedule.sessions
            if e.id == ref or scenario.session(e.id).series == ref]


def _other_day(scenario: Scenario, day: dt.date) -> dt.date | None:
    others = [d for d in scenario.days if d != day]
    return others[0] if others else None


# --------------------------------------------------------------------------- rules


def placement(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A required session removed from the schedule is neither placed nor dropped."""
    required = [e for e in s.sessions if not sc.session(e.id).optional]
    if not required:
        return None
    victim = pick(required)
    broken = s.model_copy(update={"sessions": [e for e in s.sessions if e is not victim]})
    return Mutation("placement", f"removed {victim.id}", broken, sc)


def placement_twice(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A session listed twice is not placed exactly once."""
    if not s.sessions:
        return None
    twice = pick(s.sessions)
    return Mutation("placement", f"listed {twice.id} twice",
                    s.model_copy(update={"sessions": [*s.sessions, twice]}), sc)


def day_frame(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A session starting one grid step before its day's frame lies outside it."""
    g = sc.event.granularity
    candidates = [e for e in s.sessions if sc.frame(e.day)[0] >= g]
    if not candidates:
        return None
    e = pick(candidates)
    start = sc.frame(e.day)[0] - g
    return Mutation("day-frame", f"{e.id} starts at frame start - {g}",
                    replace(s, moved(e, start=start)), sc)


def day_off_event(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A session on the day after the event's last day is on no event day."""
    if not s.sessions:
        return None
    e = pick(s.sessions)
    day = sc.days[-1] + dt.timedelta(days=1)
    return Mutation("day-frame", f"{e.id} moved to {day}", replace(s, moved(e, day=day)), sc)


def time_grid(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """Moving a session by one minute takes its start off a grid coarser than a minute."""
    if sc.event.granularity == 1 or not s.sessions:
        return None
    e = pick(s.sessions)
    return Mutation("time-grid", f"{e.id} one minute later",
                    replace(s, moved(e, start=e.start + 1)), sc)


def duration(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A session lengthened by a grid step no longer lasts its duration (or, whole-day,
    no longer fills its frame exactly)."""
    if not s.sessions:
        return None
    e = pick(s.sessions)
    return Mutation("duration", f"{e.id} one step longer",
                    replace(s, moved(e, end=e.end + sc.event.granularity)), sc)


def earliest_latest(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A session started a step before its ``earliest`` (or ended a step after its
    ``latest``) breaks it."""
    g = sc.event.granularity
    options: list[tuple[ScheduledSession, int]] = []
    for e in s.sessions:
        session = sc.session(e.id)
        if session.earliest is not None and session.earliest >= g:
            options.append((e, session.earliest - g))
        if session.latest is not None:
            options.append((e, session.latest + g - (e.end - e.start)))
    if not options:
        return None
    e, start = pick(options)
    return Mutation("earliest-latest", f"{e.id} at {start}",
                    replace(s, moved(e, start=start)), sc)


def pinned(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A pinned start shifted by a step, a pinned day changed, or a pinned room changed
    is not respected."""
    g = sc.event.granularity
    options: list[tuple[ScheduledSession, str]] = []
    for e in s.sessions:
        pin = sc.session(e.id).pin
        if pin is None:
            continue
        if pin.start is not None:
            options.append((e, "start"))
        if pin.day is not None and len(sc.days) > 1:
            options.append((e, "day"))
        if pin.room is not None:
            options.append((e, "room"))
    if not options:
        return None
    e, part = pick(options)
    if part == "start":
        changed = moved(e, start=e.start + g)
    elif part == "day":
        changed = moved(e, day=_other_day(sc, e.day))
    else:
        others = [r.id for r in sc.rooms if r.id != e.room]
        changed = moved(e, room=others[0] if others else None)
    return Mutation("pinned", f"{e.id}: pinned {part} changed", replace(s, changed), sc)


def room_required(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A session that needs a room taken out of it, or one that needs none given one."""
    if not s.sessions or not sc.rooms:
        return None
    e = pick(s.sessions)
    if _needs_room(sc, e.id):
        return Mutation("room-required", f"{e.id} without room",
                        replace(s, moved(e, room=None)), sc)
    return Mutation("room-required", f"{e.id} given a room",
                    replace(s, moved(e, room=sc.rooms[0].id)), sc)


def room_allowed(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A session with a ``rooms:`` list put in a room not on it."""
    options = [(e, r.id) for e in s.sessions if e.room is not None
               and sc.session(e.id).rooms is not None
               for r in sc.rooms if r.id not in (sc.session(e.id).rooms or [])]
    if not options:
        return None
    e, room = pick(options)
    return Mutation("room-allowed", f"{e.id} in {room}", replace(s, moved(e, room=room)), sc)


def room_capacity(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A session put in a room seating fewer than its expected participants."""
    options = [(e, r.id) for e in s.sessions if e.room is not None
               for r in sc.rooms if r.capacity < sc.session(e.id).participants]
    if not options:
        return None
    e, room = pick(options)
    return Mutation("room-capacity", f"{e.id} in {room}", replace(s, moved(e, room=room)), sc)


def room_tags(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A session put in a room lacking a tag its instrument, itself or its hybrid format
    needs."""
    options = []
    for e in s.sessions:
        if e.room is None:
            continue
        session = sc.session(e.id)
        wanted = {*sc.instrument(session).room_tags, *session.room_tags}
        if session.format == "hybrid":
            wanted.add(sc.hybrid.room_tag)
        options += [(e, r.id) for r in sc.rooms if not wanted <= set(r.tags)]
    if not options:
        return None
    e, room = pick(options)
    return Mutation("room-tags", f"{e.id} in {room}", replace(s, moved(e, room=room)), sc)


def room_availability(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A session put in a room with ``available`` windows at midnight, which (the
    scenario's own conversion shows) no window covers."""
    options = []
    for e in s.sessions:
        if e.room is None:
            continue
        for room in sc.rooms:
            if room.available is None:
                continue
            windows = sc.windows_in_event_time(room.available)
            begin = sc.at(e.day, 0)
            span = (begin, begin + e.end - e.start)
            if not any(ws <= span[0] and span[1] <= we for ws, we in windows):
                options.append((e, room.id))
    if not options:
        return None
    e, room_id = pick(options)
    return Mutation("room-availability", f"{e.id} in {room_id} at 00:00",
                    replace(s, moved(e, room=room_id, start=0)), sc)


def room_overlap(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """One session moved into another's room at the other's start: they overlap."""
    roomed = [e for e in s.sessions if e.room is not None]
    options = [(a, b) for a in roomed for b in roomed if a.id != b.id]
    if not options:
        return None
    a, b = pick(options)
    return Mutation("room-overlap", f"{b.id} onto {a.id} in {a.room}",
                    replace(s, moved(_onto(b, a), room=a.room)), sc)


def person_overlap(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """Two sessions of one person started at the same time: the person is in both."""
    options = []
    for a in s.sessions:
        for b in s.sessions:
            if a.id != b.id and set(sc.session(a.id).person_ids) & set(
                    sc.session(b.id).person_ids):
                options.append((a, b))
    if not options:
        return None
    a, b = pick(options)
    return Mutation("person-overlap", f"{b.id} onto {a.id}", replace(s, _onto(b, a)), sc)


def person_availability(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A session of a person with ``available`` windows moved to midnight, where (the
    scenario's own conversion shows) none of their windows lies."""
    options = []
    for person in sc.people:
        if person.available is None:
            continue
        windows = sc.windows_in_event_time(person.available, person.timezone)
        for e in s.sessions:
            if person.id not in sc.session(e.id).person_ids:
                continue
            begin = sc.at(e.day, 0)
            span = (begin, begin + e.end - e.start)
            if not any(ws <= span[0] and span[1] <= we for ws, we in windows):
                options.append(e)
    if not options:
        return None
    e = pick(options)
    return Mutation("person-availability", f"{e.id} at 00:00",
                    replace(s, moved(e, start=0)), sc)


def person_daily_limit(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """All sessions of a person with a daily limit below their count moved to one day."""
    options = []
    for person in sc.people:
        limit = person.max_sessions_per_day
        theirs = [e for e in s.sessions if person.id in sc.session(e.id).person_ids]
        if limit is not None and len(theirs) > limit:
            options.append(theirs)
    if not options:
        return None
    theirs = pick(options)
    day = sc.days[0]
    return Mutation("person-daily-limit", f"{[e.id for e in theirs]} all on {day}",
                    replace(s, *(moved(e, day=day) for e in theirs)), sc)


def breaks_overrun(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A session that observes breaks moved to start when a break starts: it overlaps it."""
    options = [(e, b) for e in s.sessions if _observes(sc, e) for b in s.breaks]
    if not options:
        return None
    e, brk = pick(options)
    return Mutation("breaks", f"{e.id} onto break {brk.id}",
                    replace(s, moved(e, day=brk.day, start=brk.start)), sc)


def breaks_listing(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A placed break removed from the schedule (it must occur once on each of its days),
    or moved one minute off the grid."""
    placed_ids = {b.id for b in sc.breaks.placed}
    placed = [b for b in s.breaks if b.id.rsplit("@", 1)[0] in placed_ids]
    if not placed:
        return None
    brk = pick(placed)
    if pick(["remove", "shift"]) == "remove":
        return Mutation("breaks", f"removed {brk.id}",
                        s.model_copy(update={"breaks": [b for b in s.breaks if b is not brk]}),
                        sc)
    shifted = brk.model_copy(update={"start": brk.start + 1, "end": brk.end + 1})
    return Mutation("breaks", f"{brk.id} one minute later", s.model_copy(update={
        "breaks": [shifted if b is brk else b for b in s.breaks]}), sc)


def _longest_stretch(sc: Scenario, s: Schedule, day: dt.date,
                     breaks: list[tuple[int, int]]) -> int:
    """docs/rules.md max-block: the longest stretch of ``day`` between its pauses (the
    given breaks and pinned-start sessions of pause instruments), frame edges included."""
    fs, fe = sc.frame(day)
    pauses = list(breaks)
    for e in s.sessions:
        session = sc.session(e.id)
        if (e.day == day and sc.instrument(session).pause and session.pin is not None
                and session.pin.start is not None):
            pauses.append((e.start, e.end))
    cursor, longest = fs, 0
    for start, end in sorted(pauses):
        longest = max(longest, min(start, fe) - cursor)
        cursor = max(cursor, end)
    return max(longest, fe - cursor)


def max_block(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """With max-block, the placed breaks of a day removed, when the stretches left (by
    the rule's own definition) exceed the limit."""
    limit = sc.breaks.max_block
    if limit is None:
        return None
    placed_ids = {b.id for b in sc.breaks.placed}
    options = []
    for day in sc.days:
        fixed = [(b.start, b.end) for b in sc.breaks.fixed if b.day in (None, day)]
        if _longest_stretch(sc, s, day, fixed) > limit:
            options.append(day)
    if not options:
        return None
    day = pick(options)
    kept = [b for b in s.breaks if not (b.day == day and b.id.rsplit("@", 1)[0] in placed_ids)]
    return Mutation("max-block", f"placed breaks of {day} removed",
                    s.model_copy(update={"breaks": kept}), sc)


def exclusive(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A session that observes breaks moved onto an exclusive session."""
    options = [(a, b) for a in s.sessions if sc.instrument(sc.session(a.id)).exclusive
               for b in s.sessions if b.id != a.id and _observes(sc, b)]
    if not options:
        return None
    a, b = pick(options)
    return Mutation("exclusive", f"{b.id} onto {a.id}", replace(s, _onto(b, a)), sc)


def _pile(sc: Scenario, s: Schedule, items: list[ScheduledSession], rule: str,
          limit: int | None) -> Mutation | None:
    """limit + 1 of the items all started at the first one's start."""
    if limit is None or len(items) <= limit:
        return None
    first, rest = items[0], items[1:limit + 1]
    return Mutation(rule, f"{[e.id for e in items[:limit + 1]]} at one time",
                    replace(s, *(_onto(e, first) for e in rest)), sc)


def licences(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """One online or hybrid session more than there are licences, all at one time."""
    online = [e for e in s.sessions if sc.session(e.id).needs_licence]
    return _pile(sc, s, online, "licences", sc.hybrid.licences)


def parallel_limit(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """One session (observing breaks) more than max-parallel, all at one time."""
    observing = [e for e in s.sessions if _observes(sc, e)]
    return _pile(sc, s, observing, "parallel-limit", sc.parallel_limit)


def track_overlap(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A session taken out of its track, or put in a track it may not be in, or moved
    onto another session of its track."""
    if not s.sessions:
        return None
    e = pick(s.sessions)
    allowed = sc.session(e.id).tracks
    same = [o for o in s.sessions if o.id != e.id and e.track and o.track == e.track]
    if same and pick(["overlap", "other"]) == "overlap":
        other = pick(same)
        return Mutation("track-overlap", f"{e.id} onto {other.id} in {e.track}",
                        replace(s, _onto(e, other)), sc)
    if allowed:
        return Mutation("track-overlap", f"{e.id} without track",
                        replace(s, moved(e, track=None)), sc)
    return Mutation("track-overlap", f"{e.id} in a track", replace(s, moved(
        e, track=sc.tracks[0].id if sc.tracks else "no-such-track")), sc)


def _pairs(sc: Scenario, s: Schedule, field: str
           ) -> list[tuple[ScheduledSession, ScheduledSession]]:
    """(session, referenced placed session) for each reference in ``field``."""
    out = []
    for e in s.sessions:
        for ref in getattr(sc.session(e.id), field):
            out += [(e, q) for q in _members(s, sc, ref) if q.id != e.id]
    return out


def after(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A session moved to start when a session of its ``after:`` list starts, i.e.
    before that one ends."""
    options = _pairs(sc, s, "after")
    if not options:
        return None
    e, q = pick(options)
    return Mutation("after", f"{e.id} onto {q.id}", replace(s, _onto(e, q)), sc)


def same_day(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A session moved to a day other than that of a session of its ``same-day-as:``."""
    options = _pairs(sc, s, "same_day_as")
    if not options or len(sc.days) < 2:
        return None
    e, q = pick(options)
    return Mutation("same-day", f"{e.id} away from {q.id}",
                    replace(s, moved(e, day=_other_day(sc, q.day))), sc)


def not_parallel(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A session moved onto a session of its ``not-parallel-with:`` list."""
    options = _pairs(sc, s, "not_parallel_with")
    if not options:
        return None
    e, q = pick(options)
    return Mutation("not-parallel", f"{e.id} onto {q.id}", replace(s, _onto(e, q)), sc)


def series(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """Two meetings of a series put on the same day (the runs of a session, ``runs:``, may
    share a day: they are no series of meetings)."""
    options = [(a, b) for a in s.sessions for b in s.sessions
               if a.id != b.id and a.series and a.series == b.series
               and sc.session(a.id).run is None]
    if not options:
        return None
    a, b = pick(options)
    return Mutation("series", f"{b.id} on the day of {a.id}",
                    replace(s, moved(b, day=a.day)), sc)


def instrument(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """The scenario itself changed behind the loader's back (a copy): a session gets one
    participant more than its instrument allows, or loses its required people, or takes
    a format its instrument cannot be run in. The schedule says the same."""
    options: list[tuple[ScheduledSession, str]] = []
    for e in s.sessions:
        rule = sc.instrument(sc.session(e.id))
        if rule.max_participants is not None:
            options.append((e, "participants"))
        if any(rule.required_roles.values()):
            options.append((e, "roles"))
        if len(rule.formats) < 3:
            options.append((e, "format"))
    if not options:
        return None
    e, how = pick(options)
    session = sc.session(e.id)
    rule = sc.instrument(session)
    if how == "participants":
        update: dict[str, object] = {"participants": (rule.max_participants or 0) + 1}
    elif how == "roles":
        update = {"people": {r: ids for r, ids in session.people.items()
                             if not rule.required_roles.get(r)}}
    else:
        update = {"format": next(f for f in ("in-person", "online", "hybrid")
                                 if f not in rule.formats)}
    changed = sc.model_copy(deep=True)
    changed.sessions = [x.model_copy(update=update) if x.id == e.id else x
                        for x in changed.sessions]
    return Mutation("instrument", f"{e.id}: {how} against its instrument",
                    replace(s, moved(e, **update)), changed)


def people(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A session listing a person the scenario does not give it (or missing one)."""
    if not s.sessions or not sc.people:
        return None
    e = pick(s.sessions)
    listed = {role: list(ids) for role, ids in e.people.items()}
    named = sc.session(e.id).people  # people chosen from a pool are needs-met's
    filled = sorted(role for role, ids in named.items() if ids and ids[0] in listed.get(role, []))
    if filled and pick(["drop", "add"]) == "drop":
        role = pick(filled)
        listed[role] = [pid for pid in listed[role] if pid != named[role][0]]
    else:
        listed.setdefault("extra-role", []).append(sc.people[0].id)
    return Mutation("people", f"{e.id} people changed to {listed}",
                    replace(s, moved(e, people=listed)), sc)


def _chosen(sc: Scenario, s: Schedule) -> list[tuple[ScheduledSession, str, str]]:
    """(entry, role, person) for every person listed beyond those the scenario names, in a
    role the session ``needs:``."""
    out = []
    for e in s.sessions:
        session = sc.session(e.id)
        for role in (session.needs or {}):
            out += [(e, role, pid) for pid in e.people.get(role, [])
                    if pid not in session.people.get(role, [])]
    return out


def needs_met(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A person chosen for a needed role left out (the role then has one too few)."""
    options = _chosen(sc, s)
    if not options:
        return None
    e, role, pid = pick(options)
    listed = {r: [x for x in ids if not (r == role and x == pid)] for r, ids in e.people.items()}
    return Mutation("needs-met", f"{pid} left out of {e.id} as {role}",
                    replace(s, moved(e, people=listed)), sc)


def assigned_qualified(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A chosen person replaced by someone without the role in ``roles:`` (and not in
    the session already)."""
    options = [(e, role, pid, other.id) for e, role, pid in _chosen(sc, s)
               for other in sc.people if role not in other.roles
               and not any(other.id in ids for ids in e.people.values())]
    if not options:
        return None
    e, role, pid, other = pick(options)
    listed = {r: [other if (r == role and x == pid) else x for x in ids]
              for r, ids in e.people.items()}
    return Mutation("assigned-qualified", f"{other} (not a {role}) instead of {pid} in {e.id}",
                    replace(s, moved(e, people=listed)), sc)


def load_lowered(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A person in at least one session given a limit below it: ``max-sessions`` one
    less than their sessions, or ``max-hours`` / ``max-hours-per-day`` under their
    hours (of the whole event, or of one day)."""
    count: dict[str, list[ScheduledSession]] = {}
    for e in s.sessions:
        for pid in {x for ids in e.people.values() for x in ids}:
            count.setdefault(pid, []).append(e)
    options = sorted(pid for pid in count if any(p.id == pid for p in sc.people))
    if not options:
        return None
    pid = pick(options)
    mine = count[pid]
    how = pick(["sessions", "hours", "day"] if len(mine) > 1 else ["hours", "day"])
    if how == "sessions":
        update: dict[str, object] = {"max_sessions": len(mine) - 1}
    elif how == "hours":
        update = {"max_hours": (sum(e.end - e.start for e in mine) - 1) / 60}
    else:
        day = pick(sorted({e.day for e in mine}))
        update = {"max_hours_per_day": (sum(e.end - e.start for e in mine if e.day == day)
                                        - 1) / 60}
    changed = _tightened(sc, people=[p.model_copy(update=update) if p.id == pid else p
                                     for p in sc.people])
    return Mutation("person-load", f"{pid}: {update}", s, changed)


# --------------------------------------------------------------------------- the scenario
# A valid schedule also breaks a rule when the scenario is tightened under it (a copy,
# changed behind the loader's back): these reach rules whose features are rare in the
# drawn scenarios.


def _tightened(sc: Scenario, **sections: object) -> Scenario:
    changed = sc.model_copy(deep=True)
    for name, value in sections.items():
        setattr(changed, name, value)
    return changed


def _with_session(sc: Scenario, sid: str, **update: object) -> Scenario:
    return _tightened(sc, sessions=[x.model_copy(update=update) if x.id == sid else x
                                    for x in sc.sessions])


def earliest_tightened(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A session's ``earliest`` set one step after its start (or ``latest`` one step
    before its end)."""
    if not s.sessions:
        return None
    e = pick(s.sessions)
    g = sc.event.granularity
    if e.start + g <= 24 * 60 and pick(["earliest", "latest"]) == "earliest":
        return Mutation("earliest-latest", f"{e.id}: earliest after its start", s,
                        _with_session(sc, e.id, earliest=e.start + g))
    return Mutation("earliest-latest", f"{e.id}: latest before its end", s,
                    _with_session(sc, e.id, latest=e.end - g))


def room_window_tightened(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A session's room made available only from the session's end on that day."""
    options = [e for e in s.sessions if e.room is not None and e.end < 24 * 60]
    if not options:
        return None
    e = pick(options)
    window = Window(day=e.day, start=e.end, end=min(24 * 60, e.end + 60))
    rooms = [r.model_copy(update={"available": [window]}) if r.id == e.room else r
             for r in sc.rooms]
    return Mutation("room-availability", f"{e.room} available only after {e.id}", s,
                    _tightened(sc, rooms=rooms))


def daily_limit_lowered(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A person given a role in two sessions of one day (if they have none) and a daily
    limit of one."""
    options = [(a, b) for a, b in _ordered_pairs(s) if a.day == b.day]
    if not options or not sc.people:
        return None
    a, b = pick(options)
    pid = pick([p.id for p in sc.people])
    changed, entries = _with_person(sc, s, pid, a, b)
    changed.people = [p.model_copy(update={"max_sessions_per_day": 1}) if p.id == pid else p
                      for p in changed.people]
    return Mutation("person-daily-limit", f"{pid} in {a.id} and {b.id}, limited to 1 a day",
                    replace(s, *entries), changed)


def no_licences(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """No licence at all while an online or hybrid session runs."""
    if not any(sc.session(e.id).needs_licence for e in s.sessions):
        return None
    return Mutation("licences", "licences: 0", s, _tightened(
        sc, hybrid=sc.hybrid.model_copy(update={"licences": 0})))


def parallel_one(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """max-parallel 1, and two sessions that observe breaks started together."""
    observing = [e for e in s.sessions if _observes(sc, e)]
    if len(observing) < 2:
        return None
    changed = _tightened(sc, event=sc.event.model_copy(update={"max_parallel": 1}))
    piled = _pile(changed, s, observing, "parallel-limit", 1)
    return piled


def max_block_lowered(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """max-block set one minute below a day's longest stretch between pauses (computed
    here from the rule's definition)."""
    day = pick(sc.days)
    stretch = _longest_stretch(sc, s, day, [(b.start, b.end) for b in s.breaks
                                            if b.day == day])
    if stretch < 2:
        return None
    return Mutation("max-block", f"max-block {stretch - 1} on {day}", s, _tightened(
        sc, breaks=sc.breaks.model_copy(update={"max_block": stretch - 1})))


def _ordered_pairs(s: Schedule) -> list[tuple[ScheduledSession, ScheduledSession]]:
    return [(a, b) for a in s.sessions for b in s.sessions if a.id != b.id]


def reference_added(sc: Scenario, s: Schedule, pick: Pick) -> list[Mutation]:
    """Two placed sessions as they are, with a new reference between them that their
    times break: ``after:`` one that ends later, ``same-day-as:`` one on another day,
    ``not-parallel-with:`` one it overlaps."""
    out = []
    pairs = _ordered_pairs(s)
    late = [(a, b) for a, b in pairs if (a.day, a.start) < (b.day, b.end)]
    apart = [(a, b) for a, b in pairs if a.day != b.day]
    together = [(a, b) for a, b in pairs
                if a.day == b.day and a.start < b.end and b.start < a.end]
    for rule, field, options in (("after", "after", late), ("same-day", "same_day_as", apart),
                                 ("not-parallel", "not_parallel_with", together)):
        if options:
            a, b = pick(options)
            refs = [*getattr(sc.session(a.id), field), b.id]
            out.append(Mutation(rule, f"{a.id}: {field} {b.id} added", s,
                                _with_session(sc, a.id, **{field: refs})))
    return out


def after_added(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """See :func:`reference_added`."""
    return next((m for m in reference_added(sc, s, pick) if m.rule == "after"), None)


def same_day_added(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """See :func:`reference_added`."""
    return next((m for m in reference_added(sc, s, pick) if m.rule == "same-day"), None)


def not_parallel_added(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """See :func:`reference_added`."""
    return next((m for m in reference_added(sc, s, pick) if m.rule == "not-parallel"), None)


def room_capacity_raised(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A session expecting one participant more than its room seats."""
    options = [e for e in s.sessions if e.room is not None]
    if not options:
        return None
    e = pick(options)
    crowd = sc.room(e.room or "").capacity + 1
    return Mutation("room-capacity", f"{e.id}: {crowd} participants",
                    replace(s, moved(e, participants=crowd)),
                    _with_session(sc, e.id, participants=crowd))


def series_made(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """Two sessions on one day declared meetings of one series."""
    options = [(a, b) for a, b in _ordered_pairs(s) if a.day == b.day]
    if not options:
        return None
    a, b = pick(options)
    # Registrations name sessions by series, so they are left out of the copy.
    changed = _tightened(sc, participants=Participants(), sessions=[
        x.model_copy(update={"series": "mutated-series", "run": None})
        if x.id in (a.id, b.id) else x
        for x in sc.sessions])
    return Mutation("series", f"{a.id} and {b.id} made one series",
                    replace(s, moved(a, series="mutated-series"),
                            moved(b, series="mutated-series")), changed)


def pin_added(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A session pinned one step after its start."""
    if not s.sessions:
        return None
    e = pick(s.sessions)
    return Mutation("pinned", f"{e.id} pinned one step later", s, _with_session(
        sc, e.id, pin=Pin(start=e.start + sc.event.granularity)))


def rooms_narrowed(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A session allowed only rooms other than its own (maybe none)."""
    options = [e for e in s.sessions if e.room is not None]
    if not options:
        return None
    e = pick(options)
    allowed = [r.id for r in sc.rooms if r.id != e.room]
    return Mutation("room-allowed", f"{e.id} allowed {allowed}", s,
                    _with_session(sc, e.id, rooms=allowed))


def tag_demanded(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A session demanding a room tag no room carries."""
    options = [e for e in s.sessions if e.room is not None]
    if not options:
        return None
    e = pick(options)
    return Mutation("room-tags", f"{e.id} needs tag no-such-tag", s, _with_session(
        sc, e.id, room_tags=[*sc.session(e.id).room_tags, "no-such-tag"]))


def person_window_elsewhere(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A person of a session made available only from the session's end on that day
    (in the event's timezone)."""
    options = [(e, pid) for e in s.sessions if e.end < 24 * 60
               for pid in sc.session(e.id).person_ids]
    if not options:
        return None
    e, pid = pick(options)
    window = Window(day=e.day, start=e.end, end=min(24 * 60, e.end + 60))
    people = [p.model_copy(update={"available": [window], "timezone": None})
              if p.id == pid else p for p in sc.people]
    return Mutation("person-availability", f"{pid} available only after {e.id}", s,
                    _tightened(sc, people=people))


def break_fixed_on(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A fixed break added exactly when a session that observes breaks runs."""
    options = [e for e in s.sessions if _observes(sc, e)]
    if not options:
        return None
    e = pick(options)
    fixed = FixedBreak(id="mutated-break", day=e.day, start=e.start, end=e.end)
    return Mutation("breaks", f"fixed break over {e.id}", s, _tightened(
        sc, breaks=sc.breaks.model_copy(update={"fixed": [*sc.breaks.fixed, fixed]})))


def _with_person(sc: Scenario, s: Schedule, pid: str, *entries: ScheduledSession
                 ) -> tuple[Scenario, list[ScheduledSession]]:
    """A scenario copy in which ``pid`` has a role in each of these sessions (an
    ``extra-role`` where they had none), and the schedule lines saying the same."""
    roles = {}
    for entry in entries:
        people = {r: list(ids) for r, ids in sc.session(entry.id).people.items()}
        if pid not in sc.session(entry.id).person_ids:
            people.setdefault("extra-role", []).append(pid)
        roles[entry.id] = people
    changed = _tightened(sc, sessions=[x.model_copy(update={"people": roles[x.id]})
                                       if x.id in roles else x for x in sc.sessions])
    return changed, [moved(e, people=roles[e.id]) for e in entries]


def two_in_one_person(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """One session moved onto another, and a person given a role in both."""
    pairs = _ordered_pairs(s)
    if not pairs or not sc.people:
        return None
    a, b = pick(pairs)
    pid = pick([p.id for p in sc.people])
    changed, (a2, b2) = _with_person(sc, s, pid, a, _onto(b, a))
    return Mutation("person-overlap", f"{b.id} onto {a.id}, both with {pid}",
                    replace(s, a2, b2), changed)

def exclusive_made(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """One session's instrument made exclusive (in a copy of the catalogue), and a
    session that observes breaks moved onto it."""
    options = [(a, b) for a, b in _ordered_pairs(s) if _observes(sc, b)]
    if not options:
        return None
    a, b = pick(options)
    changed = sc.model_copy(deep=True)
    name = sc.session(a.id).instrument
    changed.catalogue[name] = changed.catalogue[name].model_copy(update={"exclusive": True})
    return Mutation("exclusive", f"{a.instrument} made exclusive, {b.id} onto {a.id}",
                    replace(s, _onto(b, a)), changed)


def same_people_added(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """Two sessions listing different people in one role (or one of them nobody) linked
    by ``same-people-as`` for that role (#12)."""
    options = [(a, b, role) for a, b in _ordered_pairs(s) for role in sorted(a.people)
               if a.people[role] and sorted(a.people[role]) != sorted(b.people.get(role, []))]
    if not options:
        return None
    a, b, role = pick(options)
    return Mutation("same-people", f"{b.id} to keep {a.id}'s {role}", s,
                    _with_session(sc, b.id, same_people_as={role: [a.id]}))


def organisations_raised(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """One session's instrument asks for one organisation more than its people come from
    (``min-organisations``, in a copy of the catalogue) (#12)."""
    if not s.sessions:
        return None
    e = pick(s.sessions)
    people = {p.id: p for p in sc.people}
    orgs = {people[pid].organisation for ids in e.people.values() for pid in ids
            if pid in people} - {None}
    changed = sc.model_copy(deep=True)
    name = e.instrument
    changed.catalogue[name] = changed.catalogue[name].model_copy(
        update={"min_organisations": len(orgs) + 1})
    return Mutation("organisations", f"{name} asks for {len(orgs) + 1} organisations",
                    s, changed)


def same_day_elsewhere(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A session asked to be on the same day as another, and moved to the day after the
    event (which is no day of the other, on a one-day event too)."""
    pairs = _ordered_pairs(s)
    if not pairs:
        return None
    a, b = pick(pairs)
    refs = [*sc.session(a.id).same_day_as, b.id]
    day = sc.days[-1] + dt.timedelta(days=1)
    return Mutation("same-day", f"{a.id} same day as {b.id}, moved to {day}",
                    replace(s, moved(a, day=day)), _with_session(sc, a.id, same_day_as=refs))


# --------------------------------------------------------------------------- groups (#12)
# A registration with choices is added to the scenario (a copy) and the schedule lists it
# where the rule says it may not be.


def _with_registration(sc: Scenario, **fields: object) -> Scenario:
    from scheduler.scenario.model import Registration

    registration = Registration(id="mutant", **fields)  # type: ignore[arg-type]
    participants = sc.participants.model_copy(update={
        "registrations": [*sc.participants.registrations, registration]})
    return _tightened(sc, participants=participants)


def _listing(entry: ScheduledSession, *ids: str, **fields: object) -> ScheduledSession:
    return moved(entry, registrations=[*entry.registrations, *ids],
                 participants=entry.participants + len(ids), **fields)


def given_unchosen(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A registration that chose one session listed under another: not among its
    choices."""
    if len(s.sessions) < 2:
        return None
    chosen, other = pick([(a, b) for a in s.sessions for b in s.sessions if a is not b])
    changed = _with_registration(sc, choices=[chosen.id])
    return Mutation("group-choices", f"mutant chose {chosen.id}, listed in {other.id}",
                    replace(s, _listing(other, "mutant")), changed)


def group_over_room(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A session in a room given one registration more than its room seats beyond its
    participants (or its instrument's maximum)."""
    rooms = {r.id: r.capacity for r in sc.rooms}
    options = [e for e in s.sessions if e.room in rooms]
    if not options:
        return None
    e = pick(options)
    limit = rooms[e.room or ""]
    most = sc.instrument(sc.session(e.id)).max_participants
    if most is not None:
        limit = min(limit, most)
    extra = [f"m{k}" for k in range(max(1, limit - sc.session(e.id).participants + 1))]
    changed = sc
    from scheduler.scenario.model import Registration

    registrations = [Registration(id=rid, choices=[e.id]) for rid in extra]
    changed = _tightened(sc, participants=sc.participants.model_copy(update={
        "registrations": [*sc.participants.registrations, *registrations]}))
    return Mutation("group-size", f"{len(extra)} given {e.id} in {e.room}",
                    replace(s, _listing(e, *extra)), changed)


def given_beside_fixed(sc: Scenario, s: Schedule, pick: Pick) -> Mutation | None:
    """A registration attending one session given another moved onto it: they overlap."""
    if len(s.sessions) < 2:
        return None
    fixed, chosen = pick([(a, b) for a in s.sessions for b in s.sessions if a is not b])
    changed = _with_registration(sc, sessions=[fixed.id], choices=[chosen.id])
    return Mutation("group-overlap", f"mutant in {fixed.id}, given {chosen.id} onto it",
                    replace(s, _listing(chosen, "mutant", day=fixed.day, start=fixed.start)),
                    changed)


MUTATORS: dict[str, list[Mutator]] = {
    "placement": [placement, placement_twice],
    "day-frame": [day_frame, day_off_event],
    "time-grid": [time_grid],
    "duration": [duration],
    "earliest-latest": [earliest_latest, earliest_tightened],
    "pinned": [pinned, pin_added],
    "room-required": [room_required],
    "room-allowed": [room_allowed, rooms_narrowed],
    "room-capacity": [room_capacity, room_capacity_raised],
    "room-tags": [room_tags, tag_demanded],
    "room-availability": [room_availability, room_window_tightened],
    "room-overlap": [room_overlap],
    "person-overlap": [person_overlap, two_in_one_person],
    "person-availability": [person_availability, person_window_elsewhere],
    "person-daily-limit": [person_daily_limit, daily_limit_lowered],
    "breaks": [breaks_overrun, breaks_listing, break_fixed_on],
    "max-block": [max_block, max_block_lowered],
    "exclusive": [exclusive, exclusive_made],
    "licences": [licences, no_licences],
    "parallel-limit": [parallel_limit, parallel_one],
    "track-overlap": [track_overlap],
    "after": [after, after_added],
    "same-day": [same_day, same_day_added, same_day_elsewhere],
    "not-parallel": [not_parallel, not_parallel_added],
    "series": [series, series_made],
    "instrument": [instrument],
    "people": [people],
    "group-choices": [given_unchosen],
    "group-size": [group_over_room],
    "group-overlap": [given_beside_fixed],
    "person-load": [load_lowered],
    "needs-met": [needs_met],
    "assigned-qualified": [assigned_qualified],
    "same-people": [same_people_added],
    "organisations": [organisations_raised],
}
"""Every hard rule of docs/rules.md and the ways to break it."""
