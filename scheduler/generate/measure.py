"""Measures of a generated scenario, for tests and benchmark reports.

The rule for :func:`room_load`: minutes of on-site sessions (a series counts each
meeting; whole-day tours count nothing) over the working room-time, that is on-site rooms
x days x (day frame minus the breaks).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from scheduler.timeparse import parse_clock, parse_duration


def room_load(data: dict[str, Any]) -> float:
    """Share of working room-time (frame minus breaks) the sessions take, for checks."""
    sessions = [s for s in data["sessions"] if s.get("format", "in-person") != "online"]
    minutes = 0
    for s in sessions:
        count = s.get("repeat", {}).get("count", 1)
        minutes += count * (parse_duration(s["duration"]) if "duration" in s else 0)
    event = data["event"]
    frame = parse_clock(event["day-end"]) - parse_clock(event["day-start"])
    breaks = sum(parse_duration(b["duration"]) for b in data["breaks"]["placed"])
    rooms = sum(1 for r in data["rooms"] if "offsite" not in r.get("tags", []))
    days = (dt.date.fromisoformat(event["last-day"])
            - dt.date.fromisoformat(event["first-day"])).days + 1
    return minutes / max(1, rooms * days * (frame - breaks))
