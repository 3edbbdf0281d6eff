"""Cross-reference and static checks of a scenario: everything that needs no solver.

Each check returns problems as ``(path, message, hint)``; the loader turns the path into
a file, line and column.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from scheduler.scenario.clockchange import change_within
from scheduler.scenario.pools import needs, pool_problems, possible_organisations
from scheduler.scenario.types import invisible_character
from scheduler.wording import article

if TYPE_CHECKING:
    from scheduler.scenario.model import PathKey, Scenario, Session

Found = Iterator[tuple["PathKey", str, "str | None"]]


def cross_check(scenario: Scenario) -> list[tuple[PathKey, str, str | None]]:
    """All problems of a scenario whose fields are individually valid."""
    checks = (
        _unique_ids,
        _event_days,
        _room_and_person_windows,
        _people_available_somewhere,
        _session_references,
        _session_times,
        _instrument_rules,
        _ordering_is_acyclic,
        _break_days,
        _participant_references,
        _choices,
        _clock_changes,
        _pools,
    )
    problems: list[tuple[PathKey, str, str | None]] = []
    for check in checks:
        problems.extend(check(scenario))
    from scheduler.scenario.crosscheck_talks import talk_problems

    problems.extend(talk_problems(scenario))
    return problems


def _spath(scenario: Scenario, session: Session, *rest: str | int) -> PathKey:
    return ("sessions", scenario.source_index(session.id), *rest)


def _unique_ids(scenario: Scenario) -> Found:
    """Ids are unique within rooms, tracks, people and sessions."""
    for kind in ("rooms", "tracks", "people"):
        seen: set[str] = set()
        for index, item in enumerate(getattr(scenario, kind)):
            if item.id in seen:
                yield ((kind, index, "id"), f"the id {item.id!r} is used twice",
                       "give each a unique id")
            seen.add(item.id)
    # A series is one entry of the file under its own id (its meetings get ``id#k``), so
    # the ids to compare are those written in the file, one per entry.
    seen_sessions: set[str] = set()
    for session in scenario.sessions:
        if session.series is not None and (session.occurrence or session.run) != 1:
            continue  # the series was counted at its first meeting (or run)
        written = session.series or session.id
        if written in seen_sessions:
            yield (
                _spath(scenario, session, "id"),
                f"the session id {written!r} is used twice",
                "give each session a unique id",
            )
        seen_sessions.add(written)
    yield from _run_ids_unique(scenario)


def _run_ids_unique(scenario: Scenario) -> Found:
    """The ids of runs (``x.1``, ``x.2``) are not also written as ids of other sessions."""
    written = {s.id for s in scenario.sessions if s.series is None}
    for session in scenario.sessions:
        if session.run is not None and session.id in written:
            yield (_spath(scenario, session, "runs"),
                   f"run {session.run} of {session.series!r} is called {session.id!r}, which "
                   "is also the id of another session",
                   "rename that other session, or this one")


def _event_days(scenario: Scenario) -> Found:
    """The event has at least one day, its per-day frames name event days, and a
    ``max-parallel: tracks`` has tracks to count."""
    if not scenario.days:
        yield ("event", "skip-days"), "every day of the event is skipped", "remove a skip-day"
    if scenario.event.max_parallel == "tracks" and not scenario.tracks:
        yield (("event", "max-parallel"), "max-parallel is 'tracks' but there are no tracks",
               "add tracks:, or give max-parallel as a number")
    for day in scenario.event.day_frames:
        if day not in scenario.days:
            yield (("event", "day-frames", str(day)), f"{day} is not a day of the event",
                   "use a date from first-day to last-day (not a skipped day)")


def _room_and_person_windows(scenario: Scenario) -> Found:
    """Availability windows name days of the event."""
    days = set(scenario.days)
    # A day in another timezone may be the event's day before or after.
    near = days | {d + dt.timedelta(days=k) for d in days for k in (-1, 1)}
    for kind in ("rooms", "people"):
        for index, item in enumerate(getattr(scenario, kind)):
            foreign = kind == "people" and item.timezone is not None
            for field in ("available", "prefer", "avoid"):
                for w, window in enumerate(getattr(item, field, None) or []):
                    if window.day is not None and window.day not in (near if foreign else days):
                        yield (
                            (kind, index, field, w, "day"),
                            f"{window.day} is not a day of the event "
                            f"({scenario.days[0]} to {scenario.days[-1]})",
                            "use a date within the event, or drop the window",
                        )


def _people_available_somewhere(scenario: Scenario) -> Found:
    """A person with ``available: []`` (never available) takes part in no required session."""
    for index, person in enumerate(scenario.people):
        if person.available != []:
            continue
        needed = [s.series or s.id for s in scenario.sessions if not s.optional
                  and any(person.id in members for members in s.people.values())]
        if needed:
            yield (("people", index, "available"),
                   f"{person.label} is available nowhere (available: []) but takes part in "
                   f"{needed[0]!r}",
                   "list the windows when they can come, or remove available: to mean "
                   "the whole event")


def _session_references(scenario: Scenario) -> Found:
    """Sessions name rooms, tracks, people, other sessions that exist."""
    rooms = {r.id for r in scenario.rooms}
    tracks = {t.id for t in scenario.tracks}
    people = {p.id for p in scenario.people}
    ids = {s.id for s in scenario.sessions} | {s.series for s in scenario.sessions if s.series}
    for session in scenario.sessions:
        if session.instrument not in scenario.catalogue:
            known = ", ".join(sorted(scenario.catalogue))
            yield (
                _spath(scenario, session, "instrument"),
                f"unknown instrument {session.instrument!r}",
                f"use one of: {known}; or define it under instruments:",
            )
        for track in session.tracks:
            if track not in tracks:
                yield (_spath(scenario, session, "track"),
                       *_unknown("track", track,
                                 "add it under tracks: or fix the spelling"))
        for role, members in session.people.items():
            for i, pid in enumerate(members):
                if pid not in people:
                    yield (_spath(scenario, session, "people", role, i),
                           *_unknown("person", pid,
                                    "add them under people: or fix the spelling"))
        for i, room in enumerate(session.rooms or []):
            if room not in rooms:
                yield (_spath(scenario, session, "rooms", i),
                       *_unknown("room", room,
                                 "use a room id from rooms:, or fix the spelling"))
        if session.pin and session.pin.room and session.pin.room not in rooms:
            yield (_spath(scenario, session, "pin", "room"),
                   *_unknown("room", session.pin.room,
                             "use a room id from rooms:, or fix the spelling"))
        for field in ("after", "same_day_as", "not_parallel_with"):
            for i, ref in enumerate(getattr(session, field)):
                key = field.replace("_", "-")
                if ref not in ids:
                    yield (_spath(scenario, session, key, i),
                           *_unknown("session", ref,
                                     "use a session id from sessions: (a series by its own id)"))
                elif ref in (session.id, session.series):
                    yield (_spath(scenario, session, key, i), "a session cannot refer to itself",
                           "remove its own id from the list")
        for i, day in enumerate(session.days or []):
            if day not in scenario.days:
                yield (_spath(scenario, session, "days", i), f"{day} is not a day of the event",
                       "use a date from first-day to last-day (not a skipped day)")
        if session.pin and session.pin.day and session.pin.day not in scenario.days:
            yield (_spath(scenario, session, "pin", "day"),
                   f"{session.pin.day} is not a day of the event",
                   "use a date from first-day to last-day (not a skipped day)")


def _session_times(scenario: Scenario) -> Found:
    """A session fits in at least one day, and its own time limits leave room for it."""
    if not scenario.days:
        return
    longest_day = max(end - start for start, end in map(scenario.frame, scenario.days))
    for session in scenario.sessions:
        if session.instrument not in scenario.catalogue:
            continue
        duration = scenario.duration(session)
        if duration <= 0:
            yield (_spath(scenario, session, "duration"), "a session must last longer than 0 min",
                   "give it a duration such as 30min, or remove it")
        if duration > longest_day:
            yield (
                _spath(scenario, session, "duration"),
                f"{duration} min is longer than every day of the event "
                f"(longest: {longest_day} min)",
                "shorten the session, or lengthen the daily frame (event.day-start/day-end)",
            )
        g = scenario.event.granularity
        if duration % g:
            shorter, longer = duration // g * g, (duration // g + 1) * g
            rounded = " or ".join(f"duration: {m}min" for m in (shorter, longer) if m > 0)
            if session.duration is None:  # hand1: nothing was written; say where it came from
                yield (
                    _spath(scenario, session, "instrument"),
                    f"the session gives no duration, and the {session.instrument}'s default "
                    f"of {duration} min is not a multiple of the time granularity ({g} min)",
                    f"give the session one ({rounded}), or a finer event.granularity",
                )
            else:
                yield (
                    _spath(scenario, session, "duration"),
                    f"{duration} min is not a multiple of the time granularity ({g} min)",
                    f"round the duration ({rounded}), or set event.granularity",
                )
        earliest = session.earliest if session.earliest is not None else 0
        latest = session.latest if session.latest is not None else 24 * 60
        if latest - earliest < duration:
            yield (_spath(scenario, session, "latest"),
                   "earliest and latest leave less time than the session lasts",
                   "move earliest earlier or latest later, or shorten the session")
        if session.pin and session.pin.start is not None and (
            session.pin.start % scenario.event.granularity
        ):
            yield (_spath(scenario, session, "pin", "start"),
                   "the pinned start is not on the time grid", "set event.granularity finer")


def _instrument_rules(scenario: Scenario) -> Found:
    """Rules of each session's instrument that can be checked before solving."""
    room_tags = {tag for room in scenario.rooms for tag in room.tags}
    catalogue = scenario.catalogue
    people = {p.id: p for p in scenario.people}
    for session in scenario.sessions:
        rule = catalogue.get(session.instrument)
        if rule is None:
            continue
        name = session.instrument
        if rule.max_participants is not None and session.participants > rule.max_participants:
            yield (
                _spath(scenario, session, "participants"),
                f"{session.participants} participants exceed the {name} maximum of "
                f"{rule.max_participants}",
                "split the session in two, or change its instrument",
            )
        chosen = needs(scenario, session)
        for role, least in rule.required_roles.items():
            have = len(session.people.get(role, [])) + chosen.get(role, 0)
            if have < least:
                yield (
                    _spath(scenario, session, "people"),
                    (f"{article(name)} needs at least {least} {role}, this one has {have}"
                     if least == 1 else
                     f"{article(name)} needs at least {least} people as {role}, "
                     f"this one has {have}"),
                    _role_hint(role, [r for r in session.people if r not in rule.required_roles]),
                )
        duration = scenario.duration(session)
        if rule.min_duration is not None and duration < rule.min_duration:
            yield (_spath(scenario, session, "duration"),
                   f"{article(name)} lasts at least {rule.min_duration} min (this one: {duration})",
                   f"set duration: to {rule.min_duration}min or more")
        if rule.max_duration is not None and duration > rule.max_duration:
            yield (_spath(scenario, session, "duration"),
                   f"{article(name)} lasts at most {rule.max_duration} min (this one: {duration})",
                   f"set duration: to {rule.max_duration}min or less, or split the session")
        if session.format not in rule.formats:
            yield (_spath(scenario, session, "format"),
                   f"{article(name)} cannot be run {session.format}",
                   f"use one of: {', '.join(rule.formats)}")
        if rule.recurring and session.series is None:
            yield (_spath(scenario, session, "repeat"),
                   f"{article(name)} is a series of regular meetings",
                   "add repeat: {count: N} (one meeting a day)")
        if rule.min_organisations:
            orgs = possible_organisations(scenario, session, people)  # named, or from the pool
            if len(orgs) < rule.min_organisations:
                yield (
                    _spath(scenario, session, "people"),
                    f"{article(name)} needs people from {rule.min_organisations} organisations "
                    f"(found {len(orgs)})",
                    "set organisation: on the people of both institutions",
                )
        if (session.format == "online" or not rule.needs_room) and (
            session.pin is not None and session.pin.room is not None
        ):
            yield (
                _spath(scenario, session, "pin", "room"),
                f"this {session.format} {name} takes no room, so it cannot be pinned to one",
                "remove pin.room, or make the session in-person or hybrid",
            )
        if session.format != "online" and rule.needs_room:
            for tag in [*rule.room_tags, *session.room_tags]:
                if tag not in room_tags:
                    yield (_spath(scenario, session, "instrument"),
                           f"{article(name)} needs a room tagged {tag!r} and no room has that tag",
                           f"add tags: [{tag}] to a room")
            if session.format == "hybrid" and scenario.hybrid.room_tag not in room_tags:
                yield (_spath(scenario, session, "format"),
                       f"hybrid sessions need a room tagged {scenario.hybrid.room_tag!r}; none is",
                       "tag a room as hybrid, or make the session in-person or online")
        if rule.followed_by:
            followers = [
                s for s in scenario.sessions
                if s.instrument == rule.followed_by
                and (session.id in s.after or (session.series and session.series in s.after))
            ]
            if not followers:
                yield (
                    _spath(scenario, session, "instrument"),
                    f"{article(name)} must be followed by {article(rule.followed_by)}",
                    f"add {article(rule.followed_by)} session with "
                    f"after: [{session.series or session.id}]",
                )


