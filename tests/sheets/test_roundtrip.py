"""Every shipped scenario survives the trip scenario -> workbook -> scenario unchanged, and
the template is exactly what the importer reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from confsched_sheets.build import build_scenario
from confsched_sheets.layout import SHEETS
from confsched_sheets.read import read_workbook
from confsched_sheets.write import scenario_workbook, template_workbook
from openpyxl import load_workbook

from scheduler.cli import main
from scheduler.errors import InputError
from scheduler.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_shipped_scenario_round_trips(path: Path, lang: str, tmp_path: Path) -> None:
    scenario = load_scenario(path)
    if scenario.talks:
        pytest.skip("the workbook does not carry talks: and talk-slots: yet (docs/talks.md)")
    content, missing = scenario_workbook(scenario, None, lang)
    assert missing == []
    book = tmp_path / "s.xlsx"
    book.write_bytes(content)
    back = build_scenario(read_workbook(book), str(book)).scenario
    assert back.model_dump() == scenario.model_dump()


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_template_has_every_sheet_and_column_the_importer_reads(
        lang: str, tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    path.write_bytes(template_workbook(lang))
    book = load_workbook(path)
    for sheet in SHEETS:
        ws = book[sheet.title(lang)]
        if sheet.pairs:
            labels = [row[0].value for row in ws.iter_rows(min_row=2)]
            assert labels == [c.header(lang) for c in sheet.columns]
        else:
            assert [c.value for c in ws[1]] == [c.header(lang) for c in sheet.columns]
    # Filled in with nothing, it says what the event needs first, at the cells to fill.
    with pytest.raises(InputError) as caught:
        build_scenario(read_workbook(path), str(path))
    said = [str(p) for p in caught.value.problems]
    event = "Мероприятие" if lang == "ru" else "Event"
    assert any(f"{event}!B2: 'name' is required" in p for p in said), said


def test_template_command_and_export_then_import(tmp_path: Path) -> None:
    runner = CliRunner()
    template = tmp_path / "event.xlsx"
    result = runner.invoke(main, ["template", "xlsx", "-o", str(template), "--lang", "ru"])
    assert result.exit_code == 0, result.stderr
    assert "Сессии" in load_workbook(template).sheetnames
    scenario = ROOT / "scenarios" / "bishkek-launch-2022.yaml"
    schedule = ROOT / "tests" / "plugins" / "data" / "bishkek-schedule.yaml"
    out = tmp_path / "programme.xlsx"
    result = runner.invoke(main, ["export", "xlsx", str(scenario), str(schedule), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    book = load_workbook(out)
    programme = book["Программа"]
    rows = list(programme.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(load_scenario(scenario).sessions)
    assert all(row[6] for row in rows)  # every title, in Cyrillic
    back = tmp_path / "back.yaml"
    result = runner.invoke(main, ["import", "xlsx", str(out), "-o", str(back)])
    assert result.exit_code == 0, result.stderr
    assert load_scenario(back).model_dump() == load_scenario(scenario).model_dump()


def test_a_reserved_room_round_trips(tmp_path: Path) -> None:
    """hand1: rooms' ``reserved`` is a column of the Rooms sheet (the hand-written
    study-tour event keeps its buses for the tours)."""
    scenario = load_scenario(ROOT / "benchmarks" / "handwritten" / "issyk-kul-tours.yaml")
    assert any(room.reserved for room in scenario.rooms)
    content, missing = scenario_workbook(scenario, None, "ru")
    assert missing == []
    book = tmp_path / "s.xlsx"
    book.write_bytes(content)
    back = build_scenario(read_workbook(book), str(book)).scenario
    assert back.model_dump() == scenario.model_dump()
