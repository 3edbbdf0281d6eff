"""scheduler.lower_bound.times: the time relaxation of preferences and instrument spread
is never above what a proven, checked optimum pays for those two terms (hand-made events
where it is forced, and random tiny events), and the split it makes in the combined bound
keeps the whole bound at most the optimum."""

from __future__ import annotations

import random

import pytest

from scheduler.checker.report import Term
from scheduler.facts import FactBuilder
from scheduler.lower_bound import lower_bound
from scheduler.lower_bound.combined import CHOICES_LIMIT
from scheduler.lower_bound.floors import instrument_spread_flow, preferences_per_session
from scheduler.lower_bound.times import time_relaxation
from scheduler.lower_bound.tracks import track_relaxation
from scheduler.scenario import parse_scenario
from tests.lower_bound.cases import checked_optimum

HEAD = """\
version: 1
event:
  name: {name}
  timezone: Europe/Berlin
  first-day: '2026-06-01'
  last-day: '2026-06-0{last}'
  day-start: '09:00'
  day-end: '{end}'
  granularity: 60min
"""

SHORT_DAY_WITH_LUNCH = HEAD.format(name="Четыре доклада, короткий второй день", last=2,
                                   end="12:00") + """\
  day-frames:
    '2026-06-02': {start: '09:00', end: '11:00'}
rooms:
- {id: r1, name: Room 1, capacity: 40}
breaks:
  placed:
  - {id: lunch, kind: lunch, duration: 1h, window: ['09:00', '11:00'],
     days: ['2026-06-02']}
sessions:
- {id: s1, title: One, instrument: talk, duration: 1h, participants: 30}
- {id: s2, title: Two, instrument: talk, duration: 1h, participants: 30}
- {id: s3, title: Three, instrument: talk, duration: 1h, participants: 30}
- {id: s4, title: Four, instrument: talk, duration: 1h, participants: 30}
"""
"""Four talks, one room: day 1 holds three hours, day 2 two, one of which the lunch takes.
So three talks are on day 1, one above the even share of two: instrument spread 1 in
every schedule. Each talk may start on either day, so the flow over days says 0."""

TWO_TRACKS_ONE_ROOM = HEAD.format(name="Two tracks, one room, one morning hour", last=1,
                                  end="11:00") + """\
rooms:
- {id: r1, name: Room 1, capacity: 40}
tracks:
- {id: t1, name: Track 1}
- {id: t2, name: Track 2}
people:
- {id: a, name: Анна, prefer: [{start: '09:00', end: '10:00'}]}
- {id: b, name: Борис, prefer: [{start: '09:00', end: '10:00'}]}
sessions:
- {id: s1, title: First, instrument: talk, duration: 1h, track: t1,
   people: {speaker: [a]}, participants: 30}
- {id: s2, title: Second, instrument: talk, duration: 1h, track: t2,
   people: {speaker: [b]}, participants: 30}
"""
"""Each track alone takes 09:00; with one room one of them misses its hour (5)."""


def spread_and_preferences(terms: dict[str, Term]) -> int:
    """What a checked schedule pays for the two terms the time relaxation bounds."""
    return sum(terms[name].penalty for name in ("preferences", "instrument_spread")
               if name in terms)


def test_a_break_on_a_short_day_forces_the_spread_into_the_bound() -> None:
    scenario = parse_scenario(SHORT_DAY_WITH_LUNCH, "short.yaml")
    facts = FactBuilder(scenario).build()
    assert instrument_spread_flow(scenario, facts) == 0
    found = time_relaxation(scenario, facts)
    assert found.value == 1 and found.proven
    report = checked_optimum(scenario)
    assert report.terms["instrument_spread"].penalty == 1
    whole = lower_bound(scenario, time_limit=30)
    assert whole.complete and whole.value <= report.objective
    parts = {p.terms: p for p in whole.parts}
    assert parts[("preferences", "instrument_spread")].value == 1
    assert ("instrument_spread",) not in parts  # the flow's part is replaced, not added


