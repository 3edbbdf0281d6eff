"""Turning entries into RFC 5545 calendars (METHOD:PUBLISH, RFC 5546; RFC 7986 names).

Every event carries UID, DTSTAMP, SEQUENCE, timezone-aware DTSTART/DTEND (the calendar
gets the matching VTIMEZONE), SUMMARY, LOCATION (room name), CATEGORIES (track and
instrument, or ``break``), DESCRIPTION (people by role, instrument, format, link) and an
ORGANIZER; never an ATTENDEE, as a published calendar must not have one. STATUS is
CONFIRMED, or CANCELLED for an entry published before and dropped since. Online and
hybrid sessions with a meeting link get it as CONFERENCE (RFC 7986) and URL.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from functools import lru_cache

from icalendar import Calendar, Event, Timezone, vCalAddress, vText, vUri

from scheduler.exporting import ExportContext
from scheduler.publishing.entries import Entry, link_label
from scheduler.publishing.identity import stable_uuid

PRODID = "-//confsched//confsched calendar export//EN"


def export_timestamp() -> dt.datetime:
    """The DTSTAMP of this export: now in UTC, or ``SOURCE_DATE_EPOCH`` if set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


@lru_cache(maxsize=16)
def vtimezone(tzid: str, first: dt.date, last: dt.date) -> Timezone:
    """The VTIMEZONE of ``tzid`` covering ``first``..``last`` (built once, it is slow)."""
    return Timezone.from_tzid(tzid, first_date=first, last_date=last)


def organizer(context: ExportContext) -> vCalAddress:
    """The ORGANIZER: the scenario's organiser (by e-mail), else the event itself.

    Without an e-mail the address is the event's URL if given, else a ``urn:uuid:``
    derived from the event's identity (``id:``, else its name); the name goes in CN either way.
    """
    event = context.scenario.event
    who = event.organiser
    if who is not None and who.email:
        address = f"mailto:{who.email}"
    elif event.url:
        address = event.url
    else:
        address = f"urn:uuid:{stable_uuid(event.identity, 'organiser')}"
    value = vCalAddress(address)
    value.params["CN"] = vText(who.name if who is not None else event.name)
    return value


def vevent(entry: Entry, sequence: int, stamp: dt.datetime, organiser: vCalAddress,
           language: str) -> Event:
    """The VEVENT of one entry."""
    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", stamp)
    event.add("sequence", sequence)
    event.add("dtstart", entry.begins)
    event.add("dtend", entry.ends)
    event.add("summary", entry.title)
    if entry.location:
        event.add("location", entry.location)
    if entry.categories:
        event.add("categories", list(entry.categories))
    if entry.description:
        event.add("description", entry.description)
    event.add("organizer", organiser)
    event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if entry.kind == "break" else "OPAQUE")
    if entry.link is not None:
        event.add("url", vUri(entry.link.url))
        conference = vUri(entry.link.url)
        conference.params["VALUE"] = "URI"
        conference.params["FEATURE"] = ["AUDIO", "VIDEO"]
        conference.params["LABEL"] = link_label(entry.link, language)
        event.add("conference", conference, encode=False)
    return event


def build_calendar(
    context: ExportContext,
    name: str,
    entries: Iterable[Entry],
    sequences: dict[str, int],
    stamp: dt.datetime,
    method: str | None = "PUBLISH",
    extra: Callable[[Entry, Event], None] | None = None,
) -> Calendar:
    """A published calendar called ``name`` holding ``entries`` (with their VTIMEZONE).

    ``method=None`` leaves METHOD out, as CalDAV requires of stored objects (RFC 4791
    4.1); ``extra(entry, vevent)`` may add properties to each event.
    """
    who = organizer(context)
    events = []
    for entry in entries:
        component = vevent(entry, sequences[entry.uid], stamp, who, context.language)
        if extra is not None:
            extra(entry, component)
        events.append(component)
    tzids = sorted({str(event[key].params["TZID"]) for event in events
                    for key in ("DTSTART", "DTEND") if "TZID" in event[key].params})
    if not events:  # RFC 5545 wants a component: an emptied calendar keeps its VTIMEZONE
        tzids = [context.scenario.event.timezone]
    calendar = calendar_head(context, name, method, tzids)
    for event in events:
        calendar.add_component(event)
    return calendar


