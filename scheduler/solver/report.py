"""Showing a solve result: the programme table, the objective breakdown, and JSON."""

from __future__ import annotations

import shutil
import unicodedata
from dataclasses import dataclass
from typing import Any

from scheduler.scenario.model import Scenario
from scheduler.schedule import Schedule, SolveStatus
from scheduler.solver.options import Result
from scheduler.timeparse import format_clock

TITLE_LINES = 2
"""A title longer than its column wraps onto at most this many lines, then is cut (…)."""


# ------------------------------------------------------------------ the soft terms in words


@dataclass(frozen=True)
class TermWords:
    """How the objective breakdown says a soft term: its value with a unit, and what the
    unit counts. ``unit``/``units`` may use ``{step}``, the scenario's time step in
    minutes (``compact_days`` counts steps)."""

    unit: str
    units: str
    meaning: str

    def say(self, value: int, step: int) -> str:
        """``126 5-minute steps of the days' length``: the value and its unit."""
        unit = self.unit if value == 1 else self.units
        return f"{value} {unit.format(step=step)}"


TERM_WORDS: dict[str, TermWords] = {
    "participant_clashes": TermWords(
        "participant clash", "participant clashes",
        "a registered participant wants two sessions that run at the same time"),
    "preferences": TermWords(
        "unmet time preference", "unmet time preferences",
        "a person's session (named or chosen) falls in their avoid: windows or outside "
        "their prefer: ones"),
    "track_room_stability": TermWords(
        "extra room used by a track in a day", "extra rooms used by tracks in a day",
        "a track's sessions of one day are spread over several rooms"),
    "room_fit": TermWords(
        "ten empty seats", "tens of empty seats",
        "rooms larger than their sessions' expected participants, counted in tens of seats"),
    "facilitator_same_room": TermWords(
        "extra room for a facilitator in a day", "extra rooms for facilitators in a day",
        "a facilitator (named or chosen) moves between rooms within one day"),
    "compact_days": TermWords(
        "{step}-minute step of the days' length", "{step}-minute steps of the days' length",
        "time from each day's start to the end of its last session (shorter days score "
        "better)"),
    "instrument_spread": TermWords(
        "session bunched on one day", "sessions bunched on one day",
        "sessions of one instrument beyond an even spread over the days"),
    "preferred_size": TermWords(
        "participant over a preferred size", "participants over preferred sizes",
        "expected participants beyond the instrument's preferred_max_participants"),
    "dropped": TermWords(
        "optional session left out", "optional sessions left out",
        "optional sessions not placed"),
    "choices": TermWords(
        "rank of a registration's choice", "ranks of registrations' choices",
        "a registration given a later choice than its first (one per rank down), or none "
        "of its choices (as many as it has)"),
    "fair_load": TermWords(
        "session for the busiest person chosen from a pool",
        "sessions for the busiest person chosen from a pool",
        "the largest number of sessions any one person is chosen for (people named in the "
        "scenario do not count)"),
    "continuity": TermWords(
        "extra person in a series' role", "extra people in series' roles",
        "a series the instrument would rather keep with one person in a role (expert "
        "visit: the expert; dialogue: the facilitator) changes people between meetings"),
    "wishes": TermWords(
        "session against a person's wishes", "sessions against people's wishes",
        "a person runs a session their wishes: dislike, or one that is none of their likes"),
    "room_changes": TermWords(
        "extra room for a person in a day", "extra rooms for people in a day",
        "a person (named or chosen) works in several rooms within one day"),
    "changes": TermWords(
        "change from the published schedule", "changes from the published schedule",
        "a session moved, sent to another day or to another room, a person no longer "
        "in their role, or a registration no longer given a session, since the --from "
        "schedule"),
    "tracks_sessions": TermWords("track-talk-slot penalty point", "track-talk-slot penalty points",
                                 "tracks held in talk-slots they are penalised in"),
    "tracks_rooms": TermWords("track-room penalty point", "track-room penalty points",
                              "tracks held in rooms they are penalised in"),
    "sessions_rooms": TermWords("talk-slot-room penalty point", "talk-slot-room penalty points",
                                "rooms used in talk-slots they are penalised in"),
    "similar_tracks": TermWords("similar-track point", "similar-track points",
                                "similar tracks running at the same time"),
    "rooms_per_track": TermWords("extra room of a track", "extra rooms of tracks",
                                 "tracks spread over several rooms"),
    "parallel_tracks": TermWords("track run in parallel with itself",
                                 "tracks run in parallel with themselves",
                                 "a track held in two rooms in one talk-slot"),
    "consecutive_tracks": TermWords("track with a gap", "tracks with gaps",
                                    "a track's talk-slots are not consecutive"),
    "submissions_timezones": TermWords("time-zone penalty point", "time-zone penalty points",
                                       "talks at awkward hours where they are presented from"),
    "submissions_order": TermWords("talk out of order", "talks out of order",
                                   "talks not in their track's order"),
    "submissions_sessions": TermWords("talk-talk-slot penalty point",
                                      "talk-talk-slot penalty points",
                                      "talks in talk-slots they are penalised in"),
    "submissions_rooms": TermWords("talk-room penalty point", "talk-room penalty points",
                                   "talks in rooms they are penalised in"),
    "presenters_conflicts": TermWords("presenter clash", "presenter clashes",
                                      "a presenter (or chair) wanted in two rooms in one "
                                      "talk-slot"),
    "attendees_conflicts": TermWords("attendee clash", "attendee clashes",
                                     "an attendee wants two talks in one talk-slot"),
    "chairs_conflicts": TermWords("chair clash", "chair clashes",
                                  "tracks with a shared chair in one talk-slot"),
    "presenters_conflicts_timeslot": TermWords(
        "presenter clash in a talk slot", "presenter clashes in a talk slot",
        "a presenter wanted in two rooms at the same talk slot"),
    "attendees_conflicts_timeslot": TermWords(
        "attendee clash in a talk slot", "attendee clashes in a talk slot",
        "an attendee wants two talks at the same talk slot"),
}
"""Every soft term of the objective in words, with the unit of its value (the rulebook,
docs/rules.md, defines each). A term a plugin adds, unknown here, is shown by its name."""


