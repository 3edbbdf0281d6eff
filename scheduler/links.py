"""Online meeting links of sessions: from the scenario, and from plugins (e.g. Zoom)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scheduler.exporting import ExportContext
    from scheduler.scenario import Meeting, Scenario
    from scheduler.schedule import Schedule


@dataclass(frozen=True)
class MeetingLink:
    """Where remote participants join a session."""

    url: str
    meeting_id: str | None = None
    passcode: str | None = None
    provider: str = "link"


def scenario_links(scenario: Scenario, schedule: Schedule) -> dict[str, MeetingLink]:
    """Links the scenario itself gives for online and hybrid sessions.

    The most specific wins: the session's own meeting, then its room's, then the event's.
    """
    sessions = {s.id: s for s in scenario.sessions}
    rooms = {r.id: r for r in scenario.rooms}
    out: dict[str, MeetingLink] = {}
    for placed in schedule.sessions:
        if placed.format == "in-person":
            continue
        declared = sessions.get(placed.id)
        meeting: Meeting | None = declared.meeting if declared else None
        if meeting is None and placed.room in rooms:
            meeting = rooms[placed.room].meeting
        if meeting is None:
            meeting = scenario.hybrid.meeting
        if meeting is not None:
            out[placed.id] = MeetingLink(meeting.url, meeting.id, meeting.passcode)
    return out


def collect_links(context: ExportContext) -> dict[str, MeetingLink]:
    """Links from the scenario, overridden by links that plugins provide."""
    from scheduler.plugins import session_links

    links = scenario_links(context.scenario, context.schedule)
    for found in session_links(context):
        if found:
            links.update(found)
    return links
