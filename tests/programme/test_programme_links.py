"""Meeting links in the grid (issue 14): every online or hybrid session shows a numbered
reference to its link, and the day's links are all printed (under the grid, or on a page
of their own when there are many)."""

from __future__ import annotations

import io
import re

from confsched_programme.render import render_pdf
from programme_helpers import big_scenario_text, big_schedule, with_session_meetings
from pypdf import PdfReader

from scheduler.exporting import ExportContext
from scheduler.publishing.view import build_programme
from scheduler.scenario import parse_scenario


def _context() -> ExportContext:
    scenario = parse_scenario(with_session_meetings(big_scenario_text()), "big.yaml")
    return ExportContext(scenario=scenario, schedule=big_schedule(scenario))


def test_every_linked_session_refers_to_its_numbered_link() -> None:
    context = _context()
    data = build_programme(context)
    hybrid = 0
    for day in data["days"]:
        refs = {link["ref"]: link for link in day["links"]}
        assert sorted(refs) == list(range(1, len(refs) + 1))
        for item in day["items"]:
            if item["kind"] != "session":
                continue
            if item["format"] == "hybrid":
                hybrid += 1
                assert refs[item["link_ref"]]["url"] == f"https://meet.example.org/{item['id']}"
            else:
                assert item["link_ref"] is None
    assert hybrid == 20


def test_bishkek_grid_boxes_refer_to_the_shared_link(bishkek_context: ExportContext) -> None:
    reader = PdfReader(io.BytesIO(render_pdf(build_programme(bishkek_context), "a4", "grid")))
    assert len(reader.pages) == 2
    text = reader.pages[1].extract_text()
    # Six hybrid sessions carry [1]; the link is printed once, with its number.
    assert text.count("[1]") == 7
    assert re.search(r"\[1\]\s*https://us02web\.zoom\.us/j/00000000000", text)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_link_of_a_busy_day_is_printed() -> None:
    context = _context()
    for paper in ("a4", "a5"):
        reader = PdfReader(io.BytesIO(render_pdf(build_programme(context), paper, "grid")))
        text = _squash(" ".join(page.extract_text() for page in reader.pages))
        for session in context.scenario.sessions:
            if session.format == "hybrid":
                assert _squash(f"https://meet.example.org/{session.id}") in text, (paper,
                                                                                 session.id)
                assert f"pw-{session.id}" in text
        # 6, 7 and 7 links a day: under the grid on A4 (up to 10), on a page of their own
        # after each day's grid (two pages of 6 rooms) on A5 (more than 4).
        expected = 1 + 3 if paper == "a4" else 1 + 3 * 2 + 3
        assert len(reader.pages) == expected, paper
