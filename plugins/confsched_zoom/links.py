"""Join links for exporters, read from the Zoom state file beside the schedule.

The rule: when ``<schedule>.zoom.json`` exists (or, for a schedule re-solved ``--from`` an
earlier one and not synced yet, the state along its lineage), every session of the schedule that is
online or hybrid and that a recorded meeting serves gets that meeting's join URL, meeting
id and passcode (provider ``zoom``). In-person sessions, and sessions the state does not
know, get nothing from this plugin. A damaged state file is reported as an error.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from confsched_zoom.state import ZoomState, default_state_path, find_inherited
from scheduler.links import MeetingLink

if TYPE_CHECKING:
    from scheduler.exporting import ExportContext


def links_from_state(context: ExportContext) -> dict[str, MeetingLink] | None:
    """The Zoom links of the schedule's sessions, or ``None`` without a state file."""
    if context.schedule_path is None:
        return None
    path: Path | None = default_state_path(context.schedule_path)
    if path is None or not path.exists():
        path = find_inherited(context.schedule_path, context.schedule)
    if path is None:
        return None
    by_session = ZoomState.load(path).by_session()
    out: dict[str, MeetingLink] = {}
    for placed in context.schedule.sessions:
        record = by_session.get(placed.id)
        if record is None or placed.format == "in-person":
            continue
        out[placed.id] = MeetingLink(url=record.join_url, meeting_id=record.meeting_id,
                                     passcode=record.passcode, provider="zoom")
    return out
