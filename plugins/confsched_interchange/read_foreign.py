"""Reading frab ``schedule.xml`` and c3voc ``schedule.json`` (as pretalx, frab and our own
exporters write them) into a :class:`ForeignProgramme`.

XML is parsed with defusedxml (no entity expansion, no external entities: a published
file from elsewhere is untrusted input), keeping each element's line for messages. Every
problem is collected and raised at once, each at its line (XML) or path (JSON).
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from confsched_interchange.foreign import (
    ForeignDay,
    ForeignProgramme,
    ForeignTalk,
    clock_minutes,
)
from scheduler.errors import InputError, Problem
from scheduler.yamlsafe import read_text

TALK_FIELDS = ("id", "guid", "date", "start", "duration", "room", "slug", "title", "type",
               "track", "language", "abstract", "description")
"""The fields of a talk that are read (each must be text)."""


class _Lines(ET.TreeBuilder):
    """A tree builder that notes the line each element starts on."""

    def __init__(self) -> None:
        super().__init__()
        self.parser: Any = None
        self.lines: dict[int, int] = {}

    def start(self, tag: Any, attrs: Any) -> ET.Element:
        element = super().start(tag, attrs)
        self.lines[id(element)] = self.parser.parser.CurrentLineNumber
        return element


class _Reader:
    """Shared by both formats: the problems found so far, and the event's timezone."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.zone: ZoneInfo = ZoneInfo("UTC")
        self.zone_name = "UTC"
        self.notes: list[str] = []
        self.ours = False
        """Written by confsched's own export: its ``description`` (instrument, format,
        people by role) is derived from the scenario, not the talk's text."""

    def text(self, value: Any, where: Problem, what: str) -> str | None:
        """A field that must be text (a number is taken as its digits): a list or an
        object in its place (a hand-edited or foreign JSON) is a problem, not a crash."""
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        self.problems.append(self._at(where, f"the {what} is {type(value).__name__} "
                                             f"{value!r:.60}, not text",
                                      "give it as text, as frab and pretalx export it"))
        return None

    def timezone(self, name: Any, where: Problem) -> None:
        name = self.text(name, where, "time_zone_name")
        if not name:
            self.notes.append("the source names no timezone: UTC was assumed; set "
                              "event.timezone if the times are local")
            return
        try:
            self.zone, self.zone_name = ZoneInfo(name), name
        except (ZoneInfoNotFoundError, ValueError):
            self.problems.append(self._at(where, f"{name!r} is not an IANA timezone",
                                          "write it like Europe/Berlin"))

    def local(self, value: Any, where: Problem) -> dt.datetime | None:
        """An ISO date-time with offset, as wall-clock time in the event's timezone."""
        text = self.text(value, where, "date and time")
        if not text:
            return None
        try:
            moment = dt.datetime.fromisoformat(text.strip())
        except ValueError:
            self.problems.append(self._at(where, f"{text!r} is not a date and time",
                                          "write it like 2024-09-16T10:00:00+02:00"))
            return None
        if moment.tzinfo is not None:
            moment = moment.astimezone(self.zone)
        return moment.replace(tzinfo=None)

    def date(self, value: Any, where: Problem) -> dt.date | None:
        text = self.text(value, where, "date")
        if not text:
            return None
        try:
            return dt.date.fromisoformat(text.strip()[:10])
        except ValueError:
            self.problems.append(self._at(where, f"{text!r} is not a date",
                                          "write it like 2024-09-16"))
            return None

    def minutes(self, given: Any, where: Problem, what: str) -> int | None:
        text = self.text(given, where, what)
        value = clock_minutes(text or "")
        if value is None:
            self.problems.append(self._at(where, f"the {what} {text!r} is not hours:minutes",
                                          "write it like 00:30 or 1:30"))
        return value

    def _at(self, where: Problem, message: str, hint: str) -> Problem:
        return Problem(message, file=where.file, line=where.line, path=where.path, hint=hint)

    def talk(self, fields: dict[str, Any], day: dt.date | None, room: str,
             where: Problem, persons: list[tuple[str, str]]) -> ForeignTalk | None:
        """One talk from its fields (frab names), or None with its problems noted."""
        fields = {key: self.text(fields.get(key), where, key) for key in TALK_FIELDS}
        length = self.minutes(fields.get("duration"), where, "duration")
        start = self.local(fields.get("date"), where)
        if start is None or len(str(fields.get("date") or "")) <= 10:
            clock = self.minutes(fields.get("start"), where, "start")
            base = self.date(fields.get("date"), where) or day
            if clock is None or base is None:
                if base is None:
                    self.problems.append(self._at(where, "the talk has no date",
                                                  "give it a <date> or put it in a <day>"))
                return None
            start = dt.datetime.combine(base, dt.time()) + dt.timedelta(minutes=clock)
        if length is None:
            return None
        key = str(fields.get("id") or fields.get("guid") or "")
        description = "\n\n".join(
            part for part in (str(fields.get("abstract") or "").strip(),
                              "" if self.ours else str(fields.get("description") or "").strip())
            if part)
        return ForeignTalk(
            key=key, slug=str(fields.get("slug") or ""), title=str(fields.get("title") or ""),
            type=str(fields.get("type") or ""), track=str(fields.get("track") or "").strip(),
            room=str(fields.get("room") or room).strip(), start=start, minutes=length,
            description=description, persons=persons,
            language=str(fields.get("language") or ""), where=where)

    def finish(self, title: str, acronym: str, timeslot: str | None, base_url: str,
               days: list[ForeignDay], rooms: list[str], talks: list[ForeignTalk],
               first: dt.date | None, last: dt.date | None) -> ForeignProgramme:
        if self.problems:
            raise InputError(self.problems)
        if not talks:
            raise InputError([Problem("the programme has no talks", file=self.file,
                                      hint="export the schedule after it has talks in it")])
        dates = [t.start.date() for t in talks]
        step = clock_minutes(timeslot or "") or 5
        for talk in talks:
            if talk.room and talk.room not in rooms:
                rooms.append(talk.room)
        return ForeignProgramme(
            title=title, acronym=acronym, timezone=self.zone_name,
            first_day=first or min(dates), last_day=last or max(dates), timeslot=step,
            base_url=base_url, days=days, rooms=rooms, talks=talks, notes=self.notes,
            ours=self.ours)


