"""The facts' fast paths give what the plain per-room walk gives.

Rooms without availability windows are judged by the static room rules alone (pin,
allowed rooms, capacity, tags), worked out once per kind of session; the walk over every
room, which rooms with windows still take, must give the same facts. Generated events and
the shipped scenarios; a scenario with windows compares its per-room rule to the rooms'.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scheduler.facts import FactBuilder, SessionFacts
from scheduler.generate import generate_yaml, params_for
from scheduler.scenario import load_scenario, parse_scenario
from scheduler.scenario.model import Scenario

SCENARIOS = sorted(Path(__file__).resolve().parents[2].glob("scenarios/*.yaml"))


def _shipped(path: Path) -> Callable[[], Scenario]:
    return lambda: load_scenario(path)


EVENTS: dict[str, Callable[[], Scenario]] = {
    "large-300-s1": lambda: parse_scenario(generate_yaml(
        params_for("large", sessions=300, rooms=12, registrations=450), seed=1), "l.yaml"),
    "pycon-s3": lambda: parse_scenario(generate_yaml(params_for("pycon"), seed=3), "p.yaml"),
    "euro-150-s5": lambda: parse_scenario(generate_yaml(
        params_for("euro", sessions=150, rooms=20), seed=5), "e.yaml"),
    **{path.stem: _shipped(path) for path in SCENARIOS},
}


def plain(facts: dict[str, SessionFacts]) -> dict[str, Any]:
    """Every fact as plain data (rejected rooms with their worded reasons)."""
    def dom(d: Any) -> list[int]:
        return list(d.flattened_intervals())

    return {sid: (f.durations, dom(f.domain), f.needs_room,
                  [(r.rule, r.subject, dom(r.domain), r.detail) for r in f.restrictions],
                  None if f.empty_by is None else f.empty_by.rule,
                  [(o.room, dom(o.domain), [(r.rule, dom(r.domain)) for r in o.restrictions])
                   for o in f.rooms],
                  [(room, f.rejected_rooms[room]) for room in f.rejected_rooms],
                  {room: dom(r.domain) for room, r in f.room_availability.items()})
            for sid, f in facts.items()}


@pytest.fixture(scope="module", params=sorted(EVENTS))
def scenario(request: pytest.FixtureRequest) -> Scenario:
    return EVENTS[request.param]()


def test_static_rooms_shortcut_gives_the_walk_over_every_room(scenario: Scenario) -> None:
    fast = FactBuilder(scenario)
    walking = FactBuilder(scenario)
    walking._any_room_windows = True  # every room walked, as rooms with windows are
    assert plain(fast.build()) == plain(walking.build())


def test_static_rooms_are_the_room_rules(scenario: Scenario) -> None:
    """The rooms :meth:`FactBuilder._static_rooms` passes are those whose pin, allowed
    rooms, capacity and tags admit the session, in the scenario's order."""
    builder = FactBuilder(scenario)
    for session in scenario.sessions:
        instrument = scenario.instrument(session)
        tags = {*instrument.room_tags, *session.room_tags}
        if session.format == "hybrid":
            tags.add(scenario.hybrid.room_tag)
        pin = session.pin.room if session.pin else None
        passed, failed = builder._static_rooms(pin, session.rooms, session.participants,
                                               frozenset(tags))
        want = [r.id for r in scenario.rooms
                if (pin is None or r.id == pin) and (session.rooms is None or r.id in session.rooms)
                and r.capacity >= session.participants and tags <= set(r.tags)]
        assert passed == want
        assert failed == [r.id for r in scenario.rooms if r.id not in want]


def test_fixed_exclusive_narrows_every_room_as_the_session() -> None:
    """Rooms without windows start from the session's starts, and a fixed exclusive
    session narrows them together (one intersection shared): they end equal to it."""
    scenario = EVENTS["large-300-s1"]()
    facts = FactBuilder(scenario).build()
    narrowed = [f for f in facts.values() if any(r.rule == "exclusive" for r in f.restrictions)]
    assert narrowed  # the premise: the event has a fixed exclusive session
    for f in facts.values():
        for option in f.rooms:
            assert list(option.domain.flattened_intervals()) == \
                list(f.domain.flattened_intervals()), (f.id, option.room)
