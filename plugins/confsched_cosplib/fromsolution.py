"""A CoSPLib solution as confsched schedule data (formats.md A), for the talks scenario
the import writes: each occupied (session, room) is a talk session
``<talk-slot>.<room>`` with its track, the track's chairs, and its talks in time order.

Used to carry a stored solution (the paper's) into the exporters and to test the
exporter both ways; the engine makes its own schedules.
"""

from __future__ import annotations

from typing import Any

from confsched_cosplib.instance import Instance
from confsched_cosplib.solution import EMPTY, Solution


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")[:2]
    return int(hours) * 60 + int(minutes)


def _length(text: str) -> int:
    from scheduler.timeparse import parse_duration

    return int(parse_duration(text))


def schedule_data(scenario: dict[str, Any], instance: Instance,
                  solution: Solution) -> dict[str, Any]:
    """The schedule (plain data) of ``solution`` on the scenario imported from ``instance``."""
    slots = scenario["talk-slots"]
    rooms = scenario["rooms"]
    tracks = scenario["tracks"]
    talks = scenario["talks"]
    sessions: list[dict[str, Any]] = []
    for s, slot in enumerate(slots):
        start = _minutes(str(slot["start"]))
        length = _length(str(slot.get("slot-length", "20min")))
        for r, room in enumerate(rooms):
            k = solution.tracks[s][r]
            cells = solution.cells[s][r]
            placed = [i for i in dict.fromkeys(cells) if i != EMPTY]
            if k == EMPTY and not placed:
                continue
            track = tracks[k] if k != EMPTY else tracks[instance.submissions[placed[0]].track]
            entries = []
            for i in placed:
                first = cells.index(i)
                taken = instance.submissions[i].slots
                entries.append({
                    "id": talks[i]["id"], "title": talks[i]["title"],
                    "start": _hhmm(start + first * length),
                    "end": _hhmm(start + (first + taken) * length),
                    "presenters": list(talks[i].get("presenters", [])),
                })
            people = {"chair": list(track["chairs"])} if track.get("chairs") else {}
            sessions.append({
                "id": f"{slot['id']}.{room['id']}", "title": track["name"],
                "instrument": "talk-session", "day": str(slot["day"]),
                "start": _hhmm(start), "end": _hhmm(start + slot["slots"] * length),
                "room": room["id"], "track": track["id"], "people": people,
                "talks": entries,
            })
    return {
        "format": "confsched-schedule", "version": 1, "event": scenario["event"]["name"],
        "timezone": scenario["event"]["timezone"], "status": "feasible",
        "sessions": sessions,
    }
