"""The scenario: the organiser's description of an event, and how to load it.

The names below are imported on first use (PEP 562): ``scheduler.scenario.types``, which
the instrument catalogue builds on, can then be imported without loading the scenario
model, which itself reads the catalogue (no import cycle, whichever comes first).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names as mypy and editors see them
    from scheduler.scenario.load import load_scenario, parse_scenario
    from scheduler.scenario.model import (
        DAY,
        Breaks,
        Event,
        FixedBreak,
        Hybrid,
        Meeting,
        Person,
        PlacedBreak,
        Registration,
        Room,
        Scenario,
        Session,
        Track,
        Weights,
        Window,
    )

__all__ = [
    "DAY", "Breaks", "Event", "FixedBreak", "Hybrid", "Meeting", "Person", "PlacedBreak",
    "Registration", "Room", "Scenario", "Session", "Track", "Weights", "Window",
    "load_scenario", "parse_scenario",
]


def __getattr__(name: str) -> Any:
    """The public names, imported from ``load`` or ``model`` on first use."""
    if name in __all__:
        module = "load" if name in ("load_scenario", "parse_scenario") else "model"
        value = getattr(importlib.import_module(f"scheduler.scenario.{module}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'scheduler.scenario' has no attribute {name!r}")
