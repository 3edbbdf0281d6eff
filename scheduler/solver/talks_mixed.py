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
reported unknown, the diagnosis saying that the sessions cannot be placed *given the talks'
timetable* (no proof that the event has no schedule: ``talks_run.sessions_around``).
Talks keep their own slot grid, so each fact is rounded out to the event's
(:func:`around_talks`).
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
    """The scenario's sessions with the talk sessions of ``talks`` as pinned facts.

    The solve of the sessions counts time in steps of ``event.granularity``, and a pinned
    start off that grid allows nothing (``time-grid``); talks keep their own slot grid
    (20-minute talks from 10:30 on a 30-minute grid end at 10:50, 11:10, ...). So each
    fact covers its stretch rounded out to the grid (start down, end up), the facts of one
    room (and one person's duties) merged where the rounding makes them overlap: stricter
    than the talks' true times, never laxer, so the sessions placed around them still fit
    beside the true talk sessions."""
    g = scenario.event.granularity
    fixed: list[Session] = []
    by_room: dict[tuple[str | None, dt.date], list[tuple[int, int, str, str]]] = {}
    for entry in talks.sessions:
        by_room.setdefault((entry.room, entry.day), []).append(
            (entry.start, entry.end, entry.id, entry.format))
    for (room, day), spans in sorted(by_room.items(), key=lambda x: (str(x[0][1]),
                                                                      x[0][0] or "")):
        for start, end, ids, remote in _on_grid(
                [(s, e, [i], f != "in-person") for s, e, i, f in spans], g):
            fixed.append(Session(
                id="+".join(ids), title=", ".join(ids), instrument="talk-session",
                duration=end - start, format="hybrid" if remote else "in-person",
                pin=Pin(day=day, start=start, room=room)))
    duties: dict[tuple[str, dt.date], list[tuple[int, int, list[str], bool]]] = {}
    for pid, day, start, end, n in busy_stretches(talks):
        duties.setdefault((pid, day), []).append((start, end, [str(n)], False))
    for (pid, day), stretches in sorted(duties.items(),
                                        key=lambda x: (x[0][0], str(x[0][1]))):
        for start, end, ns, _ in _on_grid(stretches, g):
            fixed.append(Session(
                id=f"{DUTY}.{pid}.{ns[0]}",
                title=f"{scenario.person(pid).label}: talks and chairing", instrument=DUTY,
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


def _on_grid(spans: list[tuple[int, int, list[str], bool]], g: int
             ) -> list[tuple[int, int, list[str], bool]]:
    """Stretches ``(start, end, names, remote)`` rounded out to multiples of ``g`` and
    merged where they then overlap (names joined, remote if any part is)."""
    out: list[tuple[int, int, list[str], bool]] = []
    for start, end, names, remote in sorted(spans):
        start, end = start // g * g, -(-end // g) * g
        if out and start < out[-1][1]:
            a, b, before, was = out[-1]
            out[-1] = (a, max(b, end), [*before, *names], was or remote)
        else:
            out.append((start, end, names, remote))
    return out


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


def merged(sessions: Schedule, talks: Schedule, known: set[str]) -> list[ScheduledSession]:
    """The sessions' schedule without the pinned facts (only the ``known`` ids, the
    scenario's own sessions), and the talk sessions, by time."""
    kept = [s for s in sessions.sessions if s.id in known]
    return sorted([*kept, *talks.sessions], key=lambda x: (x.day, x.start, x.room or ""))
