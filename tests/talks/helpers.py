"""Talks scenarios built in code: a small fixed one and seeded random ones of every shape."""

from __future__ import annotations

import copy
import random
from typing import Any

from scheduler.scenario import Scenario
from scheduler.scenario.talks import TALK_TERMS


def small_data(**overrides: Any) -> dict[str, Any]:
    """One day, two rooms (r1 hybrid), two tracks with a chair each, two talk-slots of three
    20-minute slots, five talks (one of two slots, one online), a fixed lunch."""
    data: dict[str, Any] = {
        "event": {"name": "Секции", "timezone": "Europe/Moscow", "first-day": "2026-07-10",
                  "day-start": "09:00", "day-end": "18:00"},
        "rooms": [{"id": "r1", "capacity": 80, "tags": ["hybrid"]},
                  {"id": "r2", "capacity": 40}],
        "people": [{"id": p} for p in ("ann", "bob", "cid", "dan", "eva")],
        "tracks": [{"id": "ecom", "name": "Электронная коммерция", "chairs": ["ann"]},
                   {"id": "evo", "chairs": ["bob"]}],
        "talk-slots": [
            {"id": "am", "day": "2026-07-10", "start": "10:00", "slots": 3},
            {"id": "pm", "day": "2026-07-10", "start": "14:00", "slots": 3},
        ],
        "talks": [
            {"id": "t1", "title": "Первый доклад", "track": "ecom", "presenters": ["cid"]},
            {"id": "t2", "title": "Second", "track": "ecom", "slots": 2, "presenters": ["dan"]},
            {"id": "t3", "title": "Third", "track": "evo", "presenters": ["cid"],
             "format": "online"},
            {"id": "t4", "title": "Fourth", "track": "evo", "presenters": ["eva"]},
            {"id": "t5", "title": "Fifth", "track": "evo", "presenters": ["dan"]},
        ],
        "breaks": {"fixed": [{"id": "lunch", "kind": "lunch", "start": "13:00",
                              "end": "14:00"}]},
    }
    for key, value in overrides.items():
        data[key] = value
    return copy.deepcopy(data)


def small(**overrides: Any) -> Scenario:
    return Scenario.model_validate(small_data(**overrides), context={"text": True})


def schedule_data() -> dict[str, Any]:
    """The small scenario by hand: in the morning evo in r1 (the online t3 needs the
    hybrid room), ecom in r2; nothing in the afternoon."""
    return {
        "event": "Секции", "timezone": "Europe/Moscow", "status": "feasible",
        "sessions": [
            {"id": "am.r1", "instrument": "talk-session", "day": "2026-07-10",
             "start": "10:00", "end": "11:00", "room": "r1", "track": "evo",
             "format": "hybrid", "people": {"chair": ["bob"]}, "talks": [
                 {"id": "t3", "title": "Third", "start": "10:00", "end": "10:20",
                  "presenters": ["cid"]},
                 {"id": "t4", "title": "Fourth", "start": "10:20", "end": "10:40",
                  "presenters": ["eva"]},
                 {"id": "t5", "title": "Fifth", "start": "10:40", "end": "11:00",
                  "presenters": ["dan"]}]},
            {"id": "am.r2", "instrument": "talk-session", "day": "2026-07-10",
             "start": "10:00", "end": "11:00", "room": "r2", "track": "ecom",
             "people": {"chair": ["ann"]}, "talks": [
                 {"id": "t1", "title": "Первый доклад", "start": "10:00", "end": "10:20",
                  "presenters": ["cid"]},
                 {"id": "t2", "title": "Second", "start": "10:20", "end": "11:00",
                  "presenters": ["dan"]}]},
        ],
        "breaks": [{"id": "lunch@2026-07-10", "kind": "lunch", "day": "2026-07-10",
                    "start": "13:00", "end": "14:00", "fixed": True}],
    }


ZONES = ["Europe/Moscow", "Europe/Paris", "America/New_York", "Asia/Tokyo", "Asia/Bishkek"]


