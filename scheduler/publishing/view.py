"""The programme as plain data: what the PDF template and the web page both show.

The rule: everything is taken from the solved schedule (when, where, who) and the
scenario (names, colours, descriptions, meeting links), turned into JSON-ready dicts with
labels already in the chosen language. Templates only lay it out; they never compute.

Per day: the items (sessions and breaks) sorted by start, the grid columns (rooms used
that day in scenario order, then an *online* column for sessions without a room), and
for each session its column and its lane inside the column (lanes only appear when
sessions without a room overlap).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from scheduler.errors import ConfschedError
from scheduler.exporting import ExportContext
from scheduler.links import MeetingLink
from scheduler.publishing import programme_labels as L
from scheduler.publishing.identity import session_uid
from scheduler.scenario import FixedBreak, Person, PlacedBreak
from scheduler.schedule import ScheduledBreak, ScheduledSession
from scheduler.timeparse import format_clock

ONLINE_COLUMN = "__online__"

# Colour-blind-friendly palette (Okabe-Ito and Tol's muted), used for tracks without a colour.
PALETTE = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
    "#882255", "#117733", "#999933", "#44AA99", "#AA4499", "#332288",
)
NO_TRACK_COLOR = "#6C757D"
BREAK_COLOR = "#BDBDBD"

_HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def normalise_color(value: str | None) -> str | None:
    """``#rgb``/``#rrggbb`` (with or without ``#``) as ``#RRGGBB``; anything else: None."""
    if not value:
        return None
    match = _HEX.match(value.strip())
    if not match:
        return None
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits.upper()


def _link_data(link: MeetingLink | None) -> dict[str, str] | None:
    if link is None:
        return None
    return {"url": link.url, "id": link.meeting_id or "", "passcode": link.passcode or ""}


