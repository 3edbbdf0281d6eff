"""Calendar entries: each placed session and each break, with everything a calendar shows.

An entry is built once per export and then written into every calendar it belongs to
(programme, people, rooms, tracks, participants), so its UID, SEQUENCE and text are the
same everywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from scheduler.exporting import ExportContext
from scheduler.links import MeetingLink
from scheduler.publishing.identity import break_uid, fingerprint, session_uid
from scheduler.publishing.labels import role_label, word
from scheduler.publishing.sequence import Published
from scheduler.schedule import ScheduledSession
from scheduler.texts import break_title, session_title
from scheduler.timeparse import format_clock


@dataclass(frozen=True)
class Entry:
    """One VEVENT-to-be: a placed session or a break on one day."""

    key: str
    """The session id, or ``<break id>@<day>``."""
    uid: str
    kind: str
    """``session``, ``break``, or ``talk`` (one talk of a talk session, for its
    presenters' own calendars)."""
    title: str
    day: dt.date
    start: int
    end: int
    begins: dt.datetime
    ends: dt.datetime
    room_id: str | None = None
    location: str | None = None
    track_id: str | None = None
    categories: tuple[str, ...] = ()
    description: str = ""
    people: tuple[str, ...] = ()
    series: str | None = None
    link: MeetingLink | None = None
    roles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    cancelled: bool = False
    """Published before and no longer in the schedule: written with STATUS:CANCELLED."""

    @property
    def fingerprint(self) -> str:
        """Day, start, end and room: what a subscriber's calendar must follow."""
        return fingerprint(self.day, self.start, self.end, self.room_id)


def instrument_label(context: ExportContext, instrument: str) -> str:
    """The instrument's title in the export language, else English, else its id."""
    rules = context.scenario.catalogue.get(instrument)
    titles = rules.title if rules is not None else {}
    return titles.get(context.language) or titles.get("en") or instrument


def link_label(link: MeetingLink, language: str) -> str:
    """A one-line label of a meeting link: provider, meeting id and passcode when known."""
    parts = [link.provider.capitalize() if link.provider != "link" else word("join", language)]
    if link.meeting_id:
        parts.append(f"{word('meeting-id', language)}: {link.meeting_id}")
    if link.passcode:
        parts.append(f"{word('passcode', language)}: {link.passcode}")
    return "; ".join(parts)


def link_lines(link: MeetingLink, language: str) -> list[str]:
    """Lines of a description that tell how to join: the URL, meeting id, passcode."""
    lines = [f"{word('join', language)}: {link.url}"]
    if link.meeting_id:
        lines.append(f"{word('meeting-id', language)}: {link.meeting_id}")
    if link.passcode:
        lines.append(f"{word('passcode', language)}: {link.passcode}")
    return lines


def _person_label(context: ExportContext, person_id: str) -> str:
    try:
        return context.scenario.person(person_id).label
    except KeyError:
        return person_id


def session_entries(context: ExportContext) -> list[Entry]:
    """An entry for each placed session, in schedule order."""
    scenario, lang = context.scenario, context.language
    name = scenario.event.identity
    declared = {s.id: s for s in scenario.sessions}
    rooms = {r.id: r for r in scenario.rooms}
    tracks = {t.id: t for t in scenario.tracks}
    links = context.links
    out: list[Entry] = []
    for placed in context.schedule.sessions:
        session = declared.get(placed.id)
        instrument = instrument_label(context, placed.instrument)
        roles = {
            role: tuple(_person_label(context, pid) for pid in ids)
            for role, ids in placed.people.items() if ids
        }
        link = links.get(placed.id)
        lines: list[str] = []
        if session is not None and session.description:
            lines += [session.description.strip(), ""]
        lines.append(f"{word('instrument', lang)}: {instrument}")
        lines.append(f"{word('format', lang)}: {word(placed.format, lang)}")
        for role, people in roles.items():
            lines.append(f"{role_label(role, len(people), lang)}: {', '.join(people)}")
        lines += talk_lines(context, placed)
        if link is not None:
            lines += link_lines(link, lang)
        track = tracks.get(placed.track) if placed.track else None
        room = rooms.get(placed.room) if placed.room else None
        categories = [track.label] if track else []
        categories.append(instrument)
        seen: dict[str, None] = {}
        for ids in placed.people.values():
            for pid in ids:
                seen.setdefault(pid, None)
        out.append(Entry(
            key=placed.id,
            uid=session_uid(name, placed.id),
            kind="session",
            title=placed.title,
            day=placed.day,
            start=placed.start,
            end=placed.end,
            begins=scenario.datetime_at(placed.day, placed.start),
            ends=scenario.datetime_at(placed.day, placed.end),
            room_id=placed.room,
            location=room.label if room else (placed.room or
                                              (word("online-room", lang)
                                               if placed.format == "online" else None)),
            track_id=placed.track,
            categories=tuple(categories),
            description="\n".join(lines),
            people=tuple(seen),
            series=placed.series,
            link=link,
            roles=roles,
        ))
    return out


def talk_lines(context: ExportContext, placed: ScheduledSession) -> list[str]:
    """A talk session's talks in order, one line each: time, title, presenters."""
    if not placed.talks:
        return []
    lines = [f"{word('talks', context.language)}:"]
    for talk in sorted(placed.talks, key=lambda t: (t.start, t.end, t.id)):
        who = ", ".join(_person_label(context, pid) for pid in talk.presenters)
        lines.append(f"{format_clock(talk.start)}–{format_clock(talk.end)} {talk.title or talk.id}"
                     + (f" — {who}" if who else ""))
    return lines


def talk_entries(context: ExportContext) -> list[Entry]:
    """One entry per talk of each talk session, with its presenters as its people: what a
    presenter's own calendar shows (the talk, not the whole session)."""
    scenario, lang = context.scenario, context.language
    rooms = {r.id: r for r in scenario.rooms}
    out: list[Entry] = []
    for placed in context.schedule.sessions:
        room = rooms.get(placed.room) if placed.room else None
        for talk in placed.talks:
            # The talk's own identity, whichever talk session holds it: a new solve may
            # regroup the talks, and the presenter's calendar must then move the talk, not
            # cancel it and add another (``talk/`` keeps it apart from session ids).
            key = f"talk/{talk.id}"
            presenters = tuple(dict.fromkeys(talk.presenters))
            names = [_person_label(context, pid) for pid in presenters]
            lines = [f"{word('talk-session', lang)}: {placed.title} "
                     f"({format_clock(placed.start)}–{format_clock(placed.end)})"]
            for role, ids in placed.people.items():
                if ids:
                    lines.append(f"{role_label(role, len(ids), lang)}: "
                                 + ", ".join(_person_label(context, pid) for pid in ids))
            if names:
                lines.append(f"{role_label('presenter', len(names), lang)}: {', '.join(names)}")
            out.append(Entry(
                key=key, uid=session_uid(scenario.event.identity, key), kind="talk",
                title=talk.title or talk.id, day=placed.day, start=talk.start, end=talk.end,
                begins=scenario.datetime_at(placed.day, talk.start),
                ends=scenario.datetime_at(placed.day, talk.end),
                room_id=placed.room, location=room.label if room else placed.room,
                track_id=placed.track, categories=(word("talks", lang),),
                description="\n".join(lines), people=presenters,
            ))
    return out


def break_entries(context: ExportContext) -> list[Entry]:
    """An entry for each break on each day, categorised ``break``."""
    scenario = context.scenario
    out = []
    for placed in context.schedule.breaks:
        out.append(Entry(
            key=placed.id,
            uid=break_uid(scenario.event.identity, placed.id),
            kind="break",
            title=placed.title,
            day=placed.day,
            start=placed.start,
            end=placed.end,
            begins=scenario.datetime_at(placed.day, placed.start),
            ends=scenario.datetime_at(placed.day, placed.end),
            categories=("break",),
            description=f"{word('break', context.language)}: {word(placed.kind, context.language)}",
        ))
    return out


def all_entries(context: ExportContext) -> list[Entry]:
    """Sessions and breaks, sorted by time (then by id, so the order is stable)."""
    entries = session_entries(context) + break_entries(context)
    return sorted(entries, key=lambda e: (e.day, e.start, e.end, e.kind, e.key))


def attendance(context: ExportContext, entries: list[Entry]) -> dict[str, set[str]]:
    """Registration id -> the keys of the session entries it attends: the sessions listed
    in its ``sessions:`` (a series id: every meeting) and the ``choices:`` (runs) the
    schedule gives it.

    Every participant's calendar (the ical export's ``participants/``, the web's private
    ones) holds exactly these sessions.
    """
    given: dict[str, set[str]] = {}
    for placed in context.schedule.sessions:
        for rid in placed.registrations:
            given.setdefault(rid, set()).add(placed.id)
    keys: dict[str, set[str]] = {}  # a session id, or a series id: the keys it means
    for entry in entries:
        if entry.kind == "session":
            keys.setdefault(entry.key, set()).add(entry.key)
            if entry.series:
                keys.setdefault(entry.series, set()).add(entry.key)
    out: dict[str, set[str]] = {}
    for registration in context.scenario.participants.registrations:
        attended = set(given.get(registration.id, set()))
        for wanted in registration.sessions:
            attended |= keys.get(wanted, set())
        out[registration.id] = attended
    return out


def attendees_of(attended: dict[str, set[str]]) -> dict[str, list[str]]:
    """Session key -> the registrations attending it, in registration order: the index
    of :func:`attendance` the other way round (a calendar per registration then takes its
    sessions from it instead of scanning every session)."""
    out: dict[str, list[str]] = {}
    for registration_id, keys in attended.items():
        for key in keys:
            out.setdefault(key, []).append(registration_id)
    return out


def cancelled_entry(context: ExportContext, uid: str, published: Published) -> Entry:
    """The entry of a UID published before and now gone, as it was last published.

    Day, times and room come from the stored fingerprint; the title is the scenario's
    when the session (or break) is still in it, else the one last published.
    """
    scenario, lang = context.scenario, context.language
    day_text, start, end, room_id = published.fingerprint.split("|")
    day = dt.date.fromisoformat(day_text)
    if published.kind == "break":
        title = break_title(scenario, published.key)
    else:
        title = session_title(scenario, published.key)
    rooms = {r.id: r for r in scenario.rooms}
    room = rooms.get(room_id)
    return Entry(
        key=published.key, uid=uid, kind=published.kind,
        title=title or published.title or published.key,
        day=day, start=int(start), end=int(end),
        begins=scenario.datetime_at(day, int(start)), ends=scenario.datetime_at(day, int(end)),
        room_id=room_id or None, location=room.label if room else (room_id or None),
        categories=("break",) if published.kind == "break" else (),
        description=word("cancelled", lang), cancelled=True,
    )