def term_phrase(name: str, value: int, step: int) -> str:
    """The value of soft term ``name`` in words with its unit: ``3 participant clashes``."""
    words = TERM_WORDS.get(name)
    if words is None:
        return f"{value} × {name}"
    return words.say(value, step)


# ------------------------------------------------------------------ text that fits


def text_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (CJK, most emoji) characters take two,
    combining marks none."""
    total = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


def _cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` columns, ending in … when cut."""
    if text_width(text) <= width:
        return text
    out = ""
    for char in text:
        if text_width(out + char) > width - 1:
            break
        out += char
    return out + "…"


def _wrap(text: str, width: int, lines: int) -> list[str]:
    """``text`` wrapped at spaces into at most ``lines`` lines of ``width`` columns; the
    last line is cut (…) when the text does not fit."""
    out: list[str] = []
    rest = text
    while rest and len(out) < lines:
        if text_width(rest) <= width:
            out.append(rest)
            rest = ""
            break
        if len(out) == lines - 1:
            out.append(_cut(rest, width))
            rest = ""
            break
        line = ""
        for word in rest.split(" "):
            candidate = f"{line} {word}" if line else word
            if text_width(candidate) > width:
                break
            line = candidate
        if not line:  # one word wider than the column: cut it there
            line = _cut(rest, width)[:-1]
        out.append(line)
        rest = rest[len(line):].lstrip(" ")
    return out or [""]


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - text_width(text))


def terminal_width() -> int:
    """Columns of the terminal (``COLUMNS`` if set; 80 when output is not a terminal)."""
    return shutil.get_terminal_size((80, 24)).columns


def _fit(natural: list[int], least: list[int], order: list[int], room: int) -> list[int]:
    """Column widths within ``room`` columns: each starts at its natural width and, in
    ``order``, gives up space down to its least width until the row fits (a terminal
    narrower than every least width gets the least widths)."""
    widths = list(natural)
    over = sum(widths) - room
    for i in order:
        if over <= 0:
            break
        give = min(over, widths[i] - least[i])
        if give > 0:
            widths[i] -= give
            over -= give
    return widths


