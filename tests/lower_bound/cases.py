"""Hand-made scenarios of the lower-bound tests, and the checked optimum they are held to."""

from __future__ import annotations

from scheduler.checker import CheckReport, check
from scheduler.scenario.model import Scenario
from scheduler.schedule import SolveStatus
from scheduler.solver import SolveOptions, solve


def checked_optimum(scenario: Scenario, time_limit: float = 10) -> CheckReport:
    """The checker's report of a proven optimum (a deterministic one-worker solve that
    must prove it within ``time_limit`` units); the report passes every hard rule."""
    result = solve(scenario, SolveOptions(time_limit=time_limit, deterministic=True,
                                          workers=1, handle_sigint=False))
    assert result.status == SolveStatus.OPTIMAL and result.schedule is not None
    report = check(scenario, result.schedule)
    assert report.ok and report.objective is not None
    return report


def one_day(name: str, day_end: str) -> str:
    """The head of a one-day event from 09:00 to ``day_end`` in hours (every case's)."""
    return ("version: 1\nevent:\n"
            f"  name: {name}\n"
            "  timezone: Europe/Berlin\n"
            "  first-day: '2026-06-01'\n"
            "  last-day: '2026-06-01'\n"
            "  day-start: '09:00'\n"
            f"  day-end: '{day_end}'\n"
            "  granularity: 60min\n")


TWO_SESSIONS_ONE_TRACK = one_day("Two sessions of one track want the same hour", "11:00") + """\
rooms:
- {id: r1, name: Room 1, capacity: 40}
- {id: r2, name: Room 2, capacity: 40}
tracks:
- {id: t1, name: Track 1}
people:
- id: a
  name: Анна
  prefer: [{start: '09:00', end: '10:00'}]
- id: b
  name: Борис
  prefer: [{start: '09:00', end: '10:00'}]
sessions:
- {id: s1, title: First, instrument: talk, duration: 1h, track: t1,
   people: {speaker: [a]}, participants: 30}
- {id: s2, title: Second, instrument: talk, duration: 1h, track: t1,
   people: {speaker: [b]}, participants: 30}
"""
"""The track holds one session at a time, both want 09:00: optimum 9 (one misses its
hour, 5; each room wastes 10 seats, 1 + 1; one ends at 11:00, compact days 2)."""

TWO_SESSIONS_AROUND_LUNCH = one_day(
    "Two sessions want the hour after a placed lunch", "12:00") + """\
rooms:
- {id: r1, name: Room 1, capacity: 40}
tracks:
- {id: t1, name: Track 1}
people:
- id: a
  name: Анна
  prefer: [{start: '10:00', end: '12:00'}]
- id: b
  name: Борис
  prefer: [{start: '10:00', end: '12:00'}]
breaks:
  placed:
  - {id: lunch, kind: lunch, duration: 1h, window: ['10:00', '11:00']}
sessions:
- {id: s1, title: First, instrument: talk, duration: 1h, track: t1,
   people: {speaker: [a]}, participants: 30}
- {id: s2, title: Second, instrument: talk, duration: 1h, track: t1,
   people: {speaker: [b]}, participants: 30}
"""
"""Lunch takes 10:00-11:00, so only 11:00 is in both people's hours: one session misses
(preferences 5), each wastes 10 seats (room fit 1 + 1): the track pays 7 in every
schedule; without the break both would fit in 10:00-12:00 (2)."""

