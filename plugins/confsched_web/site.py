"""Build the static programme site: one self-contained ``index.html`` (plus calendars).

The rules:

- The page works from ``file://`` and any static host: CSS and JS are inlined from the
  package's ``static/`` files, the programme is embedded as JSON in a
  ``<script type="application/json">`` block; nothing is fetched from the network.
- Scenario text is data, never markup: the JSON has ``<``, ``>`` and ``&`` escaped as
  ``\\u003c``/``\\u003e``/``\\u0026`` (so ``</script>`` cannot close the block), the page
  title is HTML-escaped, and the script renders every text with ``textContent``.
- Calendars: when the ``ical`` exporter is installed, it writes its calendars into
  ``ical/`` inside the site and the page links to them with relative links.
- Participants are private: no participant's calendar is published and no page names a
  participant unless the organiser opts in, and then only under unguessable file names
  that the page does not link (:mod:`confsched_web.private`).
- Every file is written atomically.
"""

from __future__ import annotations

import html
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from confsched_web.private import (
    remove_private_calendars,
    without_registrations,
    write_private_calendars,
)
from scheduler.atomic import atomic_write_text
from scheduler.errors import UsageError
from scheduler.exporting import ExportContext
from scheduler.publishing.view import build_programme

ICAL_FOLDER = "ical"

NOSCRIPT = {
    "en": "This programme needs JavaScript to show the timetable. The calendar files are in "
          "the ical folder next to this page.",
    "ru": "Для показа расписания нужен JavaScript. Файлы календаря лежат в папке ical рядом "
          "с этой страницей.",
}

CALENDAR_GROUPS = {
    "en": {"people": "People", "rooms": "Rooms", "tracks": "Tracks"},
    "ru": {"people": "Люди", "rooms": "Залы", "tracks": "Треки"},
}

_PLACEHOLDER = re.compile(r"\{\{([A-Z]+)\}\}")


def static_text(name: str) -> str:
    """A file shipped in the package's ``static/`` folder."""
    return resources.files("confsched_web").joinpath("static", name).read_text("utf-8")


def embed_json(data: Any) -> str:
    """JSON safe to put inside a ``<script>`` element (no ``</``, no ``<!--``, no ``&``)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def fill(template: str, values: dict[str, str]) -> str:
    """Replace each ``{{NAME}}`` in one pass (so values are never scanned for more names)."""
    def replace(match: re.Match[str]) -> str:
        return values[match.group(1)]

    return _PLACEHOLDER.sub(replace, template)


def calendar_links(site: Path, written: list[Path]) -> list[dict[str, str]]:
    """Relative links to calendar files written inside ``site``: programme first."""
    out = []
    for path in written:
        if path.suffix != ".ics":
            continue
        rel = path.resolve().relative_to(site.resolve())
        parts = rel.parts
        group = parts[-2] if len(parts) >= 3 else ""
        out.append({"href": quote(rel.as_posix()), "label": path.stem if group else path.name,
                    "group": group})
    out.sort(key=lambda c: (c["group"] != "", c["group"], c["label"].casefold()))
    return out


def page_html(context: ExportContext, calendars: list[dict[str, str]]) -> str:
    """The complete ``index.html``."""
    programme = build_programme(context)
    lang = programme["lang"]
    data = {
        "programme": programme,
        "calendars": calendars,
        "calendar_groups": CALENDAR_GROUPS[lang],
    }
    return fill(static_text("index.html"), {
        "LANG": html.escape(lang),
        "TITLE": html.escape(context.scenario.event.name),
        "NOSCRIPT": html.escape(NOSCRIPT[lang]),
        "STYLE": static_text("style.css"),
        "SCRIPT": static_text("app.js"),
        "DATA": embed_json(data),
    })


def write_site(context: ExportContext, output: Path, ical: bool | None = None,
               participant_links: Path | None = None) -> list[Path]:
    """Write the site into the folder ``output``; return the files written.

    ``ical``: True asks for calendars (an error if no ical exporter is installed), False
    skips them, None writes them when the ical exporter is installed.
    ``participant_links``: opt in to participants' calendars (unguessable names, not
    linked); the CSV of who gets which link is written there, outside the site.
    """
    if output.exists() and not output.is_dir():
        raise UsageError(f"{output} is a file; the web export writes a folder "
                         "(give -o a folder name, e.g. site/)")
    if participant_links is not None:
        if ical is False:
            raise UsageError("--participant-calendars writes iCal calendars; "
                             "drop --no-ical or drop --participant-calendars")
        from confsched_web.private import check_links_path

        check_links_path(participant_links, output)
    output.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    private: list[Path] = []
    if ical is not False:
        from scheduler.plugins import exporters

        exporter = exporters().get("ical")
        if exporter is None:
            if ical or participant_links is not None:
                raise UsageError("--ical and --participant-calendars need the ical exporter, "
                                 "which is not installed; run without them")
        else:
            target = output / ICAL_FOLDER
            if exporter.output_kind == "file":
                target = target / "programme.ics"
            written.extend(exporter.run(without_registrations(context), target, {}))
            if participant_links is not None:
                private = write_private_calendars(context, output, ICAL_FOLDER,
                                                  participant_links)
    if participant_links is None:  # not asked for (now): none stays published
        remove_private_calendars(output, ICAL_FOLDER)
    index = output / "index.html"
    atomic_write_text(index, page_html(context, calendar_links(output, written)))
    return [index, *written, *private]
