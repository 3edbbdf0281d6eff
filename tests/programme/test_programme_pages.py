"""No wasted paper (issue 14): a one-day list programme starts on the cover's page, and
list days follow each other without leaving a page near-empty."""

from __future__ import annotations

import io
import statistics

import pytest
from confsched_programme.render import render_pdf
from pypdf import PdfReader

from scheduler.exporting import ExportContext
from scheduler.publishing.view import build_programme


def _lengths(pdf: bytes) -> list[int]:
    return [len("".join(page.extract_text().split())) for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("paper", ["a4", "a5"])
def test_a_one_day_list_starts_on_the_cover_page(bishkek_context: ExportContext,
                                                 paper: str) -> None:
    pdf = render_pdf(build_programme(bishkek_context), paper, "list")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    first = "".join(reader.pages[0].extract_text().split())
    assert "Подключитьсяонлайн" in first and "09:30–10:00" in first


def _two_short_days(big_context: ExportContext) -> ExportContext:
    """Two days of 20 sessions each: on A5, a little more than a page a day."""
    days = sorted({s.day for s in big_context.schedule.sessions})[:2]
    rooms = {f"r{r}" for r in range(1, 6)}
    schedule = big_context.schedule.model_copy(update={
        "sessions": [s for s in big_context.schedule.sessions
                     if s.day in days and s.room in rooms],
        "breaks": [b for b in big_context.schedule.breaks if b.day in days]})
    scenario = big_context.scenario.model_copy(update={"event": big_context.scenario.event
                                                       .model_copy(update={"last_day": days[1]})})
    return ExportContext(scenario=scenario, schedule=schedule)


@pytest.mark.parametrize("paper", ["a4", "a5"])
def test_no_list_page_but_the_last_is_near_empty(big_context: ExportContext, paper: str) -> None:
    for context in (big_context, _two_short_days(big_context)):
        lengths = _lengths(render_pdf(build_programme(context), paper, "list"))
        body = lengths[1:-1]  # the cover and the last page may be short
        typical = statistics.median(body) if body else 0
        assert all(n > 0.6 * typical for n in body), (paper, lengths)
