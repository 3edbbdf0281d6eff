"""``confsched export ical``: the programme, and one calendar per person, room, track and
participant, written atomically into an output folder.

Layout: ``programme.ics`` (every session and break), ``people/<name>.ics`` (each
facilitator, speaker or other person in a role: only their sessions), ``rooms/<name>.ics``,
``tracks/<name>.ics`` and, when the scenario has registrations,
``participants/<name>.ics`` (the sessions each registration asked for, and of its
``choices:`` only the sessions or runs the schedule gives it). A calendar keeps the
file name its first export gave it as long as its person, room, track or registration keeps
its id (a renamed person keeps their subscribers), and is written, empty if need be, as long
as that id exists; calendars left over from an earlier export into the same folder that are
no longer produced (their id is gone) are removed.

A session (or break) published by an earlier export into the folder and no longer in the
schedule stays in the calendars it was in, as ``STATUS:CANCELLED`` with a raised
SEQUENCE (:mod:`scheduler.publishing.sequence`), so subscribers see it cancelled rather than
keep a stale copy. Only calendars of a kind this export still writes get it (a folder
that is no longer produced, such as participants' calendars turned off, is not revived).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from confsched_ical.naming import FileNamer
from scheduler.atomic import atomic_write_many
from scheduler.errors import UsageError
from scheduler.exporting import ExportContext
from scheduler.publishing.calendar import CalendarWriter, export_timestamp
from scheduler.publishing.entries import (
    Entry,
    all_entries,
    attendance,
    attendees_of,
    cancelled_entry,
    talk_entries,
)
from scheduler.publishing.identity import uid_prefix
from scheduler.publishing.output import explained_write_errors, require_timetable
from scheduler.publishing.sequence import STATE_FILE, SequenceState

SUBFOLDERS = ("people", "rooms", "tracks", "participants")


def calendars(context: ExportContext, published: dict[str, str] | None = None,
              written: dict[str, str] | None = None) -> list[tuple[str, str, list[Entry]]]:
    """Every calendar to write: (relative path, calendar name, entries), programme first.

    ``published`` maps ``<folder>/<id>`` to the file an earlier export wrote that person's,
    room's, track's or registration's calendar as: it keeps that file (its subscribers'
    address) even when the name changed, and is written even when it holds nothing now
    (its sessions moved to another room, another person took them over), so subscribers'
    copies follow instead of going stale behind a missing file. ``written`` receives the
    same mapping for this export.
    """
    scenario = context.scenario
    event = scenario.event.name
    entries = all_entries(context)
    sessions = [e for e in entries if e.kind == "session"]
    talks = talk_entries(context)
    out: list[tuple[str, str, list[Entry]]] = [("programme.ics", event, entries)]
    earlier = published or {}

    def group(folder: str, items: Iterable[tuple[str, str, str]],
              members: Callable[[Entry], Iterable[str]], extra: list[Entry] | None = None) -> None:
        namer = FileNamer()
        listed = list(items)
        kept: dict[str, str] = {}
        seen: set[str] = set()
        for item_id, _, _ in listed:  # each file once, even from a hand-edited state
            rel = earlier.get(f"{folder}/{item_id}", "")
            if _own_file(rel, folder) and rel.casefold() not in seen:
                kept[item_id] = rel
                seen.add(rel.casefold())
        for rel in kept.values():
            namer.reserve(rel.partition("/")[2])
        # Each item's entries in the order of sessions then extra (an index, not a scan of
        # every entry for each of 15,000 participants).
        held: dict[str, list[Entry]] = {}
        for entry in [*sessions, *(extra or [])]:
            for item_id in dict.fromkeys(members(entry)):
                held.setdefault(item_id, []).append(entry)
        for item_id, label, fallback in listed:
            chosen = list(held.get(item_id, ()))
            if item_id in kept:
                rel = kept[item_id]
            elif chosen:
                rel = f"{folder}/{namer.name(label, fallback)}"
            else:
                continue
            out.append((rel, f"{event} — {label}", chosen))
            if written is not None:
                written[f"{folder}/{item_id}"] = rel

    group("people", ((p.id, p.label, p.id) for p in scenario.people),
          lambda e: e.people, talks)
    group("rooms", ((r.id, r.label, r.id) for r in scenario.rooms),
          lambda e: (e.room_id,) if e.room_id is not None else ())
    group("tracks", ((t.id, t.label, t.id) for t in scenario.tracks),
          lambda e: (e.track_id,) if e.track_id is not None else ())
    attended = attendance(context, entries)  # their sessions, and the runs they were given
    attendees = attendees_of(attended)
    group("participants",
          ((r.id, r.name or r.id, r.id) for r in scenario.participants.registrations),
          lambda e: attendees.get(e.key, ()) if e.kind == "session" else ())
    return out


def export_ical(context: ExportContext, output: Path, options: dict[str, Any]) -> list[Path]:
    """Write every calendar into ``output``; return the files written."""
    require_timetable(context)
    with explained_write_errors(output):
        return _export(context, output)


def _export(context: ExportContext, output: Path) -> list[Path]:
    if output.exists() and not output.is_dir():
        raise UsageError(f"{output} is a file; the ical export writes a folder of calendars "
                         "(give -o a folder name)")
    output.mkdir(parents=True, exist_ok=True)
    state_path = output / STATE_FILE
    state = SequenceState.load(state_path)
    state.for_event(uid_prefix(context.scenario.event.identity))
    entries = all_entries(context) + talk_entries(context)
    sequences = {e.uid: state.sequence_for(e.uid, e.fingerprint) for e in entries}
    names: dict[str, str] = {}
    planned = {rel: (name, list(chosen))
               for rel, name, chosen in calendars(context, state.names, names)}
    _add_cancelled(context, state, planned, sequences, {e.uid for e in entries})
    writer = CalendarWriter(context, export_timestamp())
    # Every calendar is built before the first is written: an error while building one
    # leaves the folder as it was (each file is then written atomically, the state last).
    built: list[tuple[str, bytes]] = []
    files_of: dict[str, list[str]] = {}
    for rel, (name, chosen) in planned.items():
        chosen.sort(key=lambda e: (e.day, e.start, e.end, e.kind, e.key))
        built.append((rel, writer.to_ical(name, chosen, sequences)))
        for entry in chosen:
            files_of.setdefault(entry.uid, []).append(rel)
    relative = [rel for rel, _ in built]
    written = atomic_write_many((output / rel, data) for rel, data in built)
    for entry in entries:
        state.remember(entry.uid, entry.key, entry.kind, entry.title, files_of.get(entry.uid, []))
    for stale in set(state.files) - set(relative):
        path = output / stale
        # Only calendars this exporter wrote, inside its own folders.
        if (path.suffix == ".ics" and path.parent.name in SUBFOLDERS
                and path.parent.parent == output and path.is_file()):
            path.unlink()
    state.files = relative
    state.names = names
    state.save(state_path)
    return written


def _own_file(rel: str, folder: str) -> bool:
    """Whether ``rel`` (read from the state file) is a calendar file directly in ``folder``."""
    name = rel.removeprefix(f"{folder}/")
    return (rel.startswith(f"{folder}/") and name.endswith(".ics") and "/" not in name
            and "\\" not in name and not name.startswith(".") and len(name) > 4)


def _add_cancelled(context: ExportContext, state: SequenceState,
                   planned: dict[str, tuple[str, list[Entry]]],
                   sequences: dict[str, int], present: set[str]) -> None:
    """Put each entry published before and gone now into the calendars it was in."""
    event = context.scenario.event.name
    kinds = {rel.split("/", 1)[0] for rel in planned if "/" in rel}
    for uid, published in state.gone(present).items():
        entry = cancelled_entry(context, uid, published)
        sequences[uid] = published.sequence
        for rel in published.files:
            folder, _, name = rel.partition("/")
            if rel != "programme.ics" and not (folder in SUBFOLDERS and folder in kinds
                                               and name.endswith(".ics") and "/" not in name):
                continue
            if rel not in planned:
                planned[rel] = (f"{event} — {name[:-4]}", [])
            planned[rel][1].append(entry)
