"""Participants' calendars on the web: private by default, opt-in under unguessable names.

The rules:

- By default ``export web`` publishes no participant's calendar and names no participant:
  the calendars of the site are written from the scenario without its registrations
  (:func:`without_registrations`), so ``ical/participants/`` is never made, and files an
  earlier export left there are removed by the ical exporter as no longer produced.
- With ``--participant-calendars LINKS.csv`` the organiser opts in: each registration's
  calendar goes to ``ical/private/<token>.ics``, where the token is 24 random URL-safe
  characters (144 bits, :func:`secrets.token_urlsafe`), so nobody finds a calendar without
  being given its link. The page links none of them. ``LINKS.csv`` (which must lie
  outside the site folder, as it pairs names with links) tells the organiser which link to
  send to whom: ``id,name,email,calendar`` (UTF-8 with a byte-order mark, which
  spreadsheet programs need to show Cyrillic).
- Tokens are kept from the ``LINKS.csv`` of the previous export (also after a
  spreadsheet program saved it again, with ``;`` or tabs, or in the Windows code page), so
  a participant's subscription keeps working; a participant no longer registered loses their file.
- An export without ``--participant-calendars`` takes down the calendars an earlier opt-in
  published (:func:`remove_private_calendars`): opting out unpublishes them.
- A participant's calendar holds what the ical export's ``participants/`` calendar holds:
  the sessions of their ``sessions:`` and the runs of their ``choices:`` the schedule gives
  them (:func:`scheduler.publishing.attendance`).
- A session a participant's calendar published and that is dropped later stays in it as
  cancelled (as in the ical export): the UIDs each calendar held are kept beside the links
  file (``LINKS.csv.calendars.json``, outside the site; no token in it).
  ``ical/private/index.html`` is an empty page, so that a host that lists folders does not
  list the tokens.
"""

from __future__ import annotations

import csv
import io
import json
import re
import secrets
from pathlib import Path

from scheduler.atomic import BATCH, atomic_write_many, atomic_write_text
from scheduler.errors import InputError, UsageError
from scheduler.exporting import ExportContext
from scheduler.yamlsafe import read_text

PRIVATE_FOLDER = "private"
COLUMNS = ("id", "name", "email", "calendar")
TOKEN = re.compile(r"^[A-Za-z0-9_-]{24}$")
EMPTY_INDEX = "<!DOCTYPE html><title></title>\n"
CALENDARS_FORMAT = "confsched-participant-calendars"


def without_registrations(context: ExportContext) -> ExportContext:
    """The same export, from a scenario that has no participants' registrations."""
    if not context.scenario.participants.registrations:
        return context
    participants = context.scenario.participants.model_copy(update={"registrations": []})
    scenario = context.scenario.model_copy(update={"participants": participants})
    return ExportContext(scenario=scenario, schedule=context.schedule,
                         scenario_path=context.scenario_path,
                         schedule_path=context.schedule_path, lang=context.lang)


def check_links_path(links: Path, site: Path) -> None:
    """Refuse a links file inside the site folder (it would be published)."""
    resolved, root = links.resolve(), site.resolve()
    if resolved == root or root in resolved.parents:
        raise UsageError(
            f"{links} is inside the site folder {site}, so it would be published with the "
            "page; it pairs participants' names with their calendar links: write it "
            "outside the site, e.g. --participant-calendars participant-links.csv")
    if links.exists() and not links.is_file():
        raise UsageError(f"{links} is not a file; give --participant-calendars a CSV file name")


