"""An example third-party confsched plugin: ``confsched export csv SCENARIO SCHEDULE -o x.csv``.

One row per session and break, sorted by day and time, with the columns ``day``,
``start``, ``end``, ``kind``, ``id``, ``title``, ``instrument``, ``room``, ``track``,
``format``, ``people`` (``Role: name, name; Role: name``, roles named in the export
language by the publishing API) and ``link`` (the online
meeting, if any). UTF-8 with a byte-order mark, so that spreadsheet programs open
Cyrillic text correctly. Written atomically.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from scheduler.publishing import (
    ExportContext,
    Exporter,
    atomic_write_text,
    explained_write_errors,
    hookimpl,
    require_timetable,
    role_label,
)

COLUMNS = ["day", "start", "end", "kind", "id", "title", "instrument", "room", "track",
           "format", "people", "link"]


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def rows(context: ExportContext) -> list[dict[str, str]]:
    """The CSV rows of a schedule, sorted by day, start and id."""
    scenario = context.scenario
    rooms = {r.id: r.label for r in scenario.rooms}
    tracks = {t.id: t.label for t in scenario.tracks}
    names = {p.id: p.label for p in scenario.people}
    links = context.links
    out = []
    for item in context.schedule.sessions:
        people = "; ".join(
            f"{role_label(role, len(ids), context.language)}: "
            f"{', '.join(names.get(p, p) for p in ids)}"
            for role, ids in item.people.items() if ids)
        link = links.get(item.id)
        out.append({
            "day": item.day.isoformat(), "start": _clock(item.start), "end": _clock(item.end),
            "kind": "session", "id": item.id, "title": item.title,
            "instrument": item.instrument, "room": rooms.get(item.room or "", item.room or ""),
            "track": tracks.get(item.track or "", item.track or ""), "format": item.format,
            "people": people, "link": link.url if link else "",
        })
    for pause in context.schedule.breaks:
        out.append({
            "day": pause.day.isoformat(), "start": _clock(pause.start), "end": _clock(pause.end),
            "kind": "break", "id": pause.id, "title": pause.title, "instrument": "",
            "room": "", "track": "", "format": "", "people": "", "link": "",
        })
    return sorted(out, key=lambda row: (row["day"], row["start"], row["id"]))


def export_csv(context: ExportContext, output: Path, options: dict[str, Any]) -> list[Path]:
    """Write the CSV file ``output`` (``--delimiter`` chooses the separator).

    Uses only the public publishing API (``scheduler.publishing``), as a third-party
    plugin should: refuse a schedule without a timetable, write atomically, and report a
    write error (no permission, disk full) in one line.
    """
    require_timetable(context)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, delimiter=options.get("delimiter") or ",")
    writer.writeheader()
    writer.writerows(rows(context))
    with explained_write_errors(output):
        atomic_write_text(output, "\ufeff" + buffer.getvalue())
    return [output]


@hookimpl
def register_exporters(register: Callable[[Exporter], None]) -> None:
    """Register the ``csv`` export format."""
    register(Exporter(
        name="csv",
        description="The programme as a CSV spreadsheet (example third-party plugin).",
        run=export_csv,
        output_kind="file",
        default_output="programme.csv",
        options=[click.Option(["--delimiter"], default=",", show_default=True,
                              type=click.Choice([",", ";", "\t"]),
                              help="Column separator (';' for spreadsheet programs "
                              "in Russian locales).")],
    ))
