"""The generator's parameters and the named shapes (preset sizes) with their values.

The rule: a shape (``seminar``, ``pycon``, ``large``, ``euro``, ``informs``) is a full set
of parameters; any of sessions, rooms, days, tracks and registrations may be overridden,
and ``simple`` turns any shape into 30-minute in-person talks only. Parameters are checked
here (at least one session, room and day; no negative counts; at most 30 days).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from scheduler.errors import UsageError
from scheduler.generate.layout import EURO_DAY, INFORMS_DAY, MIXED_DAY, DayLayout
from scheduler.generate.mixes import KNOWLEDGE_MIX, SESSION_MIX, TALK_MIX


@dataclass(frozen=True)
class GeneratorParams:
    """Everything the generator needs besides the seed.

    ``sessions`` counts sessions after series are expanded (each meeting of a community
    of practice is one), including the opening, closing and other fixed items.
    """

    sessions: int
    rooms: int
    days: int
    tracks: int
    registrations: int = 0
    choices: int = 0
    """Ranked ``choices:`` per registration (#12); above 0 some workshops get ``runs:``."""
    shape: str = "custom"
    layout: DayLayout = MIXED_DAY
    granularity: int = 15
    mix: dict[str, float] = field(default_factory=lambda: dict(KNOWLEDGE_MIX))
    online_share: float = 0.08
    hybrid_share: float = 0.2
    extras: bool = True
    """Competitions, study tours, communities of practice, plenaries, extra constraints."""
    speakers_per_session: int = 1
    load: float = 0.75
    """Most of the room-time (working blocks x rooms) the planted timetable may fill."""
    simple: bool = False
    """Only 30-minute in-person talks with speakers, tracks, rooms, availability and
    registrations: the subset of the rules a slot-based peer (conference-scheduler) can
    express. No fixed items, no series, no ordering, no daily limits."""
    first_day: dt.date = dt.date(2026, 6, 1)
    pool_size: int = 0
    """People in the pool the solver chooses facilitators, experts, jury, coordinators and
    brokers from (written as ``needs:``); 0: every person is named, as before."""


SHAPES: dict[str, GeneratorParams] = {
    "seminar": GeneratorParams(sessions=20, rooms=5, days=1, tracks=3, registrations=40,
                               shape="seminar"),
    "pycon": GeneratorParams(sessions=100, rooms=6, days=2, tracks=6, registrations=300,
                             shape="pycon", mix=dict(TALK_MIX), online_share=0.0,
                             hybrid_share=0.1),
    "large": GeneratorParams(sessions=1000, rooms=40, days=3, tracks=30, registrations=1500,
                             shape="large", mix={**KNOWLEDGE_MIX, "talk": 130},
                             online_share=0.15),
    "euro": GeneratorParams(sessions=500, rooms=60, days=3, tracks=50, shape="euro",
                            layout=EURO_DAY, granularity=20, mix=dict(SESSION_MIX),
                            online_share=0.0, hybrid_share=0.05, extras=False,
                            speakers_per_session=4),
    "informs": GeneratorParams(sessions=1200, rooms=80, days=4, tracks=60, shape="informs",
                               layout=INFORMS_DAY, granularity=15, mix=dict(SESSION_MIX),
                               online_share=0.0, hybrid_share=0.05, extras=False,
                               speakers_per_session=4, load=0.8),
}
"""Preset sizes. ``euro``: 500 sessions of 4 x 20-minute talks in 14 slots (days of 5, 5
and 4 slots), ~60 rooms. ``informs``: 1,200 sessions of 4 talks, 80 rooms; 80 rooms x 15
slots would be 100% full and leave no choice, so the generator gives 4 days of 5 slots
(about 79% of the slot-room pairs used, the opening and closing included)."""


def params_for(
    shape: str | None = None, *, sessions: int | None = None, rooms: int | None = None,
    days: int | None = None, tracks: int | None = None, registrations: int | None = None,
    simple: bool = False, choices: int | None = None, pool_size: int | None = None,
) -> GeneratorParams:
    """Parameters of a preset shape (default ``seminar``) with any value overridden."""
    name = shape or "seminar"
    if name not in SHAPES:
        raise UsageError(f"unknown shape {name!r}; use one of: {', '.join(SHAPES)}")
    base = SHAPES[name]
    changes: dict[str, Any] = {}
    for key, value in (("sessions", sessions), ("rooms", rooms), ("days", days),
                       ("tracks", tracks), ("registrations", registrations),
                       ("choices", choices), ("pool_size", pool_size)):
        if value is not None:
            changes[key] = value
    params = replace(base, **changes)
    if simple:
        params = replace(params, simple=True, extras=False, online_share=0.0,
                         hybrid_share=0.0, mix={"talk": 1.0}, speakers_per_session=1,
                         shape=f"{params.shape}-simple", layout=MIXED_DAY, granularity=15)
    validate_params(params)
    return params


LIMITS = {"sessions": 20_000, "rooms": 2_000, "tracks": 2_000, "registrations": 500_000,
          "pool_size": 20_000}
"""Largest sizes generated: beyond them an event is no longer a conference (and the file
alone takes minutes to write)."""


def validate_params(p: GeneratorParams) -> None:
    """Refuse sizes the generator cannot build: fewer than one session, room or day, a
    negative number of tracks or registrations, more than 30 days, or more than ``LIMITS``."""
    for name in ("sessions", "rooms", "days"):
        if getattr(p, name) < 1:
            raise UsageError(f"--{name} must be at least 1 (got {getattr(p, name)})")
    if p.tracks < 0 or p.registrations < 0 or p.pool_size < 0:
        raise UsageError("--tracks, --registrations and --pool-size cannot be negative")
    if p.days > 30:
        raise UsageError(f"--days {p.days} is more than the generator supports (30)")
    if not 0 <= p.choices <= 10:
        raise UsageError(f"--choices {p.choices}: give 0 to 10 ranked choices per registration")
    for name, most in LIMITS.items():
        if getattr(p, name) > most:
            flag = name.replace("_", "-")
            raise UsageError(f"--{flag} {getattr(p, name)} is more than the generator supports "
                             f"({most:,}; the largest preset shape, informs, has "
                             f"{SHAPES['informs'].sessions:,} sessions)")


def iter_shapes() -> Iterable[str]:
    """The names of the preset shapes, in their fixed order."""
    return iter(SHAPES)
