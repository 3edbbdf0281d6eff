"""The web export without a browser: files, escaping, calendars, CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from confsched_web.site import embed_json, fill, write_site
from programme_helpers import BISHKEK, BISHKEK_BREAKS, BISHKEK_DAY, BISHKEK_TIMES, hand_schedule

from scheduler.cli import main
from scheduler.exporting import ExportContext
from scheduler.scenario import load_scenario
from scheduler.schedule import save_schedule

DATA_BLOCK = re.compile(
    r'<script type="application/json" id="programme-data">(.*?)</script>', re.S)


def _data(site: Path) -> Any:
    text = (site / "index.html").read_text("utf-8")
    blocks = DATA_BLOCK.findall(text)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_embedded_json_cannot_close_the_script_block() -> None:
    text = embed_json({"t": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"t": "</script><!-- & \u2028"}


def test_placeholders_are_filled_once() -> None:
    assert fill("{{A}}-{{B}}", {"A": "{{B}}", "B": "x"}) == "{{B}}-x"


def test_site_is_one_self_contained_page(bishkek_site: Path) -> None:
    html = (bishkek_site / "index.html").read_text("utf-8")
    assert "Официальная церемония запуска проекта" in html  # Cyrillic, not \u escapes
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)  # nothing from a CDN
    assert '<html lang="ru">' in html
    data = _data(bishkek_site)
    titles = {it["title"] for d in data["programme"]["days"] for it in d["items"]}
    assert "Сессия 4: анконференция" in titles


def test_calendars_are_written_and_linked_relatively(bishkek_site: Path) -> None:
    calendars = _data(bishkek_site)["calendars"]
    assert calendars[0] == {"href": "ical/programme.ics", "label": "programme.ics", "group": ""}
    groups = {c["group"] for c in calendars}
    assert {"people", "rooms", "tracks"} <= groups
    from urllib.parse import unquote

    for calendar in calendars:
        target = bishkek_site / unquote(calendar["href"])
        assert target.is_file(), calendar
        assert target.read_text("utf-8").startswith("BEGIN:VCALENDAR")


def test_hostile_text_stays_data(xss_site: Path) -> None:
    html = (xss_site / "index.html").read_text("utf-8")
    # One data block and one script block: nothing from the scenario opened another.
    assert html.count("<script") == 2
    assert html.count("</script>") == 2
    assert "<title>Evil &lt;/script&gt;&lt;script&gt;alert(&#x27;event&#x27;)" in html
    data = _data(xss_site)
    item = data["programme"]["days"][0]["items"][0]
    assert item["title"] == "<script>alert(1)</script>"
    assert item["color"] != "red; background: url(javascript:alert(1))"  # replaced by palette


def test_output_that_is_a_file_is_refused(tmp_path: Path) -> None:
    scenario = load_scenario(BISHKEK)
    schedule = hand_schedule(scenario, BISHKEK_TIMES, BISHKEK_DAY, BISHKEK_BREAKS)
    schedule_path = tmp_path / "schedule.yaml"
    save_schedule(schedule, schedule_path)
    blocker = tmp_path / "site"
    blocker.write_text("not a folder", encoding="utf-8")
    result = CliRunner().invoke(main, ["export", "web", str(BISHKEK), str(schedule_path),
                                       "-o", str(blocker)])
    assert result.exit_code != 0
    assert "is a file" in result.output and "Traceback" not in result.output
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_cli_writes_site_without_calendars_when_asked(tmp_path: Path) -> None:
    scenario = load_scenario(BISHKEK)
    schedule_path = tmp_path / "schedule.yaml"
    save_schedule(hand_schedule(scenario, BISHKEK_TIMES, BISHKEK_DAY, BISHKEK_BREAKS),
                  schedule_path)
    site = tmp_path / "out" / "site"
    result = CliRunner().invoke(main, ["export", "web", str(BISHKEK), str(schedule_path),
                                       "-o", str(site), "--no-ical", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert (site / "index.html").is_file()
    assert not (site / "ical").exists()
    data = _data(site)
    assert data["calendars"] == []
    assert data["programme"]["labels"]["passcode"] == "Passcode"
    assert [p.name for p in site.iterdir()] == ["index.html"]  # no temporary files left


def test_writing_again_replaces_the_page(tmp_path: Path) -> None:
    scenario = load_scenario(BISHKEK)
    schedule = hand_schedule(scenario, BISHKEK_TIMES, BISHKEK_DAY, BISHKEK_BREAKS)
    context = ExportContext(scenario=scenario, schedule=schedule)
    write_site(context, tmp_path, ical=False)
    (tmp_path / "index.html").write_text("stale", encoding="utf-8")
    written = write_site(context, tmp_path, ical=False)
    assert written == [tmp_path / "index.html"]
    assert "programme-data" in (tmp_path / "index.html").read_text("utf-8")
