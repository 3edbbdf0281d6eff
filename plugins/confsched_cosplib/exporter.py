"""``confsched export cosplib SCENARIO SCHEDULE -o sol.xlsx``: a solved talks scenario as
the solution workbook CoSPLib's checker reads.

The rule: a talk session (``instrument: talk-session``, id ``<talk-slot>.<room>``) puts
its track in the row of its talk-slot and the column of its room, and each of its talks,
by title (the CoSPLib submission reference the import wrote), in the time slots it runs:
slot ``(talk start - talk-slot start) / slot-length``, as many as the talk takes. The
rooms, talk-slots and tracks are named and ordered as in the scenario, which the import
took from the workbook, so the checker (which reads by position) sees the instance's
order. The layout is the one ``solution.py`` reads and writes.

The mapping works on the plain data of the two files (formats.md A), so it is the same
for a scenario and schedule read from disk and for the models in memory.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scheduler.atomic import atomic_write_bytes
from scheduler.errors import InputError, Problem

TALK_SESSION = "talk-session"


@dataclass
class Grid:
    """A CoSPLib solution by names: the ``sol`` sheet's content."""

    rooms: list[str]
    """Room names, in the instance's order (row 1)."""
    sessions: list[tuple[str, int]]
    """Each session's label and number of time slots, in order."""
    tracks: list[list[str | None]]
    """``tracks[s][r]``: the track name in room r during session s."""
    cells: list[list[list[str | None]]]
    """``cells[s][r][t]``: the submission in time slot t of that room."""


def _minutes(clock: Any) -> int:
    if isinstance(clock, int):
        return clock
    hours, minutes = str(clock).split(":")[:2]
    return int(hours) * 60 + int(minutes)


def _length(text: Any) -> int:
    """``20min`` / ``1h`` / ``1h30min`` / 20 as minutes."""
    from scheduler.timeparse import parse_duration

    if isinstance(text, int):
        return text
    return int(parse_duration(str(text)))


def grid_from_schedule(scenario: dict[str, Any], schedule: dict[str, Any],
                       source: str = "schedule") -> Grid:
    """The CoSPLib solution of ``schedule`` (plain data, kebab-case as in the files).

    Raises :class:`InputError` naming each talk session or talk that does not sit on
    the scenario's talk-slots (wrong room, start off a slot boundary, unknown talk).
    """
    rooms = scenario.get("rooms") or []
    room_col = {room["id"]: r for r, room in enumerate(rooms)}
    slots = scenario.get("talk-slots") or []
    slot_row = {slot["id"]: s for s, slot in enumerate(slots)}
    slot_at = {(str(slot["day"]), _minutes(slot["start"])): s for s, slot in enumerate(slots)}
    track_name = {t["id"]: t.get("name") or t["id"] for t in scenario.get("tracks") or []}
    talks = {t["id"]: t for t in scenario.get("talks") or []}
    grid = Grid(
        rooms=[room.get("name") or room["id"] for room in rooms],
        sessions=[(slot["id"], int(slot.get("slots", 1))) for slot in slots],
        tracks=[[None] * len(rooms) for _ in slots],
        cells=[[[None] * int(slot.get("slots", 1)) for _ in rooms] for slot in slots],
    )
    problems: list[Problem] = []

    def fail(where: str, message: str, hint: str) -> None:
        problems.append(Problem(message, file=source, path=where, hint=hint))

    for index, session in enumerate(schedule.get("sessions") or []):
        if session.get("instrument") != TALK_SESSION:
            continue
        where = f"sessions[{index}] ({session.get('id')})"
        prefix = str(session.get("id", "")).split(".", 1)[0]
        s = slot_row.get(prefix)
        if s is None:
            s = slot_at.get((str(session.get("day")), _minutes(session.get("start"))))
        if s is None:
            fail(where, "this talk session starts at no talk-slot of the scenario",
                 "a talk session's id is <talk-slot>.<room> and it starts with its talk-slot")
            continue
        r = room_col.get(session.get("room") or "")
        if r is None:
            fail(where, f"room {session.get('room')!r} is not in the scenario",
                 "CoSPLib solutions place every talk session in a room")
            continue
        slot = slots[s]
        length = _length(slot.get("slot-length", "20min"))
        track = session.get("track")
        if track is not None:
            grid.tracks[s][r] = track_name.get(track, track)
        for talk in session.get("talks") or []:
            known = talks.get(talk.get("id"))
            if known is None:
                fail(where, f"talk {talk.get('id')!r} is not in the scenario",
                     "export with the scenario the schedule was solved from")
                continue
            offset = _minutes(talk["start"]) - _minutes(slot["start"])
            first, rest = divmod(offset, length)
            taken = int(known.get("slots", 1))
            if rest or first < 0 or first + taken > grid.sessions[s][1]:
                fail(where, f"talk {known['id']!r} at {talk['start']} is not on the "
                     f"time slots of talk-slot {slot['id']!r}",
                     f"talks start at {slot['start']} plus whole slots of {length} min")
                continue
            for t in range(first, first + taken):
                if grid.cells[s][r][t] is not None:
                    fail(where, f"talk {known['id']!r} shares a time slot with "
                         f"{grid.cells[s][r][t]!r}", "each time slot holds one talk")
                grid.cells[s][r][t] = known.get("title") or known["id"]
    if problems:
        raise InputError(problems)
    return grid


