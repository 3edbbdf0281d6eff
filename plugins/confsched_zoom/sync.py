"""Carry out a sync plan against Zoom, recording each step in the state file at once.

The rules:

- After every successful call the state file is written (atomically), so a run that dies
  half-way can simply be run again: finished meetings are not created twice.
- Before a meeting is created, its key is written to ``pending``; when the answer arrives
  the meeting is recorded and the key removed. If a run finds a key still pending (the
  answer was lost), it first looks for the meeting among the host's upcoming meetings
  (same topic, start and duration) and adopts it instead of creating a duplicate.
- An update answered with 404 (the meeting was deleted on Zoom's side) creates a new
  meeting. A deletion answered with 404 counts as done.
- The first failure stops the run with Zoom's code and message; the state keeps what was
  done before it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any

from confsched_zoom.client import ZoomClient, ZoomError
from confsched_zoom.meetings import MeetingSpec
from confsched_zoom.plan import Action, describe
from confsched_zoom.state import MeetingRecord, ZoomState

Echo = Callable[[str], None]


def _record(spec: MeetingSpec, data: dict[str, Any], what: str) -> MeetingRecord:
    try:
        meeting_id = str(data["id"])
        join_url = str(data["join_url"])
    except KeyError as exc:
        raise ZoomError(f"{what}: Zoom's answer has no {exc.args[0]!r}") from None
    passcode = data.get("password")
    return MeetingRecord(
        meeting_id=meeting_id, join_url=join_url,
        passcode=str(passcode) if passcode else None, host=spec.host, start=spec.start,
        duration=spec.duration, timezone=spec.timezone, topic=spec.topic,
        sessions=list(spec.sessions), fingerprint=spec.fingerprint,
    )


def parse_zoom_time(value: str) -> dt.datetime | None:
    """Zoom's ``start_time`` (``2022-06-07T04:00:00Z``) as an aware datetime."""
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    return parsed if parsed.tzinfo else None


class Syncer:
    """Runs the actions of a plan with one client, keeping the state file up to date."""

    def __init__(self, client: ZoomClient, state: ZoomState, echo: Echo) -> None:
        self.client = client
        self.state = state
        self.echo = echo
        self.done: Counter[str] = Counter()

    def run(self, actions: list[Action]) -> Counter[str]:
        """Do every action that is not ``keep``; return how many of each kind were done."""
        for action in actions:
            if action.kind == "keep":
                self.done["kept"] += 1
                continue
            self.echo(describe(action))
            getattr(self, f"_{action.kind}")(action)
        return self.done

    # ------------------------------------------------------------------ steps

    def _delete(self, action: Action) -> None:
        record = action.record
        assert record is not None
        found = self.client.delete_meeting(
            record.meeting_id, f"deleting meeting {record.meeting_id} of {action.label}")
        if not found:
            self.echo(f"          (meeting {record.meeting_id} was already gone from Zoom)")
        self.state.meetings.pop(action.key, None)
        self.state.save()
        self.done["deleted"] += 1

    def _update(self, action: Action) -> None:
        spec, record = action.spec, action.record
        assert spec is not None and record is not None
        found = self.client.update_meeting(
            record.meeting_id, spec.patch_body(),
            f"updating meeting {record.meeting_id} of {spec.label}")
        if not found:
            self.echo(f"          meeting {record.meeting_id} was deleted on Zoom; "
                      "creating a new one")
            self.state.meetings.pop(action.key, None)
            self.state.save()
            self._create_spec(spec)
            self.done["recreated"] += 1
            return
        record.start, record.duration = spec.start, spec.duration
        record.topic, record.timezone = spec.topic, spec.timezone
        record.sessions, record.fingerprint = list(spec.sessions), spec.fingerprint
        self.state.save()
        self.done["updated"] += 1

    def _recreate(self, action: Action) -> None:
        spec, record = action.spec, action.record
        assert spec is not None and record is not None
        self.client.delete_meeting(
            record.meeting_id, f"deleting meeting {record.meeting_id} of {spec.label} "
            "(its host changed)")
        self.state.meetings.pop(action.key, None)
        self.state.save()
        self._create_spec(spec)
        self.done["recreated"] += 1

    def _create(self, action: Action) -> None:
        assert action.spec is not None
        self._create_spec(action.spec)
        self.done["created"] += 1

    def _create_spec(self, spec: MeetingSpec) -> None:
        what = f"creating the meeting of {spec.label}"
        if spec.key in self.state.pending and self._adopt(spec):
            return
        self.state.pending[spec.key] = {"host": spec.host, "topic": spec.topic,
                                        "start": spec.start, "timezone": spec.timezone}
        self.state.save()
        try:
            data = self.client.create_meeting(spec.host, spec.create_body(), what)
        except ZoomError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                # Zoom refused it: nothing was created, nothing to adopt later.
                self.state.pending.pop(spec.key, None)
                self.state.save()
            raise
        self.state.meetings[spec.key] = _record(spec, data, what)
        self.state.pending.pop(spec.key, None)
        self.state.save()

    def _adopt(self, spec: MeetingSpec) -> bool:
        """Find a meeting an interrupted run created for ``spec``; record it if found."""
        what = f"looking for the meeting of {spec.label} that an interrupted run created"
        start = spec.start_utc()
        for item in self.client.list_meetings(spec.host, what):
            when = parse_zoom_time(str(item.get("start_time", "")))
            if (item.get("topic") == spec.topic and when == start
                    and item.get("duration") == spec.duration and "id" in item):
                full = self.client.get_meeting(str(item["id"]), what) or item
                self.state.meetings[spec.key] = _record(spec, full, what)
                self.state.pending.pop(spec.key, None)
                self.state.save()
                self.echo(f"          adopted meeting {item['id']} created by an interrupted run")
                self.done["adopted"] += 1
                return True
        return False


def remote_differences(client: ZoomClient, record: MeetingRecord, label: str) -> list[str]:
    """How the meeting on Zoom differs from the record (``["missing on Zoom"]`` if gone)."""
    data = client.get_meeting(record.meeting_id, f"reading meeting {record.meeting_id} of {label}")
    if data is None:
        return ["missing on Zoom (deleted there?); a sync creates it again"]
    out: list[str] = []
    if data.get("topic") != record.topic:
        out.append(f"topic on Zoom is {data.get('topic')!r}")
    if data.get("duration") != record.duration:
        out.append(f"duration on Zoom is {data.get('duration')} min")
    spec_start = MeetingSpec(key="", label="", sessions=(), host="", topic="", agenda="",
                             start=record.start, duration=0,
                             timezone=record.timezone).start_utc()
    when = parse_zoom_time(str(data.get("start_time", "")))
    if when is not None and when != spec_start:
        out.append(f"start on Zoom is {when.isoformat()}")
    return out
