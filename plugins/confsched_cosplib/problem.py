"""A CoSPLib instance and solution as the core's talks problem and grid.

The rule: the plugin reads CoSPLib's workbooks (:mod:`confsched_cosplib.instance`,
:mod:`confsched_cosplib.solution`), and everything CoSPLib computes from them, the
conflict lists and the exact objective, is computed once, by the core
(:mod:`scheduler.talks.derived`, :mod:`scheduler.talks.score`), over the instance handed
to the core field by field. CoSPLib has none of the engine's extra rules, so every room
is open, every talk and track allowed in every session, and no room is prescribed.
"""

from __future__ import annotations

import datetime as dt

from confsched_cosplib.instance import Instance
from confsched_cosplib.solution import Solution
from scheduler.talks.grid import Grid
from scheduler.talks.problem import Block, Submission, TalkProblem

UNDATED = dt.date(2021, 7, 21)
"""The day CoSPLib's reader converts time zones on (``Solver/domain/problem.py``), also
given to sessions without a date; no score term reads a session's day."""


def as_problem(instance: Instance) -> TalkProblem:
    """The instance as the core's problem, with the derived data the instance holds
    (time-zone penalties and conflict lists) copied; before :func:`derive` they are empty.

    Sessions keep their names (the scorer's time-slot keys are CoSPLib's ``session name +
    slot number``); their clock times are not carried (each is a block of its slots
    from midnight, one minute each): no term reads them, the time-zone penalties are
    the instance's own."""
    n_s, n_r, n_k = len(instance.sessions), len(instance.rooms), len(instance.tracks)
    subs = instance.submissions
    return TalkProblem(
        submissions=[Submission(s.name, s.track, s.slots, s.order, "UTC", s.presenters,
                                s.attendees) for s in subs],
        tracks=list(instance.tracks), chairs=instance.chairs,
        sessions=[Block(s.name, s.slots, s.date or UNDATED, 0, 1) for s in instance.sessions],
        rooms=list(instance.rooms), weights=dict(instance.weights),
        sub_session=instance.sub_session, sub_room=instance.sub_room,
        track_session=instance.track_session, track_room=instance.track_room,
        track_track=instance.track_track, session_room=instance.session_room,
        open=[[True] * n_r for _ in range(n_s)],
        track_allowed=[[True] * n_s for _ in range(n_k)],
        sub_allowed=[[True] * n_s for _ in subs], sub_rooms=[None] * len(subs),
        remote=[False] * len(subs), sub_timezone=instance.sub_timezone,
        attendee_conflicts=instance.attendee_conflicts,
        presenter_conflicts=instance.presenter_conflicts,
        track_chair_conflicts=instance.track_chair_conflicts,
    )


def as_grid(solution: Solution) -> Grid:
    """The solution as the core's grid (the same two lists, shared, not copied)."""
    return Grid(solution.tracks, solution.cells)


def derive(instance: Instance) -> None:
    """Fill the data CoSPLib's reader derives: the time-zone penalties (CoSPLib's rule,
    :func:`scheduler.talks.derived.zone_penalty`, on CoSPLib's one fixed day) and the
    three conflict lists (:mod:`scheduler.talks.derived`)."""
    from confsched_cosplib.instance import zone
    from scheduler.talks.derived import (
        attendee_conflicts,
        chair_conflicts,
        presenter_conflicts,
        zone_penalty,
    )

    local = zone(instance.local_timezone)
    zones = {name: zone(name) for name in {s.timezone for s in instance.submissions}}
    instance.sub_timezone = [
        [zone_penalty(dt.datetime.combine(UNDATED, session.start, tzinfo=local),
                      dt.datetime.combine(UNDATED, session.end, tzinfo=local),
                      zones[sub.timezone], instance.suitable, instance.less_suitable,
                      instance.small_tz_penalty, instance.big_tz_penalty)
         for session in instance.sessions]
        for sub in instance.submissions]
    problem = as_problem(instance)
    instance.attendee_conflicts = attendee_conflicts(problem)
    instance.presenter_conflicts = presenter_conflicts(problem)
    instance.track_chair_conflicts = chair_conflicts(problem)
