"""Writing CoSPLib-format instance workbooks: from a spec, or generated at random.

:class:`Spec` holds everything a CoSPLib workbook can say (every sheet, every column);
:func:`write_workbook` lays it out exactly as CoSPLib's datasets do (the ``parameters``
sheet's labels in column A/D, values in B/E; one column per session and room after the
seven submission columns; penalty matrices with names in row 1 and column A; empty cells
for 0). :func:`random_spec` draws an instance of a given shape that exercises every
feature: presenters with several submissions, chairs who present and chair several
tracks, attendees, time zones, submission order, multi-slot submissions, unavailable
(heavily penalised) rooms, sessions and tracks, and a similar-tracks matrix.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import dataclass, field
from pathlib import Path

from confsched_cosplib.instance import WEIGHT_NAMES
from scheduler.atomic import atomic_write_bytes

#: The labels of the weights in column D of the parameters sheet, in sheet order.
WEIGHT_LABELS = (
    "Tracks_Sessions|Penalty:", "Tracks_Rooms|Penalty:", "Sessions_Rooms|Penalty:",
    "Similar Tracks:", "Number of Rooms per Track:", "Parallel Tracks:",
    "Consecutive Tracks:", "Submissions_Timezones:", "Submissions Order:",
    "Submissions_Sessions|Penalty:", "Submissions_Rooms|Penalty:", "Presenters Conflicts:",
    "Attendees Conflicts:", "Chairs Conflicts:", "Presenters Conflicts Timeslot Level:",
    "Attendees Conflicts Timeslot Level:",
)


@dataclass
class Sub:
    """One row of the submissions sheet."""

    name: str
    track: str
    slots: int = 1
    order: int = 0
    timezone: str = "GMT+0"
    presenters: list[str] = field(default_factory=list)
    attendees: list[str] = field(default_factory=list)
    session_penalty: dict[str, int] = field(default_factory=dict)
    room_penalty: dict[str, int] = field(default_factory=dict)


@dataclass
class Spec:
    """A whole CoSPLib instance. Sessions are ``(name, slots, date, start, end)``;
    matrices map ``(row name, column name)`` to a penalty (absent: empty cell, 0)."""

    sessions: list[tuple[str, int, dt.date, dt.time, dt.time]]
    rooms: list[str]
    tracks: list[tuple[str, list[str]]]
    submissions: list[Sub]
    weights: dict[str, int] = field(default_factory=lambda: dict.fromkeys(WEIGHT_NAMES, 0))
    local_timezone: str = "GMT+0"
    suitable: tuple[dt.time, dt.time] = (dt.time(9, 0), dt.time(18, 0))
    less_suitable: tuple[dt.time, dt.time] = (dt.time(7, 0), dt.time(22, 0))
    small_tz_penalty: int = 1
    big_tz_penalty: int = 10
    track_session: dict[tuple[str, str], int] = field(default_factory=dict)
    track_room: dict[tuple[str, str], int] = field(default_factory=dict)
    session_room: dict[tuple[str, str], int] = field(default_factory=dict)
    similar: dict[tuple[str, str], int] = field(default_factory=dict)
    """Similar tracks: CoSPLib reads the cell in the earlier track's row only."""


def _cell(value: int) -> int | None:
    return value or None


def workbook_bytes(spec: Spec) -> bytes:
    """The spec as .xlsx bytes in CoSPLib's dataset layout."""
    import openpyxl

    wb = openpyxl.Workbook()
    params = wb.active
    assert params is not None
    params.title = "parameters"
    left: list[tuple[str | None, object]] = [
        ("Sessions", None), ("Local time zone:", spec.local_timezone),
        ("Suitable scheduling times", None), ("From:", spec.suitable[0]),
        ("To:", spec.suitable[1]), ("Less suitable scheduling times", None),
        ("From:", spec.less_suitable[0]), ("To:", spec.less_suitable[1]),
        ("Penalty:", spec.small_tz_penalty), ("Unsuitable scheduling times", None),
        ("Penalty:", spec.big_tz_penalty),
    ]
    for row in range(17):
        label, value = left[row] if row < len(left) else (None, None)
        right: tuple[str | None, object] = ("Weights", None) if row == 0 else (
            WEIGHT_LABELS[row - 1], spec.weights.get(WEIGHT_NAMES[row - 1], 0))
        params.append([label, value, None, *right])
    session_names = [s[0] for s in spec.sessions]
    track_names = [t[0] for t in spec.tracks]
    subs = wb.create_sheet("submissions")
    subs.append(["Reference", "Track", "Required Timeslots", "Order", "Time Zone",
                 "Presenters", "Attendees", *session_names, *spec.rooms])
    for sub in spec.submissions:
        subs.append([
            sub.name, sub.track, sub.slots, sub.order, sub.timezone,
            ", ".join(sub.presenters) or None, ", ".join(sub.attendees) or None,
            *[_cell(sub.session_penalty.get(s, 0)) for s in session_names],
            *[_cell(sub.room_penalty.get(r, 0)) for r in spec.rooms],
        ])
    tracks = wb.create_sheet("tracks")
    tracks.append(["Tracks", "Chairs"])
    for name, chairs in spec.tracks:
        tracks.append([name, ", ".join(chairs) or None])
    sessions = wb.create_sheet("sessions")
    sessions.append(["Sessions", "Max Number of Timeslots", "Date", "Start Time", "End Time"])
    for name, slots, date, start, end in spec.sessions:
        sessions.append([name, slots, dt.datetime.combine(date, dt.time()), start, end])
    rooms = wb.create_sheet("rooms")
    rooms.append(["Rooms"])
    for room in spec.rooms:
        rooms.append([room])
    for title, rows, cols, values in (
        ("tracks_sessions|penalty", track_names, session_names, spec.track_session),
        ("tracks_rooms|penalty", track_names, spec.rooms, spec.track_room),
        ("similar tracks", track_names, track_names, spec.similar),
        ("sessions_rooms|penalty", session_names, spec.rooms, spec.session_room),
    ):
        sheet = wb.create_sheet(title)
        sheet.append([None, *cols])
        for name in rows:
            sheet.append([name, *[_cell(values.get((name, col), 0)) for col in cols]])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write_workbook(path: str | Path, spec: Spec) -> None:
    """Write the spec as a CoSPLib instance workbook (atomically)."""
    atomic_write_bytes(path, workbook_bytes(spec))


