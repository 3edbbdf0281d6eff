"""The working state of one generator run, shared by the steps that build a scenario.

The rule: one run has one seeded random stream (``random.Random("confsched-generate:SEED")``)
and every step draws from it in a fixed order, so the same parameters and seed always give
the same file. The state holds the plan (the hidden timetable, one :class:`Planned` per
session) and what the later steps add to it: people, their busy times, titles, breaks.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from scheduler.generate.rooms import RoomSpec
from scheduler.generate.shapes import GeneratorParams


@dataclass
class Planned:
    """One session of the hidden timetable, with what will be written for it."""

    id: str
    instrument: str
    duration: int
    day: int = 0
    start: int = 0
    room: str | None = None
    format: str = "in-person"
    exclusive: bool = False
    needs_tag: str | None = None
    track: str | None = None
    people: dict[str, list[str]] = field(default_factory=dict)
    chosen: dict[str, list[str]] = field(default_factory=dict)
    """With a pool: the part of ``people`` chosen from it (written as ``needs:``)."""
    participants: int = 0
    series: str | None = None
    deadline: tuple[int, int] | None = None
    """Must end by this (day, clock): e.g. a competition before its award ceremony."""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def end(self) -> int:
        """Minute after midnight at which the planted session ends."""
        return self.start + self.duration


def overlap(a: Planned, b: Planned) -> bool:
    """Whether two planted sessions run at the same time on the same day."""
    return a.day == b.day and a.start < b.end and b.start < a.end


class Build:
    """Everything one run knows so far; the steps in :mod:`scheduler.generate.builder` fill it."""

    def __init__(self, params: GeneratorParams, seed: int) -> None:
        self.p = params
        self.seed = seed
        self.rng = random.Random(f"confsched-generate:{seed}")
        self.g = params.granularity
        self.dates = [params.first_day + dt.timedelta(days=i) for i in range(params.days)]
        self.rooms: list[RoomSpec] = []
        self.day_blocks: list[list[tuple[int, int]]] = []
        """Per day, the ``(start, end)`` of each working block."""
        self.planted_breaks: list[list[tuple[str, int, int]]] = []
        """Per day, the planted ``(kind, start, end)`` of each break."""
        self.open: dict[tuple[int, int], tuple[int, int]] = {}
        """Per ``(day, block)``, the part not taken by exclusive items (when any are)."""
        self.plan: list[Planned] = []
        self.people: dict[str, dict[str, Any]] = {}
        self.busy: dict[str, list[tuple[int, int, int]]] = {}
        """Per person, the planted ``(day, start, end)`` they are booked for."""
        self.pools: dict[str, list[str]] = {}
        """Per pool (facilitator, speaker, ...), the people drawn from it so far."""
        self.counter = 0
        self.competition: Planned | None = None
        self.titles: dict[str, str] = {}
        """Written title of each session (a series by its series id)."""
        self.break_ids: list[dict[str, Any]] = []
        """The written breaks with their planted times, for the planted schedule."""

    def new_id(self, prefix: str) -> str:
        """A fresh session id such as ``work-0007`` (one counter for all prefixes)."""
        self.counter += 1
        return f"{prefix}-{self.counter:04d}"

    def grid(self, minutes: int) -> int:
        """``minutes`` rounded up to the time grid."""
        return -(-minutes // self.g) * self.g

    def budget(self) -> int:
        """Sessions still to plant before the plan reaches ``params.sessions``."""
        return self.p.sessions - len(self.plan)

    def open_span(self, day: int, block: int) -> tuple[int, int]:
        """The part of a block not taken by exclusive items at its start or end."""
        return self.open.get((day, block), self.day_blocks[day][block])