THREE_TRACKS_ONE_LUNCH = one_day("Three tracks, three hours, one lunch", "12:00") + """\
rooms:
- {id: r1, name: Room 1, capacity: 40}
- {id: r2, name: Room 2, capacity: 40}
- {id: r3, name: Room 3, capacity: 40}
tracks:
- {id: t1, name: Track 1}
- {id: t2, name: Track 2}
- {id: t3, name: Track 3}
people:
- {id: a, name: Анна, prefer: [{start: '09:00', end: '10:00'}]}
- {id: b, name: Борис, prefer: [{start: '10:00', end: '11:00'}]}
- {id: c, name: Вера, prefer: [{start: '11:00', end: '12:00'}]}
breaks:
  placed:
  - {id: lunch, kind: lunch, duration: 1h, window: ['09:00', '12:00']}
sessions:
- {id: s1, title: First, instrument: talk, duration: 1h, track: t1,
   people: {speaker: [a]}, participants: 30}
- {id: s2, title: Second, instrument: talk, duration: 1h, track: t2,
   people: {speaker: [b]}, participants: 30}
- {id: s3, title: Third, instrument: talk, duration: 1h, track: t3,
   people: {speaker: [c]}, participants: 30}
"""
"""The one lunch takes one of the three hours, so one session misses its hour
(preferences 5) and each wastes 10 seats (room fit 3): 8 in every schedule. Each track
apart places a lunch of its own elsewhere and pays only its room fit (3 in all)."""

TWO_TRACKS_ONE_SPEAKER = one_day(
    "One speaker in two tracks wants the first hour twice", "11:00") + """\
rooms:
- {id: r1, name: Room 1, capacity: 40}
- {id: r2, name: Room 2, capacity: 40}
tracks:
- {id: t1, name: Track 1}
- {id: t2, name: Track 2}
people:
- {id: a, name: Анна, prefer: [{start: '09:00', end: '10:00'}]}
sessions:
- {id: s1, title: First, instrument: talk, duration: 1h, track: t1,
   people: {speaker: [a]}, participants: 30}
- {id: s2, title: Second, instrument: talk, duration: 1h, track: t2,
   people: {speaker: [a]}, participants: 30}
"""
"""Apart, each track gives its session 09:00: 2 (room fit). Together, Анна speaks once at
a time: one session misses her hour, 5 + 2 = 7, the optimum's four track terms."""

TWO_TRACKS_ONE_BIG_ROOM = one_day(
    "Two tracks, one room big enough, both want the first hour", "11:00") + """\
rooms:
- {id: big, name: Big room, capacity: 40}
- {id: small, name: Small room, capacity: 10}
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
"""Only the big room seats 30: apart, each track takes it at 09:00, 2 (room fit);
together the room class holds one session at a time, 5 + 2 = 7, the optimum's."""

THREE_WANTED_IN_TWO_HOURS = one_day(
    "Three sessions, two hours, each pair wanted by someone", "11:00") + """\
rooms:
- {id: r1, name: Room 1, capacity: 40}
- {id: r2, name: Room 2, capacity: 40}
- {id: r3, name: Room 3, capacity: 40}
sessions:
- {id: s1, title: First, instrument: talk, duration: 1h, participants: 30}
- {id: s2, title: Second, instrument: talk, duration: 1h, participants: 30}
- {id: s3, title: Third, instrument: talk, duration: 1h, participants: 30}
participants:
  registrations:
  - {id: a1, sessions: [s1, s2]}
  - {id: a2, sessions: [s2, s3]}
  - {id: a3, sessions: [s1, s3]}
"""
"""Two hours hold three one-hour sessions only if two of them share an hour, and every
pair is wanted by one registration: every schedule has a participant clash (10)."""

TWO_WANTED_AROUND_LUNCH = one_day(
    "Two sessions wanted together, two hours, a placed lunch", "11:00") + """\
rooms:
- {id: r1, name: Room 1, capacity: 40}
- {id: r2, name: Room 2, capacity: 40}
breaks:
  placed:
  - {id: lunch, kind: lunch, duration: 1h, window: ['09:00', '11:00']}
sessions:
- {id: s1, title: First, instrument: talk, duration: 1h, participants: 30}
- {id: s2, title: Second, instrument: talk, duration: 1h, participants: 30}
participants:
  registrations:
  - {id: a1, sessions: [s1, s2]}
"""
"""The lunch takes one of the two hours, so both sessions run in the other: one clash
(10) in every schedule; without the lunch they would take an hour each."""

