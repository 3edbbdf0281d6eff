"""``confsched import cosplib FILE.xlsx -o scenario.yaml``: a CoSPLib instance as a talks
scenario, every sheet mapped (docs/cosplib.md, "Import").

CoSPLib's words become the scenario's academic shape: a CoSPLib *session* (a block of
time slots) is a ``talk-slots`` entry, a *submission* a ``talks`` entry, a *track* a
track with its chairs, and each penalty matrix the ``penalties`` of the row it belongs
to (track-session, track-room and similar tracks on the track; submission-session and
submission-room on the talk; session-room on the talk-slot). The parameters sheet is
``weights.talks``. With ``--solution sol.xlsx`` every talk is pinned to the talk-slot and
room that solution gives it.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import click

from confsched_cosplib.instance import WEIGHT_NAMES, Instance, load_instance
from confsched_cosplib.solution import EMPTY, Solution, load_solution
from scheduler.exporting import Importer


def slug(name: str, taken: set[str]) -> str:
    """A scenario id from a name: lower-case letters, digits and dashes, made unique."""
    base = re.sub(r"[^0-9a-zа-яё]+", "-", name.lower()).strip("-") or "x"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def _minutes(clock: dt.time) -> int:
    return clock.hour * 60 + clock.minute


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _zone_name(label: str) -> str:
    text = label.strip()
    if text.upper().startswith("GMT") and text[3:4] in ("+", "-") and text[4:].isdigit():
        hours = int(text[4:])
        if hours == 0:
            return "UTC"
        return f"Etc/GMT{'-' if text[3] == '+' else '+'}{hours}"
    return text or "UTC"


def session_days(instance: Instance) -> list[dt.date]:
    """The day of each CoSPLib session in the scenario.

    CoSPLib treats every session as a block of its own: talks clash only within one
    session, whatever the clock says, and some instances (OR60F3) give many sessions the
    same date and hours. A room cannot hold two overlapping talk-slots, so a session that
    overlaps an earlier one on its date moves to the first later day where it overlaps
    none, at the same clock time (its time-zone penalties do not change). A session
    without a date is on 2000-01-03.
    """
    days: list[dt.date] = []
    busy: dict[dt.date, list[tuple[int, int]]] = {}
    for session in instance.sessions:
        day = session.date or dt.date(2000, 1, 3)
        span = (_minutes(session.start), _minutes(session.end))
        while any(a < span[1] and span[0] < b for a, b in busy.get(day, [])):
            day += dt.timedelta(days=1)
        busy.setdefault(day, []).append(span)
        days.append(day)
    return days


def moved_sessions(instance: Instance) -> list[str]:
    """Notes on the sessions :func:`session_days` moved to another day."""
    moved = [(session.name, day) for session, day in zip(instance.sessions,
                                                        session_days(instance), strict=True)
             if session.date and day != session.date]
    if not moved:
        return []
    shown = ", ".join(f"{name} -> {day.isoformat()}" for name, day in moved[:5])
    more = f" and {len(moved) - 5} more" if len(moved) > 5 else ""
    return [f"{len(moved)} CoSPLib session(s) overlap an earlier one in time; CoSPLib "
            f"treats each session as its own block, so they move to later days at the "
            f"same hours: {shown}{more}"]


def talk_slot_ids(instance: Instance) -> list[str]:
    """The talk-slot id of each CoSPLib session (its name as an id, made unique)."""
    taken: set[str] = set()
    return [slug(session.name, taken) for session in instance.sessions]


def _nonzero(names: list[str], values: list[int]) -> dict[str, int]:
    return {name: value for name, value in zip(names, values, strict=True) if value}


def weights_data(instance: Instance) -> dict[str, Any]:
    """``weights.talks``: the parameters sheet, every weight (kebab-case CoSPLib term
    names) and the time-zone settings the ``submissions-timezones`` term uses."""
    out: dict[str, Any] = {name.replace("_", "-"): instance.weights[name]
                           for name in WEIGHT_NAMES}
    # The event's zone is CoSPLib's local time zone (``event.timezone``).
    out["timezones"] = {
        "suitable": [clock.strftime("%H:%M") for clock in instance.suitable],
        "less-suitable": [clock.strftime("%H:%M") for clock in instance.less_suitable],
        "small": instance.small_tz_penalty,
        "big": instance.big_tz_penalty,
    }
    return out


def scenario_data(instance: Instance, solution: Solution | None = None) -> dict[str, Any]:
    """The talks scenario (docs/cosplib.md) as plain data (what the YAML file holds).

    CoSPLib sessions become ``talk-slots``, its rooms ``rooms``, its tracks ``tracks``
    (with chairs and the track-session, track-room and similar-tracks matrices), its
    submissions ``talks`` (slots, presenters, attendees, order, time zone, the
    submission-session and submission-room penalties), everyone named ``people``, and the
    parameters sheet ``weights.talks``. Zero penalties are left out. With ``solution``,
    every talk is pinned to its talk-slot and room.
    """
    days = session_days(instance)
    granularity = 5
    for session in instance.sessions:
        for clock in (session.start, session.end):
            if _minutes(clock) % granularity:
                granularity = 1
    by_day: dict[dt.date, list[int]] = {}
    for index, day in enumerate(days):
        by_day.setdefault(day, []).append(index)
    first, last = min(days), max(days)
    skip = [first + dt.timedelta(days=d) for d in range((last - first).days + 1)
            if first + dt.timedelta(days=d) not in by_day]
    frames: dict[str, Any] = {}
    for day, indices in sorted(by_day.items()):
        spans = sorted((_minutes(instance.sessions[i].start), _minutes(instance.sessions[i].end))
                       for i in indices)
        frames[day.isoformat()] = {"start": _hhmm(spans[0][0]),
                                   "end": _hhmm(max(e for _, e in spans))}
    taken: set[str] = set()
    room_ids = [slug(name, taken) for name in instance.rooms]
    track_ids = [slug(name, taken) for name in instance.tracks]
    slot_ids = talk_slot_ids(instance)
    people: dict[str, str] = {}
    for sub in instance.submissions:
        for name in [*sub.presenters, *sub.attendees]:
            people.setdefault(name, slug(name, taken))
    for chairs in instance.chairs:
        for name in chairs:
            people.setdefault(name, slug(name, taken))
    data: dict[str, Any] = {
        "event": {
            "name": f"CoSPLib {instance.name}",
            "timezone": _zone_name(instance.local_timezone),
            "first-day": first.isoformat(),
            "last-day": last.isoformat(),
            "skip-days": [d.isoformat() for d in skip],
            "day-start": frames[first.isoformat()]["start"],
            "day-end": frames[first.isoformat()]["end"],
            "day-frames": frames,
            "granularity": granularity,
            "description": "Imported from a CoSPLib instance (Kheiri, Pylyavskyy, Jacko; MIT).",
        },
        # CoSPLib states no room sizes: every room holds everyone the instance names.
        "rooms": [{"id": rid, "name": name, "capacity": max(1, len(people))}
                  for rid, name in zip(room_ids, instance.rooms, strict=True)],
        "tracks": [],
        "people": [{"id": pid, "name": name} for name, pid in people.items()],
        "talk-slots": [],
        "talks": [],
        "weights": {"talks": weights_data(instance)},
    }
    if not skip:
        del data["event"]["skip-days"]
    for s, session in enumerate(instance.sessions):
        length = (_minutes(session.end) - _minutes(session.start)) // session.slots
        entry: dict[str, Any] = {
            "id": slot_ids[s], "day": days[s].isoformat(),
            "start": _hhmm(_minutes(session.start)), "slots": session.slots,
            "slot-length": f"{length}min",
        }
        rooms = _nonzero(room_ids, instance.session_room[s])
        if rooms:
            entry["penalties"] = {"rooms": rooms}
        data["talk-slots"].append(entry)
    for k, name in enumerate(instance.tracks):
        track: dict[str, Any] = {"id": track_ids[k], "name": name}
        if instance.chairs[k]:
            # A name listed twice in one cell is one person (CoSPLib's conflict lists are
            # the same either way); a scenario refuses a repeated id.
            track["chairs"] = list(dict.fromkeys(people[c] for c in instance.chairs[k]))
        penalties: dict[str, dict[str, int]] = {}
        for key, values in (("talk-slots", _nonzero(slot_ids, instance.track_session[k])),
                            ("rooms", _nonzero(room_ids, instance.track_room[k]))):
            if values:
                penalties[key] = values
        # The similar-tracks matrix is symmetric: each pair is written once, on the
        # track that comes first.
        similar = {track_ids[j]: instance.track_track[k][j]
                   for j in range(k + 1, len(instance.tracks)) if instance.track_track[k][j]}
        if similar:
            penalties["tracks"] = similar
        if penalties:
            track["penalties"] = penalties
        data["tracks"].append(track)
    data["talks"] = _talk_entries(instance, solution, slot_ids, room_ids, track_ids, people)
    return data


def _talk_entries(
    instance: Instance, solution: Solution | None, slot_ids: list[str], room_ids: list[str],
    track_ids: list[str], people: dict[str, str],
) -> list[dict[str, Any]]:
    """One ``talks:`` entry per submission, in the workbook's order."""
    pins: dict[int, tuple[int, int]] = {}
    if solution is not None:
        for s, rooms in enumerate(solution.cells):
            for r, cells in enumerate(rooms):
                for i in cells:
                    if i != EMPTY:
                        pins.setdefault(i, (s, r))
    taken: set[str] = set()
    talks = []
    for i, sub in enumerate(instance.submissions):
        entry: dict[str, Any] = {"id": slug(sub.name, taken), "title": sub.name,
                                 "track": track_ids[sub.track]}
        if sub.slots != 1:
            entry["slots"] = sub.slots
        if sub.presenters:
            entry["presenters"] = list(dict.fromkeys(people[p] for p in sub.presenters))
        if sub.attendees:
            entry["attendees"] = list(dict.fromkeys(people[p] for p in sub.attendees))
        if sub.order:
            entry["order"] = sub.order
        entry["timezone"] = _zone_name(sub.timezone)
        if i in pins:
            s, r = pins[i]
            entry["pin"] = {"talk-slot": slot_ids[s], "room": room_ids[r]}
        penalties: dict[str, dict[str, int]] = {}
        for key, values in (("talk-slots", _nonzero(slot_ids, instance.sub_session[i])),
                            ("rooms", _nonzero(room_ids, instance.sub_room[i]))):
            if values:
                penalties[key] = values
        if penalties:
            entry["penalties"] = penalties
        talks.append(entry)
    return talks


