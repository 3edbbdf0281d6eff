"""The event's calendar: its days, daily frames, event minutes, windows and id lookups.

This is the one piece of code the solver and the independent checker share (besides the
scenario model itself), so it is kept small and plain:

- the *days* of the event, in order, without skipped days, and each day's index;
- the daily *frame* (start and end, minutes after midnight) of a day;
- *event minutes* (``day_index * 1440 + minutes after midnight``) and back;
- *windows* (available/prefer/avoid) converted to event minutes, from a person's timezone;
- lookups of people, rooms, tracks and sessions by id.

A :class:`Calendar` is built once per scenario and cached on it
(:attr:`scheduler.scenario.model.Scenario.calendar`); it is rebuilt when the scenario's
event or its days were changed, or its rooms, tracks, people or sessions lists were
replaced or resized since. A lookup by id remembers only the *position* of each item and
returns what is at that position now, after checking its id, so an item replaced in place
(``scenario.sessions[0] = ...``) is found as it is now, never a stale copy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, TypeVar
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from scheduler.scenario.model import Scenario, Window


class Identified(Protocol):
    @property
    def id(self) -> str: ...


Item = TypeVar("Item", bound=Identified)

DAY = 24 * 60
"""Minutes in a day: event minute ``d * DAY + m`` is minute ``m`` of day index ``d``."""

CacheKey = tuple[object, ...]


def cache_key(scenario: Scenario) -> CacheKey:
    """What a cached calendar depends on: the identity (and length) of each list it indexes,
    and the event's days and frames as they are now."""
    event = scenario.event
    return (
        id(event), event.first_day, event.last_day, tuple(event.skip_days),
        tuple(sorted((d, f.start, f.end) for d, f in event.day_frames.items() if f)),
        event.day_start, event.day_end, event.timezone,
        *((id(items), len(items)) for items in (
            scenario.rooms, scenario.tracks, scenario.people, scenario.sessions)),
    )


class Calendar:
    """The days, frames and lookups of one scenario, computed once."""

    def __init__(self, scenario: Scenario) -> None:
        self.key = cache_key(scenario)
        event = scenario.event
        first, last = event.first_day, event.last_day or event.first_day
        skip = set(event.skip_days)
        self._days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)
                      if first + dt.timedelta(days=i) not in skip]
        self._index = {day: i for i, day in enumerate(self._days)}
        self.timezone = event.timezone
        self.zone = ZoneInfo(event.timezone)
        self._frames = {day: (f.start, f.end) for day, f in event.day_frames.items() if f}
        self._default_frame = (event.day_start, event.day_end)
        self.positions: dict[str, dict[str, int]] = {
            "people": _positions(scenario.people), "rooms": _positions(scenario.rooms),
            "tracks": _positions(scenario.tracks), "sessions": _positions(scenario.sessions),
        }
        """Per kind (people, rooms, tracks, sessions): id -> position in the list."""

    def find(self, kind: str, items: Sequence[Item], ident: str) -> Item | None:
        """The item of ``items`` (the scenario's list of ``kind``) with id ``ident``, as it
        is now; None when the remembered position no longer holds it."""
        position = self.positions[kind].get(ident)
        if position is None or position >= len(items):
            return None
        item = items[position]
        return item if item.id == ident else None

    @property
    def days(self) -> list[dt.date]:
        """The days of the event, in order, without skipped days (a fresh list)."""
        return list(self._days)

    def day_index(self, day: dt.date) -> int:
        """Index of ``day`` among the event's days (ValueError if it is not one)."""
        try:
            return self._index[day]
        except KeyError:
            raise ValueError(f"{day} is not a day of the event") from None

    def frame(self, day: dt.date) -> tuple[int, int]:
        """Start and end (minutes after midnight) of the daily frame of ``day``."""
        return self._frames.get(day, self._default_frame)

    def at(self, day: dt.date, clock: int) -> int:
        """Event minute of ``clock`` (minutes after midnight) on ``day``."""
        return self.day_index(day) * DAY + clock

    def split(self, minute: int) -> tuple[dt.date, int]:
        """Day and minutes after midnight of an event minute."""
        index, clock = divmod(minute, DAY)
        return self._days[index], clock

    def datetime_at(self, day: dt.date, clock: int) -> dt.datetime:
        """Timezone-aware datetime of ``clock`` on ``day`` in the event's timezone."""
        naive = dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=clock)
        return naive.replace(tzinfo=self.zone)

    def windows_in_event_time(self, windows: list[Window], timezone: str | None = None,
                              ) -> list[tuple[int, int]]:
        """Windows as sorted, merged event-minute intervals, converted from ``timezone`` if
        given. A window without a day applies on every event day (in its own timezone);
        the parts falling on skipped days drop out."""
        source = ZoneInfo(timezone) if timezone else None
        target = self.zone
        days = self._days
        out: list[tuple[int, int]] = []
        for window in windows:
            window_days = [window.day] if window.day else days
            for day in window_days:
                start, end = window.start, window.end
                if source is not None and source.key != target.key:
                    start = _shift(day, window.start, source, target)
                    end = _shift(day, window.end, source, target)
                    base = dt.datetime.combine(days[0], dt.time())
                    out.append((start - _minutes(base), end - _minutes(base)))
                    continue
                offset = (day - days[0]).days * DAY
                out.append((offset + start, offset + end))
        return self._merge(out)

    def _merge(self, intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Sort and merge intervals given in minutes since the first day's midnight,
        mapped to event minutes by day index (skipped days drop out)."""
        first_day = self._days[0]
        out: list[tuple[int, int]] = []
        for start, end in sorted(intervals):
            # Cut at midnights so each piece lies in one calendar day.
            cursor = start
            while cursor < end:
                day_offset, _ = divmod(cursor, DAY)
                piece_end = min(end, (day_offset + 1) * DAY)
                index = self._index.get(first_day + dt.timedelta(days=day_offset))
                if index is not None:
                    shift = (index - day_offset) * DAY
                    out.append((cursor + shift, piece_end + shift))
                cursor = piece_end
        out.sort()
        merged: list[tuple[int, int]] = []
        for start, end in out:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return merged


def _positions(items: Sequence[Identified]) -> dict[str, int]:
    return {item.id: i for i, item in enumerate(items)}


def _shift(day: dt.date, clock: int, source: ZoneInfo, target: ZoneInfo) -> int:
    """Minutes since the epoch (wall clock of ``target``) of ``clock`` on ``day`` in
    ``source``."""
    local = (dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=clock)).replace(
        tzinfo=source
    )
    moved = local.astimezone(target).replace(tzinfo=None)
    return _minutes(moved)


def _minutes(moment: dt.datetime) -> int:
    return int(moment.timestamp() // 60) if moment.tzinfo else int(
        (moment - dt.datetime(1970, 1, 1)).total_seconds() // 60
    )
