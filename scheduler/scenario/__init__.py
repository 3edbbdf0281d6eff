"""The scenario: the organiser's description of an event, and how to load it."""

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
