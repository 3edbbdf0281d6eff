"""List pages that continue a day name it (issue 14: running header)."""

from __future__ import annotations

import io

import pytest
from confsched_programme.render import render_pdf
from pypdf import PdfReader

from scheduler.exporting import ExportContext
from scheduler.publishing.view import build_programme


@pytest.mark.parametrize("paper", ["a4", "a5"])
def test_continued_list_pages_carry_their_date(big_context: ExportContext, paper: str) -> None:
    data = build_programme(big_context)
    reader = PdfReader(io.BytesIO(render_pdf(data, paper, "list")))
    labels = [day["label"] for day in data["days"]]
    current = None
    continued = 0
    for page in reader.pages[1:]:
        text = " ".join(page.extract_text().split())
        if "(continued)" in text:
            assert current is not None
            assert text.startswith(f"{current} (continued)"), text[:80]
            continued += 1
        else:  # a day starts at the top of the page
            assert any(text.startswith(label) for label in labels), text[:80]
        # The day going on at the end of this page: the last one whose heading is on it.
        current = max(labels, key=lambda label: text.rfind(label)
                      if label in text else -1) if any(lb in text for lb in labels) else current
    assert continued >= 3  # every day of 48 sessions runs over more than one page


def test_russian_running_header(bishkek_context: ExportContext) -> None:
    reader = PdfReader(io.BytesIO(render_pdf(build_programme(bishkek_context), "a5", "list")))
    assert len(reader.pages) >= 2  # the day starts on the cover's page
    for page in reader.pages[1:]:
        text = " ".join(page.extract_text().split())
        assert text.startswith("7 июня 2022 г., вторник (продолжение)"), text


def test_grid_pages_have_no_running_header(big_context: ExportContext) -> None:
    reader = PdfReader(io.BytesIO(render_pdf(build_programme(big_context), "a5", "grid")))
    assert all("(continued)" not in page.extract_text() for page in reader.pages)
