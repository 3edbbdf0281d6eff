"""``confsched import pretalx --url URL --event SLUG -o scenario.yaml``: the confirmed
submissions of a pretalx event, their speakers (with the availabilities pretalx
collected), rooms (with capacity and availability), tracks and types, as a scenario.

Submission codes become session ids and speaker codes person ids, so the schedule goes
back to pretalx (``confsched export pretalx``) by the same names. Slots already placed
in pretalx's work-in-progress schedule are pinned (``--free``: left to the solver).
What the scenario cannot say is reported on stderr.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from confsched_pretalx.client import (
    PretalxClient,
    PretalxError,
    text,
    token_from_environment,
)
from scheduler.importing.instruments import FACILITATED, instrument_for, instrument_table
from scheduler.importing.names import IdMaker, as_ident
from scheduler.importing.output import scenario_yaml, write_imported


def room_ids(rooms: list[dict[str, Any]], locale: str) -> dict[int, str]:
    """Our id of each pretalx room: its name as a slug (the export matches it back)."""
    ids = IdMaker()
    return {int(room["id"]): ids.make(text(room.get("name"), locale), f"room-{room['id']}")
            for room in rooms}


def scenario_data(client: PretalxClient, free: bool, instruments: dict[str, str],
                  notes: list[str]) -> dict[str, Any]:
    """The scenario of the event ``client`` reads; an answer not shaped as pretalx's API
    documents it (another server, an old pretalx) is a PretalxError, not a crash."""
    try:
        return _scenario_data(client, free, instruments, notes)
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise PretalxError(
            f"pretalx's answer is not shaped as its API documents ({type(exc).__name__}: "
            f"{exc}); nothing was written\n    fix: check --url names a pretalx server "
            "(2025.1 or later) and --event one of its events") from None


def _scenario_data(client: PretalxClient, free: bool, instruments: dict[str, str],
                   notes: list[str]) -> dict[str, Any]:
    event = client.event_data()
    locale = str(event.get("locale") or "en")
    zone = ZoneInfo(str(event.get("timezone") or "UTC"))
    first = dt.date.fromisoformat(event["date_from"])
    last = dt.date.fromisoformat(event.get("date_to") or event["date_from"])
    rooms = list(client.pages("rooms/", expand="availabilities"))
    ids = room_ids(rooms, locale)
    tracks = {int(t["id"]): t for t in client.pages("tracks/")}
    types = {int(t["id"]): t for t in client.pages("submission-types/")}
    speakers = {s["code"]: s for s in client.pages("speakers/", expand="availabilities")}
    submissions = list(client.pages("submissions/", state="confirmed"))
    slots = {s["submission"]: s for s in client.wip_slots() if s.get("submission")}

    def local(stamp: str) -> dt.datetime:
        return dt.datetime.fromisoformat(stamp).astimezone(zone).replace(tzinfo=None)

    def windows(availabilities: list[dict[str, Any]]) -> list[dict[str, Any]]:
        found = []
        for a in availabilities:
            start, end = local(a["start"]), local(a["end"])
            day = start.date()
            while day <= end.date() and day <= last:
                if day >= first:
                    a_start = start.time() if day == start.date() else dt.time(0, 0)
                    a_end = end.time() if day == end.date() else None
                    stop = "24:00" if a_end is None else a_end.strftime("%H:%M")
                    if stop != "00:00" and (a_end is None or a_end > a_start):
                        found.append({"day": day, "start": a_start.strftime("%H:%M"),
                                      "end": stop})
                day += dt.timedelta(days=1)
        return found

    room_windows = [w for r in rooms for w in windows(r.get("availabilities") or [])]
    starts = sorted({w["start"] for w in room_windows})
    ends = sorted({w["end"] for w in room_windows})
    data: dict[str, Any] = {"event": {
        "name": text(event.get("name"), locale) or client.event,
        "timezone": str(event.get("timezone") or "UTC"),
        "first-day": first, "last-day": last,
        "day-start": starts[0] if starts else "09:00",
        "day-end": ends[-1] if ends else "18:00",
        "granularity": 5,
        "language": locale[:2],
    }}
    if not starts:
        notes.append("no room has availabilities: the day was taken as 09:00-18:00; "
                     "set event.day-start / day-end")
    data["rooms"] = []
    for room in rooms:
        entry: dict[str, Any] = {"id": ids[int(room["id"])],
                                 "name": text(room.get("name"), locale)}
        capacity = room.get("capacity")
        entry["capacity"] = int(capacity) if isinstance(capacity, int) else 0
        if not isinstance(capacity, int):
            notes.append(f"the room {entry['name']!r} has no capacity in pretalx: 0 was "
                         "written; set it before adding participants")
        own = windows(room.get("availabilities") or [])
        if own:
            entry["available"] = own
        data["rooms"].append(entry)
    if tracks:
        track_maker = IdMaker()
        data["tracks"] = [{"id": track_maker.make(text(t["name"], locale), f"track-{i}"),
                           "name": text(t["name"], locale),
                           **({"color": t["color"]} if t.get("color") else {})}
                          for i, t in tracks.items()]
    track_ids = {i: entry["id"] for i, entry in zip(tracks, data.get("tracks", []), strict=True)}
    used = {code for s in submissions for code in s.get("speakers", [])}
    people: list[dict[str, Any]] = []
    unstated: list[str] = []
    for code in sorted(used):
        speaker = speakers.get(code, {"code": code, "name": code})
        person: dict[str, Any] = {"id": as_ident(code) or f"speaker-{len(people)}",
                                  "name": speaker.get("name") or code}
        if "availabilities" in speaker:
            # None stated (or none within the event's days): pretalx's scheduler takes
            # such a speaker as available throughout, and so does the scenario (an empty
            # available: would mean "never", and refuse the whole import).
            own = windows(speaker.get("availabilities") or [])
            if own:
                person["available"] = own
            else:
                unstated.append(str(person["name"]))
        people.append(person)
    if unstated and any("availabilities" in s for s in speakers.values()):
        notes.append(f"{len(unstated)} speaker(s) gave no availability within the event's "
                     f"days ({', '.join(unstated[:5])}{', ...' if len(unstated) > 5 else ''})"
                     ": taken as available throughout; add available: if they are not")
    if people and not any("availabilities" in s for s in speakers.values()):
        notes.append("pretalx does not collect speakers' availabilities for this event "
                     "(CfP settings): every speaker is taken as available throughout")
    if people:
        data["people"] = people
    table = instruments
    sessions = []
    languages = 0
    for submission in sorted(submissions, key=lambda s: s["code"]):
        kind = types.get(int(submission.get("submission_type") or 0), {})
        type_name = text(kind.get("name"), locale)
        instrument = instrument_for(type_name, table)
        codes = list(submission.get("speakers", []))
        role = "facilitator" if instrument in FACILITATED and codes else "speaker"
        if role == "speaker" and instrument in FACILITATED:
            notes.append(f"{submission['code']} is a {type_name or instrument} without a "
                         f"speaker; a {instrument} needs a facilitator, so it was imported "
                         "as a talk")
            instrument = "talk"
        session: dict[str, Any] = {
            "id": submission["code"], "title": submission.get("title") or submission["code"],
            "instrument": instrument,
            "duration": int(submission.get("duration") or kind.get("default_duration") or 30),
        }
        track = submission.get("track")
        if track is not None and int(track) in track_ids:
            session["track"] = track_ids[int(track)]
        if codes:
            session["people"] = {role: codes}
        if submission.get("abstract"):
            session["description"] = str(submission["abstract"])
        languages += bool(submission.get("content_locale"))
        if int(submission.get("slot_count") or 1) > 1:
            notes.append(f"{submission['code']} asks for {submission['slot_count']} slots; "
                         "one was imported (add repeat: to run it on several days)")
        slot = slots.get(submission["code"])
        if not free and slot and slot.get("start") and slot.get("room"):
            start = local(slot["start"])
            session["pin"] = {"day": start.date(), "start": start.strftime("%H:%M"),
                              "room": ids.get(int(slot["room"]))}
        elif not free and slot and slot.get("start"):
            notes.append(f"{submission['code']} has a time but no room in pretalx's "
                         "schedule: it was imported unpinned, for the solver to place")
        sessions.append(session)
    if languages:
        notes.append(f"{languages} submissions state their language; a scenario has no "
                     "language per session, so it was left out")
    data["sessions"] = sessions
    return data


def import_pretalx(source: None, output: Path, options: dict[str, Any]) -> list[Path]:
    """Read the event from pretalx and write the scenario atomically."""
    notes: list[str] = []
    with PretalxClient(options["url"], options["event"], token_from_environment()) as client:
        data = scenario_data(client, bool(options.get("free")),
                             instrument_table(tuple(options.get("instrument") or ())), notes)
    text_out = scenario_yaml(data, f"Imported from pretalx event {options['event']} at "
                                   f"{options['url']} by confsched import pretalx.")
    return write_imported(
        text_out, output, source=f"{options['url']} ({options['event']})",
        what="the pretalx event",
        hint="an --instrument TYPE=INSTRUMENT may fix a submission type mapped to an "
             "instrument whose rules it breaks (docs/pretalx.md)",
        notes=notes)



