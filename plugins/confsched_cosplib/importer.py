"""``confsched import cosplib FILE.xlsx -o scenario.yaml``: the best core scenario we can write.

confsched's scenario has no "submissions grouped into sessions" notion, so the CoSPLib
problem itself is solved by ``confsched cosplib solve`` (see docs/cosplib.md). The import
keeps what the core model can express:

* the event: days from the sessions' dates, the event's zone from the local time zone,
  each day's frame from its first session's start to its last session's end, and the
  gaps between CoSPLib sessions as fixed breaks, so talks only run inside sessions;
* CoSPLib rooms as rooms, CoSPLib tracks as tracks, presenters and track chairs as people;
* without ``--solution``: one ``talk`` per submission (its track, its presenters as
  speakers, ``slots x`` the shortest slot length as duration, and each attendee's talks
  (attended, presented, chaired) as a registration) for confsched's own solver to place;
* with ``--solution sol.xlsx``: one ``talk`` block per occupied (session, room) of that
  solution, pinned to its day, start and room, chaired by the track's chairs and with the
  block's presenters as speakers, ready for ``confsched export``.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import click
import yaml

from confsched_cosplib.instance import Instance, load_instance
from confsched_cosplib.solution import EMPTY, Solution, load_solution
from scheduler.atomic import atomic_write_text
from scheduler.errors import InputError, Problem
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


def _session_days(instance: Instance) -> list[dt.date]:
    days = []
    fallback = dt.date(2000, 1, 3)
    for session in instance.sessions:
        days.append(session.date or fallback)
    return days


def scenario_data(instance: Instance, solution: Solution | None = None) -> dict[str, Any]:
    """The scenario as plain data (what the YAML file holds)."""
    days = _session_days(instance)
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
    fixed: list[dict[str, Any]] = []
    for day, indices in sorted(by_day.items()):
        spans = sorted((_minutes(instance.sessions[i].start), _minutes(instance.sessions[i].end))
                       for i in indices)
        frames[day.isoformat()] = {"start": _hhmm(spans[0][0]),
                                   "end": _hhmm(max(e for _, e in spans))}
        reach = spans[0][1]
        for start, end in spans[1:]:
            if start > reach:
                fixed.append({"id": f"between-{day.isoformat()}-{_hhmm(reach).replace(':', '')}",
                              "title": "Between sessions", "kind": "other",
                              "day": day.isoformat(), "start": _hhmm(reach), "end": _hhmm(start)})
            reach = max(reach, end)
    taken: set[str] = set()
    room_ids = [slug(name, taken) for name in instance.rooms]
    track_ids = [slug(name, taken) for name in instance.tracks]
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
        # CoSPLib states no room sizes: every room holds everyone the instance names
        # (capacity 0 would fit no talk with an attendee).
        "rooms": [{"id": rid, "name": name, "capacity": max(1, len(people))}
                  for rid, name in zip(room_ids, instance.rooms, strict=True)],
        "tracks": [{"id": tid, "name": name}
                   for tid, name in zip(track_ids, instance.tracks, strict=True)],
        "people": [{"id": pid, "name": name} for name, pid in people.items()],
        "breaks": {"fixed": fixed},
    }
    if not skip:
        del data["event"]["skip-days"]
    if solution is None:
        data["sessions"], data["participants"] = _talks(instance, days, track_ids, people)
    else:
        data["sessions"] = _blocks(instance, solution, days, room_ids, track_ids, people)
    return data


def _talks(
    instance: Instance, days: list[dt.date], track_ids: list[str], people: dict[str, str]
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    slot = min(
        (_minutes(s.end) - _minutes(s.start)) // s.slots for s in instance.sessions
    )
    slot = max(5, slot - slot % 5)
    taken: set[str] = set()
    sessions = []
    wanted: dict[str, list[str]] = {}
    for sub in instance.submissions:
        sid = slug(sub.name, taken)
        entry: dict[str, Any] = {
            "id": sid, "title": sub.name, "instrument": "talk",
            "duration": f"{slot * sub.slots}min", "track": track_ids[sub.track],
        }
        if sub.presenters:
            entry["people"] = {"speaker": [people[p] for p in sub.presenters]}
        if sub.attendees:
            entry["participants"] = len(sub.attendees)
        allowed = sorted({days[s].isoformat() for s, session in enumerate(instance.sessions)
                          if session.slots >= sub.slots})
        if len(allowed) < len(set(days)):
            entry["days"] = allowed
        sessions.append(entry)
    # A person attending a talk wants it, and is also busy at the talks they present or
    # whose track they chair: CoSPLib's attendee conflicts, as registrations.
    ids = [s["id"] for s in sessions]
    attending = {p for sub in instance.submissions for p in sub.attendees}
    for i, sub in enumerate(instance.submissions):
        busy = set(sub.attendees) | (set(sub.presenters) & attending)
        busy |= set(instance.chairs[sub.track]) & attending
        for person in sorted(busy):
            wanted.setdefault(person, []).append(ids[i])
    registrations = [{"id": people[name], "sessions": sids} for name, sids in wanted.items()
                     if len(sids) > 1]
    return sessions, ({"registrations": registrations} if registrations else {})


def _blocks(
    instance: Instance, solution: Solution, days: list[dt.date], room_ids: list[str],
    track_ids: list[str], people: dict[str, str],
) -> list[dict[str, Any]]:
    sessions = []
    for s, session in enumerate(instance.sessions):
        for r, k in enumerate(solution.tracks[s]):
            talks = [i for i in dict.fromkeys(solution.cells[s][r]) if i != EMPTY]
            if k == EMPTY or not talks:
                continue
            speakers = list(dict.fromkeys(
                people[p] for i in talks for p in instance.submissions[i].presenters))
            roles: dict[str, list[str]] = {}
            chairs = [people[c] for c in instance.chairs[k]]
            if chairs:
                roles["chair"] = chairs
            speakers = [p for p in speakers if p not in chairs]
            if speakers:
                roles["speaker"] = speakers
            names = ", ".join(instance.submissions[i].name for i in talks)
            entry: dict[str, Any] = {
                "id": f"{track_ids[k]}-{slug(session.name, set())}-{room_ids[r]}",
                "title": f"{instance.tracks[k]} ({session.name})",
                "instrument": "talk",
                "duration": f"{_minutes(session.end) - _minutes(session.start)}min",
                "track": track_ids[k],
                "description": f"Talks: {names}",
                "pin": {"day": days[s].isoformat(), "start": _hhmm(_minutes(session.start)),
                        "room": room_ids[r]},
            }
            if roles:
                entry["people"] = roles
            sessions.append(entry)
    return sessions


#: CoSPLib terms the core scenario cannot state, with what the import does instead.
UNEXPRESSED = {
    "tracks_sessions": "track-session penalties (the matrix is not imported)",
    "tracks_rooms": "track-room penalties (not imported)",
    "sessions_rooms": "session-room penalties (not imported)",
    "similar_tracks": "similar-track penalties (not imported)",
    "rooms_per_track": "rooms per track (not imported)",
    "parallel_tracks": "a track in parallel rooms (not imported)",
    "consecutive_tracks": "tracks in consecutive sessions (not imported)",
    "submissions_timezones": "presenters' time-zone penalties (not imported)",
    "submissions_order": "talk order within a track (not imported)",
    "submissions_sessions": "talk-session penalties (not imported)",
    "submissions_rooms": "talk-room penalties (not imported)",
    "presenters_conflicts": "presenters' conflicts: a hard rule in confsched (a speaker "
                            "is never in two talks at once), not a weighted penalty",
    "chairs_conflicts": "chairs' conflicts (chairs are not imported without --solution)",
    "attendees_conflicts": "attendees' conflicts: imported as registrations, at "
                           "confsched's participant-clash weight, not the workbook's",
    "presenters_conflicts_timeslot": "presenters' conflicts per time slot (hard rule, see "
                                     "presenters' conflicts)",
    "attendees_conflicts_timeslot": "attendees' conflicts per time slot (as registrations)",
}


def unexpressed(instance: Instance) -> list[str]:
    """What the scenario cannot say of this instance: every weighted CoSPLib term, and
    the talk lengths when slots differ in length between sessions."""
    notes = [f"{UNEXPRESSED[name]} [weight {weight:,}]"
             for name, weight in instance.weights.items() if weight and name in UNEXPRESSED]
    lengths = {(_minutes(s.end) - _minutes(s.start)) // s.slots for s in instance.sessions}
    if len(lengths) > 1:
        notes.append(f"time-slot lengths differ between sessions ({sorted(lengths)} min): "
                     "talks last slots x the shortest")
    return notes


def import_cosplib(source: Path, output: Path, options: dict[str, Any]) -> list[Path]:
    """Read the workbook (and the solution, if given) and write the scenario atomically."""
    instance = load_instance(source)
    solution_path = options.get("solution")
    solution = load_solution(solution_path, instance) if solution_path else None
    data = scenario_data(instance, solution)
    text = (f"# Imported from {source.name} by confsched import cosplib.\n"
            + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))
    from scheduler.scenario import parse_scenario

    try:
        parse_scenario(text, str(output))
    except InputError as exc:
        raise InputError([Problem(
            f"the imported scenario does not validate: {exc}", file=str(source),
            hint="please report this with the workbook",
        )]) from None
    atomic_write_text(output, text)
    if solution is None:
        for note in unexpressed(instance):
            click.echo(f"note: not in the scenario: {note}", err=True)
        click.echo("note: `confsched cosplib solve` optimises every CoSPLib term", err=True)
    return [output]


IMPORTER = Importer(
    name="cosplib",
    description="A CoSPLib conference-scheduling instance (.xlsx). With --solution, the "
    "solution's blocks pinned in place.",
    run=import_cosplib,
    options=[click.Option(["--solution"], type=click.Path(dir_okay=False),
                          help="A CoSPLib solution workbook to pin the talks as solved.")],
)
