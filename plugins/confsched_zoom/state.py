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
- ``ref`` is a random id made when the state is first written. Every meeting carries
  ``confsched-ref: <ref>/<key>`` as the last line of its agenda: the identity by which an
  interrupted creation is recognised on Zoom (never host, topic or start), so a meeting
  is only ever adopted by the one state that created it.
- The state follows the schedule's lineage: a schedule re-solved ``--from`` an earlier one
  (``solve.from_schedule``) that has no state of its own takes the earlier schedule's
  state over (:func:`find_inherited`). The earlier file is then marked ``handed_on``
  (naming the new one) and refused from then on, so two state files never claim one
  meeting.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scheduler.atomic import atomic_write_text
from scheduler.errors import InputError, Problem
from scheduler.yamlsafe import read_text

if TYPE_CHECKING:
    from scheduler.schedule import Schedule

STATE_FORMAT = "confsched-zoom-state"
STATE_VERSION = 1

_MEETINGS = "\0meetings\0"
"""Where :meth:`ZoomState.dumps` puts the meetings' text."""


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
    ref: str = field(default_factory=lambda: secrets.token_hex(8))
    """The identity put into every meeting's agenda (see the module's rules)."""
    handed_on: str | None = None
    """The state file a re-solved schedule took these meetings over into (then refused)."""
    _texts: dict[str, tuple[tuple[Any, ...], str]] = field(
        default_factory=dict, repr=False, compare=False)
    """Each meeting's text in the file, while its record is unchanged (see :meth:`dumps`)."""

    @classmethod
    def load(cls, path: str | Path) -> ZoomState:
        """Read the state file; a missing file is an empty state."""
        file = Path(path)
        if not file.exists():
            return cls(path=file)
        # At most 20 MiB are read (a state file is a few KiB; --state /dev/zero or a pipe
        # must not fill the memory), with the loader's messages for a wrong file.
        text = read_text(file)
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
        state = cls(path=file, meetings=meetings,
                    pending=pending if isinstance(pending, dict) else {},
                    event=data.get("event"), handed_on=data.get("handed_on") or None)
        if isinstance(data.get("ref"), str) and data["ref"]:
            state.ref = data["ref"]
        return state

    def to_data(self, with_meetings: bool = True) -> dict[str, Any]:
        """The file's content (``with_meetings=False``: a placeholder for the meetings)."""
        return {
            "format": STATE_FORMAT,
            "version": STATE_VERSION,
            "event": self.event,
            "ref": self.ref,
            **({"handed_on": self.handed_on} if self.handed_on else {}),
            "meetings": ({key: asdict(record) for key, record in sorted(self.meetings.items())}
                         if with_meetings else _MEETINGS),
            "pending": dict(sorted(self.pending.items())),
        }

    def save(self) -> None:
        """Write the state atomically (UTF-8 JSON, Cyrillic as is)."""
        atomic_write_text(self.path, self.dumps())

    def dumps(self) -> str:
        """The file's text: ``json.dumps(self.to_data(), ensure_ascii=False, indent=2)`` and a
        newline, each meeting's part serialised again only when its record changed (a sync
        saves after every call to Zoom: with 3,480 meetings, re-serialising all of them
        each time was most of a sync's work)."""
        data = self.to_data(with_meetings=False)
        text = json.dumps(data, ensure_ascii=False, indent=2)
        slot = f'\n  "meetings": {json.dumps(_MEETINGS)}'  # a real newline: only this key
        parts = [self._meeting_text(key, record) for key, record in sorted(self.meetings.items())]
        block = "{\n    " + ",\n    ".join(parts) + "\n  }" if parts else "{}"
        at = text.index(slot) + len(slot) - len(json.dumps(_MEETINGS))
        return text[:at] + block + text[at + len(json.dumps(_MEETINGS)):] + "\n"

    def _meeting_text(self, key: str, record: MeetingRecord) -> str:
        values = tuple(tuple(v) if isinstance(v, list) else v for v in vars(record).values())
        cached = self._texts.get(key)
        if cached is not None and cached[0] == values:
            return cached[1]
        inner = json.dumps(asdict(record), ensure_ascii=False, indent=2).replace("\n", "\n    ")
        text = f"{json.dumps(key, ensure_ascii=False)}: {inner}"
        self._texts[key] = (values, text)
        return text

    def by_session(self) -> dict[str, MeetingRecord]:
        """The meeting of each session id."""
        out: dict[str, MeetingRecord] = {}
        for record in self.meetings.values():
            for session_id in record.sessions:
                out[session_id] = record
        return out


def marker(ref: str, key: str) -> str:
    """The agenda line that identifies a meeting: ``confsched-ref: <ref>/<key>``."""
    return f"confsched-ref: {ref}/{key}"


MAX_LINEAGE = 20
"""Most earlier schedules followed back through ``from_schedule``."""


def _earlier(schedule_path: Path, known: Schedule | None = None) -> Path | None:
    """The schedule ``schedule_path`` was re-solved from, if it names one that exists.

    ``from_schedule`` is the path given to ``solve --from``: tried as written (relative to
    the current folder), then beside the schedule. ``known``: the schedule already loaded
    from ``schedule_path`` (not read again: 10,000 sessions take seconds to read).
    """
    from scheduler.errors import ConfschedError
    from scheduler.schedule import load_schedule

    try:
        earlier = (known if known is not None
                   else load_schedule(schedule_path)).solve.from_schedule
    except (ConfschedError, OSError):
        return None
    if not earlier:
        return None
    for candidate in (Path(earlier), schedule_path.parent / earlier,
                      schedule_path.parent / Path(earlier).name):
        if candidate.is_file() and candidate.resolve() != schedule_path.resolve():
            return candidate
    return None


def find_inherited(schedule_path: str | Path, loaded: Schedule | None = None) -> Path | None:
    """The state file a schedule without its own state takes over along its lineage.

    Follows ``solve.from_schedule`` back (at most :data:`MAX_LINEAGE` steps) to the first
    earlier schedule that has a state file beside it. ``None`` when there is none.
    ``loaded``: the schedule of ``schedule_path``, when the caller has read it already.
    """
    current = Path(schedule_path)
    seen = {current.resolve()}
    known = loaded
    for _ in range(MAX_LINEAGE):
        earlier = _earlier(current, known)
        known = None
        if earlier is None or earlier.resolve() in seen:
            return None
        state = default_state_path(earlier)
        if state.exists():
            return state
        seen.add(earlier.resolve())
        current = earlier
    return None
