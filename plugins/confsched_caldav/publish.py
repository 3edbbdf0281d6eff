"""Publishing the programme to a CalDAV calendar, idempotently.

The rule: after a publish, the target calendar holds exactly one copy of each session and
break of the schedule (one resource per UID, the UIDs of the iCal export). Publishing
twice changes nothing; a moved session is updated in place with a higher SEQUENCE; a
session no longer in the schedule (dropped) stays, as ``STATUS:CANCELLED`` with a higher
SEQUENCE, so that every client sees it cancelled (RFC 5546 3.2.5); if it comes back it is
confirmed again with a higher SEQUENCE. A copy left in another calendar of this publish
(a session that changed track with ``per_track``) is deleted. Only events whose UID starts with this
event's prefix (:func:`scheduler.publishing.identity.uid_prefix`) are ever touched, so other
entries on a shared calendar stay. With ``per_track`` each track gets its own calendar
(``<name> — <track>``) and the main one keeps the breaks and the sessions without a track.

Each published event carries ``X-CONFSCHED-FINGERPRINT`` (day, start, end, room) and
``X-CONFSCHED-HASH`` (its content), read back on the next publish to decide whether it
moved (SEQUENCE + 1), changed (re-upload) or is unchanged (left alone).
"""

from __future__ import annotations

import hashlib
import inspect
from dataclasses import dataclass, field
from typing import Any

from caldav.elements.dav import DisplayName
from icalendar import Event

from scheduler.exporting import ExportContext
from scheduler.publishing.calendar import build_calendar, export_timestamp, organizer, vevent
from scheduler.publishing.entries import Entry, all_entries
from scheduler.publishing.identity import uid_prefix

FINGERPRINT = "X-CONFSCHED-FINGERPRINT"
CONTENT_HASH = "X-CONFSCHED-HASH"


@dataclass
class PublishReport:
    """What a publish did, per kind of change (UIDs)."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)
    calendars: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{len(self.created)} created, {len(self.updated)} updated, "
                f"{len(self.unchanged)} unchanged, {len(self.deleted)} deleted, "
                f"{len(self.cancelled)} cancelled in {', '.join(self.calendars)}")


def plan_calendars(context: ExportContext, name: str, per_track: bool) -> dict[str, list[Entry]]:
    """Calendar display name -> its entries."""
    entries = all_entries(context)
    if not per_track:
        return {name: entries}
    tracks = {t.id: t.label for t in context.scenario.tracks}
    plan: dict[str, list[Entry]] = {name: []}
    for entry in entries:
        target = name if entry.track_id not in tracks else f"{name} — {tracks[entry.track_id]}"
        plan.setdefault(target, []).append(entry)
    return plan


def content_hash(context: ExportContext, entry: Entry) -> str:
    """A hash of everything shown of an entry except DTSTAMP and SEQUENCE."""
    component = vevent(entry, 0, export_timestamp(), organizer(context), context.language)
    component.pop("DTSTAMP", None)
    return hashlib.sha256(component.to_ical()).hexdigest()[:32]


def calendar_key(identity: str, track: str | None) -> str:
    """The last part of the URL of a calendar this publisher makes under its default name:
    from the event's identity (and the track's id), so the event's calendar is found again
    after its name changed (an event with an ``id:``)."""
    digest = hashlib.sha256(f"{identity}\x00{track or ''}".encode()).hexdigest()[:20]
    return f"confsched-{digest}"


def _calendar(principal: Any, name: str, former: str | None = None,
              key: str | None = None) -> Any:
    """The calendar whose URL ends in ``key`` (renamed to ``name`` if it is called
    otherwise); else the one named ``name``; else the one named ``former`` (an event
    renamed, its old name kept as ``id:``), renamed to ``name``; else a new one (at
    ``key``, when given)."""
    calendars = list(principal.calendars())
    if key is not None:
        for calendar in calendars:
            if str(calendar.url).rstrip("/").endswith("/" + key):
                if calendar.get_display_name() != name:
                    calendar.set_properties([DisplayName(name)])
                return calendar
    found = {calendar.get_display_name(): calendar for calendar in calendars}
    if name in found:
        return found[name]
    if former is not None and former in found:
        found[former].set_properties([DisplayName(name)])
        return found[former]
    return principal.make_calendar(name=name, cal_id=key)


def former_name(cal_name: str, name: str, former: str | None) -> str | None:
    """What the calendar ``cal_name`` (the main ``name`` or ``<name> — <track>``) was called
    when the event's name was ``former``."""
    if former is None:
        return None
    return former + cal_name[len(name):] if cal_name.startswith(name) else None


