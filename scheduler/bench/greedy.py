"""The greedy baseline: most-constrained session first, earliest feasible slot and room.

The rule, in plain words: fix the breaks first (each at the latest start in its window
that keeps the longest block within ``max-block``), then take the sessions one by one,
the one with the fewest possible (day, start, room) choices first, and put each at the
earliest start on the earliest day where every hard rule it can see still holds, in the
smallest room that fits. It never moves a session once placed. What it cannot place is
reported (optional sessions are dropped). Time is kept as bit masks of grid cells, one
mask per room, person, track and day, so a check is a few integer operations.

It shares no code with the solver; its schedules go through the independent checker.
"""

from __future__ import annotations

import heapq
import time
from dataclasses import dataclass, field

from scheduler.scenario.model import Scenario, Session
from scheduler.schedule import (
    Schedule,
    ScheduledBreak,
    ScheduledSession,
    SolveInfo,
    SolveStatus,
)

DAY = 24 * 60


@dataclass
class GreedyResult:
    """A greedy schedule, and what could not be placed."""

    schedule: Schedule
    unplaced: list[str] = field(default_factory=list)
    """Sessions that are not optional and found no place: the schedule breaks ``placement``."""
    dropped: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def complete(self) -> bool:
        return not self.unplaced


@dataclass
class _Placed:
    day: int
    start: int
    end: int
    room: str | None
    track: str | None


