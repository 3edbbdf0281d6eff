"""A published programme read from elsewhere (frab ``schedule.xml`` or c3voc
``schedule.json``), and the scenario it becomes.

Both readers fill one :class:`ForeignProgramme`; :func:`scenario_data` turns it into a
scenario in which every talk keeps its day, start and room (pinned), or, with
``free=True``, only its length, track and speakers, for the solver to place. What a
scenario cannot say (room sizes, languages, links, recording licences, talks past
midnight) is listed in :attr:`ForeignProgramme.notes` and reported by the command, never
dropped without a word.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from scheduler.errors import Problem
from scheduler.importing.instruments import FACILITATED, instrument_for
from scheduler.importing.names import IdMaker, as_ident

ONLINE_ROOMS = {"online", "онлайн"}
"""Room names that mean "no room: online" (our own frab and c3voc exports put online
sessions there): a talk in one is imported as an online session without a room."""



@dataclass
class ForeignTalk:
    """One talk as the foreign programme states it."""

    key: str
    """The talk's own id (frab ``id``), or its guid."""
    slug: str
    title: str
    type: str
    track: str
    room: str
    start: dt.datetime
    """Local wall-clock start in the event's timezone."""
    minutes: int
    description: str
    persons: list[tuple[str, str]]
    """(the person's own id or "", display name)."""
    language: str = ""
    where: Problem = field(default_factory=lambda: Problem(""))
    """The talk's place in the source, for messages."""


@dataclass
class ForeignDay:
    date: dt.date
    start: dt.datetime | None
    end: dt.datetime | None


@dataclass
class ForeignProgramme:
    """A published programme: the event, its days and rooms, and every talk."""

    title: str
    acronym: str
    timezone: str
    first_day: dt.date
    last_day: dt.date
    timeslot: int
    base_url: str
    days: list[ForeignDay]
    rooms: list[str]
    talks: list[ForeignTalk]
    notes: list[str] = field(default_factory=list)
    ours: bool = False
    """Written by confsched's own frab/c3voc export."""
    capacities: dict[str, int] = field(default_factory=dict)
    """Room sizes where the source gives them (c3voc JSON does, frab XML does not)."""


def clock_minutes(text: str) -> int | None:
    """``01:30`` or ``1:30`` or ``01:30:00`` -> 90 (a frab duration or start)."""
    match = re.fullmatch(r"\s*(\d{1,3}):(\d{2})(?::(\d{2}))?\s*", text or "")
    if match is None:
        return None
    return int(match[1]) * 60 + int(match[2])


def scenario_data(programme: ForeignProgramme, free: bool,
                  table: dict[str, str]) -> dict[str, Any]:
    """The scenario of ``programme``: pinned talks, or free ones with ``free``;
    ``table`` maps session types to instruments (scheduler.importing.instruments)."""
    talks = sorted(programme.talks, key=lambda t: (t.start, programme.rooms.index(t.room)
                                                   if t.room in programme.rooms else 0))
    talks = _within_a_day(talks, programme.notes)
    days = sorted({t.start.date() for t in talks}
                  | {d for d in _span(programme.first_day, programme.last_day)})
    first, last = days[0], days[-1]
    frames = _frames(programme, talks)
    common = Counter(frames.values()).most_common(1)[0][0] if frames else (9 * 60, 18 * 60)
    starts = [t.start.hour * 60 + t.start.minute for t in talks]
    step = _step([programme.timeslot, *starts, *(t.minutes for t in talks),
                  *(f for frame in frames.values() for f in frame)])
    event: dict[str, Any] = {
        "name": programme.title or programme.acronym or "Imported programme",
        "timezone": programme.timezone, "first-day": first, "last-day": last,
        "day-start": _clock(common[0]), "day-end": _clock(common[1]), "granularity": step,
    }
    skipped = [d for d in _span(first, last) if d not in days]
    if skipped:
        event["skip-days"] = skipped
    odd = {day: {"start": _clock(a), "end": _clock(b)}
           for day, (a, b) in sorted(frames.items()) if (a, b) != common}
    if odd:
        event["day-frames"] = odd
    if programme.base_url.startswith(("http://", "https://")):
        event["url"] = programme.base_url
    rooms = _ids([r for r in programme.rooms if r.strip().lower() not in ONLINE_ROOMS], "room")
    tracks = _ids(sorted({t.track for t in talks if t.track}), "track")
    people, person_ids = _people(talks)
    sessions: list[dict[str, Any]] = []
    session_ids = IdMaker()
    languages = 0
    for talk in talks:
        languages += bool(talk.language)
        sessions.append(_session(talk, table, rooms, tracks, person_ids, session_ids, free,
                                 programme.notes, programme.acronym, programme.ours))
    if languages:
        programme.notes.append(f"{languages} talks state a language; a scenario has no "
                               "language per session, so it was left out")
    unsized = [name for name in rooms if name not in programme.capacities]
    if unsized:
        programme.notes.append(
            f"the source gives no size for {len(unsized)} room(s) ({', '.join(unsized[:5])}"
            f"{', ...' if len(unsized) > 5 else ''}): they were given capacity 0 (enough for "
            "sessions that declare no participants); set capacity: before adding them")
    data: dict[str, Any] = {"event": event}
    data["rooms"] = [{"id": rid, "name": name, "capacity": programme.capacities.get(name, 0)}
                     for name, rid in rooms.items()]
    if tracks:
        data["tracks"] = [{"id": tid, "name": name} for name, tid in tracks.items()]
    if people:
        data["people"] = people
    data["sessions"] = sessions
    return data


