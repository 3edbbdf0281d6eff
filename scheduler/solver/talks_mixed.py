"""A scenario with talks *and* sessions (or placed breaks): sessions placed around the talks.

The talks are grouped first (:mod:`talks_run`); their talk sessions are then fixed facts of
an ordinary solve of the sessions, in the same run:

- each talk session becomes a *pinned* session in its room (instrument ``talk-session``,
  no people, no track): the room is taken, nothing exclusive runs then, placed breaks and
  ``hybrid.licences`` see it;
- each presenter and chair is busy during their talks and talk sessions: one pinned
  ``talk-duty`` session without a room per person and stretch of busy time, so that the
  sessions' people (a facilitator who also presents) are never in two places.

This is two CP-SAT models in sequence, not one: the talks do not move to make room for a
session. Its honest consequence: a scenario whose sessions fit only if the talks moved is
reported infeasible *given the talks' timetable* (the diagnosis says so).
"""

from __future__ import annotations

import datetime as dt

from scheduler.instruments import Instrument
from scheduler.scenario.model import Pin, Scenario, Session
from scheduler.schedule import Schedule, ScheduledSession
from scheduler.talks.problem import TalkProblem

DUTY = "talk-duty"
"""The instrument of a person's busy stretch in talk sessions (no room, pinned)."""


def keep_clear_of_pinned(problem: TalkProblem, scenario: Scenario) -> int:
    """Before the talks are grouped: a session pinned to a day and start keeps its room (all
    rooms, when exclusive) and its people out of the talk-slots it overlaps, so the talks
    never take what a pinned session needs. Returns how many pinned sessions were seen."""
    s_of = {block.name: s for s, block in enumerate(problem.sessions)}
    k_of = problem.track_index
    seen = 0
    for session in scenario.sessions:
        pin = session.pin
        if pin is None or pin.day is None or pin.start is None:
            continue
        seen += 1
        end = pin.start + scenario.duration(session)
        exclusive = scenario.instrument(session).exclusive
        people = set(session.person_ids)
        for slot in scenario.talk_slots:
            if slot.day != pin.day or not (slot.start < end and pin.start < slot.end):
                continue
            s = s_of[slot.id]
            for r, room in enumerate(problem.rooms):
                if exclusive or room == pin.room:
                    problem.open[s][r] = False
            for i, sub in enumerate(problem.submissions):
                if people & set(sub.presenters):
                    problem.sub_allowed[i][s] = False
            for track, chairs in zip(problem.tracks, problem.chairs, strict=True):
                if people & set(chairs):
                    problem.track_allowed[k_of[track]][s] = False
    return seen


def around_talks(scenario: Scenario, talks: Schedule) -> Scenario:
    """The scenario's sessions with the talk sessions of ``talks`` as pinned facts."""
    fixed: list[Session] = []
    for entry in talks.sessions:
        fixed.append(Session(
            id=entry.id, title=entry.title or entry.id, instrument="talk-session",
            duration=entry.end - entry.start, format=entry.format,
            pin=Pin(day=entry.day, start=entry.start, room=entry.room)))
    for pid, day, start, end, n in busy_stretches(talks):
        fixed.append(Session(
            id=f"{DUTY}.{pid}.{n}", title=f"{scenario.person(pid).label}: talks and chairing",
            instrument=DUTY,
            duration=end - start, people={"speaker": [pid]},
            pin=Pin(day=day, start=start)))
    derived = scenario.model_copy(update={"sessions": [*scenario.sessions, *fixed],
                                          "talks": [], "talk_slots": []})
    duty = Instrument(title={"en": "Talk duty"}, needs_room=False, observes_breaks=False,
                      formats=["in-person"])
    derived._catalogue = {**scenario.catalogue, DUTY: duty}
    derived._source_index = {**scenario._source_index,
                             **{s.id: len(scenario.sessions) for s in fixed}}
    return derived


def busy_stretches(talks: Schedule) -> list[tuple[str, dt.date, int, int, int]]:
    """``(person, day, start, end, n)``: when each presenter (their talks) and chair
    (their talk sessions) is busy, overlapping and touching stretches merged."""
    spans: dict[tuple[str, dt.date], list[tuple[int, int]]] = {}
    for entry in talks.sessions:
        for pid in entry.people.get("chair", []):
            spans.setdefault((pid, entry.day), []).append((entry.start, entry.end))
        for talk in entry.talks:
            for pid in talk.presenters:
                spans.setdefault((pid, entry.day), []).append((talk.start, talk.end))
    out: list[tuple[str, dt.date, int, int, int]] = []
    counter: dict[str, int] = {}
    for (pid, day), intervals in sorted(spans.items(), key=lambda x: (x[0][0], str(x[0][1]))):
        merged: list[list[int]] = []
        for start, end in sorted(intervals):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        for start, end in merged:
            counter[pid] = counter.get(pid, 0) + 1
            out.append((pid, day, start, end, counter[pid]))
    return out


def merged(sessions: Schedule, talks: Schedule) -> list[ScheduledSession]:
    """The sessions' schedule without the pinned facts, and the talk sessions, by time."""
    facts = {entry.id for entry in talks.sessions}
    kept = [s for s in sessions.sessions if s.id not in facts and s.instrument != DUTY]
    return sorted([*kept, *talks.sessions], key=lambda x: (x.day, x.start, x.room or ""))
