"""From the session types of other systems (frab, pretalx, c3voc) to our instruments.

One table for every importer, so that a pretalx "Workshop" and a frab "workshop" become
the same instrument; ``--instrument TYPE=INSTRUMENT`` adds to it or overrides it.
"""

from __future__ import annotations

from scheduler.errors import UsageError

DEFAULT_INSTRUMENTS: dict[str, str] = {
    "workshop": "workshop", "werkstatt": "workshop", "семинар": "workshop",
    "мастер-класс": "workshop", "lecture": "lecture", "vortrag": "lecture",
    "keynote": "lecture", "лекция": "lecture", "panel": "conference",
    "podium": "conference", "discussion": "conference", "дискуссия": "conference",
}
"""A foreign session type (lower case) -> our instrument; anything else is a ``talk``."""

FACILITATED = ("workshop", "dialogue")
"""Instruments whose people run the session as facilitators rather than speak."""


def instrument_table(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """The default table with ``TYPE=INSTRUMENT`` overrides (from the command line)."""
    table = dict(DEFAULT_INSTRUMENTS)
    for pair in pairs:
        kind, equals, instrument = pair.partition("=")
        if not equals or not kind.strip() or not instrument.strip():
            raise UsageError(f"--instrument {pair!r}: write TYPE=INSTRUMENT, e.g. "
                             "--instrument Keynote=plenary")
        table[kind.strip().lower()] = instrument.strip()
    return table


def instrument_for(kind: str, table: dict[str, str]) -> str:
    """Our instrument for a foreign session type (``talk`` when the table has none)."""
    return table.get(kind.strip().lower(), "talk")
