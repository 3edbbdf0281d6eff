"""Showing a solve result: the programme table, the objective breakdown, and JSON."""

from __future__ import annotations

from typing import Any

from scheduler.scenario.model import Scenario
from scheduler.schedule import Schedule, SolveStatus
from scheduler.solver.options import Result
from scheduler.timeparse import format_clock

TITLE_WIDTH = 60


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
                     .rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def programme_table(scenario: Scenario, schedule: Schedule) -> str:
    """Day, time, room, track, session and people of every session and break, in order."""
    rows: list[tuple[Any, int, int, list[str]]] = []
    rooms = {r.id: r for r in scenario.rooms}
    people_by_id = {p.id: p for p in scenario.people}
    tracks = {t.id: t for t in scenario.tracks}
    for s in schedule.sessions:
        room = rooms[s.room].label if s.room else ("online" if s.format == "online"
                                                           else "-")
        track = tracks[s.track].label if s.track else "-"
        people = "; ".join(
            f"{role}: {', '.join(people_by_id[p].label for p in ids)}"
            for role, ids in s.people.items() if ids
        ) or "-"
        rows.append((s.day, s.start, 1, [
            str(s.day), f"{format_clock(s.start)}-{format_clock(s.end)}", _cut(room, 30),
            _cut(track, 24), _cut(s.title, TITLE_WIDTH), _cut(people, 60),
        ]))
    for b in schedule.breaks:
        rows.append((b.day, b.start, 0, [
            str(b.day), f"{format_clock(b.start)}-{format_clock(b.end)}", "-", "-",
            _cut(f"[{b.title}]", TITLE_WIDTH), "-",
        ]))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    header = ["day", "time", "room", "track", "session", "people"]
    return _table([header, *[r[3] for r in rows]])


def objective_table(schedule: Schedule) -> str:
    """Weight, value and penalty of each soft rule, and the total."""
    rows = [["rule", "weight", "value", "penalty"]]
    for name, term in schedule.objective_terms.items():
        rows.append([name, str(term.weight), str(term.value), str(term.penalty)])
    rows.append(["total", "", "", str(schedule.objective or 0)])
    return _table(rows)


def status_line(result: Result) -> str:
    """``optimal``, ``feasible with gap``, ``infeasible`` or ``unknown``, and the time taken."""
    schedule = result.schedule
    if schedule is None:
        return f"status: {result.status.value} (no schedule)"
    info = schedule.solve
    text = f"status: {result.status.value}"
    if result.status == SolveStatus.FEASIBLE and info.gap is not None:
        text += f" with gap {info.gap:.1%} (bound {info.bound:g})"
    if info.interrupted:
        text += ", interrupted by the user: best schedule so far"
    return f"{text}; objective {schedule.objective}; solved in {info.time_seconds:.2f} s"


def render_text(scenario: Scenario, result: Result) -> str:
    """Everything ``confsched solve`` prints for a found schedule."""
    assert result.schedule is not None
    parts = [
        programme_table(scenario, result.schedule),
        "",
        objective_table(result.schedule),
        "",
        status_line(result),
    ]
    if result.schedule.dropped:
        parts.append("dropped (optional): " + ", ".join(result.schedule.dropped))
    parts.extend(f"note: {note}" for note in result.notes)
    return "\n".join(parts)


def render_diagnosis(result: Result) -> str:
    """Why no schedule was found, one reason per line."""
    lines = [status_line(result), "why:"]
    lines.extend(f"  {line}" if not line.startswith("  ") else line
                 for line in result.diagnosis or ["no reason could be found"])
    lines.extend(f"note: {note}" for note in result.notes)
    return "\n".join(lines)


def result_data(result: Result) -> dict[str, Any]:
    """Machine-readable result: status, schedule (if any), diagnosis and notes (in words),
    and the typed facts a program should read instead of the notes: whether Ctrl-C stopped
    the search, and how the model was simplified (``caps``)."""
    caps = result.caps
    return {
        "status": result.status.value,
        "schedule": result.schedule.to_data() if result.schedule is not None else None,
        "diagnosis": list(result.diagnosis),
        "notes": list(result.notes),
        "interrupted": result.interrupted,
        "simplified": result.simplified,
        "caps": {"room_options": caps.room_options, "rooms_capped": caps.rooms_capped,
                 "clash_pairs": caps.clash_pairs, "clash_pairs_total": caps.clash_pairs_total},
        "model_objective": result.model_objective,
        "model_size": {"variables": result.variables, "constraints": result.constraints},
    }