def _table(rows: list[list[str]], widths: list[int] | None = None,
           wrap: int | None = None, right: tuple[int, ...] = ()) -> str:
    """Rows under a header and a rule; cells cut to ``widths``; column ``wrap`` wrapped
    onto up to :data:`TITLE_LINES` lines; ``right`` columns aligned right."""
    if widths is None:
        widths = [max(text_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [[cell] if i != wrap or n == 0 else _wrap(cell, widths[i], TITLE_LINES)
                 for i, cell in enumerate(row)]
        for k in range(max(len(c) for c in cells)):
            parts = []
            for i, column in enumerate(cells):
                cell = _cut(column[k], widths[i]) if k < len(column) else ""
                parts.append(" " * (widths[i] - text_width(cell)) + cell if i in right
                             else _pad(cell, widths[i]))
            lines.append("  ".join(parts).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


# ------------------------------------------------------------------ the programme


def programme_table(scenario: Scenario, schedule: Schedule, width: int | None = None) -> str:
    """Time, room, track, session and people of every session and break, day by day,
    within ``width`` columns (the terminal's by default): the people, track and room
    columns give up space first, then the session title, which wraps onto two lines."""
    width = terminal_width() if width is None else width
    rooms = {r.id: r for r in scenario.rooms}
    people_by_id = {p.id: p for p in scenario.people}
    tracks = {t.id: t for t in scenario.tracks}
    rows: list[tuple[Any, int, int, list[str]]] = []
    for s in schedule.sessions:
        room = rooms[s.room].label if s.room else ("online" if s.format == "online"
                                                           else "-")
        track = tracks[s.track].label if s.track else "-"
        people = "; ".join(
            f"{role}: {', '.join(people_by_id[p].label for p in ids)}"
            for role, ids in s.people.items() if ids
        ) or "-"
        rows.append((s.day, s.start, 1, [
            f"{format_clock(s.start)}-{format_clock(s.end)}", room, track, s.title, people,
        ]))
        for talk in s.talks:  # a talk session: its talks in order, under it
            presenters = ", ".join(people_by_id[p].label if p in people_by_id else p
                                   for p in talk.presenters) or "-"
            rows.append((s.day, s.start, 1, [
                f"  {format_clock(talk.start)}-{format_clock(talk.end)}", room, track,
                f"· {talk.title}", presenters,
            ]))
    for b in schedule.breaks:
        rows.append((b.day, b.start, 0, [
            f"{format_clock(b.start)}-{format_clock(b.end)}", "-", "-", f"[{b.title}]", "-",
        ]))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))  # stable: talks stay under their session
    header = ["time", "room", "track", "session", "people"]
    keep = list(range(len(header)))
    for drop in (None, 2, 4, 1):  # too narrow for all: leave out track, people, room
        if drop is not None:
            keep.remove(drop)
        cells = [[row[i] for i in keep] for row in [header, *[r[3] for r in rows]]]
        natural = [max(text_width(row[i]) for row in cells) for i in range(len(keep))]
        least = [min(natural[i], _LEAST[c]) for i, c in enumerate(keep)]
        space = width - 2 * (len(keep) - 1)
        if sum(least) <= space:
            break
    order = [keep.index(c) for c in (4, 2, 1, 3) if c in keep]
    widths = _fit(natural, least, order, space)
    out: list[str] = []
    for day in sorted({r[0] for r in rows}):
        if out:
            out.append("")
        out.append(str(day))
        day_rows = [[r[3][i] for i in keep] for r in rows if r[0] == day]
        out.append(_table([cells[0], *day_rows], widths, wrap=keep.index(3)))
    return "\n".join(out)


_LEAST = {0: 11, 1: 12, 2: 10, 3: 24, 4: 12}
"""Least width of each programme column (time, room, track, session, people) before the
table leaves columns out."""


def objective_table(schedule: Schedule, step: int = 5, width: int | None = None) -> str:
    """Each soft term in words with its unit (``126 5-minute steps of the days' length``),
    its weight and penalty, and the total; the rule's name closes each line so that it
    can be looked up in docs/rules.md."""
    width = terminal_width() if width is None else width
    rows = [["soft rule", "weight", "penalty"]]
    for name, term in schedule.objective_terms.items():
        rows.append([f"{term_phrase(name, term.value, step)} ({name})", str(term.weight),
                     str(term.penalty)])
    rows.append(["total", "", str(schedule.objective or 0)])
    natural = [max(text_width(row[i]) for row in rows) for i in range(3)]
    widths = _fit(natural, [min(natural[0], 30), natural[1], natural[2]], [0], width - 4)
    return _table(rows, widths, wrap=0, right=(1, 2))


def status_line(result: Result) -> str:
    """``optimal`` (with the bound that proves it), ``feasible with gap`` (and the bound),
    ``infeasible`` or ``unknown``, and the time taken."""
    schedule = result.schedule
    if schedule is None:
        return f"status: {result.status.value} (no schedule)"
    info = schedule.solve
    text = f"status: {result.status.value}"
    if result.status == SolveStatus.OPTIMAL and info.bound is not None:
        text += f" (proven: bound {info.bound:g}, gap 0%)"
    if result.status == SolveStatus.FEASIBLE and info.gap is not None:
        text += f" with gap {info.gap:.1%} (bound {info.bound:g})"
    elif result.status == SolveStatus.FEASIBLE and (result.caps.rooms or result.caps.people):
        text += (" (no bound: rooms or people were limited to solve at this size, so the "
                 "solver's bound is not one for the event; `python -m benchmarks.floors` "
                 "computes one)")
    elif result.status == SolveStatus.FEASIBLE and result.caps.changeover_padded:
        text += (" (no bound: at this size some people chosen from pools kept the changeover "
                 "even between two sessions in one room, stricter than the rule)")
    if info.interrupted:
        text += ", interrupted by the user: best schedule so far"
    return f"{text}; objective {schedule.objective}; solved in {info.time_seconds:.2f} s"


def render_text(scenario: Scenario, result: Result, width: int | None = None) -> str:
    """Everything ``confsched solve`` prints for a found schedule, within ``width``
    columns (the terminal's by default)."""
    assert result.schedule is not None
    parts = [
        programme_table(scenario, result.schedule, width),
        "",
        objective_table(result.schedule, scenario.event.granularity, width),
        "",
        status_line(result),
    ]
    if result.schedule.dropped:
        parts.append("dropped (optional): " + ", ".join(result.schedule.dropped))
    parts.extend(f"note: {note}" for note in result.notes)
    parts.extend(f"note: {note}" for note in breaks_after_the_day(result.schedule))
    return "\n".join(parts)


MEALS = frozenset({"lunch", "dinner"})
"""Break kinds :func:`breaks_after_the_day` does not report."""


def breaks_after_the_day(schedule: Schedule) -> list[str]:
    """Placed breaks that start when the day's sessions are over (hand1, hand2): the rule
    puts a placed break on each of its days inside its window, and ``compact_days``
    counts sessions only, so an afternoon coffee is printed on a day that ends at 11:00.
    One note per break, with its days; none for a day without sessions, and none for a
    meal (lunch after a half day's sessions is still served)."""
    last: dict[Any, int] = {}
    for item in schedule.sessions:
        last[item.day] = max(last.get(item.day, 0), item.end)
    late: dict[str, list[str]] = {}
    for brk in schedule.breaks:
        if (brk.fixed or brk.kind in MEALS or brk.day not in last
                or brk.start < last[brk.day]):
            continue
        name = brk.id.split("@", 1)[0]
        late.setdefault(name, []).append(
            f"{brk.day} {format_clock(brk.start)} (sessions end {format_clock(last[brk.day])})")
    return [f"the break {name!r} comes after the day's last session on "
            f"{', '.join(days)}: it is placed on each of its days; give it `days:` (or a "
            "window within the day's sessions) if it is not wanted there"
            for name, days in late.items()]


def render_diagnosis(result: Result) -> str:
    """Why no schedule was found, one reason per line."""
    lines = [status_line(result), "why:"]
    lines.extend(f"  {line}" if not line.startswith("  ") else line
                 for line in result.diagnosis or ["no reason could be found"])
    lines.extend(f"note: {note}" for note in result.notes)
    return "\n".join(lines)


def result_data(result: Result, step: int = 5) -> dict[str, Any]:
    """Machine-readable result: status, schedule (if any), diagnosis and notes (in words),
    each soft term in words (``terms_in_words``: name -> its value with a unit, and what
    the unit counts; ``step`` is the scenario's granularity), and the typed facts a
    program should read instead of the notes: whether Ctrl-C stopped the search, and how
    the model was simplified (``caps``)."""
    caps = result.caps
    terms = result.schedule.objective_terms if result.schedule is not None else {}
    words = {name: {"text": term_phrase(name, term.value, step),
                    "meaning": TERM_WORDS[name].meaning if name in TERM_WORDS else None}
             for name, term in terms.items()}
    return {
        "terms_in_words": words,
        "status": result.status.value,
        "schedule": result.schedule.to_data() if result.schedule is not None else None,
        "diagnosis": list(result.diagnosis),
        "notes": list(result.notes),
        "interrupted": result.interrupted,
        "simplified": result.simplified,
        "caps": {"room_options": caps.room_options, "rooms_capped": caps.rooms_capped,
                 "clash_pairs": caps.clash_pairs, "clash_pairs_total": caps.clash_pairs_total,
                 "people_capped": caps.people_capped,
                 "changeover_padded": caps.changeover_padded},
        "model_objective": result.model_objective,
        "model_size": {"variables": result.variables, "constraints": result.constraints},
    }
