"""Tiny random events for the brute-force oracle (oracle.py), from a seed and a shape.

``event(shape, seed)`` gives a scenario as plain data in the file's format (kebab-case
keys), small enough that every schedule can be enumerated: 1-2 days of 2-3 hours on a
30-minute grid, 1-3 rooms, 2-5 sessions. Plain ``random.Random(seed)``, no Hypothesis:
the same (shape, seed) is the same event on every machine, so a disagreement is
reproduced by its two numbers. Each shape switches on a set of rule kinds:

- ``plain``: rooms (capacity, tags, availability), tracks (one or a choice), people
  (availability, prefer / avoid, daily limit), pins, earliest / latest, after,
  same-day-as, not-parallel-with, optional sessions, exclusive instruments, placed and
  fixed breaks, max-block, changeover, max-parallel, hybrid rooms and licences,
  interest pairs and registrations (participant clashes), weights;
- ``pools``: plain plus people chosen from a pool (``needs:``, candidates, languages,
  topics, max-sessions, max-hours-per-day, max-hours), same-people-as, wishes,
  room-changes, and the changeover between chosen people's sessions;
- ``groups``: plain plus a session with ``runs:`` and registrations with ranked
  ``choices:`` and ``take``;
- ``days``: two days (maybe a different frame), ``days:`` lists, series (``repeat:``),
  same-day-as, instrument spread;
- ``mixed``: any of the features above together;
- ``talks``: academic talks (docs/talks.md): 2-3 talk-slots of 2-3 slots, 1-2 rooms, 1-2
  tracks with chairs, 3-4 talks (some of two slots, ordered, pinned, online, with
  presenters, attendees, time zones and every penalty matrix), same-track conflicts
  allowed, licences, availability, every CoSPLib weight;
- ``talks-mixed``: talks beside one or two sessions (a plenary, a lecture) and a break;
- ``extras``: the catalogue's special instruments on a 60-minute grid: a whole-day study
  tour (offsite room), a community of practice meeting on two days (its coordinator kept),
  an expert visit series (its expert preferred kept), a competition with a jury from two
  organisations (entrants) and its award ceremony, a twinning meeting (two
  organisations), a knowledge jam (facilitator and broker), a pinned meal (a pause for
  max-block), people chosen from pools for each, and instrument overrides (a plenary
  that ignores breaks, an exclusive lecture, a pause talk).

The loader may refuse a drawn event (e.g. a pinned room without the tag a session
needs); callers count those and move on.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import yaml

from scheduler.instruments import builtin_catalogue
from scheduler.scenario import Scenario, parse_scenario
from scheduler.timeparse import format_clock

SHAPES = ("plain", "pools", "groups", "days", "mixed", "talks", "talks-mixed", "extras")
FIRST_DAY = dt.date(2024, 5, 6)
GRID = 30
ORGS = ("org-a", "org-b")
# Instruments of tiny events: plain ones, exclusive ones (plenary, opening, meal, ...),
# the ones with a required role a pool may fill, and the online-capable ones.
PLAIN = ("lecture", "talk", "presentation", "conference", "consultation", "unconference")
EXCLUSIVE = ("plenary", "opening", "closing", "meal", "registration", "ceremony")
ROLED = {"workshop": "facilitator", "dialogue": "facilitator", "expert-visit": "expert"}
TITLES = ("Сессия", "Session", "Семинар")
CATALOGUE = builtin_catalogue()


def day_text(index: int) -> str:
    return (FIRST_DAY + dt.timedelta(days=index)).isoformat()


def dump(data: dict[str, Any]) -> str:
    """The event as YAML text (Cyrillic kept as is)."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def load(data: dict[str, Any]) -> Scenario:
    """Through the real loader (raises ScenarioError when it refuses the event)."""
    return parse_scenario(dump(data), file="<oracle>")


def _window(rng: random.Random, frame: tuple[int, int], least: int = 2) -> dict[str, str]:
    """A window on the grid inside (or just around) the frame, at least ``least`` steps."""
    fs, fe = frame
    steps = (fe - fs) // GRID
    first = rng.randint(0, max(0, steps - least))
    last = rng.randint(min(steps, first + least), steps)
    return {"start": format_clock(fs + first * GRID), "end": format_clock(fs + last * GRID)}


