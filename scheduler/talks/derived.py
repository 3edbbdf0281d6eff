"""Data CoSPLib derives from a problem: time-zone penalties and the three conflict lists.

Moved from plugins/confsched_cosplib/derived.py (the CoSPLib reader's rules, CoSPLib:
``Solver/domain/problem.py``, ``__set_conflicts`` and ``__set_timezone_penalties``), over
the neutral :class:`~scheduler.talks.problem.TalkProblem`. Shared by the solver and the
checker: it defines *who* conflicts with whom, never where anything is placed.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from scheduler.scenario.model import Scenario
    from scheduler.talks.problem import TalkProblem


def derive(problem: TalkProblem, scenario: Scenario) -> None:
    """Fill the derived data: time-zone penalties and the three conflict lists."""
    problem.sub_timezone = timezone_penalties(problem, scenario)
    problem.attendee_conflicts = attendee_conflicts(problem)
    problem.presenter_conflicts = presenter_conflicts(problem)
    problem.track_chair_conflicts = chair_conflicts(problem)


def timezone_penalties(problem: TalkProblem, scenario: Scenario) -> list[list[int]]:
    """Penalty of holding each talk in each talk-slot, seen from the presenter's zone.

    The talk-slot's start and end (on the event's clock, on its own day) are converted to
    the talk's zone. *Big* penalty if it starts before the less-suitable window opens,
    ends after it closes, or ends before it opens (it ran past midnight); else *small*
    penalty if it starts before the suitable window or ends after it; else 0 (CoSPLib's
    rule; CoSPLib converts on one fixed date, we on the talk-slot's own day).
    """
    settings = scenario.weights.talks.timezones
    suitable = (_time(settings.suitable[0]), _time(settings.suitable[1]))
    less_suitable = (_time(settings.less_suitable[0]), _time(settings.less_suitable[1]))
    local = ZoneInfo(scenario.event.timezone)
    out: list[list[int]] = []
    zones = {name: ZoneInfo(name) for name in {s.timezone for s in problem.submissions}}
    for sub in problem.submissions:
        row = []
        for block in problem.sessions:
            begin = dt.datetime.combine(block.day, _time(block.start), tzinfo=local)
            end = begin + dt.timedelta(minutes=block.end - block.start)
            row.append(zone_penalty(begin, end, zones[sub.timezone], suitable, less_suitable,
                                    settings.small, settings.big))
        out.append(row)
    return out


def zone_penalty(begin: dt.datetime, end: dt.datetime, target: dt.tzinfo,
                 suitable: tuple[dt.time, dt.time], less_suitable: tuple[dt.time, dt.time],
                 small: int, big: int) -> int:
    """CoSPLib's time-zone penalty of a block from ``begin`` to ``end`` for someone in
    ``target``: *big* if, on their clock, it starts before the less-suitable window
    opens, ends after it closes, or ends before it opens (it ran past midnight); else
    *small* if it starts before the suitable window or ends after it; else 0."""
    start, stop = begin.astimezone(target).time(), end.astimezone(target).time()
    less_from, less_to = less_suitable
    suitable_from, suitable_to = suitable
    if start < less_from or stop > less_to or stop < less_from:
        return big
    if (less_from <= start < suitable_from) or (suitable_to < stop <= less_to):
        return small
    return 0


def _time(minutes: int) -> dt.time:
    """A clock time (minutes after midnight; 24:00 is the last moment of the day)."""
    if minutes >= 24 * 60:
        return dt.time(23, 59, 59)
    return dt.time(minutes // 60, minutes % 60)


def attendee_conflicts(problem: TalkProblem) -> list[set[int]]:
    """For each submission, the submissions an attendee of it also wants to be at.

    Two submissions conflict when one's attendee is an attendee or a presenter of the
    other, or chairs the other's track (tracks differing). The relation is symmetric.
    """
    subs = problem.submissions
    people_of = [set(sub.attendees) | set(sub.presenters) for sub in subs]
    out: list[set[int]] = [set() for _ in subs]
    by_person: dict[str, list[int]] = {}
    for j, people in enumerate(people_of):
        for person in people:
            by_person.setdefault(person, []).append(j)
    for i, sub in enumerate(subs):
        for person in sub.attendees:
            for j in by_person.get(person, []):
                if j != i:
                    out[i].add(j)
                    out[j].add(i)
            for j, other in enumerate(subs):
                if j != i and other.track != sub.track and person in problem.chairs[other.track]:
                    out[i].add(j)
                    out[j].add(i)
    return out


def presenter_conflicts(problem: TalkProblem) -> list[set[int]]:
    """For each submission, the submissions whose presenter clashes with it.

    Two submissions conflict when they share a presenter, or when a presenter of one
    chairs the other's track and the two tracks differ (a chair cannot present in
    another track at the same time). The relation is symmetric. (CoSPLib:
    ``problem.py`` ``__set_conflicts``, first loop.)
    """
    subs = problem.submissions
    out: list[set[int]] = [set() for _ in subs]
    by_presenter: dict[str, list[int]] = {}
    for j, sub in enumerate(subs):
        for person in sub.presenters:
            by_presenter.setdefault(person, []).append(j)
    chaired_by: dict[str, list[int]] = {}
    for k, chairs in enumerate(problem.chairs):
        for person in chairs:
            chaired_by.setdefault(person, []).append(k)
    by_track: dict[int, list[int]] = {}
    for j, sub in enumerate(subs):
        by_track.setdefault(sub.track, []).append(j)
    for i, sub in enumerate(subs):
        for person in sub.presenters:
            for j in by_presenter.get(person, []):
                if j != i:
                    out[i].add(j)
                    out[j].add(i)
            for k in chaired_by.get(person, []):
                if k == sub.track:
                    continue
                for j in by_track.get(k, []):
                    out[i].add(j)
                    out[j].add(i)
    return out


def chair_conflicts(problem: TalkProblem) -> list[set[int]]:
    """For each track, the other tracks that share a chair with it (symmetric).

    (CoSPLib: ``problem.py`` ``__set_conflicts``, second loop.)
    """
    out: list[set[int]] = [set() for _ in problem.chairs]
    for k1, chairs in enumerate(problem.chairs):
        for k2, others in enumerate(problem.chairs):
            if k1 != k2 and set(chairs) & set(others):
                out[k1].add(k2)
                out[k2].add(k1)
    return out
