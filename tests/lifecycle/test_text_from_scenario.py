"""Text comes from the scenario: a title fixed in the scenario shows in every export made
with the *published* schedule, which still carries the old title (issue 14, item 1)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from icalendar import Calendar

from scheduler.cli import main
from scheduler.schedule import load_schedule

ROOT = Path(__file__).resolve().parents[2]
BISHKEK = ROOT / "scenarios" / "bishkek-launch-2022.yaml"
PUBLISHED = ROOT / "tests" / "plugins" / "data" / "bishkek-schedule.yaml"
OLD = "Сессия 2: совместная разработка решений"
NEW = "Сессия 2: совместное проектирование решений"


@pytest.fixture
def fixed_scenario(tmp_path: Path) -> Path:
    """The Bishkek scenario with the title of session-2 corrected."""
    text = BISHKEK.read_text("utf-8")
    assert text.count(OLD) == 1
    path = tmp_path / "bishkek.yaml"
    path.write_text(text.replace(OLD, NEW), "utf-8")
    # The published schedule still says the old title.
    assert load_schedule(PUBLISHED).session("session-2").title == OLD
    return path


def export(kind: str, scenario: Path, output: Path, *extra: str) -> Result:
    result = CliRunner().invoke(main, ["export", kind, str(scenario), str(PUBLISHED),
                                       "-o", str(output), *extra], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def test_ical_summary_is_the_scenarios_title(fixed_scenario: Path, tmp_path: Path) -> None:
    export("ical", fixed_scenario, tmp_path / "ical")
    calendar = Calendar.from_ical((tmp_path / "ical" / "programme.ics").read_bytes())
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert NEW in summaries and OLD not in summaries
    for person in (tmp_path / "ical" / "people").glob("*.ics"):
        assert OLD not in person.read_text("utf-8")


def test_frab_title_is_the_scenarios_title(fixed_scenario: Path, tmp_path: Path) -> None:
    export("frab", fixed_scenario, tmp_path / "frab")
    out = tmp_path / "frab" / "schedule.xml"
    titles = [e.findtext("title") for e in ET.parse(out).getroot().iter("event")]
    assert NEW in titles and OLD not in titles


def test_schedule_json_title_is_the_scenarios_title(fixed_scenario: Path,
                                                    tmp_path: Path) -> None:
    export("schedule-json", fixed_scenario, tmp_path / "json")
    out = tmp_path / "json" / "schedule.json"
    data = json.loads(out.read_text("utf-8"))
    titles = [event["title"] for day in data["schedule"]["conference"]["days"]
              for events in day["rooms"].values() for event in events]
    assert NEW in titles and OLD not in titles


def test_web_page_shows_the_scenarios_title(fixed_scenario: Path, tmp_path: Path) -> None:
    export("web", fixed_scenario, tmp_path / "site")
    html = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert NEW in html and OLD not in html


def test_pdf_prints_the_scenarios_title(fixed_scenario: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "programme.pdf"
    export("programme", fixed_scenario, out, "--layout", "list")
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in PdfReader(out).pages))
    assert "проектирование" in text and "совместная разработка" not in text


def test_zoom_topic_is_the_scenarios_title(fixed_scenario: Path) -> None:
    result = CliRunner().invoke(main, ["zoom", "sync", str(fixed_scenario), str(PUBLISHED),
                                       "--dry-run", "--state", "/nonexistent/z.json"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert NEW in result.output and OLD not in result.output


def test_a_schedule_without_titles_loads_and_exports(tmp_path: Path) -> None:
    """Titles are optional in the schedule file: placement is enough."""
    data = yaml.safe_load(PUBLISHED.read_text("utf-8"))
    for item in data["sessions"] + data["breaks"]:
        item.pop("title", None)
    path = tmp_path / "bare.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    assert "title" not in path.read_text("utf-8")
    result = CliRunner().invoke(main, ["export", "frab", str(BISHKEK), str(path), "-o",
                                       str(tmp_path / "s")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    root = ET.parse(tmp_path / "s" / "schedule.xml").getroot()
    titles = [e.findtext("title") for e in root.iter("event")]
    assert OLD in titles