def grid_workbook(grid: Grid, objective: int | None = None,
                  terms: dict[str, Any] | None = None) -> bytes:
    """The ``sol`` sheet CoSPLib's checker reads (room names in row 1, a row per session
    with its tracks, a blank row, a row per time slot with its submissions), and a
    ``violations`` sheet with the objective (the checker ignores it)."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sol = workbook.active
    assert sol is not None
    sol.title = "sol"
    sol.append([None, *grid.rooms])
    for (label, _), row in zip(grid.sessions, grid.tracks, strict=True):
        sol.append([label, *row])
    sol.append([])
    for (label, count), rooms in zip(grid.sessions, grid.cells, strict=True):
        for t in range(count):
            sol.append([label, *[cells[t] for cells in rooms]])
    violations = workbook.create_sheet("violations")
    violations.append(["Obj", f"Final Objective = {objective}"])
    if terms:
        violations.append([])
        violations.append(["term", "count", "weight", "penalty"])
        for name, term in terms.items():
            violations.append([name, term.get("count", term.get("value")), term.get("weight"),
                               term.get("penalty")])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def exact_names(grid: Grid, instance_path: str | Path) -> Grid:
    """``grid`` with each name as the instance workbook spells it.

    A scenario trims the spaces around a name; CoSPLib compares names character by
    character, so ``OR60``'s track ``"ORS CHARITIES For ORS use only "`` must come back
    with its space. The rooms and sessions must also be the instance's, in its order.
    """
    from confsched_cosplib.instance import load_instance

    instance = load_instance(instance_path)
    problems = []
    if [name.strip() for name in instance.rooms] != grid.rooms:
        problems.append(Problem(
            f"the scenario's rooms {grid.rooms} are not the instance's {instance.rooms}",
            file=str(instance_path), hint="give the workbook the scenario was imported from"))
    if [s.slots for s in instance.sessions] != [count for _, count in grid.sessions]:
        problems.append(Problem(
            "the scenario's talk-slots are not the instance's sessions",
            file=str(instance_path), hint="give the workbook the scenario was imported from"))
    if problems:
        raise InputError(problems)
    tracks = {name.strip(): name for name in instance.tracks}
    talks = {sub.name.strip(): sub.name for sub in instance.submissions}
    return Grid(
        rooms=list(instance.rooms),
        sessions=[(s.name, s.slots) for s in instance.sessions],
        tracks=[[tracks.get(k, k) if k is not None else None for k in row]
                for row in grid.tracks],
        cells=[[[talks.get(i, i) if i is not None else None for i in cells] for cells in row]
               for row in grid.cells],
    )


def export_cosplib(context: Any, output: Path, options: dict[str, Any]) -> list[Path]:
    """The exporter: the solution workbook of the context's schedule, written atomically;
    with ``--instance``, every name spelt as in the instance workbook."""
    scenario = context.scenario.model_dump(by_alias=True, mode="json")
    schedule = context.schedule.model_dump(by_alias=True, mode="json")
    if not scenario.get("talk-slots") or not scenario.get("talks"):
        raise InputError([Problem(
            "the scenario has no talk-slots or no talks: nothing to write as a CoSPLib "
            "solution", file=str(context.scenario_path or "scenario"),
            hint="export cosplib is for scenarios with talks, e.g. from "
                 "`confsched import cosplib X.xlsx -o x.yaml`",
        )])
    grid = grid_from_schedule(scenario, schedule, str(context.schedule_path or "schedule"))
    if options.get("instance"):
        grid = exact_names(grid, options["instance"])
    terms = {name: term for name, term in (schedule.get("objective-terms")
                                           or schedule.get("objective_terms") or {}).items()}
    atomic_write_bytes(output, grid_workbook(grid, schedule.get("objective"), terms))
    return [output]
