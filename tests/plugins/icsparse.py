"""Re-reading calendars with two independent parsers: icalendar and ``ics``.

``ics`` 0.7 parses content lines with a recursive grammar that can exhaust Python's
default recursion limit on long folded Cyrillic lines, so it runs here in a thread with
a large stack and a high recursion limit.
"""

from __future__ import annotations

import datetime as dt
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import ics
from icalendar import Calendar

T = TypeVar("T")


@dataclass(frozen=True)
class Parsed:
    """An event as both parsers agree on it."""

    uid: str
    summary: str
    begin: dt.datetime
    end: dt.datetime
    location: str | None


def in_deep_stack(read: Callable[[], T]) -> T:
    """``read()`` in a thread with a large stack and a high recursion limit (what ``ics``
    needs on long folded lines); its exception, if any, is raised here."""
    result: list[T] = []
    failure: list[BaseException] = []

    def work() -> None:
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(200_000)
        try:
            result.append(read())
        except BaseException as exc:  # noqa: BLE001 - reported to the caller
            failure.append(exc)
        finally:
            sys.setrecursionlimit(limit)

    old = threading.stack_size(256 * 1024 * 1024)
    try:
        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
    finally:
        threading.stack_size(old)
    if failure:
        raise failure[0]
    return result[0]


@lru_cache(maxsize=256)
def parse_ics_library(text: str) -> tuple[Parsed, ...]:
    """Events of ``text`` as the ``ics`` package reads them (slow: cached by text)."""
    def read() -> list[Parsed]:
        return [Parsed(event.uid, event.name, event.begin.datetime, event.end.datetime,
                       event.location) for event in ics.Calendar(text).events]

    return tuple(sorted(in_deep_stack(read), key=lambda p: (p.begin, p.uid)))


def parse_icalendar(text: str) -> list[Parsed]:
    """Events of ``text`` as icalendar reads them (strictly: a broken line raises)."""
    calendar = Calendar.from_ical(text)
    out = []
    for event in calendar.walk("VEVENT"):
        out.append(Parsed(str(event["UID"]), str(event["SUMMARY"]), event.decoded("DTSTART"),
                          event.decoded("DTEND"),
                          str(event["LOCATION"]) if "LOCATION" in event else None))
    return sorted(out, key=lambda p: (p.begin, p.uid))


def parse_both(path: Path) -> list[Parsed]:
    """Events of a calendar file, checked to be read the same by both parsers."""
    text = path.read_text(encoding="utf-8")
    first, second = parse_icalendar(text), parse_ics_library(text)
    assert [(p.uid, p.summary, p.location) for p in first] == [
        (p.uid, p.summary, p.location) for p in second], path
    for a, b in zip(first, second, strict=True):
        assert a.begin == b.begin and a.end == b.end, (path, a, b)
    return first


def overlapping(events: list[Parsed]) -> list[tuple[Parsed, Parsed]]:
    """Pairs of events whose half-open intervals overlap."""
    ordered = sorted(events, key=lambda p: p.begin)
    return [(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1:]
            if a.begin < b.end and b.begin < a.end]
