"""The publishing API: what every exporter needs, built-in or third-party.

The rule: a plugin imports only ``scheduler`` (its public names) and never another
plugin; what two exporters share lives here, so that a calendar, a frab file, a printed
programme and a web page written by different plugins name the same things the same way.
``tests/plugins/test_plugin_imports.py`` enforces it.

- writing a plugin: :class:`Exporter`, :class:`Importer`, :class:`ExportContext`,
  :data:`hookimpl` (see docs/plugins.md);
- running an export as the CLI does: :func:`export` (pairing check, publishability
  guard, output rules);
- output: :func:`require_timetable`, :func:`explained_write_errors`
  (an ``OSError`` while writing becomes a one-line error), :func:`atomic_write_text` /
  :func:`atomic_write_bytes`;
- words: :func:`word` and :func:`role_label` (calendar words, English and Russian),
  :func:`instrument_label`, :func:`link_label`, :func:`link_lines`;
- stable identities: :func:`session_uid`, :func:`break_uid`, :func:`uid_prefix`,
  :func:`stable_uuid`, :func:`fingerprint` (the same session keeps its ids across
  re-solves), :class:`SequenceState` (the SEQUENCE of each published UID, kept in
  :data:`STATE_FILE` beside a folder of calendars);
- timetable views: :func:`all_entries` (each session and break with its text, as
  :class:`Entry`), :func:`build_calendar` / :func:`vevent` (RFC 5545), and
  :func:`build_programme` (the programme as JSON-ready data, per day, grid columns and
  lanes, as the printed programme and the web page show it).

Names are imported on first use (PEP 562), so ``import scheduler.publishing`` is cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names as mypy and editors see them
    from scheduler.atomic import atomic_write_bytes, atomic_write_text
    from scheduler.exporting import ExportContext, Exporter, Importer
    from scheduler.hookspecs import hookimpl
    from scheduler.publishing.calendar import (
        build_calendar,
        export_timestamp,
        organizer,
        vevent,
    )
    from scheduler.publishing.entries import (
        Entry,
        all_entries,
        attendance,
        break_entries,
        instrument_label,
        link_label,
        link_lines,
        session_entries,
    )
    from scheduler.publishing.identity import (
        break_uid,
        fingerprint,
        session_uid,
        stable_uuid,
        uid_prefix,
    )
    from scheduler.publishing.labels import role_label, word
    from scheduler.publishing.output import explained_write_errors, require_timetable
    from scheduler.publishing.pipeline import export
    from scheduler.publishing.programme_labels import LANGUAGES
    from scheduler.publishing.sequence import STATE_FILE, SequenceState
    from scheduler.publishing.view import build_programme

_WHERE = {
    "atomic_write_bytes": "scheduler.atomic", "atomic_write_text": "scheduler.atomic",
    "ExportContext": "scheduler.exporting", "Exporter": "scheduler.exporting",
    "Importer": "scheduler.exporting", "hookimpl": "scheduler.hookspecs",
    "build_calendar": "scheduler.publishing.calendar",
    "export_timestamp": "scheduler.publishing.calendar",
    "organizer": "scheduler.publishing.calendar", "vevent": "scheduler.publishing.calendar",
    "Entry": "scheduler.publishing.entries", "all_entries": "scheduler.publishing.entries",
    "attendance": "scheduler.publishing.entries",
    "break_entries": "scheduler.publishing.entries",
    "session_entries": "scheduler.publishing.entries",
    "instrument_label": "scheduler.publishing.entries",
    "link_label": "scheduler.publishing.entries", "link_lines": "scheduler.publishing.entries",
    "break_uid": "scheduler.publishing.identity", "fingerprint": "scheduler.publishing.identity",
    "session_uid": "scheduler.publishing.identity",
    "stable_uuid": "scheduler.publishing.identity", "uid_prefix": "scheduler.publishing.identity",
    "role_label": "scheduler.publishing.labels", "word": "scheduler.publishing.labels",
    "explained_write_errors": "scheduler.publishing.output",
    "require_timetable": "scheduler.publishing.output",
    "export": "scheduler.publishing.pipeline",
    "LANGUAGES": "scheduler.publishing.programme_labels",
    "STATE_FILE": "scheduler.publishing.sequence", "SequenceState": "scheduler.publishing.sequence",
    "build_programme": "scheduler.publishing.view",
}

__all__ = [
    "all_entries", "attendance", "atomic_write_bytes", "atomic_write_text", "break_entries",
    "break_uid", "build_calendar", "build_programme", "Entry", "explained_write_errors", "export",
    "export_timestamp", "ExportContext", "Exporter", "fingerprint", "hookimpl", "Importer",
    "instrument_label", "LANGUAGES", "link_label", "link_lines", "organizer", "require_timetable",
    "role_label", "SequenceState", "session_entries", "session_uid", "stable_uuid", "STATE_FILE",
    "uid_prefix", "vevent", "word",
]


def __getattr__(name: str) -> Any:
    """Import a public name on first use (PEP 562)."""
    if name in _WHERE:
        value = getattr(importlib.import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'scheduler.publishing' has no attribute {name!r}")
