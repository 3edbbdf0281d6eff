"""The programme as the frab and c3voc formats see it: days, rooms, and talks in rooms.

Both formats are built from this one model, so they agree. Only sessions are talks;
event-wide breaks have no room and are left out. A talk session (``talks:``) is written in
frab's own shape: each of its talks is an event of its own in the session's room, at its
own time, with its presenters as persons and the session (its title and chair) as the
subtitle; the session itself is not an event. Sessions without a room (online) go in
a room called "Online" ("Онлайн"). Ids are stable across re-solves: a talk's ``id`` is a
positive number derived from its session id, its ``guid`` a name-based UUID of the event
and session, and people are numbered in the order of the scenario's ``people:`` list.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

from scheduler.errors import UsageError
from scheduler.exporting import ExportContext
from scheduler.importing.names import slugify
from scheduler.publishing.entries import instrument_label, link_label
from scheduler.publishing.identity import stable_uuid
from scheduler.publishing.labels import role_label, word
from scheduler.publishing.output import require_timetable
from scheduler.scenario import Track
from scheduler.schedule import ScheduledSession

ACRONYM_PATTERN = re.compile(r"^[a-z0-9_-]+$")
TIMEZONE_PATTERN = re.compile(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$")
"""What the c3voc JSON schema accepts as ``time_zone_name``."""


@dataclass
class Talk:
    """One session as a frab ``event``."""

    id: int
    guid: str
    slug: str
    title: str
    type: str
    track: str
    room: str
    date: dt.datetime
    start: str
    duration: str
    language: str
    abstract: str
    description: str
    persons: list[tuple[int, str]]
    links: list[tuple[str, str]]
    url: str | None
    subtitle: str = ""
    """The talk session a talk belongs to (empty for other sessions)."""


@dataclass
class Day:
    """One day of the event with its talks by room name (rooms in scenario order)."""

    index: int
    date: dt.date
    start: dt.datetime
    end: dt.datetime
    rooms: dict[str, list[Talk]] = field(default_factory=dict)


@dataclass
class RoomInfo:
    name: str
    guid: str
    capacity: int | None


@dataclass
class Programme:
    """The whole event: what both formats write."""

    title: str
    acronym: str
    version: str
    start: dt.date
    end: dt.date
    timeslot: str
    timezone: str
    base_url: str | None
    url: str | None
    description: str | None
    rooms: list[RoomInfo]
    days: list[Day]

    @property
    def timezone_name(self) -> str | None:
        """The timezone, if the c3voc schema can express it (else it is left out)."""
        return self.timezone if TIMEZONE_PATTERN.search(self.timezone) else None


def hh_mm(minutes: int) -> str:
    """Minutes as ``HH:MM``."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def acronym_for(context: ExportContext, given: str | None) -> str:
    """The acronym asked for (checked), else a slug of the event's identity (``id:``, else
    its name)."""
    if given is not None:
        if not ACRONYM_PATTERN.match(given):
            raise UsageError(f"--acronym {given!r} must use only a-z, 0-9, '-' and '_' "
                             "(e.g. forum-2025)")
        return given
    return slugify(context.scenario.event.identity, 40) or "event"


def schedule_version(context: ExportContext) -> str:
    """A short fingerprint of where and when every session is: changes when anything moves."""
    digest = hashlib.sha256()
    for placed in sorted(context.schedule.sessions, key=lambda s: s.id):
        digest.update(f"{placed.id}|{placed.day}|{placed.start}|{placed.end}|{placed.room}\n"
                      .encode())
    return digest.hexdigest()[:12]


def talk_ids(session_ids: list[str]) -> dict[str, int]:
    """Stable positive ids from session ids (collisions resolved in sorted order)."""
    taken: set[int] = set()
    out: dict[str, int] = {}
    for sid in sorted(session_ids):
        number = int(hashlib.sha256(sid.encode("utf-8")).hexdigest()[:7], 16) + 1
        while number in taken:
            number += 1
        taken.add(number)
        out[sid] = number
    return out


