"""Participants' privacy on the web (issue 14, item 5): no participant's calendar and no
participant's name on the public site unless the organiser opts in, and then only under
unguessable, unlinked file names."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from confsched_web.site import write_site
from programme_helpers import BISHKEK, BISHKEK_BREAKS, BISHKEK_DAY, BISHKEK_TIMES, hand_schedule

from scheduler.cli import main
from scheduler.exporting import ExportContext
from scheduler.scenario import Scenario, parse_scenario
from scheduler.schedule import save_schedule

NAMES = ("Айгуль Токтогулова", "Бакыт Осмонов")
REGISTRATIONS = f"""
participants:
  registrations:
    - {{id: aigul, name: {NAMES[0]}, email: aigul@example.org, sessions: [session-1, session-4]}}
    - {{id: bakyt, name: {NAMES[1]}, sessions: [session-2]}}
"""


def _scenario(registrations: str = REGISTRATIONS) -> Scenario:
    return parse_scenario(BISHKEK.read_text("utf-8") + registrations, "bishkek.yaml")


def _context(scenario: Scenario) -> ExportContext:
    return ExportContext(scenario=scenario,
                         schedule=hand_schedule(scenario, BISHKEK_TIMES, BISHKEK_DAY,
                                                BISHKEK_BREAKS))


def _site_text(site: Path) -> str:
    """Every file of the site (hidden ones too) and every path, as one text."""
    parts = []
    for path in sorted(site.rglob("*")):
        parts.append(path.relative_to(site).as_posix())
        if path.is_file():
            parts.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(parts)


def test_by_default_no_participant_is_published(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site(_context(_scenario()), site)
    text = _site_text(site)
    for name in NAMES:
        assert name not in text
        assert name.split()[0] not in text
    assert "aigul" not in text and "participants" not in "\n".join(
        p.relative_to(site).as_posix() for p in site.rglob("*"))
    # The public calendars are still there.
    assert (site / "ical" / "programme.ics").is_file()
    assert any((site / "ical" / "people").iterdir())


def test_participants_calendars_of_an_earlier_export_are_removed(tmp_path: Path) -> None:
    from confsched_ical.export import export_ical

    site = tmp_path / "site"
    context = _context(_scenario())
    # An export made by the plain ical exporter into the site's folder (as before the fix).
    export_ical(context, site / "ical", {})
    assert (site / "ical" / "participants").is_dir()
    write_site(context, site)
    assert not list((site / "ical").rglob("participants/*.ics"))
    assert NAMES[0] not in _site_text(site)


def _export(tmp_path: Path, scenario_text: str, *extra: str) -> tuple[int, str, Path]:
    scenario_path = tmp_path / "scenario.yaml"
    scenario_path.write_text(scenario_text, encoding="utf-8")
    scenario = parse_scenario(scenario_text, str(scenario_path))
    schedule_path = tmp_path / "schedule.yaml"
    save_schedule(hand_schedule(scenario, BISHKEK_TIMES, BISHKEK_DAY, BISHKEK_BREAKS),
                  schedule_path)
    site = tmp_path / "site"
    result = CliRunner().invoke(main, ["export", "web", str(scenario_path), str(schedule_path),
                                       "-o", str(site), *extra])
    return result.exit_code, result.output, site


def _links(path: Path) -> dict[str, dict[str, str]]:
    assert path.read_bytes().startswith(b"\xef\xbb\xbfid,name,email,calendar\n")  # Excel: BOM
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def test_opt_in_publishes_unguessable_unlinked_calendars(tmp_path: Path) -> None:
    text = BISHKEK.read_text("utf-8") + REGISTRATIONS
    links_path = tmp_path / "participant-links.csv"
    code, output, site = _export(tmp_path, text, "--participant-calendars", str(links_path))
    assert code == 0, output
    links = _links(links_path)
    assert set(links) == {"aigul", "bakyt"}
    assert links["aigul"]["name"] == NAMES[0]
    assert links["aigul"]["email"] == "aigul@example.org"
    tokens = set()
    for row in links.values():
        match = re.fullmatch(r"ical/private/([A-Za-z0-9_-]{24})\.ics", row["calendar"])
        assert match, row
        tokens.add(match.group(1))
    assert len(tokens) == 2
    aigul = (site / links["aigul"]["calendar"]).read_text("utf-8")
    assert aigul.startswith("BEGIN:VCALENDAR")
    assert aigul.count("BEGIN:VEVENT") == 2
    assert "Сессия 4: анконференция" in aigul.replace("\r\n ", "")
    # The page and the public calendars name no participant and link no token.
    public = (site / "index.html").read_text("utf-8")
    public += "".join(p.read_text("utf-8") for p in (site / "ical").rglob("*.ics")
                      if p.parent.name != "private")
    public += (site / "ical" / ".confsched-ical-state.json").read_text("utf-8")
    for name in NAMES:
        assert name not in public
    for token in tokens:
        assert token not in public
    # A host that lists folders shows an empty page instead of the tokens.
    assert "ics" not in (site / "ical" / "private" / "index.html").read_text("utf-8")

    # Exported again: the same links, so subscriptions keep working.
    code, output, site = _export(tmp_path, text, "--participant-calendars", str(links_path))
    assert code == 0, output
    assert _links(links_path) == links

    # Opened and saved again by a spreadsheet program of a Russian Windows (';', CRLF,
    # the Windows code page): read all the same, so nobody's link changes.
    saved = links_path.read_text("utf-8-sig").replace(",", ";").replace("\n", "\r\n")
    links_path.write_bytes(saved.encode("cp1251"))
    code, output, site = _export(tmp_path, text, "--participant-calendars", str(links_path))
    assert code == 0, output
    assert _links(links_path) == links

    # Bakyt unregisters: his calendar goes, Aigul's link stays.
    without_bakyt = text.replace(f"    - {{id: bakyt, name: {NAMES[1]}, sessions: [session-2]}}\n",
                                 "")
    code, output, site = _export(tmp_path, without_bakyt, "--participant-calendars",
                                 str(links_path))
    assert code == 0, output
    assert set(_links(links_path)) == {"aigul"}
    assert _links(links_path)["aigul"] == links["aigul"]
    assert not (site / links["bakyt"]["calendar"]).exists()


@pytest.mark.parametrize("where", ["site/links.csv", "site/ical/links.csv"])
def test_links_file_inside_the_site_is_refused(tmp_path: Path, where: str) -> None:
    text = BISHKEK.read_text("utf-8") + REGISTRATIONS
    code, output, site = _export(tmp_path, text, "--participant-calendars",
                                 str(tmp_path / where))
    assert code == 2
    assert "inside the site folder" in output and "Traceback" not in output
    assert not (tmp_path / where).exists()
    assert not site.exists()


def test_a_foreign_file_is_not_overwritten(tmp_path: Path) -> None:
    text = BISHKEK.read_text("utf-8") + REGISTRATIONS
    foreign = tmp_path / "contacts.csv"
    foreign.write_text("name,phone\nx,1\n", encoding="utf-8")
    code, output, _ = _export(tmp_path, text, "--participant-calendars", str(foreign))
    assert code == 2
    assert "not a participants' links file" in output
    assert foreign.read_text("utf-8") == "name,phone\nx,1\n"


def test_opt_in_with_no_ical_is_refused(tmp_path: Path) -> None:
    text = BISHKEK.read_text("utf-8") + REGISTRATIONS
    code, output, _ = _export(tmp_path, text, "--no-ical", "--participant-calendars",
                              str(tmp_path / "links.csv"))
    assert code == 2
    assert "--participant-calendars" in output
