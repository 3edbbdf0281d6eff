"""A talks timetable as CoSPLib's solution grid: the track of each room in each talk-slot,
and the talk in each of its time slots."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

EMPTY = -1


class _Block(Protocol):
    @property
    def slots(self) -> int: ...


class Shape(Protocol):
    """What a grid's size comes from: rooms, and talk-slots (sessions) with their slots
    (a :class:`~scheduler.talks.problem.TalkProblem`, or a CoSPLib instance)."""

    @property
    def rooms(self) -> Sequence[object]: ...

    @property
    def sessions(self) -> Sequence[_Block]: ...


@dataclass
class Grid:
    """``tracks[s][r]``: track in room r during talk-slot s (or -1);
    ``cells[s][r][t]``: talk in time slot t of that room (or -1)."""

    tracks: list[list[int]]
    cells: list[list[list[int]]]

    @classmethod
    def empty(cls, problem: Shape) -> Grid:
        rooms = len(problem.rooms)
        return cls(
            tracks=[[EMPTY] * rooms for _ in problem.sessions],
            cells=[[[EMPTY] * s.slots for _ in range(rooms)] for s in problem.sessions],
        )
