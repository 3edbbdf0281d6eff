"""A CoSPLib solution, and its workbook in CoSPLib's own layout.

The ``sol`` sheet (the first sheet) has the room names in row 1, then one row per
session naming the track in each room, one blank row, then one row per time slot of
each session naming the submission in each room. A ``violations`` sheet with the
objective and its breakdown follows (CoSPLib's checker ignores it when reading).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from confsched_cosplib.instance import Instance, text
from scheduler.atomic import atomic_write_bytes
from scheduler.errors import InputError, Problem
from scheduler.talks.grid import EMPTY, Grid

Solution = Grid
"""A CoSPLib solution is the core's talks grid (:class:`scheduler.talks.grid.Grid`):
``tracks[s][r]``, the track in room r during session s, and ``cells[s][r][t]``, the
submission in its time slot t (``EMPTY``: none)."""


def load_solution(path: str | Path, instance: Instance) -> Solution:
    """Read a solution workbook the way CoSPLib's checker does (first sheet, by position)."""
    import openpyxl

    path = Path(path)
    if not path.is_file():
        what = "this is not a regular file" if path.exists() else "file not found"
        raise InputError([Problem(what, file=str(path), hint="give a solution .xlsx")])
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise InputError([Problem(f"not an Excel workbook ({type(exc).__name__}: {exc})",
                                  file=str(path))]) from None
    try:
        rows = [tuple(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
        sheet = workbook.worksheets[0].title
    finally:
        workbook.close()
    problems: list[Problem] = []

    def where(row: int, col: int) -> str:
        letters = chr(65 + col) if col < 26 else f"col{col + 1}"
        return f"sheet {sheet!r} cell {letters}{row + 1}"

    n_rooms, n_sessions = len(instance.rooms), len(instance.sessions)
    width = n_rooms + 1
    rows = [row + (None,) * (width - len(row)) for row in rows]
    needed = n_sessions + 2 + sum(s.slots for s in instance.sessions)
    if len(rows) < needed:  # trailing empty rows are not stored
        rows += [(None,) * width] * (needed - len(rows))
    header = [text(cell) for cell in rows[0][1:width]] if rows else []
    if header != instance.rooms:
        problems.append(Problem(
            f"row 1 names the rooms {header}, the instance has {instance.rooms}",
            file=str(path), path=f"sheet {sheet!r} row 1",
            hint="the solution must list the rooms in the instance's order",
        ))
        raise InputError(problems)
    solution = Solution.empty(instance)
    track_index = instance.track_index
    sub_index = instance.submission_index
    for s in range(n_sessions):
        for r in range(n_rooms):
            name = text(rows[1 + s][1 + r])
            if not name:
                continue
            if name not in track_index:
                problems.append(Problem(f"unknown track {name!r}", file=str(path),
                                        path=where(1 + s, 1 + r)))
                continue
            solution.tracks[s][r] = track_index[name]
    row = n_sessions + 2
    for s, session in enumerate(instance.sessions):
        for t in range(session.slots):
            for r in range(n_rooms):
                name = text(rows[row][1 + r])
                if not name:
                    continue
                if name not in sub_index:
                    problems.append(Problem(f"unknown submission {name!r}", file=str(path),
                                            path=where(row, 1 + r)))
                    continue
                solution.cells[s][r][t] = sub_index[name]
            row += 1
    if problems:
        raise InputError(problems)
    return solution


def solution_workbook(instance: Instance, solution: Solution, breakdown: dict[str, Any]) -> bytes:
    """The solution as .xlsx bytes: the ``sol`` sheet and a ``violations`` summary."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sol = workbook.active
    assert sol is not None
    sol.title = "sol"
    sol.append([None, *instance.rooms])
    for s, session in enumerate(instance.sessions):
        sol.append([session.name, *[
            instance.tracks[k] if k != EMPTY else None for k in solution.tracks[s]
        ]])
    sol.append([])
    for s, session in enumerate(instance.sessions):
        for t in range(session.slots):
            sol.append([session.name, *[
                instance.submissions[row[t]].name if row[t] != EMPTY else None
                for row in solution.cells[s]
            ]])
    violations = workbook.create_sheet("violations")
    violations.append(["Obj", f"Final Objective = {breakdown['objective']}"])
    violations.append([])
    violations.append(["term", "count", "weight", "penalty"])
    for name, term in breakdown["terms"].items():
        violations.append([name, term["count"], term["weight"], term["penalty"]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_solution(
    path: str | Path, instance: Instance, solution: Solution, breakdown: dict[str, Any]
) -> None:
    """Write the solution workbook atomically."""
    atomic_write_bytes(path, solution_workbook(instance, solution, breakdown))