def _pools(scenario: Scenario) -> Found:
    """People chosen from pools: candidates exist, needs can be met (scenario/pools.py)."""
    yield from pool_problems(scenario, lambda session, *rest: _spath(scenario, session, *rest))


def _role_hint(role: str, others: list[str]) -> str:
    """How to add a missing role; when a role of a similar spelling is listed, name it."""
    import difflib

    close = difflib.get_close_matches(role, others, n=1, cutoff=0.75)
    if close:
        return (f"the session lists {close[0]!r}: did you mean {role!r}? "
                f"(people: {{{role}: [...]}})")
    return (f"list them under people: {{{role}: [...]}}, or give people roles: [{role}] "
            "so that the solver chooses them")


def _ordering_is_acyclic(scenario: Scenario) -> Found:
    """``after:`` references form no cycle."""
    series: dict[str, list[str]] = {}
    for session in scenario.sessions:
        series.setdefault(session.series or session.id, []).append(session.id)
    # A reference to itself is reported on its own ("cannot refer to itself"), not as a circle.
    graph: dict[str, list[str]] = {
        s.id: [t for ref in s.after if ref not in (s.id, s.series)
               for t in series.get(ref, [])]
        for s in scenario.sessions
    }
    state: dict[str, int] = {}
    for start in graph:
        if state.get(start):
            continue
        stack = [(start, iter(graph[start]))]
        state[start] = 1
        trail = [start]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
                trail.pop()
            elif state.get(child) == 1:
                cycle = [*trail[trail.index(child):], child]
                session = scenario.session(node)
                yield (_spath(scenario, session, "after"),
                       "the after: references go round in a circle: " + " -> ".join(cycle),
                       "remove one of the after: references")
                return
            elif not state.get(child):
                state[child] = 1
                trail.append(child)
                stack.append((child, iter(graph[child])))


