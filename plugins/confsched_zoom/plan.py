"""What a sync must do: compare the meetings a schedule needs with the state file.

The rules:

- A needed meeting with no record is **created**.
- A record whose host differs from the needed host is **recreated** (deleted, then created
  for the new host: Zoom cannot move a meeting to another host by PATCH).
- A record whose fingerprint differs (the session moved, got longer or shorter, was
  renamed) is **updated** with a PATCH; the join link stays the same.
- A record nobody needs any more (the session became in-person, was dropped, or the
  scenario switched to a fixed link) is **deleted**.
- Everything else is **kept**: no call at all.

Order: deletions first, then updates, then creations taken round-robin over the hosts, so
that per-user limits of one host are not hit by a long run of creations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from confsched_zoom.meetings import MeetingSpec
from confsched_zoom.state import MeetingRecord, ZoomState

Kind = Literal["create", "update", "recreate", "delete", "keep"]


@dataclass
class Action:
    """One step of a sync."""

    kind: Kind
    key: str
    spec: MeetingSpec | None = None
    record: MeetingRecord | None = None
    changes: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        if self.spec is not None:
            return self.spec.label
        return label_of_key(self.key)


def label_of_key(key: str) -> str:
    """How messages name a state key: ``session 'x'`` or ``room 'hall' on 2022-06-07``."""
    kind, _, rest = key.partition(":")
    if kind == "session":
        return f"session {rest!r}"
    if kind == "room-day" and "@" in rest:
        room, _, day = rest.rpartition("@")
        return f"room {room!r} on {day}"
    return key


def _changes(spec: MeetingSpec, record: MeetingRecord) -> list[str]:
    out: list[str] = []
    if spec.start != record.start:
        out.append(f"start {record.start.replace('T', ' ')[:16]} -> "
                   f"{spec.start.replace('T', ' ')[:16]}")
    if spec.duration != record.duration:
        out.append(f"duration {record.duration} -> {spec.duration} min")
    if spec.topic != record.topic:
        out.append("topic")
    if spec.timezone != record.timezone:
        out.append(f"timezone {record.timezone} -> {spec.timezone}")
    if not out:
        out.append("agenda")
    return out


def plan(needed: list[MeetingSpec], state: ZoomState) -> list[Action]:
    """The actions that bring Zoom (as the state records it) in line with ``needed``."""
    wanted = {spec.key: spec for spec in needed}
    deletes = [Action("delete", key, record=record)
               for key, record in state.meetings.items() if key not in wanted]
    updates: list[Action] = []
    keeps: list[Action] = []
    creates: list[Action] = []
    for spec in needed:
        record = state.meetings.get(spec.key)
        if record is None:
            creates.append(Action("create", spec.key, spec=spec))
        elif record.host != spec.host:
            updates.append(Action("recreate", spec.key, spec=spec, record=record,
                                  changes=[f"host {record.host} -> {spec.host}"]))
        elif record.fingerprint != spec.fingerprint:
            updates.append(Action("update", spec.key, spec=spec, record=record,
                                  changes=_changes(spec, record)))
        else:
            keeps.append(Action("keep", spec.key, spec=spec, record=record))
    return deletes + updates + _round_robin(creates) + keeps


def _round_robin(creates: list[Action]) -> list[Action]:
    """Creations interleaved by host: a, b, c, a, b, c, ... keeping each host's order."""
    queues: dict[str, list[Action]] = {}
    for action in creates:
        assert action.spec is not None
        queues.setdefault(action.spec.host, []).append(action)
    out: list[Action] = []
    while any(queues.values()):
        for queue in queues.values():
            if queue:
                out.append(queue.pop(0))
    return out


def describe(action: Action) -> str:
    """One line for the user, e.g. ``create  session 'x'  2022-06-07 10:40, 110 min, host me``."""
    if action.kind == "delete":
        assert action.record is not None
        return f"delete    {action.label}  meeting {action.record.meeting_id}"
    spec = action.spec
    assert spec is not None
    when = f"{spec.start.replace('T', ' ')[:16]}, {spec.duration} min, host {spec.host}"
    if action.kind == "create":
        return f"create    {spec.label}  {when}: {spec.topic}"
    assert action.record is not None
    detail = "; ".join(action.changes)
    if action.kind == "keep":
        return f"in step   {spec.label}  meeting {action.record.meeting_id}"
    return f"{action.kind:<9} {spec.label}  meeting {action.record.meeting_id}: {detail}"
