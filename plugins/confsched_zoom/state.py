"""The state file: which Zoom meeting belongs to which session, kept next to the schedule.

The rules:

- Default place: ``<schedule file>.zoom.json`` (e.g. ``schedule.yaml.zoom.json``).
- It maps each meeting key (``session:<id>`` or ``room-day:<room>@<day>``) to the Zoom
  meeting id, join URL, passcode, host, start, duration, topic, the sessions it serves and
  a fingerprint of what was sent. ``pending`` lists creations that were sent but whose
  answer was not recorded (a crash), so a re-run can adopt the meeting instead of making
  a duplicate.
- It never holds credentials, tokens or the host's ``start_url`` (which embeds a token).
- It is written atomically (``scheduler.atomic``) after every successful call.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from scheduler.atomic import atomic_write_text
from scheduler.errors import InputError, Problem

STATE_FORMAT = "confsched-zoom-state"
STATE_VERSION = 1


def default_state_path(schedule_path: str | Path) -> Path:
    """``<schedule>.zoom.json`` beside the schedule file."""
    schedule = Path(schedule_path)
    return schedule.with_name(schedule.name + ".zoom.json")


@dataclass
class MeetingRecord:
    """One Zoom meeting as confsched created (or last updated) it."""

    meeting_id: str
    join_url: str
    passcode: str | None
    host: str
    start: str
    duration: int
    timezone: str
    topic: str
    sessions: list[str]
    fingerprint: str


@dataclass
class ZoomState:
    """Everything the state file holds."""

    path: Path
    meetings: dict[str, MeetingRecord] = field(default_factory=dict)
    pending: dict[str, dict[str, Any]] = field(default_factory=dict)
    event: str | None = None

    @classmethod
    def load(cls, path: str | Path) -> ZoomState:
        """Read the state file; a missing file is an empty state."""
        file = Path(path)
        if not file.exists():
            return cls(path=file)
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError([Problem(f"cannot read the Zoom state file: {exc}",
                                      file=str(file))]) from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError([Problem(
                f"the Zoom state file is not valid JSON: {exc.msg}", file=str(file),
                line=exc.lineno, column=exc.colno,
                hint="restore it from a backup, or delete it to forget the created meetings "
                     "(they then stay on Zoom and new ones are created)",
            )]) from None
        if not isinstance(data, dict) or data.get("format") != STATE_FORMAT:
            raise InputError([Problem(
                f"this is not a confsched Zoom state file (no 'format: {STATE_FORMAT}')",
                file=str(file), line=1, column=1,
                hint="pass --state with the file `confsched zoom sync` wrote",
            )])
        meetings: dict[str, MeetingRecord] = {}
        raw = data.get("meetings") or {}
        if not isinstance(raw, dict):
            raise InputError([Problem("'meetings' is not an object", file=str(file),
                                      path="meetings")])
        for key, entry in raw.items():
            try:
                meetings[str(key)] = MeetingRecord(**entry)
            except TypeError as exc:
                raise InputError([Problem(
                    f"the entry is damaged ({exc})", file=str(file), path=f"meetings.{key}",
                    hint="delete the entry (the meeting then stays on Zoom) or restore a backup",
                )]) from None
        pending = data.get("pending") or {}
        return cls(path=file, meetings=meetings,
                   pending=pending if isinstance(pending, dict) else {},
                   event=data.get("event"))

    def to_data(self) -> dict[str, Any]:
        return {
            "format": STATE_FORMAT,
            "version": STATE_VERSION,
            "event": self.event,
            "meetings": {key: asdict(record) for key, record in sorted(self.meetings.items())},
            "pending": dict(sorted(self.pending.items())),
        }

    def save(self) -> None:
        """Write the state atomically (UTF-8 JSON, Cyrillic as is)."""
        atomic_write_text(self.path, json.dumps(self.to_data(), ensure_ascii=False, indent=2)
                          + "\n")

    def by_session(self) -> dict[str, MeetingRecord]:
        """The meeting of each session id."""
        out: dict[str, MeetingRecord] = {}
        for record in self.meetings.values():
            for session_id in record.sessions:
                out[session_id] = record
        return out