class _Grid:
    """Converts minutes of a day to bit masks of grid cells."""

    def __init__(self, granularity: int) -> None:
        self.g = granularity

    def mask(self, start: int, end: int) -> int:
        """Cells touched by [start, end) (rounded outwards)."""
        first, last = start // self.g, -(-end // self.g)
        return ((1 << (last - first)) - 1) << first if last > first else 0

    def inside(self, start: int, end: int) -> int:
        """Cells lying wholly inside [start, end) (rounded inwards)."""
        first, last = -(-start // self.g), end // self.g
        return ((1 << (last - first)) - 1) << first if last > first else 0


class Greedy:
    """One greedy run over a scenario (use :func:`greedy`)."""

    def __init__(self, scenario: Scenario) -> None:
        self.sc = scenario
        self.grid = _Grid(scenario.event.granularity)
        self.days = scenario.days
        self.nd = len(self.days)
        self.placed: dict[str, _Placed] = {}
        self.busy: dict[tuple[str, str, int], int] = {}
        self.person_count: dict[tuple[str, int], int] = {}
        self.person_spans: dict[str, list[tuple[int, int, int, str | None]]] = {}
        cells = DAY // self.grid.g + 1
        self.licences = [[0] * cells for _ in range(self.nd)]
        self.parallel = [[0] * cells for _ in range(self.nd)]
        self.series_members: dict[str, list[str]] = {}
        for s in scenario.sessions:
            self.series_members.setdefault(s.series or s.id, []).append(s.id)
        self.person_by_id = {p.id: p for p in scenario.people}
        self.room_by_id = {r.id: r for r in scenario.rooms}
        self._cells: dict[tuple[str, str, int], int | None] = {}
        self.same_day = self._links("same_day_as")
        self.not_parallel = self._links("not_parallel_with")

    def _links(self, field_name: str) -> dict[str, set[str]]:
        """Sessions linked by a list field, in both directions (series expanded)."""
        links: dict[str, set[str]] = {s.id: set() for s in self.sc.sessions}
        for s in self.sc.sessions:
            for ref in getattr(s, field_name):
                for other in self.series_members.get(ref, []):
                    if other != s.id:
                        links[s.id].add(other)
                        links[other].add(s.id)
        return links

    # ------------------------------------------------------------------ breaks

    def place_breaks(self) -> list[ScheduledBreak]:
        """Fixed breaks where they are; placed ones as late as ``max-block`` allows."""
        out: list[ScheduledBreak] = []
        self.break_mask = [0] * self.nd
        limit = self.sc.breaks.max_block
        for d, day in enumerate(self.days):
            frame_start = self.sc.frame(day)[0]
            pauses = [(b.start, b.end) for b in self.sc.breaks.fixed if b.day in (None, day)]
            for s in self.sc.sessions:
                rule = self.sc.instrument(s)
                if rule.pause and s.pin and s.pin.start is not None and (
                        s.pin.day in (None, day)):
                    pauses.append((s.pin.start, s.pin.start + self.sc.duration(s)))
            for b in self.sc.breaks.fixed:
                if b.day in (None, day):
                    out.append(ScheduledBreak(id=f"{b.id}@{day.isoformat()}",
                                              title=b.title or b.id, kind=b.kind, day=day,
                                              start=b.start, end=b.end, fixed=True))
                    self.break_mask[d] |= self.grid.mask(b.start, b.end)
            placed = sorted((b for b in self.sc.breaks.placed if b.days is None or day in b.days),
                            key=lambda b: b.window[0])
            for pb in placed:
                start = self._break_start(pb.window, pb.duration, pauses, frame_start, limit)
                pauses.append((start, start + pb.duration))
                self.break_mask[d] |= self.grid.mask(start, start + pb.duration)
                out.append(ScheduledBreak(id=f"{pb.id}@{day.isoformat()}",
                                          title=pb.title or pb.id, kind=pb.kind, day=day,
                                          start=start, end=start + pb.duration))
        return out

    def _break_start(self, window: tuple[int, int], duration: int,
                     pauses: list[tuple[int, int]], frame_start: int, limit: int | None) -> int:
        """The middle of the window on the grid, moved earlier if ``max-block`` needs it."""
        g = self.grid.g
        first = -(-window[0] // g) * g
        last = (window[1] - duration) // g * g
        middle = max(first, (first + (last - first) // 2) // g * g)
        before = max([frame_start, *(e for s, e in pauses if e <= middle)])
        for candidate in range(middle, first - 1, -g):
            if limit is None or candidate - before <= limit:
                return candidate
        return first

    # ------------------------------------------------------------------ static options

    def rooms_for(self, s: Session) -> list[str | None]:
        """Rooms a session may take, smallest first; ``[None]`` when it takes none."""
        rule = self.sc.instrument(s)
        if s.format == "online" or not rule.needs_room:
            return [None]
        tags = set(rule.room_tags) | set(s.room_tags)
        if s.format == "hybrid":
            tags.add(self.sc.hybrid.room_tag)
        rooms = [r for r in self.sc.rooms
                 if r.capacity >= s.participants and tags <= set(r.tags)
                 and (s.rooms is None or r.id in s.rooms)
                 and (s.pin is None or s.pin.room is None or r.id == s.pin.room)
                 and (not r.reserved or bool(tags & set(r.tags))
                      or (s.rooms is not None and r.id in s.rooms)
                      or (s.pin is not None and s.pin.room == r.id))]
        return [r.id for r in sorted(rooms, key=lambda r: (r.capacity, r.id))]

    def allowed_cells(self, windows_owner: str, d: int) -> int | None:
        """Cells of day ``d`` in which a person is available (None: always)."""
        key = ("person", windows_owner, d)
        if key not in self._cells:
            person = self.person_by_id[windows_owner]
            self._cells[key] = None if person.available is None else self._window_cells(
                self.sc.windows_in_event_time(person.available, person.timezone), d)
        return self._cells[key]

    def _window_cells(self, windows: list[tuple[int, int]], d: int) -> int:
        mask = 0
        for a, b in windows:
            if a // DAY == d:
                mask |= self.grid.inside(a - d * DAY, min(b - d * DAY, DAY))
        return mask

    def room_cells(self, room_id: str, d: int) -> int | None:
        key = ("room", room_id, d)
        if key not in self._cells:
            room = self.room_by_id[room_id]
            self._cells[key] = None if room.available is None else self._window_cells(
                self.sc.windows_in_event_time(room.available), d)
        return self._cells[key]

    def starts(self, s: Session, d: int) -> list[int]:
        """Grid starts on day ``d`` inside the frame, earliest/latest, pin and days."""
        day = self.days[d]
        if s.days is not None and day not in s.days:
            return []
        if s.pin and s.pin.day is not None and s.pin.day != day:
            return []
        frame_start, frame_end = self.sc.frame(day)
        duration = self.duration(s, d)
        if self.sc.is_whole_day(s):
            return [frame_start]
        if s.pin and s.pin.start is not None:
            return [s.pin.start] if frame_start <= s.pin.start <= frame_end - duration else []
        g = self.grid.g
        lo = max(frame_start, s.earliest if s.earliest is not None else 0)
        hi = min(frame_end, s.latest if s.latest is not None else DAY) - duration
        return list(range(-(-lo // g) * g, hi + 1, g))

    def duration(self, s: Session, d: int) -> int:
        if self.sc.is_whole_day(s):
            start, end = self.sc.frame(self.days[d])
            return end - start
        return self.sc.duration(s)

    def options(self, s: Session) -> int:
        """How many (day, start, room) choices the session has before anything is placed."""
        rooms = max(1, len(self.rooms_for(s)))
        count = 0
        for d in range(self.nd):
            free = [c for c in (self.allowed_cells(p, d) for p in s.person_ids) if c is not None]
            duration = self.duration(s, d)
            for start in self.starts(s, d):
                mask = self.grid.mask(start, start + duration)
                if not any(mask & ~cells for cells in free):
                    count += 1
        return count * rooms

    # ------------------------------------------------------------------ placing

    def run(self) -> GreedyResult:
        began = time.perf_counter()
        breaks = self.place_breaks()
        unplaced: list[str] = []
        dropped: list[str] = []
        for s in self._order():
            if not self.place(s):
                (dropped if s.optional else unplaced).append(s.id)
        schedule = self._schedule(breaks, dropped)
        elapsed = time.perf_counter() - began
        schedule.solve.time_seconds = round(elapsed, 3)
        return GreedyResult(schedule, unplaced, dropped, elapsed)

    def _order(self) -> list[Session]:
        """Pinned first, optional last, most constrained first, never before what it must follow."""
        by_id = {s.id: s for s in self.sc.sessions}
        preds: dict[str, set[str]] = {s.id: set() for s in self.sc.sessions}
        succs: dict[str, set[str]] = {s.id: set() for s in self.sc.sessions}
        for s in self.sc.sessions:
            for ref in s.after:
                for p in self.series_members.get(ref, []):
                    preds[s.id].add(p)
                    succs[p].add(s.id)
        def key(s: Session) -> tuple[int, int, int, int, int, str]:
            pinned = 0 if s.pin and s.pin.start is not None else 1
            return (pinned, int(s.optional), self.options(s), -self.sc.duration(s),
                    -len(s.person_ids), s.id)
        heap = [(key(s), s.id) for s in self.sc.sessions if not preds[s.id]]
        heapq.heapify(heap)
        order: list[Session] = []
        waiting = {sid: len(p) for sid, p in preds.items()}
        while heap:
            _, sid = heapq.heappop(heap)
            order.append(by_id[sid])
            for nxt in succs[sid]:
                waiting[nxt] -= 1
                if waiting[nxt] == 0:
                    heapq.heappush(heap, (key(by_id[nxt]), nxt))
        return order

    def place(self, s: Session) -> bool:
        """Put ``s`` at the earliest feasible (day, start) in the smallest room; False if none."""
        rule = self.sc.instrument(s)
        rooms = self.rooms_for(s)
        if not rooms:
            return False
        people = s.person_ids
        limit = self.sc.hybrid.licences
        parallel = self.sc.parallel_limit
        earliest = self._after_bound(s)
        for d in range(self.nd):
            if not self._day_ok(s, d):
                continue
            duration = self.duration(s, d)
            free = [self.allowed_cells(p, d) for p in people]
            over = [p for p in people if self._over_daily_limit(p, d)]
            if over:
                continue
            room_cells = {r: self.room_cells(r, d) for r in rooms if r is not None}
            for start in self.starts(s, d):
                if d * DAY + start < earliest:
                    continue
                end = start + duration
                mask = self.grid.mask(start, end)
                if rule.observes_breaks and mask & self.break_mask[d]:
                    continue
                if rule.exclusive and mask & self.busy.get(("obs", "", d), 0):
                    continue
                if rule.observes_breaks and mask & self.busy.get(("excl", "", d), 0):
                    continue
                if any(mask & self.busy.get(("person", p, d), 0) for p in people):
                    continue
                if any(cells is not None and mask & ~cells for cells in free):
                    continue
                if not self._relations_ok(s, d, start, end):
                    continue
                if not self._changeover_ok(people, d, start, end, rooms):
                    continue
                cells = range(start // self.grid.g, -(-end // self.grid.g))
                if s.needs_licence and limit is not None and any(
                        self.licences[d][c] >= limit for c in cells):
                    continue
                if rule.observes_breaks and parallel is not None and any(
                        self.parallel[d][c] >= parallel for c in cells):
                    continue
                track = self._free_track(s, d, mask)
                if s.tracks and track is None:
                    continue
                for room in rooms:
                    if room is not None:
                        available = room_cells[room]
                        if available is not None and mask & ~available:
                            continue
                        if mask & self.busy.get(("room", room, d), 0):
                            continue
                    self._commit(s, d, start, end, room, track, mask, cells)
                    return True
        return False

    def _day_ok(self, s: Session, d: int) -> bool:
        """Series meetings on different days; same-day partners on this day."""
        for other in self.series_members.get(s.series or "", []):
            if other != s.id and other in self.placed and self.placed[other].day == d:
                return False
        for other in self.same_day[s.id]:
            if other in self.placed and self.placed[other].day != d:
                return False
        return True

    def _after_bound(self, s: Session) -> int:
        """Earliest event minute: the latest end of the sessions it comes after."""
        bound = 0
        for ref in s.after:
            for other in self.series_members.get(ref, []):
                spot = self.placed.get(other)
                if spot is not None:
                    bound = max(bound, spot.day * DAY + spot.end)
        return bound

    def _relations_ok(self, s: Session, d: int, start: int, end: int) -> bool:
        """``not-parallel-with`` (either session may name the other)."""
        for other in self.not_parallel[s.id]:
            spot = self.placed.get(other)
            if spot is not None and spot.day == d and spot.start < end and start < spot.end:
                return False
        return True

    def _over_daily_limit(self, pid: str, d: int) -> bool:
        cap = self.person_by_id[pid].max_sessions_per_day
        return cap is not None and self.person_count.get((pid, d), 0) >= cap

    def _changeover_ok(self, people: list[str], d: int, start: int, end: int,
                       rooms: list[str | None]) -> bool:
        gap = self.sc.event.changeover
        if not gap or rooms == [None]:
            return True
        for p in people:
            for day, s2, e2, room in self.person_spans.get(p, []):
                if day == d and room is not None and start < e2 + gap and s2 < end + gap:
                    return False
        return True

    def _free_track(self, s: Session, d: int, mask: int) -> str | None:
        for track in s.tracks:
            if not mask & self.busy.get(("track", track, d), 0):
                return track
        return None

    def _commit(self, s: Session, d: int, start: int, end: int, room: str | None,
                track: str | None, mask: int, cells: range) -> None:
        rule = self.sc.instrument(s)
        self.placed[s.id] = _Placed(d, start, end, room, track)

        def add(key: tuple[str, str, int]) -> None:
            self.busy[key] = self.busy.get(key, 0) | mask

        if room is not None:
            add(("room", room, d))
        if track is not None:
            add(("track", track, d))
        for p in s.person_ids:
            add(("person", p, d))
            self.person_count[(p, d)] = self.person_count.get((p, d), 0) + 1
            self.person_spans.setdefault(p, []).append((d, start, end, room))
        if rule.observes_breaks:
            add(("obs", "", d))
            for c in cells:
                self.parallel[d][c] += 1
        if rule.exclusive:
            add(("excl", "", d))
        if s.needs_licence:
            for c in cells:
                self.licences[d][c] += 1

    def _schedule(self, breaks: list[ScheduledBreak], dropped: list[str]) -> Schedule:
        sessions = []
        for s in self.sc.sessions:
            spot = self.placed.get(s.id)
            if spot is None:
                continue
            sessions.append(ScheduledSession(
                id=s.id, title=s.title, instrument=s.instrument, day=self.days[spot.day],
                start=spot.start, end=spot.end, room=spot.room, track=spot.track,
                format=s.format, people={k: list(v) for k, v in s.people.items()},
                participants=s.participants, series=s.series))
        sessions.sort(key=lambda x: (x.day, x.start, x.room or "", x.id))
        complete = len(sessions) + len(dropped) == len(self.sc.sessions)
        return Schedule(
            event=self.sc.event.name, event_id=self.sc.event.id, timezone=self.sc.event.timezone,
            status=SolveStatus.FEASIBLE if complete else SolveStatus.UNKNOWN,
            sessions=sessions, dropped=sorted(dropped), breaks=breaks,
            solve=SolveInfo(solver="greedy"),
        )


def greedy(scenario: Scenario) -> GreedyResult:
    """Run the greedy baseline on a scenario."""
    return Greedy(scenario).run()


__all__ = ["GreedyResult", "greedy"]