def calendar_head(context: ExportContext, name: str, method: str | None,
                  tzids: list[str]) -> Calendar:
    """A calendar's properties and the VTIMEZONE of each of ``tzids``, before any event."""
    scenario = context.scenario
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if method == "PUBLISH":  # subscribers re-read the file hourly (RFC 7986, and Outlook's)
        calendar.add("refresh-interval", dt.timedelta(hours=1), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "PT1H")
    # NAME (RFC 7986) and X-WR-CALNAME are TEXT; icalendar has no type for them and would
    # write them unescaped (a comma cuts the name in vobject), so say they are text.
    calendar.add("name", vText(name))
    calendar.add("x-wr-calname", vText(name))
    calendar.add("x-wr-timezone", scenario.event.timezone)
    if scenario.event.description:
        calendar.add("description", scenario.event.description)
    if scenario.event.url:
        calendar.add("url", vUri(scenario.event.url))
    days = scenario.days
    for tzid in tzids:  # the VTIMEZONE of every TZID used, before the events
        calendar.add_component(vtimezone(tzid, days[0] - dt.timedelta(days=1),
                                         days[-1] + dt.timedelta(days=2)))
    return calendar


class CalendarWriter:
    """Many published calendars of one export, as bytes: the same bytes as
    ``build_calendar(context, name, entries, sequences, stamp).to_ical()``, but each
    entry's VEVENT is built and serialised once, however many calendars hold it (a session
    is in the programme, its room's, track's and people's calendars and in every
    participant's who registered for it: 15,000 participants' calendars made it the bulk of
    the export).

    A calendar's bytes are its own lines (properties), each VTIMEZONE's and each event's
    lines and ``END:VCALENDAR``, so a component serialised alone is spliced in unchanged.
    """

    def __init__(self, context: ExportContext, stamp: dt.datetime) -> None:
        self.context = context
        self.stamp = stamp
        self.organiser = organizer(context)
        self._events: dict[int, tuple[Entry, int, bytes, tuple[str, ...]]] = {}
        self._zone_bytes: dict[tuple[str, ...], bytes] = {}

    def _event(self, entry: Entry, sequence: int) -> tuple[bytes, tuple[str, ...]]:
        """The VEVENT's bytes and its TZIDs (cached by entry object and SEQUENCE)."""
        cached = self._events.get(id(entry))
        if cached is not None and cached[0] is entry and cached[1] == sequence:
            return cached[2], cached[3]
        event = vevent(entry, sequence, self.stamp, self.organiser, self.context.language)
        tzids = tuple(str(event[key].params["TZID"]) for key in ("DTSTART", "DTEND")
                      if "TZID" in event[key].params)
        data = event.to_ical()
        self._events[id(entry)] = (entry, sequence, data, tzids)  # keeps the entry alive
        return data, tzids

    def _zones(self, tzids: tuple[str, ...]) -> bytes:
        """The VTIMEZONEs of ``tzids``, serialised (cached: they are most of a small
        calendar's text)."""
        cached = self._zone_bytes.get(tzids)
        if cached is None:
            days = self.context.scenario.days
            cached = b"".join(vtimezone(tzid, days[0] - dt.timedelta(days=1),
                                        days[-1] + dt.timedelta(days=2)).to_ical()
                              for tzid in tzids)
            self._zone_bytes[tzids] = cached
        return cached

    def to_ical(self, name: str, entries: Iterable[Entry], sequences: dict[str, int]) -> bytes:
        """The calendar ``name`` holding ``entries``, serialised (METHOD:PUBLISH)."""
        events = [self._event(entry, sequences[entry.uid]) for entry in entries]
        tzids = (tuple(sorted({tzid for _, ids in events for tzid in ids})) if events
                 else (self.context.scenario.event.timezone,))
        data = calendar_head(self.context, name, "PUBLISH", []).to_ical()
        end = b"END:VCALENDAR\r\n"
        if not data.endswith(end):  # pragma: no cover - icalendar's layout changed
            raise AssertionError("unexpected calendar layout")
        return (data[:-len(end)] + self._zones(tzids) + b"".join(event for event, _ in events)
                + end)
