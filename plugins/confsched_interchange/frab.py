"""frab ``schedule.xml``: valid against the c3voc/frab XSD (voc/schedule, validator/xsd).

Layout: ``schedule`` > ``generator``, ``version``, ``conference``, then one ``day`` per
event day (index from 1, start and end of its frame with UTC offset) > ``room`` > ``event``.
A session's meeting link goes in ``links``; its page (``base_url#slug``) in ``url`` when the
event has a web address.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from confsched_interchange.programme import Programme, Talk, build_programme
from scheduler.atomic import atomic_write_bytes
from scheduler.exporting import ExportContext
from scheduler.plugins import plugin_version
from scheduler.publishing.output import explained_write_errors


def _text(parent: ET.Element, tag: str, value: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = value
    return element


def _event(room: ET.Element, talk: Talk) -> None:
    element = ET.SubElement(room, "event", {"id": str(talk.id), "guid": talk.guid})
    _text(element, "date", talk.date.isoformat())
    _text(element, "start", talk.start)
    _text(element, "duration", talk.duration)
    _text(element, "room", talk.room)
    _text(element, "slug", talk.slug)
    _text(element, "title", talk.title)
    _text(element, "subtitle", talk.subtitle)
    _text(element, "track", talk.track)
    _text(element, "type", talk.type)
    _text(element, "language", talk.language)
    _text(element, "abstract", talk.abstract)
    _text(element, "description", talk.description)
    if talk.url:
        _text(element, "url", talk.url)
    persons = ET.SubElement(element, "persons")
    for number, name in talk.persons:
        person = _text(persons, "person", name)
        if number > 0:
            person.set("id", str(number))
    links = ET.SubElement(element, "links")
    for label, url in talk.links:
        _text(links, "link", label).set("href", url)


def frab_xml(programme: Programme) -> bytes:
    """The schedule.xml document of ``programme``, UTF-8 with an XML declaration."""
    root = ET.Element("schedule")
    ET.SubElement(root, "generator", {"name": "confsched",
                                      "version": plugin_version("confsched") or "0"})
    _text(root, "version", programme.version)
    conference = ET.SubElement(root, "conference")
    _text(conference, "acronym", programme.acronym)
    _text(conference, "title", programme.title)
    _text(conference, "start", programme.start.isoformat())
    _text(conference, "end", programme.end.isoformat())
    _text(conference, "days", str(len(programme.days)))
    _text(conference, "timeslot_duration", programme.timeslot)
    if programme.base_url and programme.base_url.startswith(("http://", "https://")):
        _text(conference, "base_url", programme.base_url)
    _text(conference, "time_zone_name", programme.timezone)
    for day in programme.days:
        day_element = ET.SubElement(root, "day", {
            "index": str(day.index), "date": day.date.isoformat(),
            "start": day.start.isoformat(), "end": day.end.isoformat(),
        })
        for room_name, talks in day.rooms.items():
            room = ET.SubElement(day_element, "room", {"name": room_name})
            for talk in talks:
                _event(room, talk)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def export_frab(context: ExportContext, output: Path, options: dict[str, Any]) -> list[Path]:
    """Write ``schedule.xml`` into the folder ``output``."""
    programme = build_programme(context, options.get("acronym"), options.get("base_url"))
    target = output / "schedule.xml"
    with explained_write_errors(output):
        atomic_write_bytes(target, frab_xml(programme))
    return [target]
