"""Data CoSPLib derives from an instance: time-zone penalties and the three conflict lists.

Each follows CoSPLib's reader (``Solver/domain/problem.py``, ``__set_conflicts`` and
``__set_timezone_penalties``) rule for rule, so that the scorer gives the same numbers as
CoSPLib's checker.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from scheduler.errors import InputError, Problem

if TYPE_CHECKING:
    from confsched_cosplib.instance import Instance


def zone(name: str) -> dt.tzinfo:
    """A CoSPLib time zone: ``GMT+2`` means two hours ahead of UTC (``Etc/GMT-2``)."""
    label = name.strip()
    if label.upper().startswith("GMT") and label[3:4] in ("+", "-"):
        try:
            hours = int(label[4:])
        except ValueError:
            hours = None
        if hours is not None and 0 <= hours <= 14:
            if hours == 0:
                return ZoneInfo("Etc/GMT")
            flipped = "-" if label[3] == "+" else "+"
            return ZoneInfo(f"Etc/GMT{flipped}{hours}")
    try:
        return ZoneInfo(label)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError([Problem(
            f"unknown time zone {name!r}", hint="write it as GMT+2, GMT-5 or an IANA name",
        )]) from None


def timezone_penalties(instance: Instance) -> list[list[int]]:
    """Penalty of holding each submission in each session, seen from the presenter's zone.

    The session's start and end (on the local zone of the event) are converted to the
    submission's zone. *Big* penalty if it starts before the less-suitable window opens,
    ends after it closes, or ends before it opens (it ran past midnight); else *small*
    penalty if it starts before the suitable window or ends after it; else 0.
    """
    local = zone(instance.local_timezone)
    suitable_from, suitable_to = instance.suitable
    less_from, less_to = instance.less_suitable
    day = dt.date(2021, 7, 21)
    out: list[list[int]] = []
    zones = {name: zone(name) for name in {s.timezone for s in instance.submissions}}
    for sub in instance.submissions:
        target = zones[sub.timezone]
        row = []
        for session in instance.sessions:
            start = dt.datetime.combine(day, session.start, tzinfo=local).astimezone(target).time()
            end = dt.datetime.combine(day, session.end, tzinfo=local).astimezone(target).time()
            if start < less_from or end > less_to or end < less_from:
                row.append(instance.big_tz_penalty)
            elif (less_from <= start < suitable_from) or (suitable_to < end <= less_to):
                row.append(instance.small_tz_penalty)
            else:
                row.append(0)
        out.append(row)
    return out


def attendee_conflicts(instance: Instance) -> list[set[int]]:
    """For each submission, the submissions an attendee of it also wants to be at.

    Two submissions conflict when one's attendee is an attendee or a presenter of the
    other, or chairs the other's track (tracks differing). The relation is symmetric.
    """
    subs = instance.submissions
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
                if j != i and other.track != sub.track and person in instance.chairs[other.track]:
                    out[i].add(j)
                    out[j].add(i)
    return out


def presenter_conflicts(instance: Instance) -> list[set[int]]:
    """For each submission, the submissions whose presenter clashes with it.

    Two submissions conflict when they share a presenter, or when a presenter of one
    chairs the other's track and the two tracks differ (a chair cannot present in
    another track at the same time). The relation is symmetric. (CoSPLib:
    ``problem.py`` ``__set_conflicts``, first loop.)
    """
    subs = instance.submissions
    out: list[set[int]] = [set() for _ in subs]
    by_presenter: dict[str, list[int]] = {}
    for j, sub in enumerate(subs):
        for person in sub.presenters:
            by_presenter.setdefault(person, []).append(j)
    chaired_by: dict[str, list[int]] = {}
    for k, chairs in enumerate(instance.chairs):
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


def chair_conflicts(instance: Instance) -> list[set[int]]:
    """For each track, the other tracks that share a chair with it (symmetric).

    (CoSPLib: ``problem.py`` ``__set_conflicts``, second loop.)
    """
    out: list[set[int]] = [set() for _ in instance.chairs]
    for k1, chairs in enumerate(instance.chairs):
        for k2, others in enumerate(instance.chairs):
            if k1 != k2 and set(chairs) & set(others):
                out[k1].add(k2)
                out[k2].add(k1)
    return out