def random_data(seed: int, tracks: int = 3, talks: int = 14, rooms: int = 2,
                blocks: int = 4, people: int = 10, orders: bool = True) -> dict[str, Any]:
    """A random talks scenario with every feature: presenters with several talks, chairs
    who present and chair two tracks, attendees, time zones, order, two-slot talks,
    penalties of every matrix (but none per talk and room, a term the model leaves to the
    layout), similar tracks. Every conflict is between talks of different tracks (the model
    counts a same-track conflict whenever the track has two rooms in a talk-slot, the
    layout may avoid it: such pairs would make its objective differ from the checker's)."""
    rng = random.Random(seed)
    room_ids = [f"r{r + 1}" for r in range(rooms)]
    track_ids = [f"k{k + 1}" for k in range(tracks)]
    person_ids = [f"p{p + 1}" for p in range(people)]
    starts = ["09:00", "10:40", "14:00", "15:40", "09:00", "10:40", "14:00", "15:40"]
    slot_list = []
    for b in range(blocks):
        day = "2026-07-10" if b < 4 else "2026-07-11"
        slot_list.append({"id": f"s{b + 1}", "day": day, "start": starts[b % 8],
                          "slots": rng.choice([3, 4]),
                          "penalties": {"rooms": {rng.choice(room_ids): rng.randint(1, 5)}}})
    chairs = {k: [person_ids[i % people]] for i, k in enumerate(track_ids)}
    chairs[track_ids[-1]] = [person_ids[0]]  # one person chairs two tracks
    talk_list: list[dict[str, Any]] = []
    presented: dict[str, set[str]] = {}
    for i in range(talks):
        track = track_ids[i % tracks]
        candidates = [p for p in person_ids if track not in presented.get(p, set())
                      and p not in chairs[track]]
        presenter = rng.choice(candidates)
        presented.setdefault(presenter, set()).add(track)
        talk_list.append({
            "id": f"t{i + 1}", "title": f"Доклад {i + 1}", "track": track,
            "slots": 2 if rng.random() < 0.2 else 1, "presenters": [presenter],
            "timezone": rng.choice(ZONES),
            "penalties": {"talk-slots": {rng.choice(slot_list)["id"]: rng.randint(1, 9)}},
        })
    if orders:
        ordered = [t for t in talk_list if t["track"] == track_ids[0]]
        for position, talk in enumerate(ordered, start=1):
            talk["order"] = position
    # Attendees: only of talks whose conflicts stay across tracks.
    by_track: dict[str, set[str]] = {}
    for talk in talk_list:
        by_track.setdefault(talk["track"], set()).update(talk["presenters"])
    for talk in talk_list:
        for person in rng.sample(person_ids, 2):
            same = by_track[talk["track"]]
            elsewhere = [t for t in talk_list if person in t.get("attendees", [])
                         and t["track"] == talk["track"]]
            if person not in same and not elsewhere and person not in talk["presenters"]:
                talk.setdefault("attendees", []).append(person)
                by_track[talk["track"]].add(person)
    track_list = []
    for k in track_ids:
        track_list.append({"id": k, "chairs": chairs[k], "penalties": {
            "talk-slots": {rng.choice(slot_list)["id"]: rng.randint(1, 9)},
            "rooms": {rng.choice(room_ids): rng.randint(1, 5)},
            "tracks": {rng.choice([t for t in track_ids if t != k]): rng.randint(1, 4)},
        }})
    weights = {name.replace("_", "-"): rng.randint(1, 20) for name in TALK_TERMS}
    weights["submissions-rooms"] = 0
    return {
        "event": {"name": f"Генерированная {seed}", "timezone": "Europe/Moscow",
                  "first-day": "2026-07-10", "last-day": "2026-07-11",
                  "day-start": "08:00", "day-end": "19:00"},
        "rooms": [{"id": r, "capacity": 50} for r in room_ids],
        "people": [{"id": p} for p in person_ids],
        "tracks": track_list,
        "talk-slots": slot_list,
        "talks": talk_list,
        "weights": {"talks": weights},
    }
