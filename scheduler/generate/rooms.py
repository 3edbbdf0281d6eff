"""The generated venue: a main hall, some halls, many small rooms and an off-site place.

The rule: room 0 is the main hall (300-500 seats, always hybrid-equipped); the first sixth
are halls (120-200), up to half are rooms of 60-100, the rest 30-50; about 40% are
hybrid-equipped. With extras, a few rooms become exhibition halls; events with study
tours (extras, 4+ rooms, 30+ sessions) get an ``offsite`` place of 25.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from scheduler.generate.shapes import GeneratorParams


@dataclass
class RoomSpec:
    """One generated room as it will be written: id, name, capacity and tags."""

    id: str
    name: str
    capacity: int
    tags: list[str]


def has_tours(p: GeneratorParams) -> bool:
    """Whether the event gets study tours (and so an off-site place)."""
    return p.extras and p.rooms >= 4 and p.sessions >= 30


def make_rooms(p: GeneratorParams, rng: random.Random) -> list[RoomSpec]:
    """A big hall, some medium rooms, many small ones; hybrid and exhibition tags."""
    rooms: list[RoomSpec] = []
    n = p.rooms
    for i in range(n):
        if i == 0:
            capacity, name = rng.choice((300, 400, 500)), "Main hall"
        elif i < max(1, n // 6):
            capacity, name = rng.choice((120, 150, 200)), f"Hall {i}"
        elif i < n // 2:
            capacity, name = rng.choice((60, 80, 100)), f"Room {i}"
        else:
            capacity, name = rng.choice((30, 40, 50)), f"Room {i}"
        tags = []
        if i == 0 or rng.random() < 0.4:
            tags.append("hybrid")
        rooms.append(RoomSpec(f"r{i:02d}", name, capacity, tags))
    if p.extras and n >= 3:
        for k in range(1, 2 + n // 20):
            rooms[k].tags.append("exhibition")
            rooms[k].name = f"Exhibition hall {k}"
    if has_tours(p):
        rooms.append(RoomSpec("offsite", "Off-site visit (bus from the venue)", 25,
                              ["offsite"]))
    return rooms