TWO_WANTED_TWO_LUNCHES = one_day(
    "Two sessions wanted together, three hours, two placed breaks", "12:00") + """\
rooms:
- {id: r1, name: Room 1, capacity: 40}
- {id: r2, name: Room 2, capacity: 40}
breaks:
  placed:
  - {id: lunch, kind: lunch, duration: 1h, window: ['09:00', '12:00']}
  - {id: coffee, kind: coffee, duration: 1h, window: ['09:00', '12:00']}
sessions:
- {id: s1, title: First, instrument: talk, duration: 1h, participants: 30}
- {id: s2, title: Second, instrument: talk, duration: 1h, participants: 30}
participants:
  registrations:
  - {id: a1, sessions: [s1, s2]}
"""
"""The two breaks may share an hour, leaving two hours for the two sessions: no clash. A
floor that kept the breaks apart from each other would leave one hour and count one."""

SMALL_ROOM_BIG_HALL_LUNCH = """\
rooms:
- {id: small, name: Small room, capacity: 10}
- {id: big, name: Big hall, capacity: 100}
breaks:
  placed:
  - {id: lunch, kind: lunch, duration: 1h, window: ['10:00', '11:00']}
"""
"""A small room (10 seats), a big hall (100) and an hour's lunch at 10:00 (three cases)."""

THREE_SMALL_AROUND_LUNCH = one_day("Three small sessions, one small room, a lunch", "12:00") + \
    SMALL_ROOM_BIG_HALL_LUNCH + """\
sessions:
- {id: s1, title: First, instrument: talk, duration: 1h, participants: 5}
- {id: s2, title: Second, instrument: talk, duration: 1h, participants: 5}
- {id: s3, title: Third, instrument: talk, duration: 1h, participants: 5}
"""
"""The lunch takes 10:00-11:00 from every room: the small room holds two of the three
hour-long sessions, the third wastes 90 seats in the big hall (room fit 9) in every
schedule. A room-fit LP giving each room the frame's three hours put all three in the
small room (0)."""

FOUR_SMALL_AROUND_LUNCH = THREE_SMALL_AROUND_LUNCH + """\
- {id: s4, title: Fourth, instrument: talk, duration: 1h, participants: 5}
"""
"""Four hour-long sessions in the two hours the lunch leaves: two in the big hall (room
fit 18) in every schedule. The frames' LP (three hours a room) sends one there (9) and
prices a minute of the small room at 9/60."""

FAIR_THROUGH_LUNCH = one_day("A fair through lunch in the small room", "12:00") + """\
weights: {participant-clashes: 0, preferences: 0, track-room-stability: 0, room-fit: 1,
  compact-days: 0, instrument-spread: 0}
""" + SMALL_ROOM_BIG_HALL_LUNCH + """\
instruments:
  fair: {title: {en: Fair}, default-duration: 1h, observes-breaks: false}
sessions:
- {id: s1, title: First, instrument: fair, duration: 1h, participants: 5, rooms: [small]}
- {id: s2, title: Second, instrument: talk, duration: 1h, participants: 5}
- {id: s3, title: Third, instrument: talk, duration: 1h, participants: 5}
"""
"""The fair ignores the breaks: it runs in the small room during the lunch, and the two
talks take the small room's other two hours (room fit 0). A bound that took the lunch's
hour from the small room as from a room no break-ignoring session may take would count
one talk in the big hall (9) (review12)."""

AFTER_FORCES_A_CLASH = one_day("A session after another, a third wanted with both",
                               "11:00") + """\
rooms:
- {id: r1, name: Room 1, capacity: 40}
- {id: r2, name: Room 2, capacity: 40}
sessions:
- {id: s1, title: First, instrument: talk, duration: 1h, participants: 30}
- {id: s2, title: Second, instrument: talk, duration: 1h, participants: 30, after: [s1]}
- {id: s3, title: Third, instrument: talk, duration: 1h, participants: 30}
participants:
  registrations:
  - {id: a1, sessions: [s1, s3]}
  - {id: a2, sessions: [s2, s3]}
"""
"""Two hours: s2 runs after s1, so they take an hour each and s3 shares one of them: one
clash (10) in every schedule. Without the order s1 and s2 (wanted by nobody together)
could share an hour and s3 take the other: a floor of 0."""

