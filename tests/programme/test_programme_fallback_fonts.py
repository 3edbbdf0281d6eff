"""Emoji and CJK never print as boxes (issue 14): the PDF falls back to WenQuanYi Micro Hei
(CJK) and Noto Color Emoji, and warns, naming the package, when one is not installed."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from confsched_programme import render
from confsched_programme.render import FALLBACK_FONTS, render_pdf
from programme_helpers import BISHKEK, BISHKEK_BREAKS, BISHKEK_DAY, BISHKEK_TIMES, hand_schedule
from pypdf import PdfReader
from pypdf.generic import ContentStream

from scheduler.cli import main
from scheduler.exporting import ExportContext
from scheduler.publishing.view import build_programme
from scheduler.scenario import parse_scenario
from scheduler.schedule import save_schedule

TITLE = "🎉 Открытие 中文 セッション 한국어 👩‍💻 🇰🇬"


def _context() -> ExportContext:
    text = BISHKEK.read_text("utf-8").replace(
        "title: Открытие. Приветственные слова и знакомство", f"title: '{TITLE}'")
    scenario = parse_scenario(text, "bishkek.yaml")
    return ExportContext(scenario=scenario, schedule=hand_schedule(
        scenario, BISHKEK_TIMES, BISHKEK_DAY, BISHKEK_BREAKS))


def missing_glyphs(pdf: bytes) -> int:
    """How many glyphs are drawn as .notdef (glyph 0: the box) in the PDF's CID fonts."""
    reader = PdfReader(io.BytesIO(pdf))
    count = 0
    for page in reader.pages:
        resources: Any = page["/Resources"]
        fonts: Any = resources["/Font"]
        font: Any = None
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                font = fonts[operands[0]].get_object()
            elif operator in (b"Tj", b"TJ") and font is not None \
                    and font.get("/Encoding") == "/Identity-H":
                strings = operands[0] if operator == b"TJ" else [operands[0]]
                for item in strings:
                    if hasattr(item, "original_bytes"):
                        codes = bytes(item.original_bytes)
                        count += sum(1 for i in range(0, len(codes) - 1, 2)
                                     if codes[i] == 0 and codes[i + 1] == 0)
    return count


def _font_names(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources: Any = page["/Resources"]
        for ref in resources["/Font"].values():
            font = ref.get_object()
            names.add(str(font.get("/BaseFont", font.get("/Subtype"))))
    return names


needs_fonts = pytest.mark.skipif(
    any(font.file() is None for font in FALLBACK_FONTS),
    reason="apt-get install fonts-wqy-microhei fonts-noto-color-emoji (.ci/run does)")


@needs_fonts
@pytest.mark.parametrize("layout", ["grid", "list"])
def test_emoji_and_cjk_are_drawn_not_boxes(layout: str) -> None:
    pdf = render_pdf(build_programme(_context()), "a4", layout)
    assert missing_glyphs(pdf) == 0
    names = _font_names(pdf)
    assert any("WenQuanYiMicroHei" in n for n in names), names
    assert "/Type3" in names  # the colour emoji, drawn as bitmaps
    assert any("DejaVuSansCondensed" in n for n in names)


def test_the_box_counter_sees_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the fallbacks the same title draws boxes: the check above can fail."""
    monkeypatch.setattr(render, "FALLBACK_FONTS", ())
    pdf = render_pdf(build_programme(_context()), "a4", "list")
    assert missing_glyphs(pdf) >= 10


def test_a_missing_fallback_font_is_named_in_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    gone = tuple(font.__class__(font.family, (str(tmp_path / "none.ttf"),), font.package,
                                font.script, font.needed, font.licence)
                 for font in FALLBACK_FONTS)
    monkeypatch.setattr(render, "FALLBACK_FONTS", gone)
    context = _context()
    scenario_path = tmp_path / "scenario.yaml"
    scenario_path.write_text(BISHKEK.read_text("utf-8").replace(
        "title: Открытие. Приветственные слова и знакомство", f"title: '{TITLE}'"), "utf-8")
    schedule_path = tmp_path / "schedule.yaml"
    save_schedule(context.schedule, schedule_path)
    result = CliRunner().invoke(main, ["export", "programme", str(scenario_path),
                                       str(schedule_path), "-o", str(tmp_path / "p.pdf")])
    assert result.exit_code == 0, result.output
    assert "apt-get install fonts-wqy-microhei" in result.output
    assert "apt-get install fonts-noto-color-emoji" in result.output
    # Plain Cyrillic needs no fallback: no warning.
    plain = parse_scenario(BISHKEK.read_text("utf-8"), "b.yaml")
    assert render.missing_fonts(build_programme(ExportContext(
        scenario=plain,
        schedule=hand_schedule(plain, BISHKEK_TIMES, BISHKEK_DAY, BISHKEK_BREAKS)))) == []