def default_as_of(timezone: str) -> dt.date:
    """The date a programme is "as of" when none is given: ``SOURCE_DATE_EPOCH`` if set
    (reproducible builds), else today in the event's time zone."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        zone: dt.tzinfo = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = dt.UTC
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=zone).date()
    return dt.datetime.now(zone).date()


def timezone_label(timezone: str, first: dt.date, last: dt.date) -> str:
    """``Asia/Bishkek, UTC+06:00``; both offsets when the event spans a DST change."""
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return timezone
    offsets = []
    for day in (first, last):
        offset = dt.datetime.combine(day, dt.time(12), tzinfo=zone).utcoffset() or dt.timedelta()
        minutes = int(offset.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "−"
        text = f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
        if text not in offsets:
            offsets.append(text)
    return f"{timezone}, {' / '.join(offsets)}"


def build_programme(context: ExportContext, as_of: dt.date | None = None) -> dict[str, Any]:
    """The whole programme as JSON-ready data, labels in ``context.language``.

    ``as_of`` is the date of this version of the programme, printed as "версия:
    03.06.2022" (default: :func:`default_as_of`).
    """
    scenario, schedule = context.scenario, context.schedule
    if not schedule.status.has_schedule and not schedule.sessions:
        raise ConfschedError(
            f"the schedule has no timetable (status {schedule.status.value}); "
            "solve the scenario first and pass the file `confsched solve -o` wrote"
        )
    timed: list[ScheduledSession | ScheduledBreak] = [*schedule.sessions, *schedule.breaks]
    for item in timed:
        if item.end <= item.start:
            raise ConfschedError(
                f"in the schedule, {item.id!r} on {item.day} ends ({format_clock(item.end)}) "
                f"before it starts ({format_clock(item.start)}); fix its times or solve again"
            )
    lang = L.language(context.language)
    text = L.labels(lang)
    tracks = _tracks(context)
    rooms = {room.id: room for room in scenario.rooms}
    room_order = {room.id: i for i, room in enumerate(scenario.rooms)}
    links = context.links

    days = sorted({s.day for s in schedule.sessions} | {b.day for b in schedule.breaks}
                  | set(scenario.days))
    day_data = []
    for day in days:
        sessions = [s for s in schedule.sessions if s.day == day]
        breaks = [b for b in schedule.breaks if b.day == day]
        if not sessions and not breaks and day not in scenario.days:
            continue
        day_data.append(_day(context, day, sessions, breaks, tracks, rooms, room_order,
                             links, lang))

    event = scenario.event
    first, last = scenario.days[0], scenario.days[-1]
    formats = {s.format for s in schedule.sessions}
    event_format = ("hybrid" if "hybrid" in formats or len(formats) > 1
                    else next(iter(formats), "in-person"))
    return {
        "lang": lang,
        "labels": text,
        "event": {
            "name": event.name,
            # The event's identity (id:, else its name): what visitors' starred sessions
            # are kept under, so renaming an event with an id keeps them.
            "key": event.identity,
            "venue": event.venue or "",
            "description": event.description or "",
            "url": event.url or "",
            "organiser": event.organiser.name if event.organiser else "",
            "organiser_email": (event.organiser.email or "") if event.organiser else "",
            "dates": L.date_range_label(first, last, lang),
            "hours": _hours(context),
            "timezone": event.timezone,
            "timezone_label": timezone_label(event.timezone, first, last),
            "as_of": L.as_of_label(as_of or default_as_of(event.timezone), lang),
            "format": text[f"event_format.{event_format}"],
        },
        "connection": _connection(context),
        "tracks": list(tracks.values()),
        "rooms": [{"id": r.id, "label": r.label, "capacity": r.capacity}
                  for r in scenario.rooms],
        "days": day_data,
        "dropped": [_title_of(context, sid) for sid in schedule.dropped],
    }


def _title_of(context: ExportContext, session_id: str) -> str:
    try:
        return context.scenario.session(session_id).title
    except KeyError:
        return session_id


def _hours(context: ExportContext) -> str:
    """``09:30 – 20:00`` when every day has the same frame, else empty."""
    frames = {context.scenario.frame(day) for day in context.scenario.days}
    if len(frames) != 1:
        return ""
    start, end = frames.pop()
    return f"{format_clock(start)} – {format_clock(end)}"


def track_mark(index: int) -> str:
    """The letter that marks the ``index``-th track in print: A..Z, then AA, AB...

    Colour alone does not survive black-and-white printing or copying; the letter does.
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _tracks(context: ExportContext) -> dict[str, dict[str, str]]:
    used = {s.track for s in context.schedule.sessions if s.track}
    out: dict[str, dict[str, str]] = {}
    for i, track in enumerate(context.scenario.tracks):
        color = normalise_color(track.color) or PALETTE[i % len(PALETTE)]
        out[track.id] = {"id": track.id, "label": track.label, "color": color,
                         "used": "yes" if track.id in used else ""}
    for extra in sorted(used - set(out)):
        out[extra] = {"id": extra, "label": extra,
                      "color": PALETTE[len(out) % len(PALETTE)], "used": "yes"}
    for i, entry in enumerate(out.values()):
        entry["mark"] = track_mark(i)
    return out


def _connection(context: ExportContext) -> dict[str, Any] | None:
    """The event's one meeting, or the single link every online session shares, if any."""
    meeting = context.scenario.hybrid.meeting
    if meeting is not None:
        return {"url": meeting.url, "id": meeting.id or "", "passcode": meeting.passcode or "",
                "shared": True}
    distinct = {link for link in context.links.values()}
    if len(distinct) == 1:
        only = _link_data(distinct.pop())
        assert only is not None
        return {**only, "shared": True}
    if distinct:
        return {"url": "", "id": "", "passcode": "", "shared": False}
    return None


def person_label(person: Person) -> str:
    """A name as the seed prints it: ``Имя (Координатор проекта, ЮНЕСКО Алматы)``.

    Position and organisation follow in brackets when the person has a name (a person
    known only by id gets no brackets: the id is already a stand-in).
    """
    extra = [text for text in (person.position, person.organisation) if text]
    if not person.name or not extra:
        return person.label
    return f"{person.label} ({', '.join(extra)})"


_BULLET = re.compile(r"^\s*(?:[-•*–—]|\d+[.)])\s+(.*\S)\s*$")


def description_parts(text: str | None) -> tuple[str, list[str]]:
    """A description split into its running text and its parts (bulleted lines).

    Lines starting with ``-``, ``•``, ``*``, a dash or ``1.``/``1)`` are the session's
    parts (the seed lists "• Командообразование", "• Обучение эмпатии"); the other lines
    are the running text.
    """
    summary: list[str] = []
    parts: list[str] = []
    for line in (text or "").splitlines():
        match = _BULLET.match(line)
        if match:
            parts.append(match.group(1))
        elif line.strip():
            summary.append(line.strip())
    return " ".join(summary), parts