def read_frab(path: Path) -> ForeignProgramme:
    """A frab ``schedule.xml``."""
    file = str(path)
    text = read_text(path)
    builder = _Lines()
    parser = DefusedXMLParser(target=builder, forbid_dtd=False, forbid_entities=True,
                              forbid_external=True)
    builder.parser = parser
    try:
        parser.feed(text)
        root = parser.close()
    except ET.ParseError as exc:
        line, column = exc.position
        raise InputError([Problem(f"this is not valid XML: {exc}",
                                  file=file, line=line, column=column + 1,
                                  hint="check the file is the whole schedule.xml")]) from None
    except DefusedXmlException as exc:
        raise InputError([Problem(f"the XML declares entities ({exc}), which are refused",
                                  file=file,
                                  hint="export the schedule again from its source")]) from None
    reader = _Reader(file)

    def at(element: ET.Element) -> Problem:
        return Problem("", file=file, line=builder.lines.get(id(element)))

    if root.tag != "schedule":
        raise InputError([Problem(f"the document is <{root.tag}>, not a frab <schedule>",
                                  file=file, line=builder.lines.get(id(root)),
                                  hint="give the schedule.xml of a frab or pretalx event")])
    conference = root.find("conference")
    if conference is None:
        raise InputError([Problem("the schedule has no <conference>", file=file,
                                  hint="give the whole schedule.xml")])

    def text_of(parent: ET.Element, tag: str) -> str:
        found = parent.find(tag)
        return (found.text or "").strip() if found is not None else ""

    reader.timezone(text_of(conference, "time_zone_name") or None, at(conference))
    generator = root.find("generator")
    reader.ours = generator is not None and generator.get("name") == "confsched"
    days: list[ForeignDay] = []
    rooms: list[str] = []
    talks: list[ForeignTalk] = []
    for day_element in root.findall("day"):
        date = reader.date(day_element.get("date"), at(day_element))
        if date is None:
            continue
        days.append(ForeignDay(date, reader.local(day_element.get("start"), at(day_element)),
                               reader.local(day_element.get("end"), at(day_element))))
        for room in day_element.findall("room"):
            name = (room.get("name") or "").strip()
            if name and name not in rooms:
                rooms.append(name)
            for event in room.findall("event"):
                fields: dict[str, Any] = {child.tag: (child.text or "").strip()
                                          for child in event if len(child) == 0}
                fields["id"], fields["guid"] = event.get("id"), event.get("guid")
                persons = [((p.get("id") or p.get("guid") or ""), (p.text or "").strip())
                           for p in event.findall("persons/person")]
                talk = reader.talk(fields, date, name, at(event), persons)
                if talk is not None:
                    talks.append(talk)
    return reader.finish(
        title=text_of(conference, "title"), acronym=text_of(conference, "acronym"),
        timeslot=text_of(conference, "timeslot_duration") or None,
        base_url=text_of(conference, "base_url"), days=days, rooms=rooms, talks=talks,
        first=reader.date(text_of(conference, "start") or None, at(conference)),
        last=reader.date(text_of(conference, "end") or None, at(conference)))