def _break_days(scenario: Scenario) -> Found:
    """Breaks name event days and have unique ids."""
    days = set(scenario.days)
    ids = Counter([b.id for b in scenario.breaks.placed] + [b.id for b in scenario.breaks.fixed])
    for group in ("placed", "fixed"):
        for index, item in enumerate(getattr(scenario.breaks, group)):
            if ids[item.id] > 1:
                yield (("breaks", group, index, "id"), f"the break id {item.id!r} is used twice",
                       "give each break a unique id")
            for day in getattr(item, "days", None) or [getattr(item, "day", None)]:
                if day is not None and day not in days:
                    yield (("breaks", group, index), f"{day} is not a day of the event",
                           "use a date from first-day to last-day (not a skipped day)")


def _participant_references(scenario: Scenario) -> Found:
    """Registrations and interest pairs name sessions that exist."""
    ids = {s.id for s in scenario.sessions} | {s.series for s in scenario.sessions if s.series}
    runs = _with_runs(scenario)  # once: it walks every session (calling it per reference was
    # sessions x references, 90 of 106 profiled seconds at 10,000 sessions)
    seen: set[str] = set()
    for index, registration in enumerate(scenario.participants.registrations):
        if registration.id in seen:
            yield (("participants", "registrations", index, "id"),
                   f"the participant id {registration.id!r} is used twice",
                   "give each registration a unique id")
        seen.add(registration.id)
        for i, ref in enumerate(registration.sessions):
            if ref not in ids:
                yield (("participants", "registrations", index, "sessions", i),
                       *_unknown("session", ref,
                                "use a session id from sessions: (a series by its own id)"))
            elif ref in runs:
                yield (("participants", "registrations", index, "sessions", i),
                       f"{ref!r} runs {runs[ref]} times, and a participant "
                       "goes to one run",
                       f"move it to choices: (the solver picks the run), or name one run "
                       f"as {ref}.1")
    for index, pair in enumerate(scenario.participants.interest_pairs):
        if pair.sessions[0] == pair.sessions[1]:
            yield (("participants", "interest-pairs", index, "sessions"),
                   f"an interest pair names {pair.sessions[0]!r} twice",
                   "name the two different sessions that the same people want to attend")
        for i, ref in enumerate(pair.sessions):
            if ref not in ids:
                yield (("participants", "interest-pairs", index, "sessions", i),
                       *_unknown("session", ref,
                                "use a session id from sessions: (a series by its own id)"))


