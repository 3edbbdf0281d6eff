"""The schedule file: the contract every plugin reads.

A schedule is what a solve produces: each session's day, start, end, room, track, people
and format; the placed breaks; the status and the objective breakdown. Times are wall-clock
times in the event's timezone. The file is YAML (``.yaml``/``.yml``) or JSON (``.json``),
with ``format: confsched-schedule`` and ``version: 1``. See ``docs/schedule-format.md``.
"""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from scheduler.atomic import atomic_write_text
from scheduler.errors import InputError, Problem
from scheduler.scenario.types import Clock, Format
from scheduler.yamlsafe import load_yaml_text, read_text

SCHEDULE_FORMAT = "confsched-schedule"
SCHEDULE_VERSION = 1
SCHEDULE_REFERENCE = "docs/schedule-format.md"
"""Where every field of a schedule file is described (named in the hints of its errors)."""


class SolveStatus(StrEnum):
    """How a solve ended."""

    OPTIMAL = "optimal"
    """Proven best for the objective."""
    FEASIBLE = "feasible"
    """Every hard rule holds; better may exist (see ``gap``)."""
    INFEASIBLE = "infeasible"
    """Proven that no schedule satisfies every hard rule."""
    UNKNOWN = "unknown"
    """No schedule found within the time limit, and no proof that none exists."""
    INVALID = "invalid"
    """The model was rejected (a bug: please report it)."""

    @property
    def has_schedule(self) -> bool:
        return self in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ScheduledTalk(_Model):
    """One talk of a talk session, in its place in time (docs/talks.md)."""

    id: str
    title: str = ""
    """A copy of the scenario's title when solved, for people reading the file."""
    start: Clock
    end: Clock
    presenters: list[str] = Field(default_factory=list)


class ScheduledSession(_Model):
    """Where and when one session takes place."""

    id: str
    title: str = ""
    """A copy of the scenario's title when solved, for people reading the file; never
    published: exporters and ``zoom sync`` read the scenario's title (scheduler/texts.py)."""
    instrument: str
    day: dt.date
    start: Clock
    end: Clock
    room: str | None = None
    """``None`` for online sessions, which need no room."""
    track: str | None = None
    format: Format = "in-person"
    people: dict[str, list[str]] = Field(default_factory=dict)
    participants: int = 0
    """Expected participants: the session's ``participants:``, plus the registrations the
    solver gave it (``registrations``)."""
    series: str | None = None
    talks: list[ScheduledTalk] = Field(default_factory=list)
    """A talk session (``instrument: talk-session``, id ``<talk-slot>.<room>``): its talks
    in order of time. Empty for every other session."""
    registrations: list[str] = Field(default_factory=list)
    """Registrations given this session from their ``choices:`` (ids, the organiser's file
    only: public outputs show the count in ``participants``, never who). Left out of the
    file when empty."""


class ScheduledBreak(_Model):
    """An event-wide break as placed (or fixed) on one day."""

    id: str
    """``<break id>@<day>``, unique in the schedule."""
    title: str = ""
    """A copy of the scenario's title when solved; never published (scheduler/texts.py)."""
    kind: str
    day: dt.date
    start: Clock
    end: Clock
    fixed: bool = False


class ObjectiveTerm(_Model):
    """One soft rule's contribution to the objective: ``penalty = weight * value``."""

    weight: int
    value: int
    penalty: int
    detail: str | None = None


class SolveInfo(_Model):
    """How the schedule was obtained."""

    solver: str = "cp-sat"
    time_seconds: float | None = None
    time_limit: float | None = None
    seed: int | None = None
    workers: int | None = None
    bound: float | None = None
    gap: float | None = None
    """Relative gap between objective and bound (0 when optimal)."""
    interrupted: bool = False
    """Stopped by the user (Ctrl-C) before the time limit: best found so far."""
    from_schedule: str | None = None
    """The earlier schedule a minimal-change re-solve started from."""


class Schedule(_Model):
    """A complete solved timetable of one scenario."""

    format: Literal["confsched-schedule"] = "confsched-schedule"
    version: Literal[1] = 1
    event: str
    """The event's name, as in the scenario."""
    event_id: str | None = None
    """The event's ``id:`` when the scenario gives one (left out of the file otherwise)."""
    timezone: str
    scenario_sha256: str | None = None
    """Fingerprint of the scenario file the schedule was solved from."""
    status: SolveStatus
    objective: int | None = None
    objective_terms: dict[str, ObjectiveTerm] = Field(default_factory=dict)
    solve: SolveInfo = Field(default_factory=SolveInfo)
    sessions: list[ScheduledSession] = Field(default_factory=list)
    dropped: list[str] = Field(default_factory=list)
    """Optional sessions that could not be placed."""
    breaks: list[ScheduledBreak] = Field(default_factory=list)

    @property
    def identity(self) -> str:
        """The event's identity the schedule was solved for (see ``Event.identity``)."""
        return self.event_id if self.event_id is not None else self.event

    def session(self, session_id: str) -> ScheduledSession:
        for item in self.sessions:
            if item.id == session_id:
                return item
        raise KeyError(session_id)

    def by_id(self) -> dict[str, ScheduledSession]:
        return {item.id: item for item in self.sessions}

    def to_data(self) -> dict[str, Any]:
        """Plain data for YAML/JSON (times as ``HH:MM``, dates ISO)."""
        data = self.model_dump(mode="json", exclude_none=False)
        if data["event_id"] is None:  # files of events without an id stay as they were
            del data["event_id"]
        for entry in data["sessions"]:  # fields only some sessions have: left out when empty
            for key in ("registrations", "talks"):
                if not entry[key]:
                    del entry[key]
        return data

    def dumps(self, kind: str = "yaml") -> str:
        data = self.to_data()
        if kind == "json":
            return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def event_label(name: str, event_id: str | None) -> str:
    """An event as messages name it: ``'Name'``, or ``'Name' (id: 'x')`` when it has an id."""
    return repr(name) + (f" (id: {event_id!r})" if event_id is not None else "")


def save_schedule(schedule: Schedule, path: str | Path) -> None:
    """Write a schedule atomically; JSON if the name ends in ``.json``, else YAML."""
    kind = "json" if str(path).endswith(".json") else "yaml"
    atomic_write_text(path, schedule.dumps(kind))


def load_schedule(path: str | Path) -> Schedule:
    """Read a schedule file; raise :class:`InputError` with places on problems."""
    from scheduler.scenario.load import validation_problems

    file = str(path)
    text = read_text(path)
    if file.endswith(".json"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError([Problem(
                f"this is not valid JSON: {exc.msg}", file=file, line=exc.lineno,
                column=exc.colno, hint="write the schedule again with confsched solve -o "
                "FILE.json, or fix the JSON at that place (a missing quote, comma or brace)",
            )]) from None
        from scheduler.yamlsafe import Positions

        positions = Positions(file)
    else:
        data, positions = load_yaml_text(text, file)
    if not isinstance(data, dict) or data.get("format") != SCHEDULE_FORMAT:
        raise InputError([Problem(
            "this is not a confsched schedule file (no 'format: confsched-schedule')",
            file=file, line=1, column=1,
            hint="pass the file written by `confsched solve -o`",
        )])
    try:
        return Schedule.model_validate(data)
    except ValidationError as exc:
        raise InputError(validation_problems(exc, positions, SCHEDULE_REFERENCE)) from None