def import_cosplib(source: Path, output: Path, options: dict[str, Any]) -> list[Path]:
    """Read the workbook (and the solution, if given); write the talks scenario, checked
    by the scenario loader first, atomically."""
    from scheduler.importing.output import scenario_yaml, write_imported

    instance = load_instance(source)
    solution_path = options.get("solution")
    solution = load_solution(solution_path, instance) if solution_path else None
    data = scenario_data(instance, solution)
    notes = moved_sessions(instance)
    spaced = [name for name in [*instance.rooms, *instance.tracks,
                                *(sub.name for sub in instance.submissions)]
              if name != name.strip()]
    if spaced:
        notes.append(f"{len(spaced)} name(s) have spaces around them, which a scenario trims "
                     f"(e.g. {spaced[0]!r}); `confsched export cosplib --instance "
                     f"{source.name}` writes them back as CoSPLib spells them")
    empty = [t for k, t in enumerate(instance.tracks)
             if not any(sub.track == k for sub in instance.submissions)]
    if empty:
        notes.append(f"track(s) without submissions: {', '.join(empty)}; kept, holding no "
                     "talk")
    uneven = {s.name for s in instance.sessions
              if (_minutes(s.end) - _minutes(s.start)) % s.slots}
    if uneven:
        notes.append(f"session(s) {', '.join(sorted(uneven))}: the length is not a whole "
                     "number of minutes per time slot; slot-length is rounded down")
    return write_imported(
        scenario_yaml(data, f"Imported from {source.name} by confsched import cosplib."),
        output, source=str(source), what="the imported CoSPLib instance",
        hint="please report this with the workbook", notes=notes,
    )


IMPORTER = Importer(
    name="cosplib",
    description="A CoSPLib conference-scheduling instance (.xlsx). With --solution, the "
    "solution's blocks pinned in place.",
    run=import_cosplib,
    options=[click.Option(["--solution"], type=click.Path(dir_okay=False),
                          help="A CoSPLib solution workbook to pin the talks as solved.")],
)
