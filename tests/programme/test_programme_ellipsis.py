"""Grid boxes never cut text (issue 14): a word wider than its column is broken between
letters, and a title too long for its box ends in "…" instead of being clipped."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from confsched_programme.render import render_pdf

from scheduler.exporting import ExportContext
from scheduler.publishing.view import build_programme
from scheduler.scenario import parse_scenario
from scheduler.schedule import Schedule, ScheduledSession, SolveStatus

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="pdftotext missing: apt-get install poppler-utils")

LONG_WORD = "Суперкалифрагилистикэкспиалидоцианновость"
LONG_TITLE = ("Короткая сессия с очень длинным названием о цифровой активности и адвокации "
              "онлайн-сообществ гражданского общества заканчивается словом финиш")
ROOMS = 12


def _context() -> ExportContext:
    lines = ["event: {name: Узкие колонки, timezone: UTC, first-day: 2026-03-02, language: ru}",
             "rooms:"]
    lines += [f"  - {{id: r{r}, name: Зал {r}, capacity: 10}}" for r in range(1, ROOMS + 1)]
    lines.append("sessions:")
    lines.append(f"  - {{id: long-word, title: '{LONG_WORD} и друзья', instrument: talk, "
                 "duration: 60min}")
    lines.append(f"  - {{id: short-box, title: '{LONG_TITLE}', instrument: talk, "
                 "duration: 15min}")
    lines += [f"  - {{id: s{r}, title: Сессия {r}, instrument: talk, duration: 60min}}"
              for r in range(3, ROOMS + 1)]
    scenario = parse_scenario("\n".join(lines) + "\n", "narrow.yaml")
    day = dt.date(2026, 3, 2)
    placed = {"long-word": (600, 660, "r1"), "short-box": (600, 615, "r2")}
    placed |= {f"s{r}": (600, 660, f"r{r}") for r in range(3, ROOMS + 1)}
    schedule = Schedule(event="x", timezone="UTC", status=SolveStatus.FEASIBLE, sessions=[
        ScheduledSession(id=sid, title=scenario.session(sid).title, instrument="talk", day=day,
                         start=start, end=end, room=room)
        for sid, (start, end, room) in placed.items()])
    return ExportContext(scenario=scenario, schedule=schedule)


def _words(pdf: bytes, tmp_path: Path) -> list[tuple[str, float, float]]:
    """(word, width, xMax) of each word inside the grid (below the day's title, above the
    footer), from pdftotext's boxes."""
    path = tmp_path / "grid.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-bbox", "-f", "2", "-l", "2", str(path), "-"],
                         check=True, capture_output=True, text=True).stdout
    words = []
    for x0, y0, x1, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>',
            out):
        if 55 < float(y0) < 560:
            words.append((html.unescape(word), float(x1) - float(x0), float(x1)))
    return words


def test_a_word_wider_than_its_column_is_broken_not_cut(tmp_path: Path) -> None:
    pdf = render_pdf(build_programme(_context()), "a4", "grid")
    words = _words(pdf, tmp_path)
    column = (842 - 2 * 11 / 25.4 * 72 - 10 / 25.4 * 72) / ROOMS  # points
    too_wide = [(w, round(width)) for w, width, _ in words if width > column]
    assert too_wide == [], f"wider than a {column:.0f} pt column: {too_wide}"
    joined = "".join(w for w, _, _ in words)
    assert LONG_WORD in joined  # every letter printed, over several lines


def test_a_title_too_long_for_its_box_ends_in_an_ellipsis(tmp_path: Path) -> None:
    pdf = render_pdf(build_programme(_context()), "a4", "grid")
    text = " ".join(w for w, _, _ in _words(pdf, tmp_path))
    assert "…" in text
    assert "Короткая" in text
    assert "финиш" not in text  # cut with an ellipsis, not clipped by the box
