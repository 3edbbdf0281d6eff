"""Breaks without a title are called by their kind in the programme's language, never by
their id (issue 14: "coffee-1", "lunch" printed in a Russian programme)."""

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

from scheduler.exporting import ExportContext
from scheduler.publishing.view import build_programme
from scheduler.scenario import parse_scenario


def _untitled_context(lang: str | None = None) -> ExportContext:
    text = BISHKEK.read_text("utf-8")
    text = text.replace("{id: lunch, title: Обед, kind: lunch,", "{id: lunch, kind: lunch,")
    text = text.replace("{id: coffee-afternoon, title: Кофе-брейк, kind: coffee,",
                        "{id: coffee-afternoon, kind: coffee,")
    scenario = parse_scenario(text, "bishkek.yaml")
    assert scenario.breaks.placed[1].title is None
    # As the solver writes it: a break without a title gets its id as title.
    schedule = hand_schedule(scenario, BISHKEK_TIMES, BISHKEK_DAY, BISHKEK_BREAKS)
    assert {b.title for b in schedule.breaks} >= {"lunch", "coffee-afternoon"}
    return ExportContext(scenario=scenario, schedule=schedule, lang=lang)


def _break_titles(context: ExportContext) -> list[str]:
    day = build_programme(context)["days"][0]
    return [it["title"] for it in day["items"] if it["kind"] == "break"]


def test_untitled_breaks_are_named_by_kind_in_russian_and_english() -> None:
    assert _break_titles(_untitled_context()) == [
        "Групповое фото и кофе-брейк", "Обед", "Кофе-брейк"]
    assert _break_titles(_untitled_context("en")) == [
        "Групповое фото и кофе-брейк", "Lunch", "Coffee break"]


@pytest.mark.parametrize("layout", ["grid", "list"])
def test_the_pdf_never_prints_a_break_id(layout: str) -> None:
    pdf = render_pdf(build_programme(_untitled_context()), "a4", layout)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "coffee-afternoon" not in text
    assert not re.search(r"\blunch\b", text)
    assert "Обед" in text
    assert re.search(r"15:00–15:20\s*Кофе-брейк", text)


def test_the_web_page_never_shows_a_break_id(tmp_path: Path) -> None:
    write_site(_untitled_context(), tmp_path, ical=False)
    html = (tmp_path / "index.html").read_text("utf-8")
    found = re.search(r'id="programme-data">(.*?)</script>', html, re.S)
    assert found is not None
    data = json.loads(found.group(1))
    titles = [it["title"] for it in data["programme"]["days"][0]["items"]
              if it["kind"] == "break"]
    assert titles == ["Групповое фото и кофе-брейк", "Обед", "Кофе-брейк"]
