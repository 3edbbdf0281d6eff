"""Session parts and people's positions (issue 14, seed 001): "Фасилитатор: г-жа ...
(Координатор проекта, Кластерное Бюро ЮНЕСКО в Алматы)" and the parts of each session
("• Командообразование • Обучение эмпатии ...") are printed."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from confsched_programme.render import render_pdf
from confsched_web.site import write_site
from programme_helpers import BISHKEK, BISHKEK_BREAKS, BISHKEK_DAY, BISHKEK_TIMES, hand_schedule
from pypdf import PdfReader

from scheduler.errors import InputError
from scheduler.exporting import ExportContext
from scheduler.publishing.view import build_programme, description_parts
from scheduler.scenario import parse_scenario

SEED_PARTS = ["Командообразование", "Обучение эмпатии", "Определение проблем онлайн-сообщества"]


def _seed_text() -> str:
    text = BISHKEK.read_text("utf-8")
    text = text.replace(
        "  - {id: moderator, name: Модератор церемонии}",
        "  - {id: moderator, name: г-жа Айжан Кыдыралиева, position: Координатор проекта, "
        "organisation: Кластерное Бюро ЮНЕСКО в Алматы}")
    text = text.replace(
        "    people: {facilitator: [facilitator]}\n    after: [opening]",
        "    people: {facilitator: [facilitator]}\n    after: [opening]\n"
        "    description: |\n      Выявление проблем ОГО при создании онлайн-сообществ.\n"
        + "".join(f"      • {part}\n" for part in SEED_PARTS))
    return text


def _context(lang: str | None = None) -> ExportContext:
    scenario = parse_scenario(_seed_text(), "seed.yaml")
    return ExportContext(scenario=scenario, lang=lang, schedule=hand_schedule(
        scenario, BISHKEK_TIMES, BISHKEK_DAY, BISHKEK_BREAKS))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_description_parts_are_the_bulleted_lines() -> None:
    assert description_parts("Intro line.\n- one\n• two\n  3) three\nmore") == (
        "Intro line. more", ["one", "two", "three"])
    assert description_parts(None) == ("", [])


def test_position_and_organisation_follow_the_name() -> None:
    data = build_programme(_context())
    opening = next(it for it in data["days"][0]["items"] if it["id"] == "opening")
    assert opening["people"][0]["names"] == [
        "г-жа Айжан Кыдыралиева (Координатор проекта, Кластерное Бюро ЮНЕСКО в Алматы)"]
    session = next(it for it in data["days"][0]["items"] if it["id"] == "session-1")
    assert session["parts"] == SEED_PARTS
    assert session["summary"] == "Выявление проблем ОГО при создании онлайн-сообществ."


def test_position_is_optional_and_checked() -> None:
    with pytest.raises(InputError):
        parse_scenario(_seed_text().replace("position: Координатор проекта",
                                            "position: [not, text]"), "seed.yaml")


@pytest.mark.parametrize("paper", ["a4", "a5"])
def test_the_list_prints_positions_summary_and_parts(paper: str) -> None:
    pdf = render_pdf(build_programme(_context()), paper, "list")
    text = _squash(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert _squash("Фасилитатор: г-жа Айжан Кыдыралиева (Координатор проекта, Кластерное "
                   "Бюро ЮНЕСКО в Алматы)") in text
    assert _squash("Выявление проблем ОГО при создании онлайн-сообществ.") in text
    assert _squash("• Командообразование • Обучение эмпатии • Определение проблем "
                   "онлайн-сообщества") in text


def test_the_grid_prints_the_parts_when_they_fit() -> None:
    pdf = render_pdf(build_programme(_context()), "a4", "grid")
    text = _squash(PdfReader(io.BytesIO(pdf)).pages[1].extract_text())
    for part in SEED_PARTS:
        assert _squash("• " + part) in text


def test_the_web_page_has_positions(tmp_path: Path) -> None:
    write_site(_context(), tmp_path, ical=False)
    html = (tmp_path / "index.html").read_text("utf-8")
    found = re.search(r'id="programme-data">(.*?)</script>', html, re.S)
    assert found is not None
    data = json.loads(found.group(1))
    items = {it["id"]: it for it in data["programme"]["days"][0]["items"]}
    assert "(Координатор проекта, Кластерное Бюро ЮНЕСКО в Алматы)" in \
        items["opening"]["people"][0]["names"][0]
    assert items["session-1"]["parts"] == SEED_PARTS
