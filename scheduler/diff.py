"""What changed between two schedules of one event, and who is affected.

Used after a re-solve (``confsched solve --from``) so that participants' calendars and
online meetings can follow: each change names the session, what moved, and the people
(facilitators and, with the scenario, registered participants) who need to know.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

from scheduler.scenario import Scenario
from scheduler.schedule import Schedule, ScheduledSession
from scheduler.timeparse import format_clock

ChangeKind = Literal["moved", "re-roomed", "re-tracked", "format", "re-assigned", "regrouped",
                     "added", "dropped"]


@dataclass
class Change:
    """One difference for one session."""

    session: str
    title: str
    kinds: list[ChangeKind]
    before: str | None
    """``2022-06-07 10:40-12:30 @ hall`` or None when added."""
    after: str | None
    people: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    reassigned: dict[str, list[list[str]]] = field(default_factory=dict)
    """Role -> [people before, people after], for each role whose people changed
    (``re-assigned``): who hands the session over to whom."""


@dataclass
class ScheduleDiff:
    """Every change between an earlier and a later schedule."""

    changes: list[Change]
    unchanged: int

    @property
    def changed_sessions(self) -> int:
        return len(self.changes)

    def count(self, kind: ChangeKind) -> int:
        return sum(kind in change.kinds for change in self.changes)

    def affected_people(self) -> list[str]:
        return sorted({p for c in self.changes for p in c.people})

    def affected_participants(self) -> list[str]:
        return sorted({p for c in self.changes for p in c.participants})

    def to_data(self) -> dict[str, object]:
        return {
            "changed_sessions": self.changed_sessions,
            "unchanged_sessions": self.unchanged,
            "counts": {k: self.count(k) for k in
                       ("moved", "re-roomed", "re-tracked", "format", "re-assigned",
                        "regrouped", "added", "dropped")},
            "affected_people": self.affected_people(),
            "affected_participants": self.affected_participants(),
            "changes": [asdict(change) for change in self.changes],
        }


def describe_place(item: ScheduledSession) -> str:
    """``2022-06-07 10:40-12:30 @ hall`` (or ``online``)."""
    where = item.room or "online"
    return f"{item.day} {format_clock(item.start)}-{format_clock(item.end)} @ {where}"


def diff_schedules(
    before: Schedule, after: Schedule, scenario: Scenario | None = None
) -> ScheduleDiff:
    """Compare two schedules session by session (by id)."""
    old, new = before.by_id(), after.by_id()
    wanted = _registrations_by_session(scenario)
    label = {r.id: r.name or r.id for r in (scenario.participants.registrations
                                             if scenario is not None else [])}
    changes: list[Change] = []
    unchanged = 0
    for sid in [*old, *(s for s in new if s not in old)]:
        a, b = old.get(sid), new.get(sid)
        kinds = _kinds(a, b)
        if not kinds:
            unchanged += 1
            continue
        present = b or a
        assert present is not None
        people = sorted({p for ids in present.people.values() for p in ids}
                        | ({p for ids in a.people.values() for p in ids} if a else set()))
        key = present.series or sid
        changes.append(Change(
            session=sid,
            title=present.title,
            kinds=kinds,
            before=describe_place(a) if a else None,
            after=describe_place(b) if b else None,
            people=people,
            reassigned=_reassigned(a, b),
            participants=sorted(wanted.get(sid, set()) | wanted.get(key, set())
                                | {label.get(r, r) for r in _given_told(a, b, kinds)}),
        ))
    return ScheduleDiff(changes=changes, unchanged=unchanged)


def _kinds(a: ScheduledSession | None, b: ScheduledSession | None) -> list[ChangeKind]:
    if a is None and b is None:
        return []
    if a is None:
        return ["added"]
    if b is None:
        return ["dropped"]
    kinds: list[ChangeKind] = []
    if (a.day, a.start, a.end) != (b.day, b.start, b.end):
        kinds.append("moved")
    if a.room != b.room:
        kinds.append("re-roomed")
    if a.track != b.track:
        kinds.append("re-tracked")
    if a.format != b.format:
        kinds.append("format")
    if _staff(a) != _staff(b):
        kinds.append("re-assigned")  # people chosen from pools changed (#12)
    if set(a.registrations) != set(b.registrations):
        kinds.append("regrouped")  # registrations given it from their choices changed (#12)
    return kinds


def _reassigned(a: ScheduledSession | None,
                b: ScheduledSession | None) -> dict[str, list[list[str]]]:
    """Role -> [before, after] (sorted ids) for each role whose people changed."""
    if a is None or b is None:
        return {}
    was, now = _staff(a), _staff(b)
    return {role: [sorted(was.get(role, set())), sorted(now.get(role, set()))]
            for role in sorted(set(was) | set(now)) if was.get(role) != now.get(role)}


def _given_told(a: ScheduledSession | None, b: ScheduledSession | None,
                kinds: list[ChangeKind]) -> set[str]:
    """Registrations given the session (#12) who need to know: those who moved in or out
    of it, and when it moved or changed otherwise, everyone given it before or after."""
    before = set(a.registrations) if a else set()
    after = set(b.registrations) if b else set()
    if kinds == ["regrouped"]:
        return before ^ after
    return before | after


def _staff(item: ScheduledSession) -> dict[str, set[str]]:
    """Role -> the people the schedule lists (order does not matter)."""
    return {role: set(ids) for role, ids in item.people.items() if ids}


def _registrations_by_session(scenario: Scenario | None) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    if scenario is None:
        return out
    for registration in scenario.participants.registrations:
        for ref in registration.sessions:
            out.setdefault(ref, set()).add(registration.name or registration.id)
    return out


def format_diff(diff: ScheduleDiff, scenario: Scenario | None = None) -> str:
    """The diff in words, one block per changed session.

    With the scenario, rooms and people are named as the organiser wrote them (``Большой
    зал``, ``Айгуль``) instead of by id; the JSON form always keeps the ids.
    """
    if not diff.changes:
        return f"no changes ({_sessions(diff.unchanged)} unchanged)"
    rooms = {r.id: r.name for r in scenario.rooms if r.name} if scenario else {}
    names = {p.id: p.name for p in scenario.people if p.name} if scenario else {}

    def place(text: str) -> str:
        when, _, where = text.rpartition(" @ ")
        return f"{when} @ {rooms.get(where, where)}"

    def person(pid: str) -> str:
        return names.get(pid, pid)

    lines = []
    for change in diff.changes:
        what = ", ".join(change.kinds)
        lines.append(f"{what}: {change.title} [{change.session}]")
        if change.before:
            lines.append(f"    before: {place(change.before)}")
        if change.after:
            lines.append(f"    after:  {place(change.after)}")
        for role, (was, now) in change.reassigned.items():
            lines.append(f"    {role}: {', '.join(map(person, was)) or 'nobody'} -> "
                         f"{', '.join(map(person, now)) or 'nobody'}")
        if change.people:
            lines.append(f"    people: {', '.join(map(person, change.people))}")
        if change.participants:
            lines.append(f"    registered participants: {len(change.participants)}")
    summary = (
        f"{_sessions(diff.changed_sessions)} changed, {diff.unchanged} unchanged: "
        + ", ".join(f"{diff.count(k)} {k}" for k in
                    ("moved", "re-roomed", "re-tracked", "format", "re-assigned", "added",
                        "dropped")
                    if diff.count(k))
    )
    people = [person(pid) for pid in diff.affected_people()]
    participants = diff.affected_participants()
    lines.append("")
    lines.append(summary)
    lines.append(f"people to inform: {', '.join(people) if people else 'none'}")
    if participants:
        lines.append(f"registered participants to inform: {len(participants)}")
    return "\n".join(lines)


def _sessions(count: int) -> str:
    return f"{count} session" if count == 1 else f"{count} sessions"
