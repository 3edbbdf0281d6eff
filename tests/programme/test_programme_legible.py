"""Legible grid type (issue 14): grid text never goes below 6.5 pt; a day with more rooms
than fit at that size is split across pages, or printed as a list, and the page says so."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from typing import Any

import pytest
from confsched_programme.render import render_pdf
from pypdf import PdfReader

from scheduler.exporting import ExportContext
from scheduler.publishing.view import build_programme
from scheduler.scenario import parse_scenario
from scheduler.schedule import Schedule, ScheduledSession, SolveStatus

MIN_PT = 6.5


def font_sizes(page: Any) -> Counter[float]:
    """Printed size (pt) -> characters printed at it, on one PDF page."""
    sizes: Counter[float] = Counter()

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if text.strip():
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            sizes[round(size * scale, 2)] += len(text.strip())

    page.extract_text(visitor_text=visit)
    return sizes


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_a5_twelve_rooms_split_in_two_pages_never_below_the_minimum(
    big_context: ExportContext,
) -> None:
    reader = PdfReader(io.BytesIO(render_pdf(build_programme(big_context), "a5", "grid")))
    assert len(reader.pages) == 1 + 3 * 2
    for page in reader.pages[1:]:
        sizes = font_sizes(page)
        assert sizes and min(sizes) >= MIN_PT, sizes
    first, second = reader.pages[1].extract_text(), reader.pages[2].extract_text()
    assert "rooms 1–6 of 12 (page 1 of 2)" in first
    assert "rooms 7–12 of 12 (page 2 of 2)" in second
    assert "Аудитория 6" in first and "Аудитория 7" not in first
    assert "Аудитория 12" in second
    text = _squash(" ".join(p.extract_text() for p in reader.pages))
    for session in big_context.scenario.sessions:
        assert _squash(" ".join(session.title.split()[:2])) in text, session.title


LONG = ("о цифровой активности, адвокации и мобилизации ресурсов онлайн-сообществ "
        "гражданского общества в условиях пандемии")


def test_a4_twelve_rooms_of_long_titles_stay_on_one_page_at_a_legible_size() -> None:
    context = _wide_day(12, LONG)
    reader = PdfReader(io.BytesIO(render_pdf(build_programme(context), "a4", "grid")))
    assert len(reader.pages) == 2
    sizes = font_sizes(reader.pages[1])
    assert min(sizes) >= MIN_PT, sizes
    text = _squash(reader.pages[1].extract_text())
    for r in range(1, 13):
        assert _squash(f"Сессия номер {r} о цифровой") in text


def _wide_day(rooms: int, words: str = "о цифровой активности") -> ExportContext:
    lines = ["event: {name: Wide, timezone: UTC, first-day: 2026-03-02, language: ru}",
             "rooms:"]
    lines += [f"  - {{id: r{r}, name: Зал {r}, capacity: 10}}" for r in range(1, rooms + 1)]
    lines.append("sessions:")
    lines += [f"  - {{id: s{r}, title: 'Сессия номер {r} {words}', "
              f"instrument: talk, duration: 60min}}" for r in range(1, rooms + 1)]
    scenario = parse_scenario("\n".join(lines) + "\n", "wide.yaml")
    day = dt.date(2026, 3, 2)
    schedule = Schedule(event="Wide", timezone="UTC", status=SolveStatus.FEASIBLE, sessions=[
        ScheduledSession(id=f"s{r}", title=scenario.session(f"s{r}").title, instrument="talk",
                         day=day, start=600, end=660, room=f"r{r}")
        for r in range(1, rooms + 1)])
    return ExportContext(scenario=scenario, schedule=schedule)


@pytest.mark.parametrize("paper", ["a4", "a5"])
def test_too_many_rooms_for_a_grid_print_the_day_as_a_list(paper: str) -> None:
    context = _wide_day(45)
    reader = PdfReader(io.BytesIO(render_pdf(build_programme(context), paper, "grid")))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert _squash("В этот день 45 залов") in _squash(text)
    for page in reader.pages[1:]:
        assert min(font_sizes(page)) >= MIN_PT
    for r in range(1, 46):
        assert _squash(f"Сессия номер {r} о цифровой активности") in _squash(text)
