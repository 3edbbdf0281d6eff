"""Moved to :mod:`scheduler.facts` (shared by the solver and the diagnosis); this name is
kept only so that code written against the old path keeps working. Import from
``scheduler.facts``."""

from scheduler.facts import (
    FactBuilder,
    Restriction,
    RoomOption,
    SessionFacts,
    TimeGrid,
    ceil_div,
)

__all__ = ["FactBuilder", "Restriction", "RoomOption", "SessionFacts", "TimeGrid", "ceil_div"]
