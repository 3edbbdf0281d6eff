"""List pages that continue a day name it (issue 14: running header)."""

from __future__ import annotations

import io

import pytest
from confsched_programme.render import render_pdf
from confsched_programme.view import build_programme
from pypdf import PdfReader

from scheduler.exporting import ExportContext


@pytest.mark.parametrize("paper", ["a4", "a5"])
def test_continued_list_pages_carry_their_date(big_context: ExportContext, paper: str) -> None:
    data = build_programme(big_context)
    reader = PdfReader(io.BytesIO(render_pdf(data, paper, "list")))
    labels = [day["label"] for day in data["days"]]
    current = None
    continued = 0
    for page in reader.pages[1:]:
        text = page.extract_text()
        first_line = " ".join(text.split())
        starting = [label for label in labels if first_line.startswith(label)
                    and "(continued)" not in first_line]
        if starting:
            current = starting[0]
            assert "(continued)" not in text
        else:
            assert current is not None
            assert first_line.startswith(f"{current} (continued)"), first_line
            continued += 1
    assert continued >= 3  # every day of 48 sessions runs over more than one page


def test_russian_running_header(bishkek_context: ExportContext) -> None:
    reader = PdfReader(io.BytesIO(render_pdf(build_programme(bishkek_context), "a5", "list")))
    assert len(reader.pages) >= 3
    for page in reader.pages[2:]:
        text = " ".join(page.extract_text().split())
        assert text.startswith("7 июня 2022 г., вторник (продолжение)"), text


def test_grid_pages_have_no_running_header(big_context: ExportContext) -> None:
    reader = PdfReader(io.BytesIO(render_pdf(build_programme(big_context), "a5", "grid")))
    assert all("(continued)" not in page.extract_text() for page in reader.pages)
