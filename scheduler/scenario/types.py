"""Field types shared by the scenario and schedule models."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    PlainSerializer,
    ValidationInfo,
)

from scheduler.timeparse import format_clock, format_duration, parse_clock, parse_duration

Minutes = Annotated[
    int,
    BeforeValidator(parse_duration),
    PlainSerializer(format_duration, return_type=str),
]
"""A duration in whole minutes; written ``90min``, ``1h30``, ``45``."""

def _clock(value: object, info: ValidationInfo) -> int:
    """A clock field: minutes after midnight from the library's own code, or a time of day
    as written in a file (validated with ``context={"text": True}``), where a bare number
    is refused (see :func:`parse_clock`)."""
    from_text = bool(info.context and info.context.get("text"))
    if type(value) is int and not from_text:
        if 0 <= value <= 24 * 60:
            return value
        raise ValueError(f"{value} minutes is not a time of day between 00:00 and 24:00")
    return parse_clock(value)


Clock = Annotated[
    int,
    BeforeValidator(_clock),
    PlainSerializer(format_clock, return_type=str),
]
"""A time of day as minutes after midnight; written ``09:30``."""

_BAD_ID = re.compile(r"[\s/\\#@<>\"'`\x00-\x1f\x7f-\x9f]")

HUGE = 1_000_000
"""Upper bound of counts and weights: far above any real event, far below int64 overflow."""


_INVISIBLE_CATEGORIES = {"Cf", "Cc", "Cn", "Co", "Cs", "Zs", "Zl", "Zp"}
"""Format, control, unassigned and private-use characters, and every kind of space."""
_INVISIBLE_LETTERS = "\u115f\u1160\u3164\uffa0\u2800"
"""Fillers drawn as nothing though Unicode calls them letters (Hangul fillers, blank
braille)."""


def invisible_character(value: str) -> str | None:
    """The first character of ``value`` that shows as nothing (a zero-width space, a
    byte-order mark, a non-breaking or other unusual space), described for a message as
    ``an invisible character U+200B ZERO WIDTH SPACE``; None when every character shows.
    Ids that differ only by such a character look the same and are not, so they are named.
    """
    for char in value:
        if unicodedata.category(char) in _INVISIBLE_CATEGORIES or char in _INVISIBLE_LETTERS:
            name = unicodedata.name(char, "")
            return f"an invisible character U+{ord(char):04X}" + (f" {name}" if name else "")
    return None


def check_ident(value: str) -> str:
    """An id is a non-empty name without spaces, slashes, quotes, ``<>``, ``#`` or ``@``.

    Ids end up in file names, web addresses, calendar UIDs and the ``id#2`` names of series
    meetings and ``id@day`` names of breaks, so those characters are kept out. Letters of
    any script (Cyrillic too), digits, ``-``, ``_``, ``.`` and ``:`` are fine.
    """
    if not value:
        raise ValueError("an id cannot be empty")
    bad = _BAD_ID.search(value)
    if bad:
        char = bad.group()
        shown = repr(char) if char.isprintable() and not char.isspace() else f"U+{ord(char):04X}"
        raise ValueError(
            f"the id {value!r} contains {shown}; ids are single words such as "
            "session-1 or coffee_am (letters, digits, - _ . :)"
        )
    hidden = invisible_character(value)
    if hidden:
        raise ValueError(f"the id {value!r} contains {hidden}; retype the id (copying from "
                         "a web page or word processor can add invisible characters)")
    if len(value) > 200:
        raise ValueError("an id is longer than 200 characters; use a short name")
    return value


_LINE_BREAK = re.compile("[\n\r\u2028\u2029]")


def check_line(value: str) -> str:
    """A name or title is one line: no line break (``\\n`` in quotes, a ``|`` block).

    Names go into calendar names and parameters, file names, the terminal table, the
    printed grid and web headings, which all hold one line; longer text belongs in
    ``description:``, which may have many.
    """
    bad = _LINE_BREAK.search(value)
    if bad:
        before = value[: bad.start()][-40:]
        raise ValueError(
            f"a name or title is one line, and this one has a line break "
            f"(U+{ord(bad.group()):04X}) after {before!r}; write it on one line (a longer "
            "text goes in description:)"
        )
    return value


Line = Annotated[str, AfterValidator(check_line)]
"""A name or title: one line of text."""

Ident = Annotated[str, AfterValidator(check_ident)]
"""The id of a room, track, person, session, break or participant."""

Format = Literal["in-person", "online", "hybrid"]
"""How a session is attended: in a room, only online, or both."""

FORMATS: tuple[Format, ...] = ("in-person", "online", "hybrid")


def _hyphenate(name: str) -> str:
    return name.replace("_", "-")


class StrictModel(BaseModel):
    """Base of every scenario model: unknown keys are errors; ``a-b`` and ``a_b`` both work."""

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
        alias_generator=_hyphenate,
        str_strip_whitespace=True,
        validate_default=True,
    )
