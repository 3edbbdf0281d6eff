"""The printed programme as PDF: pages, text (Cyrillic), embedded fonts, pictures, CLI."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from confsched_programme.render import render_pdf, write_pdf
from programme_helpers import (
    BISHKEK,
    BISHKEK_BREAKS,
    BISHKEK_DAY,
    BISHKEK_TIMES,
    hand_schedule,
    shipped_scenarios,
    solved,
)
from pypdf import PdfReader

from scheduler.cli import main
from scheduler.exporting import ExportContext
from scheduler.publishing.view import build_programme
from scheduler.scenario import Scenario
from scheduler.schedule import Schedule, save_schedule


def _text(reader: PdfReader) -> str:
    """All text of a PDF with whitespace collapsed (line breaks inside titles vanish)."""
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _embedded_fonts(reader: PdfReader) -> dict[str, bool]:
    """Base font name -> whether its font program is embedded (FontFile/2/3)."""
    found: dict[str, bool] = {}
    for page in reader.pages:
        resources: Any = page["/Resources"].get_object()
        fonts: Any = resources.get("/Font", {})
        for ref in fonts.get_object().values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            targets = [d.get_object() for d in descendants.get_object()] if descendants else [font]
            for target in targets:
                descriptor = target.get("/FontDescriptor")
                descriptor = descriptor.get_object() if descriptor is not None else {}
                found[str(target.get("/BaseFont"))] = any(
                    key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    return found


@pytest.mark.parametrize("layout", ["grid", "list"])
def test_bishkek_programme_has_every_title_in_cyrillic(
    bishkek_context: ExportContext, layout: str, artifacts: Path,
) -> None:
    pdf = render_pdf(build_programme(bishkek_context), "a4", layout)
    (artifacts / f"programme-bishkek-{layout}.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    if layout == "grid":
        assert len(reader.pages) == 2  # cover + one day
        width, height = reader.pages[1].mediabox.width, reader.pages[1].mediabox.height
        assert width > height  # landscape
    else:
        assert len(reader.pages) >= 2
    text = _squash(_text(reader))
    for session in bishkek_context.scenario.sessions:
        assert _squash(session.title) in text, session.title
    for title in ("Обед", "Кофе-брейк", "Групповое фото и кофе-брейк"):
        assert _squash(title) in text
    # The cover: event, venue, and how to join online.
    assert _squash("Официальная церемония запуска проекта") in text
    assert _squash("Отель «Европа», ул. Ибраимова, 70") in text
    assert _squash("Код доступа: accel2022") in text
    assert _squash("7 июня 2022 г.") in text


def test_fonts_are_embedded_and_cover_cyrillic(bishkek_context: ExportContext) -> None:
    reader = PdfReader(io.BytesIO(render_pdf(build_programme(bishkek_context), "a4", "list")))
    fonts = _embedded_fonts(reader)
    assert fonts, "no fonts found"
    assert all(fonts.values()), fonts
    assert any("DejaVuSansCondensed" in name for name in fonts)


def test_english_a5_list(bishkek: Scenario, bishkek_schedule: Schedule) -> None:
    context = ExportContext(scenario=bishkek, schedule=bishkek_schedule, lang="en")
    reader = PdfReader(io.BytesIO(render_pdf(build_programme(context), "a5", "list")))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (420, 595)  # A5 portrait
    text = _squash(_text(reader))
    assert _squash("Passcode: accel2022") in text
    assert _squash("Facilitator: Фасилитатор дизайн-мышления") in text
    assert "Tuesday,7June2022" in text


def test_twelve_parallel_rooms_fit_one_a4_page_per_day(
    big_context: ExportContext, artifacts: Path,
) -> None:
    pdf = render_pdf(build_programme(big_context), "a4", "grid")
    (artifacts / "programme-big-grid.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1 + 3
    for number, page in enumerate(reader.pages[1:], start=0):
        text = _squash(page.extract_text())
        for n in range(number * 48 + 1, number * 48 + 49):
            # Each session's number and first word are on its own day's page.
            title = big_context.scenario.session(f"s{n}").title
            assert _squash(" ".join(title.split()[:2])) in text, title
        assert _squash("Аудитория 12") in text


def test_a5_grid_is_landscape_with_twelve_rooms_over_two_pages(big_context: ExportContext) -> None:
    reader = PdfReader(io.BytesIO(render_pdf(build_programme(big_context), "a5", "grid")))
    assert len(reader.pages) == 1 + 3 * 2  # 12 rooms at a legible size: 6 a page
    box = reader.pages[1].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 420)
    assert _squash("S100 ") in _squash(reader.pages[5].extract_text())


def test_user_text_is_never_typst_markup(bishkek: Scenario, bishkek_schedule: Schedule) -> None:
    nasty = '#panic("boom") $x^2$ *bold* _it_ @ref <label> \\ ] [ // not a comment'
    # Titles are printed from the scenario (scheduler/texts.py), so the text goes there.
    sessions = [s.model_copy(update={"title": nasty}) if s.id == "session-2" else s
                for s in bishkek.sessions]
    scenario = bishkek.model_copy(update={"sessions": sessions})
    context = ExportContext(scenario=scenario, schedule=bishkek_schedule)
    for layout in ("grid", "list"):
        text = _squash(_text(PdfReader(io.BytesIO(render_pdf(build_programme(context), "a4",
                                                              layout)))))
        assert _squash(nasty) in text


@pytest.mark.skipif(shutil.which("pdftoppm") is None,
                    reason="pdftoppm missing: apt-get install poppler-utils")
def test_grid_page_renders_to_a_picture(bishkek_context: ExportContext, artifacts: Path) -> None:
    from PIL import Image

    pdf_path = artifacts / "programme-grid.pdf"
    write_pdf(build_programme(bishkek_context), pdf_path, "a4", "grid")
    stem = artifacts / "programme-grid"
    subprocess.run(["pdftoppm", "-png", "-r", "110", "-f", "2", "-l", "2", "-singlefile",
                    str(pdf_path), str(stem)], check=True, capture_output=True)
    png = stem.with_suffix(".png")
    with Image.open(png) as image:
        assert image.width > image.height > 800  # landscape A4 at 110 dpi
        grey = image.convert("L")
        histogram = grey.histogram()
        inked = sum(histogram[:200]) / (image.width * image.height)
        rgb = image.convert("RGB").resize((image.width // 4, image.height // 4))
        pixels: list[Any] = [rgb.getpixel((x, y)) for x in range(rgb.width)
                             for y in range(rgb.height)]
        coloured = sum(1 for r, _, b in pixels if b - r > 20) / len(pixels)
    assert inked > 0.01  # there is text and boxes on the page
    assert coloured > 0.05  # track colours fill the session boxes


def test_write_is_atomic_an_error_keeps_the_old_file(
    bishkek_context: ExportContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "programme.pdf"
    target.write_bytes(b"old")
    import typst  # the renderer imports it when it typesets (the programme extra)

    def broken(*args: object, **kwargs: object) -> bytes:
        raise typst.TypstError("boom", "")

    monkeypatch.setattr(typst, "compile", broken)
    with pytest.raises(Exception, match="typesetting the programme failed"):
        write_pdf(build_programme(bishkek_context), target, "a4", "grid")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["programme.pdf"]


def test_cli_writes_the_pdf(tmp_path: Path, bishkek: Scenario) -> None:
    schedule_path = tmp_path / "schedule.yaml"
    save_schedule(hand_schedule(bishkek, BISHKEK_TIMES, BISHKEK_DAY, BISHKEK_BREAKS),
                  schedule_path)
    out = tmp_path / "out" / "programme.pdf"
    result = CliRunner().invoke(main, ["export", "programme", str(BISHKEK), str(schedule_path),
                                       "-o", str(out), "--layout", "list", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert str(out) in result.output
    assert out.read_bytes().startswith(b"%PDF")
    # An existing folder gets programme.pdf inside.
    result = CliRunner().invoke(main, ["export", "programme", str(BISHKEK), str(schedule_path),
                                       "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "programme.pdf").exists()


def test_cli_bad_input_is_a_clear_error(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["export", "programme", str(BISHKEK),
                                  str(tmp_path / "missing.yaml")])
    assert result.exit_code == 2
    assert "missing.yaml" in result.output and "Traceback" not in result.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: confsched-schedule\nversion: 1\nevent: x\ntimezone: UTC\n"
                   "status: feasible\nsessions:\n  - {id: a, title: A, instrument: talk,\n"
                   "     day: 2022-06-07, start: '25:00', end: '10:00'}\n", encoding="utf-8")
    result = runner.invoke(main, ["export", "programme", str(BISHKEK), str(bad)])
    assert result.exit_code == 2
    assert "bad.yaml:" in result.output and "Traceback" not in result.output
    result = runner.invoke(main, ["export", "programme", str(BISHKEK), str(bad),
                                  "--layout", "poster"])
    assert result.exit_code == 2
    assert "poster" in result.output


@pytest.mark.slow
@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_every_shipped_scenario_solves_and_prints(path: Path, artifacts: Path) -> None:
    scenario, schedule, status = solved(path)
    if path.stem.startswith("infeasible-"):
        assert schedule is None, f"{path.name} is meant to have no schedule"
        return
    assert schedule is not None, f"{path.name}: no schedule ({status})"
    context = ExportContext(scenario=scenario, schedule=schedule)
    for layout in ("grid", "list"):
        pdf = render_pdf(build_programme(context), "a4", layout)
        (artifacts / f"programme-{path.stem}-{layout}.pdf").write_bytes(pdf)
        reader = PdfReader(io.BytesIO(pdf))
        days = {s.day for s in schedule.sessions} | {b.day for b in schedule.breaks}
        if layout == "grid":
            assert len(reader.pages) >= 1 + len(days)
        text = _squash(_text(reader))
        for placed in schedule.sessions:
            # Grid boxes may shrink a title, never drop its start; the list has it whole.
            expected = _squash(placed.title)
            assert (expected[:12] if layout == "grid" else expected) in text, placed.title