def previous_tokens(links: Path) -> dict[str, str]:
    """Registration id -> token, from the links file of the previous export (if any)."""
    if not links.exists():
        return {}
    try:
        data = links.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {links}: {exc}; delete it or choose another file "
                         "with --participant-calendars") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Saved again by a spreadsheet program in the Windows code page (Excel's "CSV" in
        # a Russian Windows): the tokens are ASCII and the ids Cyrillic at most.
        text = data.decode("cp1251", errors="replace")
    # A spreadsheet program may also save it with its list separator (';' in Russian).
    first = text.split("\n", 1)[0]
    delimiter = next((d for d in (",", ";", "\t") if d.join(COLUMNS) in first), ",")
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    if tuple(name.strip() for name in reader.fieldnames or ()) != COLUMNS:
        raise UsageError(
            f"{links} exists and is not a participants' links file written by confsched "
            f"(its first line should be {','.join(COLUMNS)}); it is left alone: choose "
            "another file with --participant-calendars")
    tokens = {}
    for row in reader:
        stem = Path(row.get("calendar") or "").stem
        if row.get("id") and TOKEN.match(stem):
            tokens[row["id"]] = stem
    return tokens


def remove_private_calendars(site: Path, ical_folder: str) -> None:
    """Take down the participants' calendars of an earlier opt-in (an export without
    ``--participant-calendars`` publishes none): the token files and the folder's index.

    The links file keeps the tokens, so opting in again gives everyone the same link.
    """
    folder = site / ical_folder / PRIVATE_FOLDER
    if not folder.is_dir() or folder.is_symlink():
        return
    for old in folder.glob("*.ics"):
        if TOKEN.match(old.stem) and old.is_file():
            old.unlink()
    index = folder / "index.html"
    if index.is_file() and index.read_text(encoding="utf-8", errors="replace") == EMPTY_INDEX:
        index.unlink()
    if not any(folder.iterdir()):
        folder.rmdir()


def write_private_calendars(context: ExportContext, site: Path, ical_folder: str,
                            links: Path) -> list[Path]:
    """Write each registration's calendar under its token and the links file.

    Returns the calendar files written (not the links file, which is not part of the
    site). Needs the ical exporter's calendars and the SEQUENCE state it just wrote.
    """
    from scheduler.publishing.calendar import CalendarWriter, export_timestamp
    from scheduler.publishing.entries import (
        Entry,
        all_entries,
        attendance,
        attendees_of,
        cancelled_entry,
    )
    from scheduler.publishing.sequence import STATE_FILE, SequenceState

    check_links_path(links, site)
    tokens = previous_tokens(links)
    published = previous_calendars(links)
    folder = site / ical_folder / PRIVATE_FOLDER
    state = SequenceState.load(site / ical_folder / STATE_FILE)
    registrations = {r.id: r for r in context.scenario.participants.registrations}
    sessions = [e for e in all_entries(context) if e.kind == "session"]
    attended = attendance(context, sessions)  # as the ical export's participants/ calendars
    held: dict[str, list[Entry]] = {}  # each registration's sessions, in session order
    attendees = attendees_of(attended)
    for session in sessions:
        for reg_id in attendees.get(session.key, ()):
            held.setdefault(reg_id, []).append(session)
    ics = CalendarWriter(context, export_timestamp())
    event = context.scenario.event.name
    written: list[Path] = []
    files: list[tuple[Path, bytes]] = []  # written a batch at a time (not all in memory)
    rows: list[dict[str, str]] = []
    uids: dict[str, list[str]] = {}
    for reg_id, registration in registrations.items():
        label = registration.name or registration.id
        entries = list(held.get(reg_id, ()))
        # What this calendar published before and is cancelled now stays, cancelled
        # (as in the ical export's calendars); a session only given to someone else
        # (another run) just leaves it.
        present = {e.uid for e in entries}
        for uid in published.get(reg_id, []):
            gone = state.entries.get(uid)
            if uid not in present and gone is not None and gone.cancelled:
                entries.append(cancelled_entry(context, uid, gone))
        uids[reg_id] = sorted(e.uid for e in entries)
        token = tokens.get(reg_id) or secrets.token_urlsafe(18)
        tokens[reg_id] = token
        sequences = {e.uid: state.entries[e.uid].sequence if e.uid in state.entries else 0
                     for e in entries}
        files.append((folder / f"{token}.ics",
                      ics.to_ical(f"{event} — {label}", entries, sequences)))
        if len(files) >= BATCH:
            written += atomic_write_many(files)
            files = []
        rows.append({"id": reg_id, "name": registration.name or "",
                     "email": registration.email or "",
                     "calendar": f"{ical_folder}/{PRIVATE_FOLDER}/{token}.ics"})
    written += atomic_write_many(files)
    atomic_write_text(folder / "index.html", EMPTY_INDEX)
    kept = {f"{tokens[r]}.ics" for r in registrations}
    for old in folder.glob("*.ics"):
        if old.name not in kept and TOKEN.match(old.stem):
            old.unlink()
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    # With a byte-order mark, so that spreadsheet programs read the Cyrillic names right.
    atomic_write_text(links, "\ufeff" + buffer.getvalue())
    atomic_write_text(calendars_path(links), json.dumps(
        {"format": CALENDARS_FORMAT, "calendars": uids}, ensure_ascii=False, indent=1) + "\n")
    return written


def calendars_path(links: Path) -> Path:
    """Beside the links file (outside the site): the UIDs each participant's calendar
    published, so that a session dropped later is shown to them cancelled."""
    return links.with_name(links.name + ".calendars.json")


def previous_calendars(links: Path) -> dict[str, list[str]]:
    """Registration id -> the UIDs its calendar held at the previous export (if known)."""
    path = calendars_path(links)
    if not path.is_file():
        return {}
    try:
        data = json.loads(read_text(path))
    except (InputError, json.JSONDecodeError):
        return {}  # only cancellations are lost: the calendars themselves are rebuilt
    found = data.get("calendars") if isinstance(data, dict) else None
    if not isinstance(found, dict) or data.get("format") != CALENDARS_FORMAT:
        return {}
    return {str(rid): [str(u) for u in uids] for rid, uids in found.items()
            if isinstance(uids, list)}
