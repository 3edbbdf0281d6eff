"""Hypothesis strategies: small random scenarios the loader accepts.

``scenarios()`` draws a scenario as plain data (a dict with the file's kebab-case keys),
so that a failing example can be written out as a YAML case file unchanged;
``load(data)`` turns it into a :class:`Scenario` through the real loader.

What is drawn: 1-2 days (with an optional per-day frame), 15- or 30-minute grid, 1-4 rooms
with capacities, tags (hybrid, exhibition, offsite) and availability windows, 0-3 tracks,
1-6 people (organisation, timezone, available / prefer / avoid windows, daily limit),
1-10 sessions of catalogue instruments that respect every static rule of the instrument
(required roles, participants, durations, formats, tags, follow-up, organisations,
series), with pins, time limits, day lists, after / same-day-as / not-parallel-with,
optional sessions; placed and fixed breaks, max-block, changeover, max-parallel, licences,
registrations, interest pairs and weights. The scenarios may be infeasible: that is fine.
Every choice shrinks towards "absent" or the smallest value, so failures shrink well.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from hypothesis import strategies as st

from scheduler.scenario import Scenario, parse_scenario
from scheduler.timeparse import format_clock

FIRST_DAY = dt.date(2024, 5, 6)
ORGS = ("org-a", "org-b", "org-c")
PERSON_ZONES = (None, "Europe/Moscow", "Asia/Bishkek", "Asia/Tokyo")
EVENT_ZONES = ("Asia/Bishkek", "UTC")

# Instruments drawn for sessions; the special ones are handled in ``_session``.
PLAIN = ("lecture", "talk", "presentation", "conference", "unconference", "dialogue",
         "workshop", "consultation", "plenary", "opening", "closing", "ceremony",
         "knowledge-fair", "knowledge-jam", "expert-visit", "twinning", "meal",
         "registration", "study-tour", "community-of-practice", "competition")
TITLES = ("Сессия", "Session", "Семинар", "Talk")


def clock(minutes: int) -> str:
    """``HH:MM`` of minutes after midnight."""
    return format_clock(minutes)


def day_text(index: int) -> str:
    return (FIRST_DAY + dt.timedelta(days=index)).isoformat()


def dump(data: dict[str, Any]) -> str:
    """The scenario data as YAML text (Cyrillic kept as is)."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def load(data: dict[str, Any]) -> Scenario:
    """Validate drawn data through the real loader (YAML text in, Scenario out)."""
    return parse_scenario(dump(data), file="<generated>")


# --------------------------------------------------------------------------- parts


@st.composite
def _event(draw: st.DrawFn, tiny: bool, max_days: int) -> dict[str, Any]:
    ndays = draw(st.integers(1, max_days))
    grid = 30 if tiny else draw(st.sampled_from((30, 15)))
    start = draw(st.sampled_from((9 * 60, 8 * 60, 10 * 60)))
    length = draw(st.sampled_from((240, 300) if tiny else (360, 480, 300, 240)))
    event: dict[str, Any] = {
        "name": "Проверка свойств",
        "timezone": draw(st.sampled_from(EVENT_ZONES)),
        "first-day": day_text(0),
        "last-day": day_text(ndays - 1),
        "day-start": clock(start),
        "day-end": clock(start + length),
        "granularity": f"{grid}min",
    }
    if ndays == 2 and draw(st.booleans()):
        other = draw(st.sampled_from((8 * 60, 9 * 60, 10 * 60)))
        event["day-frames"] = {day_text(1): {
            "start": clock(other), "end": clock(other + draw(st.sampled_from((240, 360))))}}
    if draw(st.booleans()):
        event["changeover"] = f"{grid}min"
    return event


def _frames(event: dict[str, Any]) -> list[tuple[int, int]]:
    """Daily frames (minutes) by day index, as the scenario will have them."""
    from scheduler.timeparse import parse_clock

    ndays = (dt.date.fromisoformat(event["last-day"]) - FIRST_DAY).days + 1
    frames = []
    for index in range(ndays):
        custom = event.get("day-frames", {}).get(day_text(index))
        if custom:
            frames.append((parse_clock(custom["start"]), parse_clock(custom["end"])))
        else:
            frames.append((parse_clock(event["day-start"]), parse_clock(event["day-end"])))
    return frames