def _store(calendar: Any, data: str) -> None:
    """PUT one event as it is: caldav 2+ would otherwise raise its SEQUENCE on every save."""
    add_object = getattr(calendar, "add_object", None)
    if add_object is not None and "increase_seqno" in inspect.signature(add_object).parameters:
        calendar.add_event(data, increase_seqno=False)
    else:
        calendar.save_event(data)


def publish(context: ExportContext, principal: Any, name: str, per_track: bool,
            former: str | None = None, keyed: bool = False) -> PublishReport:
    """Make the calendars of ``principal`` hold the schedule (see the module rule).

    ``former``: the name the calendars had before the event was renamed (its ``id:``);
    calendars of that name are taken over and renamed, so subscribers keep them.
    ``keyed`` (the default calendar name, no ``--calendar``): calendars are made at a URL
    from the event's identity (:func:`calendar_key`) and found there again, whatever the
    event is called by then.
    """
    identity = context.scenario.event.identity
    prefix = uid_prefix(identity)
    plan = plan_calendars(context, name, per_track)
    tracks = {f"{name} — {t.label}": t.id for t in context.scenario.tracks}
    calendars = {cal_name: _calendar(principal, cal_name, former_name(cal_name, name, former),
                                     calendar_key(identity, tracks.get(cal_name))
                                     if keyed else None)
                 for cal_name in plan}
    existing: dict[str, tuple[str, Any, Event]] = {}
    for cal_name, calendar in calendars.items():
        for resource in calendar.events():
            component = resource.icalendar_component
            uid = str(component.get("UID", ""))
            if uid.startswith(prefix):
                existing[f"{cal_name}\x00{uid}"] = (cal_name, resource, component)
    previous = {key.split("\x00", 1)[1]: value[2] for key, value in existing.items()}
    report = PublishReport(calendars=list(plan))
    stamp = export_timestamp()
    for cal_name, entries in plan.items():
        for entry in entries:
            digest = content_hash(context, entry)
            old = previous.get(entry.uid)
            key = f"{cal_name}\x00{entry.uid}"
            sequence = 0
            if old is not None:
                old_sequence = int(old.get("SEQUENCE", 0))
                moved = (str(old.get(FINGERPRINT, "")) != entry.fingerprint
                         or str(old.get("STATUS", "")).upper() == "CANCELLED")
                sequence = old_sequence + 1 if moved else old_sequence
                if not moved and str(old.get(CONTENT_HASH, "")) == digest and key in existing:
                    report.unchanged.append(entry.uid)
                    existing.pop(key)
                    continue

            def mark(item: Entry, component: Event, digest: str = digest) -> None:
                component.add(FINGERPRINT, item.fingerprint)
                component.add(CONTENT_HASH, digest)

            document = build_calendar(context, cal_name, [entry], {entry.uid: sequence}, stamp,
                                      method=None, extra=mark)
            _store(calendars[cal_name], document.to_ical().decode("utf-8"))
            (report.updated if key in existing else report.created).append(entry.uid)
            existing.pop(key, None)
    planned = {entry.uid for entries in plan.values() for entry in entries}
    for _, resource, component in existing.values():
        uid = str(component.get("UID"))
        if uid in planned:  # a copy in the wrong calendar: the event itself lives on
            resource.delete()
            report.deleted.append(uid)
        elif str(component.get("STATUS", "")).upper() == "CANCELLED":
            report.unchanged.append(uid)
        else:
            _cancel(resource, stamp)
            report.cancelled.append(uid)
    return report


def _cancel(resource: Any, stamp: Any) -> None:
    """Store ``component`` again as cancelled: STATUS:CANCELLED, SEQUENCE + 1, new DTSTAMP."""
    calendar = resource.icalendar_instance
    for event in calendar.walk("VEVENT"):
        sequence = int(event.get("SEQUENCE", 0)) + 1
        for name in ("STATUS", "SEQUENCE", "DTSTAMP"):
            event.pop(name, None)
        event.add("status", "CANCELLED")
        event.add("sequence", sequence)
        event.add("dtstamp", stamp)
    resource.data = calendar.to_ical().decode("utf-8")
    if "increase_seqno" in inspect.signature(resource.save).parameters:
        resource.save(increase_seqno=False)
    else:
        resource.save()
