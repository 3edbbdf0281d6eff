"""The SEQUENCE state kept beside the output: it grows when a session moves.

RFC 5545 asks that SEQUENCE be raised whenever the date, time or place of an event
changes, so that calendar clients replace their copy. The state file
(``.confsched-ical-state.json`` in the output folder) maps each UID to the fingerprint
(day, start, end, room) and SEQUENCE of its last export; an entry whose fingerprint
differs from the stored one gets the stored SEQUENCE + 1. The file also lists the
calendar files written last time, so that calendars nobody needs any more are removed.
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
class SequenceState:
    """UID -> (fingerprint, sequence), and the files of the last export."""

    entries: dict[str, tuple[str, int]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

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
        entries: dict[str, tuple[str, int]] = {}
        for uid, item in (data.get("entries") or {}).items():
            if (isinstance(item, dict) and isinstance(item.get("fingerprint"), str)
                    and isinstance(item.get("sequence"), int)):
                entries[str(uid)] = (item["fingerprint"], item["sequence"])
        files = [str(f) for f in data.get("files") or [] if isinstance(f, str)]
        return cls(entries=entries, files=files)

    def sequence_for(self, uid: str, fingerprint: str) -> int:
        """The SEQUENCE of ``uid`` now: as before if it did not move, one more if it did.

        Records the new fingerprint and sequence in the state.
        """
        previous = self.entries.get(uid)
        if previous is None:
            sequence = 0
        elif previous[0] == fingerprint:
            sequence = previous[1]
        else:
            sequence = previous[1] + 1
        self.entries[uid] = (fingerprint, sequence)
        return sequence

    def save(self, path: Path) -> None:
        """Write the state atomically (UIDs sorted, so the file is stable)."""
        data = {
            "format": STATE_FORMAT,
            "version": 1,
            "entries": {
                uid: {"fingerprint": fp, "sequence": seq}
                for uid, (fp, seq) in sorted(self.entries.items())
            },
            "files": sorted(self.files),
        }
        atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