@st.composite
def _room(draw: st.DrawFn, index: int, frames: list[tuple[int, int]]) -> dict[str, Any]:
    room: dict[str, Any] = {
        "id": f"r{index + 1}",
        "capacity": draw(st.sampled_from((80, 40) if index == 0 else (40, 20, 80, 10, 0))),
        "tags": draw(st.lists(st.sampled_from(("hybrid", "exhibition", "offsite")),
                              unique=True, max_size=2)),
    }
    if index == 0:
        room["name"] = "Большой зал"
    if draw(st.integers(0, 7)) == 1:
        room["available"] = [draw(_person_window(frames, 0, True))]
    return room


def _offset(zone: str, day: dt.date) -> int:
    """Minutes a zone is ahead of UTC at noon of ``day``."""
    moment = dt.datetime.combine(day, dt.time(12)).replace(tzinfo=ZoneInfo(zone))
    offset = moment.utcoffset()
    return int(offset.total_seconds() // 60) if offset else 0


@st.composite
def _person_window(draw: st.DrawFn, frames: list[tuple[int, int]], shift: int,
                   wide: bool) -> dict[str, Any]:
    """A window around the event's frame (event time), written ``shift`` minutes later
    (the person's own clock); ``wide`` windows leave room for a few sessions."""
    fs, fe = frames[0]
    slots = (fe - fs) // 30
    first = draw(st.integers(0, slots // 2 if wide else slots - 1))
    least = min(slots - first, 4 if wide else 1)
    last = draw(st.integers(first + least, slots))
    start, end = fs + first * 30 + shift, fs + last * 30 + shift
    window: dict[str, Any] = {"start": clock(start), "end": clock(end)}
    if draw(st.integers(0, 3)) == 1:
        window = {"day": day_text(draw(st.integers(0, len(frames) - 1))), **window}
    return window


@st.composite
def _person(draw: st.DrawFn, index: int, frames: list[tuple[int, int]],
            event_zone: str) -> dict[str, Any]:
    person: dict[str, Any] = {"id": f"p{index + 1}",
                              "organisation": draw(st.sampled_from(ORGS))}
    if index == 0:
        person["name"] = "Айгуль"
    zone = draw(st.sampled_from(PERSON_ZONES))
    shift = 0
    if zone:
        shift = _offset(zone, FIRST_DAY) - _offset(event_zone, FIRST_DAY)
        lo, hi = min(f[0] for f in frames), max(f[1] for f in frames)
        if not (lo + shift >= 0 and hi + shift <= 24 * 60):
            zone, shift = None, 0
    if zone:
        person["timezone"] = zone
    if draw(st.integers(0, 5)) == 1:
        person["available"] = draw(st.lists(_person_window(frames, shift, True),
                                            min_size=1, max_size=2))
    if draw(st.integers(0, 3)) == 1:
        person["prefer"] = [draw(_person_window(frames, shift, True))]
    if draw(st.integers(0, 3)) == 1:
        person["avoid"] = [draw(_person_window(frames, shift, False))]
    if draw(st.integers(0, 4)) == 1:
        person["max-sessions-per-day"] = draw(st.integers(2, 4))
    if draw(st.integers(0, 2)) == 1:  # in the facilitator pool (#12)
        person["roles"] = ["facilitator"]
        if draw(st.integers(0, 3)) == 1:
            person["max-sessions"] = draw(st.integers(2, 4))
        if draw(st.integers(0, 3)) == 1:
            person["max-hours-per-day"] = draw(st.sampled_from([2, 3.5, 5]))
    return person


# --------------------------------------------------------------------------- sessions


def _fallback(name: str, people: list[dict[str, Any]]) -> str:
    """The instrument itself when its static rules can be met with these people, else
    ``lecture`` (which has no rules)."""
    need = {"dialogue": 1, "workshop": 1, "knowledge-jam": 2, "expert-visit": 1,
            "study-tour": 1, "community-of-practice": 1, "competition": 3, "twinning": 2}
    if len(people) < need.get(name, 0):
        return "lecture"
    if name in ("twinning", "competition") and len({p["organisation"] for p in people}) < 2:
        return "lecture"  # people from 2 organisations (a competition's jury too)
    return name


@st.composite
def _session(draw: st.DrawFn, index: int, ctx: dict[str, Any]) -> list[dict[str, Any]]:
    """One session (two for a competition, which needs its award ceremony)."""
    catalogue = ctx["catalogue"]
    people: list[dict[str, Any]] = ctx["people"]
    frames: list[tuple[int, int]] = ctx["frames"]
    grid: int = ctx["grid"]
    ndays = len(frames)
    sid = f"s{index + 1}"
    name = _fallback(draw(st.sampled_from(PLAIN)), people)
    rule = catalogue[name]
    session: dict[str, Any] = {
        "id": sid, "title": f"{draw(st.sampled_from(TITLES))} {index + 1}", "instrument": name,
    }
    # Durations: whole-day sessions fill the day; others a multiple of the grid that the
    # instrument allows and the longest day holds.
    longest = max(end - start for start, end in frames)
    duration = None
    if not rule.whole_day:
        low = max(grid, rule.min_duration or grid)
        high = min(rule.max_duration or 120, 120, longest)
        steps = list(range(-(-low // grid) * grid, high + 1, grid))
        duration = draw(st.sampled_from(steps))
        session["duration"] = f"{duration}min"
    session["format"] = draw(st.sampled_from(rule.formats))
    # People: the required roles from distinct people (twinning: two organisations),
    # maybe a speaker too.
    ids = [p["id"] for p in people]
    chosen: list[str] = []
    roles: dict[str, list[str]] = {}
    for role, least in rule.required_roles.items():
        pool = [pid for pid in ids if pid not in chosen]
        picked = draw(st.lists(st.sampled_from(pool), unique=True, min_size=least,
                               max_size=least))
        org = {p["id"]: p["organisation"] for p in people}
        if role == "jury" and rule.jury_min_organisations and len({org[x] for x in picked}) < 2:
            other = next((x for x in pool if org[x] != org[picked[0]] and x not in picked), None)
            if other is not None:
                picked[-1] = other  # a jury from two organisations
        roles[role] = picked
        chosen += picked
    if rule.min_organisations:
        org = {p["id"]: p["organisation"] for p in people}
        first = draw(st.sampled_from(ids))
        second = draw(st.sampled_from([p for p in ids if org[p] != org[first]]))
        roles["representative"] = [first, second]
    elif draw(st.integers(0, 3)) == 1:
        pool = [pid for pid in ids if pid not in chosen]
        if pool:
            roles["speaker"] = draw(st.lists(st.sampled_from(pool), unique=True, min_size=1,
                                             max_size=2))
    if roles:
        session["people"] = roles
    named = {pid for ids in roles.values() for pid in ids}
    free = [p for p in people if "facilitator" in p.get("roles", []) and p["id"] not in named]
    if ctx.get("pools") and free and draw(st.integers(0, 2)) == 1:
        session["needs"] = {"facilitator": 1}  # one chosen from the pool by the solver
    most = min(rule.max_participants or 60, 60)
    big = draw(st.integers(0, 5)) == 1
    session["participants"] = draw(st.integers(0, most if big else min(most, 18)))
    # Tracks and rooms.
    tracks = ctx["tracks"]
    if tracks and draw(st.booleans()):
        picked = draw(st.lists(st.sampled_from(tracks), unique=True, min_size=1, max_size=2))
        session["track"] = picked[0] if len(picked) == 1 else picked
    rooms = ctx["rooms"]
    if draw(st.integers(0, 7)) == 1:
        session["rooms"] = draw(st.lists(st.sampled_from(rooms), unique=True, min_size=1,
                                         max_size=2))
    # Time restrictions.
    if draw(st.integers(0, 7)) == 1:
        pin: dict[str, Any] = {}
        if draw(st.booleans()):
            pin["day"] = day_text(draw(st.integers(0, ndays - 1)))
        if not rule.whole_day and draw(st.booleans()):
            fs, fe = frames[0]
            pin["start"] = clock(draw(st.integers(fs // grid, fe // grid - 1)) * grid)
        takes_room = session["format"] != "online" and rule.needs_room
        if takes_room and draw(st.booleans()):
            # The loader refuses a room pin on a session that takes no room.
            pin["room"] = draw(st.sampled_from(rooms))
        if pin:
            session["pin"] = pin
    if duration is not None and draw(st.integers(0, 7)) == 1:
        fs, fe = frames[0]
        earliest = draw(st.integers(fs // grid, (fs + fe) // 2 // grid)) * grid
        latest = earliest + duration + draw(st.integers(0, 6)) * grid
        if draw(st.booleans()):
            session["earliest"] = clock(earliest)
        if latest <= 24 * 60 and draw(st.booleans()):
            session["latest"] = clock(latest)
    if ndays > 1 and draw(st.integers(0, 4)) == 1:
        session["days"] = [day_text(draw(st.integers(0, ndays - 1)))]
    # References to earlier sessions (so after: cannot go round in a circle).
    earlier: list[str] = ctx["ids"]
    for key in ("after", "same-day-as", "not-parallel-with"):
        if earlier and draw(st.integers(0, 4)) == 1:
            session[key] = draw(st.lists(st.sampled_from(earlier), unique=True, min_size=1,
                                         max_size=2))
    if draw(st.integers(0, 4)) == 1:
        session["optional"] = True
    if rule.recurring or (ndays > 1 and draw(st.integers(0, 3)) == 1):
        session["repeat"] = {"count": draw(st.integers(1, ndays))}
    out = [session]
    if rule.followed_by:
        follower = catalogue[rule.followed_by]
        out.append({
            "id": f"{sid}-award", "title": f"Награждение {index + 1}",
            "instrument": rule.followed_by, "format": draw(st.sampled_from(follower.formats)),
            "duration": f"{max(grid, 30)}min",
            "participants": draw(st.integers(0, 60)), "after": [sid],
        })
    return out


def _needed_tags(session: dict[str, Any], catalogue: dict[str, Any]) -> list[str]:
    """Room tags the loader demands some room to carry for this session."""
    rule = catalogue[session["instrument"]]
    if session.get("format") == "online" or not rule.needs_room:
        return []
    tags = list(rule.room_tags)
    if session.get("format") == "hybrid":
        tags.append("hybrid")
    return tags


# --------------------------------------------------------------------------- scenario


@st.composite
def _breaks(draw: st.DrawFn, frames: list[tuple[int, int]], grid: int,
            most: int) -> dict[str, Any]:
    fs, fe = min(f[0] for f in frames), max(f[1] for f in frames)
    breaks: dict[str, Any] = {}
    placed = []
    for k in range(draw(st.integers(0, most))):
        length = draw(st.sampled_from((15, 30))) if grid == 15 else 30
        low = fs + draw(st.integers(1, (fe - fs) // grid - 2)) * grid
        high = min(fe, low + length + draw(st.integers(0, 4)) * grid)
        if high - low < length:
            continue
        item: dict[str, Any] = {"id": f"b{k + 1}", "duration": f"{length}min",
                                "window": [clock(low), clock(high)]}
        if k == 1:
            item["kind"] = "lunch"
            item["title"] = "Обед"
        if len(frames) > 1 and draw(st.booleans()):
            item["days"] = [day_text(draw(st.integers(0, len(frames) - 1)))]
        placed.append(item)
    if placed:
        breaks["placed"] = placed
    if draw(st.integers(0, 3)) == 1:
        start = fs + draw(st.integers(1, (fe - fs) // grid - 2)) * grid
        fixed: dict[str, Any] = {"id": "fixed1", "title": "Кофе", "start": clock(start),
                                 "end": clock(start + grid)}
        if len(frames) > 1 and draw(st.booleans()):
            fixed["day"] = day_text(draw(st.integers(0, len(frames) - 1)))
        breaks["fixed"] = [fixed]
    if placed and draw(st.integers(0, 3)) == 1:
        breaks["max-block"] = f"{draw(st.sampled_from((180, 120, 240)))}min"
    return breaks


WEIGHT_NAMES = ("participant-clashes", "preferences", "track-room-stability", "room-fit",
                "facilitator-same-room", "compact-days", "instrument-spread",
                "preferred-size", "dropped", "continuity", "wishes", "room-changes",
                "choices")


@st.composite
def scenarios(draw: st.DrawFn, max_sessions: int = 10, tiny: bool = False,
              max_days: int | None = None) -> dict[str, Any]:
    """A small scenario, as plain data in the file's format (see the module docstring).

    ``tiny``: days of 4-5 hours on a 30-minute grid (one day unless ``max_days`` says
    more), at most two rooms and one placed break, so that every schedule can be
    enumerated.
    """
    from scheduler.instruments import builtin_catalogue

    catalogue = builtin_catalogue()
    event = draw(_event(tiny, max_days or (1 if tiny else 2)))
    frames = _frames(event)
    grid = int(event["granularity"].removesuffix("min"))
    rooms = [draw(_room(i, frames)) for i in range(draw(st.integers(1, 2 if tiny else 4)))]
    tracks = [{"id": f"t{i + 1}"} for i in range(draw(st.integers(0, 2 if tiny else 3)))]
    people = [draw(_person(i, frames, event["timezone"])) for i in range(draw(st.integers(1, 6)))]
    ctx: dict[str, Any] = {"catalogue": catalogue, "people": people, "frames": frames,
                           "pools": not tiny,
                           "grid": grid, "tracks": [t["id"] for t in tracks],
                           "rooms": [r["id"] for r in rooms], "ids": []}
    sessions: list[dict[str, Any]] = []
    count = draw(st.integers(1, max_sessions))
    index = 0
    while len(sessions) < count:
        for session in draw(_session(index, ctx)):
            sessions.append(session)
            ctx["ids"].append(session["id"])
        index += 1
    # Tags some session needs go on the first room (the loader demands a room has them).
    # A session's ``rooms:`` list gets a room with those tags (its first one).
    by_id = {r["id"]: r for r in rooms}
    for session in sessions:
        for tag in _needed_tags(session, catalogue):
            if all(tag not in r["tags"] for r in rooms):
                rooms[0]["tags"].append(tag)
            allowed = [by_id[rid] for rid in session.get("rooms", [])]
            if allowed and all(tag not in r["tags"] for r in allowed):
                allowed[0]["tags"].append(tag)
    data: dict[str, Any] = {"event": event, "rooms": rooms}
    if tracks:
        data["tracks"] = tracks
    data["people"] = people
    data["sessions"] = sessions
    breaks = draw(_breaks(frames, grid, 1 if tiny else 2))
    if breaks:
        data["breaks"] = breaks
    if draw(st.integers(0, 3)) == 1:
        data["event"]["max-parallel"] = draw(st.sampled_from(
            (2, 1, "tracks") if tracks else (2, 1)))
    if draw(st.integers(0, 3)) == 1:
        data["hybrid"] = {"licences": draw(st.integers(1, 2))}
    ids = [s["id"] for s in sessions]
    participants: dict[str, Any] = {}
    if len(ids) > 1 and draw(st.booleans()):
        participants["registrations"] = [
            {"id": f"reg{k + 1}", "sessions": draw(st.lists(st.sampled_from(ids), unique=True,
                                                            min_size=2, max_size=3))}
            for k in range(draw(st.integers(1, 4)))
        ]
    if len(ids) > 1 and draw(st.integers(0, 3)) == 1:
        a, b = draw(st.lists(st.sampled_from(ids), unique=True, min_size=2, max_size=2))
        participants["interest-pairs"] = [{"sessions": [a, b],
                                           "count": draw(st.integers(1, 5))}]
    if participants:
        data["participants"] = participants
    if draw(st.booleans()):
        data["weights"] = {name: draw(st.integers(0, 10)) for name in WEIGHT_NAMES}
    if not tiny:
        _groups(draw, data, catalogue)
    return data


def _groups(draw: st.DrawFn, data: dict[str, Any], catalogue: dict[str, Any]) -> None:
    """Participants into groups (#12), drawn last so that every earlier draw (and so every
    scenario drawn before) stays as it was: maybe one session runs twice, and maybe a few
    registrations rank choices among single sessions and that one."""
    sessions = data["sessions"]
    participants = data.setdefault("participants", {})
    eligible = [s for s in sessions if "repeat" not in s
                and not catalogue[s["instrument"]].followed_by]
    if eligible and draw(st.integers(0, 3)) == 1:
        target = draw(st.sampled_from(eligible))
        target["runs"] = 2
        for entry in participants.get("registrations", []):  # one run each, so not
            entry["sessions"] = [x for x in entry["sessions"] if x != target["id"]]  # here
    ids = [s["id"] for s in sessions if "runs" not in s]
    # Choices: sessions with runs and other single sessions, never a repeat series.
    choosable = [s["id"] for s in sessions if "repeat" not in s]
    if choosable and draw(st.integers(0, 2)) == 1:
        registrations = participants.setdefault("registrations", [])
        for k in range(draw(st.integers(1, 6))):
            picked = draw(st.lists(st.sampled_from(choosable), unique=True, min_size=1,
                                   max_size=3))
            registration: dict[str, Any] = {"id": f"ch{k + 1}", "choices": picked}
            fixed = [sid for sid in ids if sid not in picked]
            with_fixed: bool = draw(st.booleans())
            if fixed and with_fixed:
                registration["sessions"] = [draw(st.sampled_from(fixed))]
            if len(picked) > 1 and draw(st.booleans()):
                registration["take"] = draw(st.integers(1, len(picked)))
            registrations.append(registration)
    if not participants:
        del data["participants"]
