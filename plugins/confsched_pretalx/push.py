"""``confsched export pretalx SCENARIO SCHEDULE --url URL --event SLUG``: the solved
schedule into pretalx's work-in-progress schedule, slot by slot, through pretalx's API
(``PATCH /api/events/SLUG/slots/ID/`` with room and start), and with ``--release
VERSION`` released as a new schedule version (``POST .../schedules/release/``), which
pretalx's own schedule page and exports then show.

Sessions are matched by submission code (the session id ``import pretalx`` wrote), rooms
by name. A dropped session is taken out of the schedule (its slot loses room and start).
Sessions that are not pretalx submissions are reported and left alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click

from confsched_pretalx.client import PretalxClient, PretalxError, text, token_from_environment
from confsched_pretalx.importer import room_ids
from scheduler.exporting import ExportContext


@dataclass
class PushReport:
    moved: int = 0
    kept: int = 0
    unscheduled: int = 0
    unknown: list[str] = field(default_factory=list)
    version: str | None = None

    def summary(self) -> str:
        text_ = (f"{self.moved} slots placed, {self.kept} already where they belong, "
                 f"{self.unscheduled} taken out")
        if self.unknown:
            text_ += f"; not pretalx submissions, left alone: {', '.join(self.unknown)}"
        if self.version:
            text_ += f"; released as version {self.version!r}"
        return text_


def push(context: ExportContext, client: PretalxClient, release: str | None) -> PushReport:
    scenario, schedule = context.scenario, context.schedule
    zone = ZoneInfo(scenario.event.timezone)
    event = client.event_data()
    locale = str(event.get("locale") or "en")
    rooms = list(client.pages("rooms/"))
    by_ours = {ours: pid for pid, ours in room_ids(rooms, locale).items()}
    by_name = {text(r.get("name"), locale): int(r["id"]) for r in rooms}
    slots = {s["submission"]: s for s in client.wip_slots() if s.get("submission")}
    report = PushReport()
    names = {r.id: r.name or r.id for r in scenario.rooms}
    for entry in schedule.sessions:
        slot = slots.get(entry.id)
        if slot is None:
            report.unknown.append(entry.id)
            continue
        room = None
        if entry.room is not None:
            room = by_ours.get(entry.room) or by_name.get(names.get(entry.room, ""))
            if room is None:
                raise PretalxError(f"the room {entry.room!r} of {entry.id} is not a room of "
                                   f"the pretalx event\n    fix: add it in pretalx, or "
                                   "re-import the event")
        start = dt.datetime.combine(entry.day, dt.time(entry.start // 60, entry.start % 60),
                                    tzinfo=zone)
        if (slot.get("room") == room and slot.get("start")
                and dt.datetime.fromisoformat(slot["start"]) == start):
            report.kept += 1
            continue
        client.move_slot(int(slot["id"]), room, start.isoformat())
        report.moved += 1
    placed = {s.id for s in schedule.sessions}
    for code in schedule.dropped:
        slot = slots.get(code)
        if slot is not None and code not in placed and slot.get("start"):
            client.move_slot(int(slot["id"]), None, None)
            report.unscheduled += 1
    if release:
        client.release(release, comment="Solved by confsched")
        report.version = release
    return report


def export_pretalx(context: ExportContext, output: Path, options: dict[str, Any]) -> list[Path]:
    """Send the schedule to pretalx; ``output`` is not used (nothing is written locally)."""
    from scheduler.publishing.output import require_timetable

    require_timetable(context)
    with PretalxClient(options["url"], options["event"], token_from_environment()) as client:
        report = push(context, client, options.get("release"))
    click.echo(f"sent to pretalx {options['url']} ({options['event']}): {report.summary()}")
    return []