def _with_runs(scenario: Scenario) -> dict[str, int]:
    """Session id written in the file -> its number of runs (``runs:``)."""
    runs: dict[str, int] = {}
    for session in scenario.sessions:
        if session.run is not None and session.series is not None:
            runs[session.series] = max(runs.get(session.series, 0), session.run)
    return runs


def _choices(scenario: Scenario) -> Found:
    """Registrations' ``choices:`` name sessions (or sessions with runs) that a participant
    can be given: no repeat series, none twice, none also in their ``sessions:``, and
    ``take`` no larger than the number of choices."""
    runs = _with_runs(scenario)
    single = {s.id for s in scenario.sessions if s.series is None or s.run is not None}
    repeated = {s.series for s in scenario.sessions if s.occurrence is not None}

    def covers(ref: str) -> set[str]:
        return {f"{ref}.{k}" for k in range(1, runs[ref] + 1)} if ref in runs else {ref}

    for index, registration in enumerate(scenario.participants.registrations):
        where: PathKey = ("participants", "registrations", index)
        fixed = {sid for ref in registration.sessions for sid in covers(ref)}
        seen: set[str] = set()
        for i, ref in enumerate(registration.choices):
            path = (*where, "choices", i)
            if ref in repeated:
                yield (path, f"{ref!r} is a series of meetings (repeat:), which a participant "
                       "attends whole, not a choice",
                       "list it under sessions:, or give the session runs: instead of "
                       "repeat: to share participants out among its runs")
                continue
            if ref not in runs and ref not in single:
                yield (path, *_unknown("session", ref, "use a session id from sessions: (a "
                                       "session with runs: by its own id)"))
                continue
            if covers(ref) & seen:
                yield (path, f"{ref!r} is chosen twice (or with one of its runs)",
                       "list each choice once")
            elif covers(ref) & fixed:
                yield (path, f"{ref!r} is both a choice and in sessions: of "
                       f"{registration.id!r}",
                       "keep it in sessions: (they attend for sure) or in choices: "
                       "(the solver decides), not both")
            seen |= covers(ref)
        given = "take" in registration.model_fields_set or registration.choices
        if given and registration.take > len(registration.choices):
            yield ((*where, "take"), f"take is {registration.take} but {registration.id!r} "
                   f"has {len(registration.choices)} choice"
                   f"{'s' * (len(registration.choices) != 1)}",
                   "lower take:, or list more sessions under choices:")


