"""Which Zoom meetings a schedule needs: one per online/hybrid session, or per room and day.

The rules:

- Every placed session whose format is ``online`` or ``hybrid`` gets a meeting, except a
  session that names its own fixed ``meeting:`` or sits in a room with a fixed
  ``meeting:`` (the organiser chose that link). The event-wide ``hybrid.meeting`` is only
  a fallback: synced Zoom meetings replace it.
- With ``hybrid.meetings-per: room-day`` the sessions of one room on one day share one
  meeting, from the first start to the last end of those sessions. Online sessions
  (which have no room) still get one meeting each.
- The host is the session's ``host``, else its room's ``host``, else
  ``hybrid.default-host``, else ``me`` (the account that owns the app). A room-day meeting
  takes the room's host, else the default host, else ``me``.
- A session's ``host`` (or the default host) may name one of the session's roles, e.g.
  ``host: facilitator``: the first person the schedule lists in that role hosts, by their
  ``email`` (so a facilitator the solver chose from a pool hosts their own meeting); or
  a person id: that person, by their ``email``. A role the session has nobody in passes
  to the next host in line. A hosting person without an email is an error that says
  whom to give one.
- A meeting is a scheduled meeting (type 2) in the event's timezone, with safe settings:
  no joining before the host, a waiting room, participants muted on entry, no automatic
  recording.
- Its topic is the scenario's title of the session (never the schedule's copy), and the
  last line of its agenda is ``confsched-ref: <state ref>/<key>``: the identity by which
  an interrupted creation is recognised (:mod:`confsched_zoom.state`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from confsched_zoom.state import marker
from scheduler.errors import InputError, Problem
from scheduler.scenario import Scenario
from scheduler.schedule import Schedule, ScheduledSession
from scheduler.texts import with_scenario_texts
from scheduler.timeparse import format_clock

TOPIC_LIMIT = 200
AGENDA_LIMIT = 2000

MEETING_SETTINGS: dict[str, Any] = {
    "join_before_host": False,
    "waiting_room": True,
    "mute_upon_entry": True,
    "host_video": True,
    "participant_video": False,
    "approval_type": 2,
    "auto_recording": "none",
    "meeting_authentication": False,
}
"""Settings of every created meeting (Zoom's names); see docs/zoom.md."""


@dataclass(frozen=True)
class MeetingSpec:
    """One meeting the schedule needs, in the terms Zoom's API uses."""

    key: str
    """``session:<id>`` or ``room-day:<room>@<day>``; the state file's key."""
    label: str
    """How messages name it: ``session 'x'`` or ``room 'hall' on 2022-06-07``."""
    sessions: tuple[str, ...]
    host: str
    topic: str
    agenda: str
    start: str
    """Event-local start, ``YYYY-MM-DDTHH:MM:SS`` (Zoom reads it in ``timezone``)."""
    duration: int
    timezone: str

    @property
    def fingerprint(self) -> str:
        """A hash of what a PATCH can change: topic, agenda, start, duration, timezone."""
        data = [self.topic, self.agenda, self.start, self.duration, self.timezone]
        return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()[:16]

    def patch_body(self) -> dict[str, Any]:
        """The fields sent to ``PATCH /meetings/{id}``."""
        return {
            "topic": self.topic,
            "agenda": self.agenda,
            "start_time": self.start,
            "duration": self.duration,
            "timezone": self.timezone,
        }

    def create_body(self) -> dict[str, Any]:
        """The body of ``POST /users/{host}/meetings``."""
        return {"type": 2, **self.patch_body(), "settings": dict(MEETING_SETTINGS)}

    def start_utc(self) -> dt.datetime:
        """The start as an aware UTC datetime."""
        from zoneinfo import ZoneInfo

        local = dt.datetime.fromisoformat(self.start).replace(tzinfo=ZoneInfo(self.timezone))
        return local.astimezone(dt.UTC)


@dataclass
class Needs:
    """The meetings a schedule needs, and the sessions left to their fixed links."""

    meetings: list[MeetingSpec] = field(default_factory=list)
    fixed: list[str] = field(default_factory=list)
    """Online/hybrid sessions that keep a fixed meeting from the scenario."""


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _agenda(lines: list[str], ref: str | None, key: str) -> str:
    """The agenda: ``lines`` clipped so that the identity line (if any) always fits."""
    if ref is None:
        return _clip("\n".join(lines), AGENDA_LIMIT)
    tag = marker(ref, key)
    return _clip("\n".join(lines), AGENDA_LIMIT - len(tag) - 1) + "\n" + tag


def _start(day: dt.date, clock: int) -> str:
    return f"{day.isoformat()}T{format_clock(clock)}:00"


def _person_host(scenario: Scenario, placed: ScheduledSession, host: str | None,
                 schedule_file: str | None) -> str | None:
    """``host`` as a Zoom user: a role of the session -> the email of the first person the
    schedule lists in it (named or chosen); a person id -> their email; else as given."""
    if host is None:
        return None
    people = {p.id: p for p in scenario.people}
    listed = placed.people.get(host)
    if listed:
        who = people.get(listed[0])
    elif host in people:
        who = people[host]
    elif host in {r for s in scenario.sessions for r in s.people} | {
            r for p in people.values() for r in p.roles}:
        return None  # a role this session has nobody in: the next host in line
    else:
        return host
    if who is None or not who.email:
        label = who.label if who is not None else listed[0] if listed else host
        raise InputError([Problem(
            f"the meeting of session {placed.id!r} is hosted by {label} ({host}), who has "
            "no email: Zoom needs the host's account email",
            file=schedule_file, path="sessions",
            hint=f"give {who.id if who is not None else host} an email: in people:, or set "
                 "the session's host: to a Zoom user")])
    return who.email


def needed_meetings(scenario: Scenario, schedule: Schedule,
                    schedule_file: str | None = None, ref: str | None = None) -> Needs:
    """The meetings ``schedule`` needs (see the module's rules), in schedule order.

    ``ref`` is the state's identity, put into each agenda (none when ``None``).
    """
    declared = {s.id: s for s in scenario.sessions}
    rooms = {r.id: r for r in scenario.rooms}
    unknown = [p.id for p in schedule.sessions if p.id not in declared]
    if unknown:
        raise InputError([Problem(
            f"the schedule has sessions the scenario does not: {', '.join(unknown[:5])}",
            file=schedule_file, path="sessions",
            hint="pass the scenario this schedule was solved from, or solve again",
        )])
    schedule = with_scenario_texts(scenario, schedule)
    timezone = scenario.event.timezone
    needs = Needs()
    per_room_day: dict[tuple[str, dt.date], list[ScheduledSession]] = {}
    for placed in schedule.sessions:
        if placed.format == "in-person":
            continue
        session = declared[placed.id]
        room = rooms.get(placed.room) if placed.room else None
        if session.meeting is not None or (room is not None and room.meeting is not None):
            needs.fixed.append(placed.id)
            continue
        if scenario.hybrid.meetings_per == "room-day" and room is not None:
            per_room_day.setdefault((room.id, placed.day), []).append(placed)
            continue
        host = (_person_host(scenario, placed, session.host, schedule_file)
                or (room.host if room else None)
                or _person_host(scenario, placed, scenario.hybrid.default_host, schedule_file))
        agenda = [scenario.event.name]
        if room is not None:
            agenda.append(room.label)
        if session.description:
            agenda.append(session.description)
        key = f"session:{placed.id}"
        needs.meetings.append(MeetingSpec(
            key=key,
            label=f"session {placed.id!r}",
            sessions=(placed.id,),
            host=host or "me",
            topic=_clip(placed.title, TOPIC_LIMIT),
            agenda=_agenda(agenda, ref, key),
            start=_start(placed.day, placed.start),
            duration=placed.end - placed.start,
            timezone=timezone,
        ))
    for (room_id, day), placed_list in per_room_day.items():
        room = rooms[room_id]
        placed_list.sort(key=lambda p: (p.start, p.id))
        first = min(p.start for p in placed_list)
        last = max(p.end for p in placed_list)
        lines = [scenario.event.name, f"{room.label}, {day.isoformat()}"]
        lines += [f"{format_clock(p.start)}–{format_clock(p.end)} {p.title}" for p in placed_list]
        key = f"room-day:{room_id}@{day.isoformat()}"
        needs.meetings.append(MeetingSpec(
            key=key,
            label=f"room {room_id!r} on {day.isoformat()}",
            sessions=tuple(p.id for p in placed_list),
            host=room.host or scenario.hybrid.default_host or "me",
            topic=_clip(f"{scenario.event.name}: {room.label}, {day.isoformat()}", TOPIC_LIMIT),
            agenda=_agenda(lines, ref, key),
            start=_start(day, first),
            duration=last - first,
            timezone=timezone,
        ))
    return needs