def _talk_events(context: ExportContext, placed: ScheduledSession, room_name: str,
                 acronym: str, ids: dict[str, int], person_numbers: dict[str, int],
                 web_base: str | None, tracks: dict[str, Track]) -> list[Talk]:
    """The talks of a talk session as frab events, in order of time (see the module rule)."""
    scenario, lang = context.scenario, context.language
    declared = {t.id: t for t in scenario.talks}

    def name(pid: str) -> str:
        return scenario.person(pid).label if pid in person_numbers else pid

    chairs = [name(p) for p in placed.people.get("chair", [])]
    subtitle = placed.title + (f" ({role_label('chair', len(chairs), lang)}: "
                               f"{', '.join(chairs)})" if chairs else "")
    out = []
    for talk in sorted(placed.talks, key=lambda t: (t.start, t.end, t.id)):
        key = f"talk/{talk.id}"  # the talk's own: regrouped into another session, it stays
        slug = f"{acronym}-{ids[key]}-{slugify(talk.id, 40) or 'talk'}"
        names = [name(p) for p in talk.presenters]
        known = declared.get(talk.id)
        lines = [f"{word('talk-session', lang)}: {subtitle}"]
        if names:
            lines.append(f"{role_label('presenter', len(names), lang)}: {', '.join(names)}")
        out.append(Talk(
            id=ids[key], guid=str(stable_uuid(scenario.event.identity, key)), slug=slug,
            title=talk.title or talk.id, type="talk",
            track=tracks[placed.track].label if placed.track in tracks else "",
            room=room_name, date=scenario.datetime_at(placed.day, talk.start),
            start=hh_mm(talk.start), duration=hh_mm(talk.end - talk.start), language=lang,
            abstract=((known.description or "").strip() if known else ""),
            description="\n".join(lines),
            persons=list(dict.fromkeys(
                (person_numbers.get(p, 0), n) for p, n in zip(talk.presenters, names,
                                                              strict=True))),
            links=[], url=f"{web_base}#{slug}" if web_base else None, subtitle=subtitle,
        ))
    return out


def build_programme(context: ExportContext, acronym: str | None = None,
                    base_url: str | None = None) -> Programme:
    """The programme of a solved schedule (see the module rule)."""
    require_timetable(context)
    scenario, lang = context.scenario, context.language
    event = scenario.event
    acronym = acronym_for(context, acronym)
    base = base_url or event.url
    web_base = base if base and re.match(r"https?://", base) else None
    online = word("online-room", lang)
    rooms = {r.id: r for r in scenario.rooms}
    tracks = {t.id: t for t in scenario.tracks}
    person_numbers = {p.id: i for i, p in enumerate(scenario.people, start=1)}
    declared = {s.id: s for s in scenario.sessions}
    ids = talk_ids([key for s in context.schedule.sessions
                    for key in ([f"talk/{t.id}" for t in s.talks] or [s.id])])
    links = context.links
    days = []
    for index, day in enumerate(scenario.days, start=1):
        frame_start, frame_end = scenario.frame(day)
        days.append(Day(index=index, date=day, start=scenario.datetime_at(day, frame_start),
                        end=scenario.datetime_at(day, frame_end)))
        for room in scenario.rooms:
            days[-1].rooms[room.label] = []
    by_day = {d.date: d for d in days}
    used_online = False
    for placed in sorted(context.schedule.sessions, key=lambda s: (s.day, s.start, s.id)):
        room_name = rooms[placed.room].label if placed.room in rooms else (placed.room or online)
        used_online = used_online or room_name == online
        if placed.talks:
            by_day[placed.day].rooms.setdefault(room_name, []).extend(
                _talk_events(context, placed, room_name, acronym, ids, person_numbers,
                             web_base, tracks))
            continue
        session = declared.get(placed.id)
        slug = f"{acronym}-{ids[placed.id]}-{slugify(placed.id, 40) or 'session'}"
        roles = []
        persons: list[tuple[int, str]] = []
        for role, people in placed.people.items():
            names = [scenario.person(p).label if p in person_numbers else p for p in people]
            roles.append(f"{role_label(role, len(names), lang)}: {', '.join(names)}")
            persons += [(person_numbers.get(p, 0), n) for p, n in zip(people, names, strict=True)]
        unique: dict[tuple[int, str], None] = dict.fromkeys(persons)
        link = links.get(placed.id)
        talk = Talk(
            id=ids[placed.id],
            guid=str(stable_uuid(event.identity, placed.id)),
            slug=slug,
            title=placed.title,
            type=placed.instrument,
            track=tracks[placed.track].label if placed.track in tracks else "",
            room=room_name,
            date=scenario.datetime_at(placed.day, placed.start),
            start=hh_mm(placed.start),
            duration=hh_mm(placed.end - placed.start),
            language=lang,
            abstract=(session.description or "").strip() if session else "",
            description="\n".join(
                [f"{word('instrument', lang)}: {instrument_label(context, placed.instrument)}",
                 f"{word('format', lang)}: {word(placed.format, lang)}", *roles]
            ),
            persons=list(unique),
            links=[(link_label(link, lang), link.url)] if link else [],
            url=f"{web_base}#{slug}" if web_base else None,
        )
        by_day[placed.day].rooms.setdefault(room_name, []).append(talk)
    room_infos = [RoomInfo(r.label, str(stable_uuid(event.identity, f"room:{r.id}")), r.capacity)
                  for r in scenario.rooms]
    if used_online:
        room_infos.append(RoomInfo(online, str(stable_uuid(event.identity, "room:online")), None))
    return Programme(
        title=event.name,
        acronym=acronym,
        version=schedule_version(context),
        start=scenario.days[0],
        end=scenario.days[-1],
        timeslot=hh_mm(event.granularity),
        timezone=event.timezone,
        base_url=base or f"urn:confsched:{acronym}",
        url=event.url,
        description=event.description,
        rooms=room_infos,
        days=days,
    )
