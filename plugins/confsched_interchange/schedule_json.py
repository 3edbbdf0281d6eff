"""c3voc ``schedule.json``: valid against the published JSON Schema (voc/schedule,
validator/json/schema.json).

Same content as the frab XML, as JSON: ``schedule`` > ``conference`` > ``days`` >
``rooms`` (room name -> list of events). Meeting links go in each event's ``links`` as
``{"title", "url", "type": "meeting"}``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from confsched_interchange.programme import Programme, Talk, build_programme
from scheduler.atomic import atomic_write_text
from scheduler.exporting import ExportContext
from scheduler.plugins import plugin_version
from scheduler.publishing.output import explained_write_errors

SCHEMA_URL = "https://c3voc.de/schedule/schema.json"


def _event(talk: Talk, base_url: str) -> dict[str, Any]:
    return {
        "id": talk.id,
        "guid": talk.guid,
        "logo": "",
        "date": talk.date.isoformat(),
        "start": talk.start,
        "duration": talk.duration,
        "room": talk.room,
        "slug": talk.slug,
        "url": talk.url or f"{base_url}#{talk.slug}",
        "title": talk.title,
        "subtitle": talk.subtitle,
        "track": talk.track,
        "type": talk.type,
        "language": talk.language,
        "abstract": talk.abstract,
        "description": talk.description,
        "recording_license": "",
        "do_not_record": False,
        "persons": [{"id": number, "public_name": name} for number, name in talk.persons],
        "links": [{"title": label, "url": url, "type": "meeting"} for label, url in talk.links],
        "attachments": [],
        "answers": [],
    }


def schedule_data(programme: Programme) -> dict[str, Any]:
    """The schedule.json document of ``programme`` as plain data."""
    base_url = programme.base_url or ""
    conference: dict[str, Any] = {
        "acronym": programme.acronym,
        "title": programme.title,
        "start": programme.start.isoformat(),
        "end": programme.end.isoformat(),
        "daysCount": len(programme.days),
        "timeslot_duration": programme.timeslot,
    }
    if programme.timezone_name:
        conference["time_zone_name"] = programme.timezone_name
    if programme.url:
        conference["url"] = programme.url
    if programme.description:
        conference["description"] = programme.description
    conference["rooms"] = [
        {"name": room.name, "guid": room.guid, "capacity": room.capacity}
        for room in programme.rooms
    ]
    conference["days"] = [
        {
            "index": day.index - 1,
            "date": day.date.isoformat(),
            "day_start": day.start.isoformat(),
            "day_end": day.end.isoformat(),
            "rooms": {name: [_event(t, base_url) for t in talks]
                      for name, talks in day.rooms.items()},
        }
        for day in programme.days
    ]
    return {
        "$schema": SCHEMA_URL,
        "schedule": {
            "generator": {"name": "confsched", "version": plugin_version("confsched") or "0"},
            "version": programme.version,
            "base_url": base_url,
            "conference": conference,
        },
    }


def export_schedule_json(context: ExportContext, output: Path,
                         options: dict[str, Any]) -> list[Path]:
    """Write ``schedule.json`` into the folder ``output``."""
    programme = build_programme(context, options.get("acronym"), options.get("base_url"))
    target = output / "schedule.json"
    text = json.dumps(schedule_data(programme), ensure_ascii=False, indent=2)
    with explained_write_errors(output):
        atomic_write_text(target, text + "\n")
    return [target]