NOT_PARALLEL_FORCES_A_CLASH = AFTER_FORCES_A_CLASH.replace(
    ", after: [s1]}", ", not-parallel-with: [s1]}")
"""The same with s2 not in parallel with s1 (either order): one clash (10)."""

AFTER_CHAIN_FILLS_THE_DAY = one_day("Three sessions in a chain fill three hours",
                                    "12:00") + """\
rooms:
- {id: r1, name: Room 1, capacity: 40}
sessions:
- {id: s1, title: First, instrument: talk, duration: 1h, participants: 30}
- {id: s2, title: Second, instrument: talk, duration: 1h, participants: 30, after: [s1]}
- {id: s3, title: Third, instrument: talk, duration: 1h, participants: 30, after: [s2]}
participants:
  registrations:
  - {id: a1, sessions: [s1, s2, s3]}
"""
"""s1, s2, s3 one after another fill the three hours exactly (each starts when the one
before ends): no clash. A floor that kept a step between them would find no placement."""

TWO_TRACKS_ONE_BIG_SESSION = one_day(
    "A big session of either of two tracks", "12:00") + """\
rooms:
- {id: small, name: Small room, capacity: 30}
- {id: big, name: Big hall, capacity: 60}
tracks:
- {id: t1, name: Track 1}
- {id: t2, name: Track 2}
people:
- {id: a, name: Анна, prefer: [{start: '09:00', end: '10:00'}]}
- {id: c, name: Вера}
sessions:
- {id: s1, title: First, instrument: talk, duration: 1h, track: t1,
   people: {speaker: [a]}, participants: 30}
- {id: s2, title: Second, instrument: talk, duration: 1h, track: t2,
   people: {speaker: [a]}, participants: 30}
- {id: big, title: Big one, instrument: talk, duration: 1h, track: [t1, t2],
   people: {speaker: [c]}, participants: 60}
"""
"""The big session needs the hall and joins one of the tracks, which then uses two rooms
(stability 3) or puts its own session in the hall (30 seats wasted, 3): 3 for room fit +
stability at the optimum. Each session alone wastes nothing in a room of its size: 0.
Анна speaks in both tracks and prefers 09:00: one of her talks misses it (5), which the
time relaxation sees and the tracks apart do not (the bound's second split is taken)."""

SEVEN_LONG_IN_TWO_ROOMS = """\
version: 1
event:
  name: Seven two-hour sessions, two rooms, one long day
  timezone: Europe/Berlin
  first-day: '2026-06-01'
  last-day: '2026-06-01'
  day-start: '08:00'
  day-end: '20:00'
  granularity: 15min
rooms:
- {id: r1, name: Room 1, capacity: 40}
- {id: r2, name: Room 2, capacity: 40}
sessions:
- {id: s1, title: Первая, instrument: talk, duration: 2h, participants: 30}
- {id: s2, title: Second, instrument: talk, duration: 2h, participants: 30}
- {id: s3, title: Third, instrument: talk, duration: 2h, participants: 30}
- {id: s4, title: Fourth, instrument: talk, duration: 2h, participants: 30}
- {id: s5, title: Fifth, instrument: talk, duration: 2h, participants: 30}
- {id: s6, title: Sixth, instrument: talk, duration: 2h, participants: 30}
- {id: s7, title: Seventh, instrument: talk, duration: 2h, participants: 30}
participants:
  registrations:
  - {id: a1, sessions: [s1, s2, s3, s4, s5, s6, s7]}
"""
"""Fourteen hours of sessions in twelve hours of two rooms: two sessions overlap in every
schedule (one clash, 10); each wastes 10 seats (room fit 7). Every session has 41
possible starts, so the clash floor of the most constrained sessions (at most 40) has
none of them."""
