"""The SEQUENCE state kept beside the output: it grows when a session moves or is cancelled.

RFC 5545 asks that SEQUENCE be raised whenever the date, time or place of an event
changes, so that calendar clients replace their copy. The state file
(``.confsched-ical-state.json`` in the output folder) maps each UID to the fingerprint
(day, start, end, room) and SEQUENCE of its last export; an entry whose fingerprint
differs from the stored one gets the stored SEQUENCE + 1. The file also lists the
calendar files written last time, so that calendars nobody needs any more are removed,
and the file each person's, room's, track's and registration's calendar was written as, so
that it keeps its address (a subscription's URL) when the name it was made from changes.

A published entry is never silently removed: for each UID the state also keeps its key
(session id or ``<break>@<day>``), kind, last title and the calendar files it was in. An
entry that was published and is no longer in the schedule (a dropped session) is
published again as ``STATUS:CANCELLED`` with SEQUENCE + 1 (once; later exports keep that
SEQUENCE), in the same calendars, so that subscribers and people who imported the file
see it cancelled (RFC 5546 3.2.5). If it comes back, its SEQUENCE is raised again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scheduler.atomic import atomic_write_text
from scheduler.errors import InputError, Problem

STATE_FILE = ".confsched-ical-state.json"
STATE_FORMAT = "confsched-ical-state"


@dataclass
class Published:
    """What was last published under one UID."""

    fingerprint: str
    sequence: int
    key: str = ""
    kind: str = "session"
    title: str = ""
    files: list[str] = field(default_factory=list)
    cancelled: bool = False


@dataclass
class SequenceState:
    """UID -> what was published, and the files of the last export."""

    entries: dict[str, Published] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    event: str = ""
    """The UID prefix of the event whose calendars the folder holds (``uid_prefix``)."""
    names: dict[str, str] = field(default_factory=dict)
    """``<folder>/<id>`` (a person's, room's, track's or registration's id) -> the calendar
    file it was published as, so that its address stays when its name changes."""

    @classmethod
    def load(cls, path: Path) -> SequenceState:
        """Read the state file; a missing file is an empty state, a broken one an error."""
        if not path.exists():
            return cls()
        try:
            data: Any = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError([Problem(f"cannot read the calendar state file: {exc}",
                                      file=str(path))]) from None
        except json.JSONDecodeError as exc:
            raise InputError([Problem(
                f"the calendar state file is not valid JSON: {exc.msg}", file=str(path),
                line=exc.lineno, column=exc.colno,
                hint="delete it; SEQUENCE numbers then restart at 0",
            )]) from None
        if not isinstance(data, dict) or data.get("format") != STATE_FORMAT:
            raise InputError([Problem(
                "this is not a confsched calendar state file", file=str(path), line=1,
                column=1, hint="delete it, or export into another folder",
            )])
        entries: dict[str, Published] = {}
        for uid, item in (data.get("entries") or {}).items():
            if (isinstance(item, dict) and isinstance(item.get("fingerprint"), str)
                    and isinstance(item.get("sequence"), int)):
                files = item.get("files")
                entries[str(uid)] = Published(
                    item["fingerprint"], item["sequence"], key=str(item.get("key") or ""),
                    kind=str(item.get("kind") or "session"), title=str(item.get("title") or ""),
                    files=[str(f) for f in files] if isinstance(files, list) else [],
                    cancelled=item.get("cancelled") is True,
                )
        files = [str(f) for f in data.get("files") or [] if isinstance(f, str)]
        names = data.get("names")
        kept = ({str(k): v for k, v in names.items() if isinstance(v, str)}
                if isinstance(names, dict) else {})
        event = data.get("event")
        return cls(entries=entries, files=files, names=kept,
                   event=event if isinstance(event, str) else "")

    def for_event(self, prefix: str) -> None:
        """Keep only what the event of UID prefix ``prefix`` published here.

        A folder that held another event's calendars (two events exported to the default
        ``out``, or an event renamed: its UIDs are new) does not cancel that event's
        sessions in this one's calendars, nor lend it its file names.
        """
        mine = [uid for uid in self.entries if uid.startswith(prefix)]
        if (self.event != prefix) if self.event else (self.entries and not mine):
            self.names = {}
        self.event = prefix
        self.entries = {uid: self.entries[uid] for uid in mine}

    def sequence_for(self, uid: str, fingerprint: str) -> int:
        """The SEQUENCE of ``uid`` now: as before if it did not move, one more if it did
        (or if it was cancelled and is back).

        Records the new fingerprint and sequence in the state.
        """
        previous = self.entries.get(uid)
        if previous is None:
            self.entries[uid] = Published(fingerprint, 0)
            return 0
        if previous.fingerprint != fingerprint or previous.cancelled:
            previous.sequence += 1
        previous.fingerprint, previous.cancelled = fingerprint, False
        return previous.sequence

    def remember(self, uid: str, key: str, kind: str, title: str, files: list[str]) -> None:
        """Record what an entry was published as (for a cancellation later)."""
        entry = self.entries[uid]
        entry.key, entry.kind, entry.title, entry.files = key, kind, title, sorted(files)

    def gone(self, present: set[str]) -> dict[str, Published]:
        """The published UIDs not in ``present``, each marked cancelled with its SEQUENCE
        raised the first time (entries of an older state without a key are forgotten)."""
        out: dict[str, Published] = {}
        for uid, entry in list(self.entries.items()):
            if uid in present:
                continue
            if not entry.key or not entry.files:
                del self.entries[uid]
                continue
            if not entry.cancelled:
                entry.sequence += 1
                entry.cancelled = True
            out[uid] = entry
        return out

    def save(self, path: Path) -> None:
        """Write the state atomically (UIDs sorted, so the file is stable)."""
        data = {
            "format": STATE_FORMAT,
            "version": 1,
            **({"event": self.event} if self.event else {}),
            "entries": {
                uid: {"fingerprint": e.fingerprint, "sequence": e.sequence, "key": e.key,
                      "kind": e.kind, "title": e.title, "files": e.files,
                      **({"cancelled": True} if e.cancelled else {})}
                for uid, e in sorted(self.entries.items())
            },
            "files": sorted(self.files),
            "names": dict(sorted(self.names.items())),
        }
        atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