def own_slug(talk: ForeignTalk, acronym: str, ours: bool) -> str:
    """The talk's slug, without the ``<acronym>-<id>-`` that confsched's own export puts
    before the session id (``forum-2025-4711-opening`` -> ``opening``) when ``ours``:
    re-importing our programme keeps its session ids instead of growing them at every
    round. Other sources' slugs are kept whole (their imports' ids, and so the UIDs of
    what was published from them, must not change on upgrade)."""
    prefix = f"{acronym}-{talk.key}-"
    if (ours and acronym and talk.key and talk.slug.startswith(prefix)
            and len(talk.slug) > len(prefix)):
        return talk.slug[len(prefix):]
    return talk.slug


def _session(talk: ForeignTalk, table: dict[str, str], rooms: dict[str, str],
             tracks: dict[str, str], person_ids: dict[tuple[str, str], str], session_ids: IdMaker,
             free: bool, notes: list[str], acronym: str, ours: bool) -> dict[str, Any]:
    sid = session_ids.take(as_ident(own_slug(talk, acronym, ours))
                           or as_ident(f"talk-{talk.key}")
                           or "talk")
    instrument = instrument_for(talk.type, table)
    speakers = [person_ids[p] for p in talk.persons]
    role = "facilitator" if instrument in FACILITATED else "speaker"
    if role == "facilitator" and not speakers:
        notes.append(f"{talk.where}{talk.title!r} is a {talk.type or instrument} "
                     f"without a person; a {instrument} needs a facilitator, so it was "
                     "imported as a talk (add people: {facilitator: [...]} and instrument: "
                     f"{instrument} to keep it one)")
        instrument, role = "talk", "speaker"
    session: dict[str, Any] = {"id": sid, "title": talk.title or sid,
                               "instrument": instrument, "duration": talk.minutes}
    if talk.room.strip().lower() in ONLINE_ROOMS:
        session["format"] = "online"
    if talk.track:
        session["track"] = tracks[talk.track]
    if speakers:
        session["people"] = {role: speakers}
    if talk.description:
        session["description"] = talk.description
    if not free:
        pin: dict[str, Any] = {"day": talk.start.date(),
                               "start": _clock(talk.start.hour * 60 + talk.start.minute)}
        if talk.room in rooms:
            pin["room"] = rooms[talk.room]
        elif "format" not in session:
            notes.append(f"{talk.where}{talk.title!r} has no room in the source: "
                         "the solver chooses one (write format: online if it is online)")
        session["pin"] = pin
    return session


def _within_a_day(talks: list[ForeignTalk], notes: list[str]) -> list[ForeignTalk]:
    """Talks that run past midnight end at midnight (a day of a scenario ends there)."""
    kept = []
    for talk in talks:
        begin = talk.start.hour * 60 + talk.start.minute
        if begin + talk.minutes > 24 * 60:
            notes.append(f"{talk.where}{talk.title!r} runs past midnight; it was "
                         f"shortened to end at 24:00 ({24 * 60 - begin} min)")
            talk.minutes = 24 * 60 - begin
        if talk.minutes <= 0:
            notes.append(f"{talk.where}{talk.title!r} has no length and was left out")
            continue
        kept.append(talk)
    return kept


def _frames(programme: ForeignProgramme,
            talks: list[ForeignTalk]) -> dict[dt.date, tuple[int, int]]:
    """Each day's frame: the published day's hours, widened to hold its talks."""
    frames: dict[dt.date, tuple[int, int]] = {}
    for day in programme.days:
        if day.start is None or day.end is None:
            continue
        start = day.start.hour * 60 + day.start.minute if day.start.date() == day.date else 0
        end = (day.end.hour * 60 + day.end.minute if day.end.date() == day.date else 24 * 60)
        if end > start:
            frames[day.date] = (start, end)
    for talk in talks:
        begin = talk.start.hour * 60 + talk.start.minute
        a, b = frames.get(talk.start.date(), (begin, begin + talk.minutes))
        frames[talk.start.date()] = (min(a, begin), max(b, begin + talk.minutes))
    return frames


def _step(values: list[int]) -> int:
    """The longest grid step on which every start, length and frame lies (at most 15)."""
    step = 0
    for value in values:
        if value > 0:
            step = math.gcd(step, value)
    step = step or 5
    return math.gcd(step, 60) if step > 15 else step


def _people(talks: list[ForeignTalk]) -> tuple[list[dict[str, Any]],
                                              dict[tuple[str, str], str]]:
    people: list[dict[str, Any]] = []
    ids: dict[tuple[str, str], str] = {}
    by_key: dict[str, str] = {}
    maker = IdMaker()
    for talk in talks:
        for key, name in talk.persons:
            if (key, name) in ids:
                continue
            if key and key in by_key:
                ids[(key, name)] = by_key[key]
                continue
            pid = maker.make(name, as_ident(f"person-{key}") or "person")
            ids[(key, name)] = pid
            if key:
                by_key[key] = pid
            people.append({"id": pid, "name": name} if name else {"id": pid})
    return people, ids


def _ids(names: list[str], kind: str) -> dict[str, str]:
    ids = IdMaker()
    return {name: ids.make(name, kind) for name in names}


def _span(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