def read_schedule_json(path: Path) -> ForeignProgramme:
    """A c3voc ``schedule.json`` (the JSON twin of frab's XML)."""
    file = str(path)
    try:
        document = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise InputError([Problem(f"this is not valid JSON: {exc.msg}", file=file,
                                  line=exc.lineno, column=exc.colno,
                                  hint="check the file is the whole schedule.json")]) from None
    reader = _Reader(file)

    def at(path_text: str) -> Problem:
        return Problem("", file=file, path=path_text)

    schedule = document.get("schedule") if isinstance(document, dict) else None
    conference = schedule.get("conference") if isinstance(schedule, dict) else None
    if not isinstance(conference, dict):
        raise InputError([Problem("there is no schedule.conference object", file=file,
                                  hint="give the schedule.json of a frab, pretalx or c3voc "
                                       "event")])
    reader.timezone(conference.get("time_zone_name"), at("schedule.conference"))
    generator = schedule.get("generator") if isinstance(schedule, dict) else None
    reader.ours = isinstance(generator, dict) and generator.get("name") == "confsched"
    rooms = [str(r.get("name")).strip() for r in conference.get("rooms", [])
             if isinstance(r, dict) and r.get("name")]
    days: list[ForeignDay] = []
    talks: list[ForeignTalk] = []
    for i, day in enumerate(conference.get("days") or []):
        where = f"schedule.conference.days[{i}]"
        if not isinstance(day, dict):
            reader.problems.append(Problem("a day is not an object", file=file, path=where,
                                           hint="give the schedule.json as exported"))
            continue
        date = reader.date(day.get("date"), at(where))
        if date is None:
            continue
        days.append(ForeignDay(date, reader.local(day.get("day_start"), at(where)),
                               reader.local(day.get("day_end"), at(where))))
        by_room = day.get("rooms") or {}
        if not isinstance(by_room, dict):
            reader.problems.append(Problem("the day's rooms are not an object (room name -> "
                                           "talks)", file=file, path=f"{where}.rooms",
                                           hint="give the schedule.json as exported"))
            by_room = {}
        for name, events in by_room.items():
            if name not in rooms:
                rooms.append(name)
            for j, event in enumerate(events if isinstance(events, list) else []):
                spot = f"{where}.rooms[{name!r}][{j}]"
                if not isinstance(event, dict):
                    reader.problems.append(Problem("a talk is not an object", file=file,
                                                   path=spot, hint="give it as exported"))
                    continue
                persons = [(str(p.get("id") or p.get("guid") or ""),
                            str(p.get("public_name") or p.get("name") or "").strip())
                           for p in event.get("persons") or [] if isinstance(p, dict)]
                talk = reader.talk(event, date, name, at(spot), persons)
                if talk is not None:
                    talks.append(talk)
    programme = reader.finish(
        title=str(conference.get("title") or ""), acronym=str(conference.get("acronym") or ""),
        timeslot=reader.text(conference.get("timeslot_duration"), at("schedule.conference"),
                             "timeslot_duration"),
        base_url=str(schedule.get("base_url") or conference.get("url") or "")
        if isinstance(schedule, dict) else "",
        days=days, rooms=rooms, talks=talks,
        first=reader.date(conference.get("start"), at("schedule.conference.start")),
        last=reader.date(conference.get("end"), at("schedule.conference.end")))
    for room in conference.get("rooms", []):
        size = room.get("capacity") if isinstance(room, dict) else None
        if isinstance(size, int) and not isinstance(size, bool) and size > 0:
            programme.capacities[str(room.get("name")).strip()] = size
    return programme
