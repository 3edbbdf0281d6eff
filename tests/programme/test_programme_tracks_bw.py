"""Tracks survive black-and-white printing (issue 14): each track has a letter as well as a
colour, printed in every session box of the grid and in the legend."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from confsched_programme.render import render_pdf

from scheduler.exporting import ExportContext
from scheduler.publishing.view import build_programme, track_mark

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="pdftotext missing: apt-get install poppler-utils")


def test_track_marks_are_letters() -> None:
    assert [track_mark(i) for i in (0, 1, 25, 26, 27)] == ["A", "B", "Z", "AA", "AB"]


def _page_words(pdf: bytes, page: int, tmp_path: Path) -> list[str]:
    path = tmp_path / "p.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
                         check=True, capture_output=True, text=True).stdout
    return [html.unescape(w) for w in re.findall(r"<word [^>]*>(.*?)</word>", out)]


def test_every_grid_box_carries_its_track_letter(big_context: ExportContext,
                                                 tmp_path: Path) -> None:
    data = build_programme(big_context)
    assert [t["mark"] for t in data["tracks"]] == ["A", "B", "C", "D"]
    pdf = render_pdf(data, "a4", "grid")
    for page, day in enumerate(data["days"], start=2):
        words = _page_words(pdf, page, tmp_path)
        expected = Counter(it["track_mark"] for it in day["items"] if it["kind"] == "session")
        found = Counter(w for w in words if w in {"A", "B", "C", "D"})
        # Each box once, and the legend once per track.
        assert found == expected + Counter("ABCD"), (found, expected)
        assert " ".join(words).count("A Трек 1") == 1


def test_one_track_needs_no_letters(bishkek_context: ExportContext, tmp_path: Path) -> None:
    pdf = render_pdf(build_programme(bishkek_context), "a4", "grid")
    assert "A" not in _page_words(pdf, 2, tmp_path)