def _people(context: ExportContext, placed: ScheduledSession, lang: str) -> list[dict[str, Any]]:
    out = []
    for role, ids in placed.people.items():
        if not ids:
            continue
        names = []
        for pid in ids:
            try:
                person = context.scenario.person(pid)
            except KeyError:
                names.append(pid)
                continue
            names.append(person_label(person))
        out.append({"role": role, "label": L.role_label(role, len(ids), lang), "names": names})
    return out


def talk_items(context: ExportContext, placed: ScheduledSession) -> list[dict[str, Any]]:
    """A talk session's talks in order of time: time, title and presenters' names
    (people known only by id keep their id). Empty for every other session."""
    out = []
    for talk in sorted(placed.talks, key=lambda t: (t.start, t.end, t.id)):
        names = []
        for pid in talk.presenters:
            try:
                names.append(context.scenario.person(pid).label)
            except KeyError:
                names.append(pid)
        out.append({"id": talk.id, "title": talk.title or talk.id,
                    "time": f"{format_clock(talk.start)}–{format_clock(talk.end)}",
                    "start": talk.start, "end": talk.end, "presenters": names})
    return out


def _day(
    context: ExportContext,
    day: dt.date,
    sessions: list[ScheduledSession],
    breaks: list[ScheduledBreak],
    tracks: dict[str, dict[str, str]],
    rooms: dict[str, Any],
    room_order: dict[str, int],
    links: dict[str, MeetingLink],
    lang: str,
) -> dict[str, Any]:
    text = L.labels(lang)
    scenario = context.scenario
    frame_start, frame_end = scenario.frame(day)
    used_rooms = sorted({s.room for s in sessions if s.room},
                        key=lambda r: (room_order.get(r, len(room_order)), r))
    columns = [{"id": r, "label": rooms[r].label if r in rooms else r} for r in used_rooms]
    if any(not s.room for s in sessions):
        columns.append({"id": ONLINE_COLUMN, "label": text["no_room"]})
    column_index = {c["id"]: i for i, c in enumerate(columns)}

    items: list[dict[str, Any]] = []
    for placed in sessions:
        declared = None
        try:
            declared = scenario.session(placed.id)
        except KeyError:
            declared = None
        instrument = scenario.catalogue.get(placed.instrument)
        track = tracks.get(placed.track) if placed.track else None
        column = placed.room or ONLINE_COLUMN
        items.append({
            "kind": "session",
            "id": placed.id,
            # The UID of every published calendar: the page's "my calendar" download uses it,
            # so that its events and a subscribed calendar's are one event, not two.
            "uid": session_uid(scenario.event.identity, placed.id),
            "title": placed.title,
            "start": placed.start,
            "end": placed.end,
            "time": f"{format_clock(placed.start)}–{format_clock(placed.end)}",
            "room": placed.room or "",
            "room_label": (rooms[placed.room].label if placed.room in rooms
                           else (placed.room or text["no_room"])),
            "column": column_index[column],
            "track": placed.track or "",
            "track_label": track["label"] if track else "",
            "track_mark": track["mark"] if track else "",
            "color": track["color"] if track else NO_TRACK_COLOR,
            "instrument": placed.instrument,
            "instrument_label": (instrument.label(lang, placed.instrument) if instrument
                                 else placed.instrument),
            "format": placed.format,
            "format_label": text[f"format.{placed.format}"],
            "format_short": text[f"format_short.{placed.format}"],
            "people": _people(context, placed, lang),
            "talks": talk_items(context, placed),
            "participants": placed.participants,
            "grouped": bool(placed.registrations),  # #12: a count to print, never who
            "description": (declared.description or "") if declared else "",
            "summary": description_parts(declared.description if declared else None)[0],
            "parts": description_parts(declared.description if declared else None)[1],
            "link": _link_data(links.get(placed.id)),
            "link_ref": None,
            "lane": 0,
            "lanes": 1,
        })
    for placed_break in breaks:
        items.append({
            "kind": "break",
            "id": placed_break.id,
            "title": break_title(context, placed_break, lang),
            "break_kind": placed_break.kind,
            "start": placed_break.start,
            "end": placed_break.end,
            "time": f"{format_clock(placed_break.start)}–{format_clock(placed_break.end)}",
            "color": BREAK_COLOR,
        })
    zone = _zone(scenario.event.timezone)
    for item in items:
        item["utc_start"] = utc_instant(day, item["start"], zone)
        item["utc_end"] = utc_instant(day, item["end"], zone)
    items.sort(key=lambda it: (it["start"], it["kind"] != "break", it.get("column", -1),
                               it["end"], it["id"]))
    _assign_lanes([it for it in items if it["kind"] == "session"])

    starts = [it["start"] for it in items] + [frame_start]
    ends = [it["end"] for it in items] + [frame_end]
    grid_start = min(starts) // 60 * 60
    grid_end = -(-max(ends) // 60) * 60
    return {
        "date": day.isoformat(),
        "label": L.date_label(day, lang),
        "short": L.short_date_label(day, lang),
        "frame": [frame_start, frame_end],
        "grid": [grid_start, grid_end],
        "hours": [h * 60 for h in range(grid_start // 60, grid_end // 60 + 1)],
        "hour_labels": [format_clock(h * 60) for h in range(grid_start // 60,
                                                           grid_end // 60 + 1)],
        "columns": columns,
        "utc_offset": _utc_offset_minutes(day, zone),
        "items": items,
        "links": _day_links(items),
    }


def break_title(context: ExportContext, placed: ScheduledBreak, lang: str) -> str:
    """What a break is called: its title in the scenario, else its kind in ``lang``.

    The schedule file stores a break's id as its title when the scenario gives none
    (``lunch@2022-06-07`` titled ``lunch``); that id is never shown: an untitled break is
    "Обед"/"Lunch", "Кофе-брейк"/"Coffee break" and so on. A break no longer in the
    scenario keeps the schedule's title unless that is just its id.
    """
    base = placed.id.split("@", 1)[0]
    breaks = context.scenario.breaks
    declared: list[PlacedBreak | FixedBreak] = [*breaks.placed, *breaks.fixed]
    for one in declared:
        if one.id == base:
            return one.title or L.break_label(one.kind, lang)
    if placed.title and placed.title != base:
        return placed.title
    return L.break_label(placed.kind, lang)


def _zone(timezone: str) -> dt.tzinfo:
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def utc_instant(day: dt.date, minute: int, zone: dt.tzinfo) -> str:
    """The moment ``minute`` (from midnight, event time) of ``day`` as ``...Z`` (UTC)."""
    local = dt.datetime.combine(day, dt.time(0), tzinfo=zone) + dt.timedelta(minutes=minute)
    return local.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _utc_offset_minutes(day: dt.date, zone: dt.tzinfo) -> int:
    offset = dt.datetime.combine(day, dt.time(12), tzinfo=zone).utcoffset()
    return int(offset.total_seconds() // 60) if offset else 0


def _assign_lanes(sessions: list[dict[str, Any]]) -> None:
    """Side-by-side lanes for sessions that overlap in one column.

    Within a column, sessions are taken by start; each goes to the lowest lane free at
    its start. A cluster (sessions chained by overlaps) shares its lane count.
    """
    by_column: dict[int, list[dict[str, Any]]] = {}
    for item in sessions:
        by_column.setdefault(item["column"], []).append(item)
    for column_items in by_column.values():
        column_items.sort(key=lambda it: (it["start"], it["end"]))
        cluster: list[dict[str, Any]] = []
        lane_ends: list[int] = []
        cluster_end = -1
        for item in column_items:
            if item["start"] >= cluster_end and cluster:
                for member in cluster:
                    member["lanes"] = len(lane_ends)
                cluster, lane_ends = [], []
            lane = next((i for i, end in enumerate(lane_ends) if end <= item["start"]), None)
            if lane is None:
                lane = len(lane_ends)
                lane_ends.append(item["end"])
            else:
                lane_ends[lane] = item["end"]
            item["lane"] = lane
            cluster.append(item)
            cluster_end = max(cluster_end, item["end"])
        for member in cluster:
            member["lanes"] = len(lane_ends)


def _day_links(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The distinct meeting links of a day's sessions, numbered in order of first use.

    Each session with a link gets ``link_ref``, the number of its link, so a grid box can
    print a short reference and the page the links themselves.
    """
    seen: dict[tuple[str, str, str], dict[str, Any]] = {}
    for item in items:
        link = item.get("link")
        if not link:
            continue
        key = (link["url"], link["id"], link["passcode"])
        if key not in seen:
            seen[key] = {**link, "ref": len(seen) + 1}
        item["link_ref"] = seen[key]["ref"]
    return list(seen.values())
