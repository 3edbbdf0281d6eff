"""Carry out a sync plan against Zoom, recording each step in the state file at once.

The rules:

- After every successful call the state file is written (atomically), so a run that dies
  half-way can simply be run again: finished meetings are not created twice.
- Before a meeting is created, its key is written to ``pending``; when the answer arrives
  the meeting is recorded and the key removed. When the creation fails and nothing that
  could have created a meeting reached Zoom (no connection was made, the token could not
  be had, or Zoom refused the request with a 4xx), the mark is removed again at once.
- A key still pending (the answer was lost: a 5xx, a timeout, Ctrl-C) is looked up among
  its host's upcoming meetings by the identity line ``confsched-ref: <ref>/<key>`` that
  every created meeting carries in its agenda (never by host, topic or start), and
  adopted, with a PATCH if the schedule moved it since, instead of creating a duplicate.
  Such a meeting that is no longer needed at all is deleted.
- When that look-up itself fails (an app without the ``meeting:read`` scope, say), the
  message names the way out: ``confsched zoom sync ... --forget SESSION`` drops the mark.
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
from confsched_zoom.plan import Action, describe, label_of_key
from confsched_zoom.state import MeetingRecord, ZoomState, marker

LISTED_AGENDA = 250
"""Zoom shortens agendas in meeting lists; a listed agenda this long is read in full."""

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

    def __init__(self, client: ZoomClient, state: ZoomState, echo: Echo,
                 forget_hint: Callable[[str], str] | None = None) -> None:
        self.client = client
        self.state = state
        self.echo = echo
        self.done: Counter[str] = Counter()
        self.forget_hint = forget_hint or (lambda key: f"--forget {key}")
        """How to name the way out of a stuck pending mark for a key (a command line)."""

    def run(self, actions: list[Action]) -> Counter[str]:
        """Do every action that is not ``keep``; return how many of each kind were done.

        Interrupted creations for meetings no longer needed are cleaned up first.
        """
        self.forget_stale_pending({a.key for a in actions if a.kind != "delete"})
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
        self.state.pending[spec.key] = {"host": spec.host, "ref": self.state.ref,
                                        "start": spec.start, "topic": spec.topic}
        self.state.save()
        before = self.client.maybe_applied
        try:
            data = self.client.create_meeting(spec.host, spec.create_body(), what)
        except ZoomError:
            if self.client.maybe_applied == before:
                # Nothing that could have created a meeting reached Zoom.
                self.state.pending.pop(spec.key, None)
                self.state.save()
            raise
        self.state.meetings[spec.key] = _record(spec, data, what)
        self.state.pending.pop(spec.key, None)
        self.state.save()

    def _find_pending(self, key: str, label: str) -> dict[str, Any] | None:
        """The meeting an interrupted run created for ``key``, found by its identity line.

        Only a meeting whose agenda carries ``confsched-ref: <this state's ref>/<key>`` is
        ever returned: another state's meetings, or meetings made by hand, never match.
        """
        pending = self.state.pending.get(key) or {}
        host = str(pending.get("host") or "me")
        ref = str(pending.get("ref") or self.state.ref)
        tag = marker(ref, key)
        what = f"looking for the meeting of {label} that an interrupted run created"
        try:
            for item in self.client.list_meetings(host, what):
                if "id" not in item:
                    continue
                agenda = str(item.get("agenda") or "")
                if tag in agenda.splitlines():
                    return self.client.get_meeting(str(item["id"]), what) or item
                if len(agenda) >= LISTED_AGENDA:  # shortened in the list: read it whole
                    full = self.client.get_meeting(str(item["id"]), what)
                    if full is not None and tag in str(full.get("agenda") or "").splitlines():
                        return full
        except ZoomError as exc:
            raise ZoomError(
                f"{exc}\n    an earlier run was interrupted while creating the meeting of "
                f"{label}, and confsched cannot look on Zoom whether it was created. "
                "Give the Zoom app the meeting:read:admin scope and run the same command "
                "again, or, if no such meeting exists (or you deleted it), drop the mark: "
                f"{self.forget_hint(key)}", status=exc.status, code=exc.code,
            ) from None
        return None

    def _adopt(self, spec: MeetingSpec) -> bool:
        """Record the meeting an interrupted run created for ``spec`` (moved if need be)."""
        found = self._find_pending(spec.key, spec.label)
        if found is None:
            return False
        what = f"adopting meeting {found['id']} of {spec.label}"
        record = _record(spec, found, what)
        when = parse_zoom_time(str(found.get("start_time", "")))
        moved = (when != spec.start_utc() or found.get("duration") != spec.duration
                 or found.get("topic") != spec.topic or found.get("agenda", "") != spec.agenda)
        if moved and not self.client.update_meeting(record.meeting_id, spec.patch_body(), what):
            return False
        self.state.meetings[spec.key] = record
        self.state.pending.pop(spec.key, None)
        self.state.save()
        self.echo(f"          adopted meeting {record.meeting_id} created by an interrupted run")
        self.done["adopted"] += 1
        return True

    def forget_stale_pending(self, wanted: set[str]) -> None:
        """Delete meetings an interrupted run created for keys no longer needed."""
        for key in [k for k in self.state.pending if k not in wanted]:
            label = label_of_key(key)
            found = self._find_pending(key, label)
            if found is not None:
                self.echo(f"delete    {label}  meeting {found['id']} (created by an "
                          "interrupted run, no longer needed)")
                self.client.delete_meeting(str(found["id"]), f"deleting meeting {found['id']} "
                                           f"of {label}")
                self.done["deleted"] += 1
            self.state.pending.pop(key, None)
            self.state.save()


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