def event(shape: str, seed: int) -> dict[str, Any]:
    """One tiny event of ``shape`` (see the module text) drawn from ``seed``."""
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}; known: {', '.join(SHAPES)}")
    rng = random.Random(f"{shape}:{seed}")
    if shape.startswith("talks"):
        return _talks_event(rng, mixed=shape == "talks-mixed")
    if shape == "extras":
        return _extras_event(rng)
    feats = set(rng.sample(("pools", "groups", "days"), rng.randint(1, 3))) \
        if shape == "mixed" else {shape}
    pools, groups, two_days = "pools" in feats, "groups" in feats, "days" in feats

    ndays = 2 if two_days else 1
    start = rng.choice((9 * 60, 10 * 60))
    length = rng.choice((150, 180, 180))
    ev: dict[str, Any] = {
        "name": "Оракул", "timezone": rng.choice(("UTC", "Asia/Bishkek")),
        "first-day": day_text(0), "last-day": day_text(ndays - 1),
        "day-start": format_clock(start), "day-end": format_clock(start + length),
        "granularity": f"{GRID}min",
    }
    frames = [(start, start + length)] * ndays
    if ndays == 2 and rng.random() < 0.4:
        other = rng.choice((120, 150))
        ev["day-frames"] = {day_text(1): {"start": format_clock(start),
                                          "end": format_clock(start + other)}}
        frames[1] = (start, start + other)
    if rng.random() < (0.6 if pools else 0.35):
        ev["changeover"] = f"{rng.choice((GRID, 2 * GRID))}min"
    if rng.random() < 0.2:
        ev["max-parallel"] = rng.choice((1, 2))

    nrooms = rng.choice((1, 2, 2, 3))
    rooms: list[dict[str, Any]] = []
    for i in range(nrooms):
        room: dict[str, Any] = {"id": f"r{i + 1}",
                                "capacity": rng.choice((40, 80) if i == 0 else (20, 40, 80))}
        tags = [t for t in ("hybrid", "exhibition") if rng.random() < 0.3]
        if tags:
            room["tags"] = tags
        if rng.random() < 0.15:
            room["available"] = [_window(rng, frames[0], 3)]
        rooms.append(room)
    rooms[0]["name"] = "Большой зал"

    tracks = [f"t{i + 1}" for i in range(rng.choice((0, 0, 1, 2)))]

    npeople = rng.randint(2, 4) + (1 if pools else 0)
    people: list[dict[str, Any]] = []
    for i in range(npeople):
        person: dict[str, Any] = {"id": f"p{i + 1}", "organisation": rng.choice(ORGS)}
        if rng.random() < 0.15:
            person["available"] = [_window(rng, frames[0], 3)]
        if rng.random() < 0.25:
            person["prefer"] = [_window(rng, frames[0], 2)]
        if rng.random() < 0.25:
            person["avoid"] = [_window(rng, frames[0], 1)]
        if rng.random() < 0.15:
            person["max-sessions-per-day"] = rng.randint(1, 2)
        if pools and (i < 2 or rng.random() < 0.5):
            person["roles"] = ["facilitator"] + (["expert"] if rng.random() < 0.3 else [])
            if rng.random() < 0.25:
                person["max-sessions"] = rng.randint(1, 2)
            if rng.random() < 0.2:
                person["max-hours-per-day"] = rng.choice((1, 1.5, 2))
            if rng.random() < 0.1:
                person["max-hours"] = rng.choice((1, 2))
            if rng.random() < 0.3:
                person["languages"] = rng.sample(("ru", "ky", "en"), rng.randint(1, 2))
            if rng.random() < 0.3:
                person["topics"] = [rng.choice(("water", "health"))]
        people.append(person)
    people[0]["name"] = "Айгуль"

    nsessions = rng.randint(2, 4 if not (groups or two_days) else 3)
    sessions: list[dict[str, Any]] = []
    for k in range(nsessions):
        sid = f"s{k + 1}"
        r = rng.random()
        if pools and r < 0.55:
            instrument = rng.choice(tuple(ROLED))
        elif r < 0.75:
            instrument = rng.choice(PLAIN)
        elif r < 0.9:
            instrument = rng.choice(EXCLUSIVE)
        else:
            instrument = "workshop"
        s: dict[str, Any] = {"id": sid, "title": f"{rng.choice(TITLES)} {k + 1}",
                             "instrument": instrument,
                             "duration": f"{rng.choice((30, 30, 60, 60, 90))}min"}
        rule = CATALOGUE[instrument]
        s["format"] = rng.choices(("in-person", "online", "hybrid"), (6, 1, 2))[0]
        if s["format"] not in rule.formats:
            s["format"] = "in-person"
        role = ROLED.get(instrument)
        if role is not None:
            qualified = [p["id"] for p in people if role in p.get("roles", [])]
            if pools and qualified and rng.random() < 0.75:
                if rng.random() < 0.3:
                    s["needs"] = {role: rng.choice((1, 1, 2))}
                if rng.random() < 0.2:
                    s["candidates"] = rng.sample(qualified, min(len(qualified), 2))
                if rng.random() < 0.15:
                    s["language"] = rng.choice(("ru", "ky", "en"))
                if rng.random() < 0.15:
                    s["topics"] = ["water"]
            else:
                s["people"] = {role: [rng.choice([p["id"] for p in people])]}
        elif rng.random() < 0.5:
            s["people"] = {"speaker": rng.sample([p["id"] for p in people],
                                                 rng.randint(1, 2))}
        s["participants"] = min(rng.choice((0, 5, 15, 25, 35)), rule.max_participants or 99)
        if tracks and rng.random() < 0.6:
            picked = rng.sample(tracks, rng.randint(1, len(tracks)))
            s["track"] = picked[0] if len(picked) == 1 else picked
        if rng.random() < 0.15:
            s["rooms"] = rng.sample([r["id"] for r in rooms], rng.randint(1, nrooms))
        if rng.random() < 0.15:
            pin: dict[str, Any] = {}
            if rng.random() < 0.6:
                fs, fe = frames[0]
                pin["start"] = format_clock(fs + GRID * rng.randint(0, (fe - fs) // GRID - 2))
            if rng.random() < 0.4 and s["format"] != "online":
                pin["room"] = rng.choice([r["id"] for r in rooms])
            if ndays > 1 and rng.random() < 0.5:
                pin["day"] = day_text(rng.randint(0, ndays - 1))
            if pin:
                s["pin"] = pin
        if rng.random() < 0.1:
            s["earliest"] = format_clock(frames[0][0] + GRID * rng.randint(1, 2))
        if rng.random() < 0.1:
            s["latest"] = format_clock(frames[0][1] - GRID * rng.randint(0, 1))
        if ndays > 1 and rng.random() < 0.3:
            s["days"] = [day_text(rng.randint(0, ndays - 1))]
        earlier = [x["id"] for x in sessions if "runs" not in x]
        for key, p in (("after", 0.2), ("same-day-as", 0.25 if two_days else 0.05),
                       ("not-parallel-with", 0.25)):
            if earlier and rng.random() < p:
                s[key] = [rng.choice(earlier)]
        alike = [x["id"] for x in sessions if ROLED.get(x["instrument"]) == role
                 and "runs" not in x]
        if pools and alike and role is not None and rng.random() < 0.25:
            s["same-people-as"] = [rng.choice(alike)]
        if rng.random() < 0.2:
            s["optional"] = True
        if two_days and rng.random() < 0.3 and "pin" not in s and "days" not in s:
            s["repeat"] = {"count": 2}
        elif groups and k == 0 and rng.random() < 0.6:
            s["runs"] = 2
        sessions.append(s)

    if pools:
        meant = sorted({s["id"] for s in sessions} | {s["instrument"] for s in sessions}
                       | {t for s in sessions for t in s.get("topics", [])})
        for person in people:
            if rng.random() < 0.3:
                person["wishes"] = {rng.choice(("like", "dislike")): [rng.choice(meant)]}
    data: dict[str, Any] = {"event": ev, "rooms": rooms}
    if tracks:
        data["tracks"] = [{"id": t} for t in tracks]
    data["people"] = people
    data["sessions"] = sessions

    breaks: dict[str, Any] = {}
    fs, fe = frames[0]
    if rng.random() < 0.35:
        low = fs + GRID * rng.randint(1, 2)
        item: dict[str, Any] = {"id": "b1", "duration": f"{GRID}min",
                                "window": [format_clock(low),
                                           format_clock(low + GRID * rng.randint(1, 3))]}
        if ndays > 1 and rng.random() < 0.3:
            item["days"] = [day_text(rng.randint(0, ndays - 1))]
        breaks["placed"] = [item]
        if rng.random() < 0.3:
            breaks["max-block"] = f"{rng.choice((60, 90, 120))}min"
    if rng.random() < 0.15:
        at = fs + GRID * rng.randint(1, (fe - fs) // GRID - 1)
        breaks["fixed"] = [{"id": "coffee", "title": "Кофе", "start": format_clock(at),
                            "end": format_clock(at + GRID)}]
    if breaks:
        data["breaks"] = breaks

    if any(s["format"] != "in-person" for s in sessions) and rng.random() < 0.5:
        data["hybrid"] = {"licences": rng.randint(1, 2)}
    for s in sessions:  # a room must carry the tags the session needs (loader)
        if s["format"] == "hybrid" and not any("hybrid" in r.get("tags", []) for r in rooms):
            rooms[rng.randrange(nrooms)].setdefault("tags", []).append("hybrid")

    ids = [s["id"] for s in sessions if "runs" not in s and "repeat" not in s]
    participants: dict[str, Any] = {}
    registrations: list[dict[str, Any]] = []
    if len(ids) > 1 and rng.random() < 0.4:
        registrations += [{"id": f"reg{i + 1}", "sessions": rng.sample(ids, 2)}
                          for i in range(rng.randint(1, 2))]
    if len(ids) > 1 and rng.random() < 0.3:
        participants["interest-pairs"] = [{"sessions": rng.sample(ids, 2),
                                           "count": rng.randint(1, 4)}]
    choosable = [s["id"] for s in sessions if "repeat" not in s]
    if groups and choosable:  # (every session a series: no choices to rank)
        for i in range(rng.randint(1, 3)):
            picked = rng.sample(choosable, rng.randint(1, min(3, len(choosable))))
            reg: dict[str, Any] = {"id": f"ch{i + 1}", "choices": picked}
            fixed = [x for x in ids if x not in picked]
            if fixed and rng.random() < 0.3:
                reg["sessions"] = [rng.choice(fixed)]
            if len(picked) > 1 and rng.random() < 0.3:
                reg["take"] = 2
            registrations.append(reg)
    if registrations:
        participants["registrations"] = registrations
    if participants:
        data["participants"] = participants

    if rng.random() < 0.6:
        names = ["participant-clashes", "preferences", "track-room-stability", "room-fit",
                 "facilitator-same-room", "compact-days", "instrument-spread", "dropped",
                 "choices", "fair-load", "continuity", "wishes", "room-changes",
                 "preferred-size"]
        data["weights"] = {n: rng.choice((0, 1, 2, 5)) for n in names if rng.random() < 0.6}
    return data


TALK_WEIGHTS = ("tracks-sessions", "tracks-rooms", "sessions-rooms", "similar-tracks",
                "rooms-per-track", "parallel-tracks", "consecutive-tracks",
                "submissions-order", "submissions-sessions", "submissions-rooms",
                "presenters-conflicts", "attendees-conflicts", "chairs-conflicts",
                "presenters-conflicts-timeslot", "attendees-conflicts-timeslot")


def _talks_event(rng: random.Random, mixed: bool) -> dict[str, Any]:
    """A tiny event of talks (shapes ``talks`` and ``talks-mixed``)."""
    day = day_text(0)
    nblocks = rng.choice((2, 2, 3))
    starts = [9 * 60, 10 * 60 + 30, 12 * 60][:nblocks]
    rooms: list[dict[str, Any]] = [{"id": f"r{i + 1}", "capacity": 60}
                                   for i in range(rng.choice((1, 2, 2)))]
    room_ids = [r["id"] for r in rooms]
    if rng.random() < 0.4:
        rooms[-1]["tags"] = ["hybrid"]
    people: list[dict[str, Any]] = [{"id": f"p{i + 1}"} for i in range(rng.randint(3, 5))]
    people[0]["name"] = "Айгуль"
    pids = [p["id"] for p in people]
    if rng.random() < 0.2:
        people[1]["available"] = [{"start": format_clock(9 * 60),
                                   "end": format_clock(starts[-1])}]
    blocks = []
    for b, at in enumerate(starts):
        block: dict[str, Any] = {"id": f"b{b + 1}", "day": day, "start": format_clock(at),
                                 "slots": rng.choice((2, 3))}
        if len(room_ids) > 1 and rng.random() < 0.2:
            block["rooms"] = [rng.choice(room_ids)]
        if rng.random() < 0.4:
            block["penalties"] = {"rooms": {rng.choice(room_ids): rng.randint(1, 5)}}
        blocks.append(block)
    track_ids = [f"k{k + 1}" for k in range(rng.choice((1, 2, 2)))]
    tracks = []
    for k in track_ids:
        track: dict[str, Any] = {"id": k, "chairs": [rng.choice(pids)]}
        pen: dict[str, Any] = {}
        if rng.random() < 0.5:
            pen["talk-slots"] = {rng.choice(blocks)["id"]: rng.randint(1, 9)}
        if rng.random() < 0.5:
            pen["rooms"] = {rng.choice(room_ids): rng.randint(1, 5)}
        others = [x for x in track_ids if x != k]
        if others and rng.random() < 0.5:
            pen["tracks"] = {rng.choice(others): rng.randint(1, 4)}
        if pen:
            track["penalties"] = pen
        tracks.append(track)
    talks = []
    orders: dict[str, int] = {}
    for i in range(rng.randint(3, 4)):
        talk: dict[str, Any] = {"id": f"t{i + 1}", "title": f"Доклад {i + 1}",
                                "track": rng.choice(track_ids),
                                "presenters": [rng.choice(pids)]}
        if rng.random() < 0.25:
            talk["slots"] = 2
        if rng.random() < 0.5:
            talk["attendees"] = rng.sample(pids, rng.randint(1, 2))
        if rng.random() < 0.3:
            orders[talk["track"]] = orders.get(talk["track"], 0) + 1
            talk["order"] = orders[talk["track"]]
        if rng.random() < 0.3:
            talk["timezone"] = rng.choice(("Asia/Tokyo", "America/New_York"))
        if rng.random() < 0.15 and any("tags" in r for r in rooms):
            talk["format"] = rng.choice(("online", "hybrid"))
        if rng.random() < 0.1:
            talk["pin"] = {"talk-slot": rng.choice(blocks)["id"]}
        pen = {}
        if rng.random() < 0.4:
            pen["talk-slots"] = {rng.choice(blocks)["id"]: rng.randint(1, 9)}
        if rng.random() < 0.3:
            pen["rooms"] = {rng.choice(room_ids): rng.randint(1, 5)}
        if pen:
            talk["penalties"] = pen
        talks.append(talk)
    weights: dict[str, Any] = {name: rng.choice((0, 1, 3, 10)) for name in TALK_WEIGHTS}
    weights["timezones"] = {"suitable": ["09:00", "18:00"],
                            "less-suitable": ["07:00", "22:00"], "small": 1, "big": 5}
    data: dict[str, Any] = {
        "event": {"name": "Оракул докладов", "timezone": "Europe/Moscow",
                  "first-day": day, "last-day": day, "day-start": "09:00",
                  "day-end": "14:00", "granularity": "10min"},
        "rooms": rooms, "people": people, "tracks": tracks, "talk-slots": blocks,
        "talks": talks, "weights": {"talks": weights},
    }
    if any(t.get("format", "in-person") != "in-person" for t in talks) and rng.random() < 0.5:
        data["hybrid"] = {"licences": 1}
    if mixed:
        sessions = [{"id": "s1", "title": "Пленарное", "instrument": "plenary",
                     "duration": "30min", "participants": 20,
                     "people": {"speaker": [rng.choice(pids)]}}]
        if rng.random() < 0.5:
            sessions.append({"id": "s2", "title": "Лекция", "instrument": "lecture",
                             "duration": "60min", "participants": 10,
                             "people": {"speaker": [rng.choice(pids)]}})
        if rng.random() < 0.5:
            sessions[0]["pin"] = {"start": "13:30"}
        data["sessions"] = sessions
        data["event"]["granularity"] = "30min"
        if rng.random() < 0.4:
            data["breaks"] = {"placed": [{"id": "lunch", "kind": "lunch", "duration": "30min",
                                          "window": ["12:00", "13:30"]}]}
    return data


SPECIAL = ("study-tour", "community-of-practice", "expert-visit", "competition", "twinning",
           "knowledge-jam", "meal", "plenary", "lecture", "talk")
POOL_ROLES = ("coordinator", "expert", "jury", "facilitator", "broker")


def _extras_event(rng: random.Random) -> dict[str, Any]:
    """A tiny event of the catalogue's special instruments (shape ``extras``)."""
    ndays = rng.choice((1, 2, 2))
    start = rng.choice((9 * 60, 10 * 60))
    ev: dict[str, Any] = {
        "name": "Оракул: инструменты", "timezone": "UTC",
        "first-day": day_text(0), "last-day": day_text(ndays - 1),
        "day-start": format_clock(start), "day-end": format_clock(start + 240),
        "granularity": "60min",
    }
    if rng.random() < 0.3:
        ev["changeover"] = "60min"
    rooms: list[dict[str, Any]] = [{"id": "r1", "capacity": 40, "name": "Зал"}]
    if rng.random() < 0.7:
        rooms.append({"id": "r2", "capacity": rng.choice((20, 40)),
                      "tags": rng.sample(["offsite", "exhibition", "hybrid"],
                                         rng.randint(0, 2))})
    people: list[dict[str, Any]] = []
    for i in range(rng.randint(4, 6)):
        person: dict[str, Any] = {"id": f"p{i + 1}", "organisation": ORGS[i % 2]
                                  if i < 4 else "org-c"}
        if rng.random() < 0.7:
            person["roles"] = rng.sample(POOL_ROLES, rng.randint(1, 3))
        if rng.random() < 0.2:
            person["max-sessions"] = rng.randint(1, 2)
        if rng.random() < 0.2:
            person["prefer"] = [{"start": format_clock(start),
                                 "end": format_clock(start + 120)}]
        people.append(person)
    people[0]["name"] = "Айгуль"
    pids = [p["id"] for p in people]
    sessions: list[dict[str, Any]] = []
    for k, instrument in enumerate(rng.sample(SPECIAL, rng.randint(2, 3))):
        rule = CATALOGUE[instrument]
        sid = f"s{k + 1}"
        s: dict[str, Any] = {"id": sid, "title": f"{instrument} {k + 1}",
                             "instrument": instrument,
                             "participants": min(rng.choice((5, 10, 20)),
                                                 rule.max_participants or 99)}
        if not rule.whole_day:
            s["duration"] = f"{rng.choice((60, 60, 120))}min"
        if instrument == "knowledge-jam":
            s["duration"] = "120min"
        if rule.recurring or (instrument == "expert-visit" and ndays == 2):
            s["repeat"] = {"count": ndays}
        if instrument == "competition":
            s["entrants"] = [rng.choice(ORGS)] if rng.random() < 0.4 else []
        if instrument == "twinning":
            s["people"] = {"representative": [pids[0], pids[1]]}
        if instrument == "meal":
            s["pin"] = {"start": format_clock(start + 120)}
            s["duration"] = "60min"
        if instrument in ("plenary", "lecture", "talk") and rng.random() < 0.6:
            s["people"] = {"speaker": [rng.choice(pids)]}
        for role, least in rule.required_roles.items():
            if rng.random() < 0.3:
                s.setdefault("people", {})[role] = rng.sample(pids, least)
        if rng.random() < 0.15:
            s["optional"] = True
        sessions.append(s)
        if rule.followed_by:
            sessions.append({"id": f"{sid}-award", "title": "Награждение",
                             "instrument": rule.followed_by, "duration": "60min",
                             "participants": 20, "after": [sid]})
    data: dict[str, Any] = {"event": ev, "rooms": rooms, "people": people,
                            "sessions": sessions}
    for s in sessions:  # a room must carry the tags the session needs (loader)
        for tag in CATALOGUE[s["instrument"]].room_tags:
            if not any(tag in r.get("tags", []) for r in rooms):
                rooms[-1].setdefault("tags", []).append(tag)
    if rng.random() < 0.5:
        overrides = {"plenary": {"observes-breaks": False}, "lecture": {"exclusive": True},
                     "talk": {"pause": True}}
        name = rng.choice(tuple(overrides))
        data["instruments"] = {name: overrides[name]}
    if rng.random() < 0.4:
        data["breaks"] = {"placed": [{"id": "b1", "duration": "60min", "window": [
            format_clock(start + 60), format_clock(start + 180)]}]}
        if rng.random() < 0.5:
            data["breaks"]["max-block"] = "120min"
    if rng.random() < 0.7:
        data["weights"] = {n: rng.choice((0, 1, 5)) for n in (
            "continuity", "preferred-size", "fair-load", "room-changes", "room-fit",
            "facilitator-same-room", "compact-days", "instrument-spread", "preferences")}
    return data
