"""Packing drawn sessions into the free time of rooms and blocks of the planted timetable.

The rule: the room-time the plan may fill is ``load`` (75% by default) of every room's
open block time; sessions are first shortened within their instrument's durations until
they fit under that, then placed first-fit-decreasing (tagged and deadline-bound first,
longest first) in a randomly chosen roomy region. A series never meets twice on one day.
Online sessions take no room and start on the grid inside an open block. When nothing
fits, the error says which session and how to fix the parameters.
"""

from __future__ import annotations

from dataclasses import dataclass

from scheduler.errors import UsageError
from scheduler.generate.mixes import DURATIONS, SESSION_DURATION
from scheduler.generate.state import Build, Planned
from scheduler.wording import article


@dataclass
class Region:
    """Free time in one room of one block of one day; sessions fill it from the start."""

    day: int
    block: int
    room: str
    start: int
    end: int
    cursor: int = 0

    @property
    def free(self) -> int:
        """Minutes still free at the end of the region."""
        return self.end - self.cursor


def regions(b: Build) -> list[Region]:
    """One empty region per day, block and on-site room (the open part of the block)."""
    out = []
    for day, blocks in enumerate(b.day_blocks):
        for block in range(len(blocks)):
            lo, hi = b.open_span(day, block)
            for room in b.rooms:
                if room.id != "offsite":
                    out.append(Region(day, block, room.id, lo, hi, lo))
    return out


def fit_load(b: Build, drawn: list[Planned]) -> None:
    """Shorten sessions (within their instrument's durations) until the plan has slack."""
    capacity = sum(r.end - r.start for r in regions(b))
    target = b.p.load * capacity

    order = sorted((s for s in drawn if s.format != "online"), key=lambda s: -s.duration)
    used = sum(s.duration for s in order)  # kept up to date: linear in the sessions
    for item in order:
        if used <= target:
            break
        shorter = [d for d in DURATIONS.get(item.instrument, ()) if d < item.duration]
        if shorter and not item.series and b.p.shape not in SESSION_DURATION:
            used -= item.duration - shorter[-1]
            item.duration = shorter[-1]
    if used > target:
        need = used
        raise UsageError(
            f"{len(drawn)} regular sessions need {need} room-minutes but {b.p.rooms} rooms "
            f"x {b.p.days} days give {capacity}, and at most {b.p.load:.0%} of it "
            f"may be used so that the scenario stays solvable",
            ) from None


def pack(b: Build, drawn: list[Planned]) -> None:
    """First fit decreasing with random choice among rooms with room for the session."""
    free_regions = regions(b)
    by_room_tags = {r.id: set(r.tags) for r in b.rooms}
    online_lanes: dict[tuple[int, int], list[int]] = {}
    series_days: dict[str, set[int]] = {}
    for item in sorted(drawn, key=lambda s: (s.needs_tag is None, s.deadline is None,
                                             -s.duration, s.id)):
        if item.format == "online":
            place_online(b, item, online_lanes, series_days)
            continue
        fits = [r for r in free_regions if r.free >= item.duration
                and (item.needs_tag is None or item.needs_tag in by_room_tags[r.room])
                and (item.series is None or r.day not in series_days.get(item.series, ()))
                and (item.deadline is None or (r.day, r.end) <= item.deadline)]
        if not fits and item.format == "hybrid" and not item.series:
            item.format, item.needs_tag = "in-person", None
            fits = [r for r in free_regions if r.free >= item.duration
                    and (item.deadline is None or (r.day, r.end) <= item.deadline)]
        if not fits:
            raise UsageError(
                f"could not fit session {item.id} ({item.duration} min"
                + (f", needs {article(item.needs_tag)} room" if item.needs_tag else "")
                + "); add rooms or days, or fewer sessions")
        fits.sort(key=lambda r: -r.free)
        region = b.rng.choice(fits[: max(3, len(fits) // 3)])
        item.day, item.start, item.room = region.day, region.cursor, region.room
        region.cursor += item.duration
        if item.series:
            series_days.setdefault(item.series, set()).add(item.day)


def place_online(b: Build, item: Planned, lanes: dict[tuple[int, int], list[int]],
                 series_days: dict[str, set[int]]) -> None:
    """Online sessions take no room: they run in the open part of a block."""
    options = [(d, blk) for d in range(b.p.days) for blk in range(len(b.day_blocks[d]))
               if item.series is None or d not in series_days.get(item.series, ())]
    b.rng.shuffle(options)
    for day, block in options:
        lo, hi = b.open_span(day, block)
        if hi - lo >= item.duration:
            slots = (hi - lo - item.duration) // b.g
            item.day, item.start = day, lo + b.g * b.rng.randint(0, slots)
            lanes.setdefault((day, block), []).append(item.start)
            if item.series:
                series_days.setdefault(item.series, set()).add(day)
            return
    raise UsageError(f"could not fit online session {item.id}")