#: Shapes of generated instances: (tracks, sessions, rooms, slots per session, load),
#: where load is the share of all room-slots the submissions need.
SHAPES = {
    "small": (4, 4, 3, 3, 0.6),
    "tight": (6, 5, 4, 4, 0.9),
    "multislot": (6, 6, 5, 4, 0.75),
    "wide": (12, 8, 8, 4, 0.55),
}


def random_spec(seed: int, shape: str = "small") -> Spec:
    """An instance of ``shape`` (see :data:`SHAPES`) drawn from ``seed``, with every
    feature and every weight switched on."""
    rng = random.Random(seed)
    n_k, n_s, n_r, slots, load = SHAPES[shape]
    day = dt.date(2026, 7, 13)
    sessions = []
    for s in range(n_s):
        date = day + dt.timedelta(days=s // 4)
        start = dt.time(8 + 3 * (s % 4), 0)
        end = dt.time(8 + 3 * (s % 4) + 2, 0)
        sessions.append((f"D{s // 4 + 1}S{s % 4 + 1}", slots, date, start, end))
    rooms = [f"Room {chr(65 + r)}" for r in range(n_r)]
    people = [f"P{p}" for p in range(max(6, int(n_k * n_s * n_r * slots * load / 1.6)))]
    tracks = []
    for k in range(n_k):
        chairs = [rng.choice(people[:n_k])] if rng.random() < 0.8 else []
        tracks.append((f"Track {k + 1}", chairs))
    # One person chairs two tracks (a chair conflict).
    if n_k >= 2:
        tracks[1] = (tracks[1][0], tracks[1][1] + [tracks[0][1][0] if tracks[0][1] else "P0"])
    budget = int(n_s * n_r * slots * load)
    zones = ["GMT+0", "GMT+1", "GMT-5", "GMT+8", "GMT-3"]
    subs: list[Sub] = []
    used = 0
    i = 0
    while used < budget:
        k = i % n_k
        size = 1 if rng.random() < 0.7 else rng.randint(2, min(3, slots))
        if used + size > budget:
            size = budget - used
        presenter = rng.choice(people)
        sub = Sub(
            name=f"S{i + 1:03d}", track=tracks[k][0], slots=size,
            timezone=rng.choice(zones), presenters=[presenter],
            attendees=rng.sample(people, rng.randint(0, 2)),
        )
        if rng.random() < 0.15:
            sub.session_penalty[sessions[rng.randrange(n_s)][0]] = rng.choice([1, 5, 1000])
        if rng.random() < 0.1:
            sub.room_penalty[rng.choice(rooms)] = rng.choice([1, 3])
        subs.append(sub)
        used += size
        i += 1
    for k in range(n_k):  # the first two submissions of every other track are ordered
        members = [sub for sub in subs if sub.track == tracks[k][0]]
        if k % 2 == 0:
            for position, sub in enumerate(members[:2], start=1):
                sub.order = position
    # A chair who presents in another track.
    if tracks[0][1] and len(subs) > 1:
        subs[1].presenters.append(tracks[0][1][0])
    weights = dict.fromkeys(WEIGHT_NAMES, 1)
    weights.update(presenters_conflicts=100, chairs_conflicts=50, attendees_conflicts=2)
    spec = Spec(sessions=sessions, rooms=rooms, tracks=tracks, submissions=subs,
                weights=weights, local_timezone="GMT+1")
    # Unavailable: a room in one session, a track in one session, a track in one room.
    spec.session_room[(sessions[-1][0], rooms[-1])] = 1000
    spec.track_session[(tracks[0][0], sessions[0][0])] = 1000
    spec.track_room[(tracks[-1][0], rooms[0])] = 1000
    for a in range(n_k):
        for b in range(a + 1, n_k):
            if rng.random() < 0.3:
                spec.similar[(tracks[a][0], tracks[b][0])] = rng.choice([1, 5])
    return spec