def _unknown(kind: str, ref: str, hint: str) -> tuple[str, str]:
    """``unknown session 'x'``, and when the reference holds an invisible character
    (``intro`` followed by a zero-width space looks like ``intro``), which one."""
    hidden = invisible_character(ref)
    if hidden:
        return (f"unknown {kind} {ref!r}: the id contains {hidden}",
                "retype the id (copying from a web page or word processor can add "
                "invisible characters)")
    return f"unknown {kind} {ref!r}", hint


def _clock_changes(scenario: Scenario) -> Found:
    """No day's hours (its frame, where sessions run) and no fixed break contain a
    daylight-saving clock change of the event's timezone: times there do not exist or
    happen twice, so a session across it would be published with the wrong length."""
    zone = scenario.event.timezone
    for day in scenario.days:
        start, end = scenario.frame(day)
        change = change_within(zone, day, start, end)
        if change is not None:
            custom = day in scenario.event.day_frames
            where: PathKey = (("event", "day-frames", day.isoformat()) if custom
                              else ("event", "day-start"))
            yield (where, f"the hours of {day} ({_clock(start)}-{_clock(end)}) contain a "
                   f"clock change: {change.describe()}", change.fix())
    for index, item in enumerate(scenario.breaks.fixed):
        for day in [item.day] if item.day else scenario.days:
            change = change_within(zone, day, item.start, item.end)
            if change is not None:
                yield (("breaks", "fixed", index), f"the break {item.id!r} "
                       f"({_clock(item.start)}-{_clock(item.end)}) meets a clock change: "
                       f"{change.describe()}",
                       f"move it to end by {_clock(change.start)} or start at "
                       f"{_clock(change.end)} or later")
                break


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
