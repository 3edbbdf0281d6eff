"""Calendar-level names (RFC 7986 NAME, X-WR-CALNAME) are TEXT: a comma, semicolon or
backslash in an event, room or track name is escaped, so every parser reads the whole
name back (vobject cut it at the first comma before)."""

from __future__ import annotations

import re
from pathlib import Path

import vobject
from confsched_ical.export import export_ical
from exporthelp import forum  # noqa: F401  (fixture)
from icalendar import Calendar

from scheduler.exporting import ExportContext

EVENT = "Форум НКО, 2024; «Партнёрство» \\ сети"
ROOM = "Зал А, Б; В"


def _names_by_vobject(text: str) -> tuple[str, str]:
    calendar = vobject.readOne(text)
    return calendar.contents["name"][0].value, calendar.contents["x-wr-calname"][0].value


def _names_by_icalendar(text: str) -> tuple[str, str]:
    calendar = Calendar.from_ical(text)
    # icalendar 7 has no type for these two and keeps them as raw text (vUnknown): read
    # them as RFC 7986 says they are: TEXT (RFC 5545 3.3.11)
    return _text(str(calendar["NAME"])), _text(str(calendar["X-WR-CALNAME"]))


def _text(raw: str) -> str:
    """An RFC 5545 TEXT value unescaped: ``\\,`` ``\\;`` ``\\\\`` ``\\n``."""
    return re.sub(r"\\([\\;,nN])",
                  lambda m: "\n" if m.group(1) in "nN" else m.group(1), raw)


def test_commas_in_calendar_names_survive_two_parsers(
    forum: ExportContext, tmp_path: Path  # noqa: F811
) -> None:
    forum.scenario.event.name = EVENT
    forum.scenario.rooms[0].name = ROOM
    export_ical(forum, tmp_path, {})
    programme = (tmp_path / "programme.ics").read_bytes().decode("utf-8")
    assert "NAME:Форум НКО\\, 2024\\; «Партнёрство» \\\\ сети" in programme.replace("\r\n ", "")
    assert _names_by_vobject(programme) == (EVENT, EVENT)
    assert _names_by_icalendar(programme) == (EVENT, EVENT)
    rooms = [p.read_text(encoding="utf-8") for p in (tmp_path / "rooms").glob("*.ics")]
    names = {_names_by_vobject(text)[0] for text in rooms}
    assert any(ROOM in name for name in names), names
    assert {_names_by_icalendar(text)[0] for text in rooms} == names