def test_two_tracks_sharing_one_room_cannot_both_have_their_hour() -> None:
    scenario = parse_scenario(TWO_TRACKS_ONE_ROOM, "two-tracks.yaml")
    facts = FactBuilder(scenario).build()
    assert preferences_per_session(scenario, facts) == 0
    assert time_relaxation(scenario, facts).value == 5
    report = checked_optimum(scenario)
    assert spread_and_preferences(report.terms) == 5
    assert lower_bound(scenario, time_limit=30).value <= report.objective


def tiny_event(seed: int) -> str:
    """A random event of 3-5 talks over 1-2 days, 1-2 rooms, tracks, people with windows
    and daily limits, sometimes a placed lunch and a short second day."""
    rng = random.Random(seed)
    days = rng.choice([1, 2])
    text = HEAD.format(name=f"Tiny {seed}", last=days, end=rng.choice(["12:00", "13:00"]))
    if days == 2 and rng.random() < 0.5:
        text += "  day-frames:\n    '2026-06-02': {start: '09:00', end: '11:00'}\n"
    rooms = rng.choice([1, 2])
    text += "rooms:\n" + "".join(
        f"- {{id: r{i}, name: Room {i}, capacity: {rng.choice([20, 40])}}}\n"
        for i in range(rooms))
    text += "tracks:\n- {id: t1, name: Track 1}\n- {id: t2, name: Track 2}\n"
    text += "people:\n"
    for p in "abc":
        line = f"- {{id: {p}, name: Person {p}"
        h = rng.choice([9, 10, 11])
        if rng.random() < 0.6:
            line += f", prefer: [{{start: '{h:02d}:00', end: '{h + 1:02d}:00'}}]"
        elif rng.random() < 0.5:
            line += f", avoid: [{{start: '{h:02d}:00', end: '{h + 1:02d}:00'}}]"
        if rng.random() < 0.3:
            line += ", max-sessions-per-day: 2"
        text += line + "}\n"
    if rng.random() < 0.5:
        text += ("breaks:\n  placed:\n  - {id: lunch, kind: lunch, duration: 1h, "
                 "window: ['09:00', '11:00']}\n")
    text += "sessions:\n"
    for i in range(rng.randint(3, 5)):
        track = rng.choice(["", ", track: t1", ", track: t2", ", track: [t1, t2]"])
        person = rng.choice("abc")
        text += (f"- {{id: s{i}, title: Talk {i}, instrument: talk, duration: 1h{track}, "
                 f"people: {{speaker: [{person}]}}, participants: 15}}\n")
    return text


@pytest.mark.parametrize("seed", [0, 1, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14])
def test_random_tiny_events_pay_at_least_each_split(seed: int) -> None:
    """The time relaxation is at most the optimum's preferences + spread, the track
    relaxation without preferences at most its room fit + stability + dropped, and the
    whole bound at most the optimum; so are both with the sessions of two tracks priced
    into their tracks (``choices``, and the whole bound at :data:`CHOICES_LIMIT`). (The
    seeds are the first twelve of 0-14 that have a schedule: the solver proves 2, 3 and 7
    infeasible.)"""
    scenario = parse_scenario(tiny_event(seed), f"tiny-{seed}.yaml")
    facts = FactBuilder(scenario).build()
    report = checked_optimum(scenario)
    assert time_relaxation(scenario, facts).value <= spread_and_preferences(report.terms)
    rest = sum(report.terms[name].penalty for name in
               ("room_fit", "track_room_stability", "dropped") if name in report.terms)
    assert track_relaxation(scenario, facts, preferences=False).value <= rest + 1e-9
    assert lower_bound(scenario, time_limit=10).value <= report.objective
    # the sessions of t1 or t2 priced into their tracks (quality8), with preferences too
    priced = track_relaxation(scenario, facts, preferences=False, choices=True)
    assert priced.value <= rest + 1e-9
    assert track_relaxation(scenario, facts, choices=True).value <= (
        rest + report.terms["preferences"].penalty + 1e-9)
    assert lower_bound(scenario, time_limit=CHOICES_LIMIT).value <= report.objective
