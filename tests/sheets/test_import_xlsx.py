"""``confsched import xlsx``: a workbook becomes a scenario; every problem is named by its
cell, all at once, and nothing is written on error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from confsched_sheets.build import build_scenario
from confsched_sheets.read import read_workbook
from helpers import good_sheets, workbook

from scheduler.cli import main
from scheduler.errors import InputError
from scheduler.scenario import load_scenario


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def problems_of(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        build_scenario(read_workbook(path), str(path))
    assert all(p.hint for p in caught.value.problems)
    return [str(p) for p in caught.value.problems]


def test_a_good_workbook_becomes_the_scenario_it_describes(tmp_path: Path) -> None:
    source = workbook(tmp_path / "event.xlsx", good_sheets())
    out = tmp_path / "event.yaml"
    code, stdout, stderr = invoke("import", "xlsx", str(source), "-o", str(out))
    assert code == 0, stderr
    assert stdout.strip() == str(out)
    scenario = load_scenario(out)
    assert scenario.event.name == "Неделя знаний"
    assert scenario.event.day_start == 9 * 60
    assert [r.capacity for r in scenario.rooms] == [120, 30]
    assert scenario.rooms[0].tags == ["hybrid"]
    jam = next(s for s in scenario.sessions if s.id == "jam")
    assert jam.people == {"facilitator": ["aigul"], "broker": ["timur"]}
    assert jam.duration == 120
    aigul = scenario.people[0]
    assert aigul.available is not None
    assert (aigul.available[0].start, aigul.available[0].end) == (9 * 60, 13 * 60)


def test_russian_sheet_and_column_names_read_the_same(tmp_path: Path) -> None:
    sheets: dict[str, list[list[Any]]] = {
        "Мероприятие": [["Поле", "Значение"], ["Название", "Неделя"],
                        ["Первый день", "2024-09-16"]],
        "Залы": [["Код", "Название", "Вместимость"], ["hall", "Зал", 50]],
        "Сессии": [["Код", "Название", "Инструмент", "Длительность", "Спикеры"],
                   ["t1", "Доклад", "talk", "45", "anna"]],
        "Люди": [["Код", "Имя"], ["anna", "Анна"]],
    }
    scenario = build_scenario(read_workbook(workbook(tmp_path / "ru.xlsx", sheets)),
                              "ru.xlsx").scenario
    assert scenario.sessions[0].people == {"speaker": ["anna"]}
    assert scenario.sessions[0].duration == 45


def test_spreadsheet_types_become_scenario_values(tmp_path: Path) -> None:
    """What the program turned the typing into: a time, a date-time, 25.0, True."""
    sheets = good_sheets()
    sheets["Event"][3][1] = dt.datetime(2024, 9, 16)
    sheets["Event"][4][1] = dt.time(9, 30)
    sheets["Rooms"][1][2] = 120.0
    sheets["Sessions"][0] += ["Optional", "Not before"]
    sheets["Sessions"][2][3] = dt.time(1, 30)
    sheets["Sessions"][2] += [True, dt.time(10, 0)]
    scenario = build_scenario(read_workbook(workbook(tmp_path / "t.xlsx", sheets)),
                              "t.xlsx").scenario
    assert scenario.event.first_day == dt.date(2024, 9, 16)
    assert scenario.event.day_start == 9 * 60 + 30
    talk = next(s for s in scenario.sessions if s.id == "talk")
    assert (talk.duration, talk.optional, talk.earliest) == (90, True, 600)


def test_a_bad_duration_is_named_by_its_cell(tmp_path: Path) -> None:
    sheets = good_sheets()
    sheets["Sessions"][2][3] = "полтора часа"
    found = problems_of(workbook(tmp_path / "event.xlsx", sheets))
    assert len(found) == 1
    assert found[0].startswith(f"{tmp_path / 'event.xlsx'}: Sessions!D3: ")
    assert "'полтора часа' is not a duration" in found[0]
    assert "1h30" in found[0]


def test_every_problem_at_once_each_at_its_cell(tmp_path: Path) -> None:
    sheets = good_sheets()
    sheets["Sessions"][0].append("Facilitatr")             # unknown column: G1
    sheets["Sessions"][1][4] = "nobody"                      # unknown person: E2
    sheets["Rooms"][2][2] = "many"                           # not a number: C3
    sheets["People"][1][2] = "утром"                         # not a window: C2
    sheets["Event"][3][1] = "16 сентября"                    # not a date: B4
    found = "\n".join(problems_of(workbook(tmp_path / "e.xlsx", sheets)))
    assert "Sessions!G1: unknown column 'Facilitatr'" in found
    assert "did you mean 'Facilitator'?" in found
    assert "Rooms!C3: 'many' is not a whole number" in found
    assert "People!C2: 'утром' is not a time window" in found
    assert "Event!B4: '16 сентября' is not a date" in found


def test_a_reference_to_nobody_points_at_the_cell_that_names_them(tmp_path: Path) -> None:
    sheets = good_sheets()
    sheets["Sessions"][1][4] = "nobody"
    found = problems_of(workbook(tmp_path / "e.xlsx", sheets))
    assert any("Sessions!E2" in p and "nobody" in p for p in found), found


def test_a_missing_required_column_and_field(tmp_path: Path) -> None:
    sheets = good_sheets()
    sheets["Rooms"] = [["ID", "Name"], ["hall", "Зал"]]
    sheets["Event"] = [["Field", "Value"], ["Name", None], ["First day", "2024-09-16"]]
    found = "\n".join(problems_of(workbook(tmp_path / "e.xlsx", sheets)))
    assert "Rooms!1: Rooms has no column 'Capacity'" in found
    assert "Event!B2: 'name' is required" in found


def test_nothing_is_written_on_error_and_the_old_scenario_is_kept(tmp_path: Path) -> None:
    sheets = good_sheets()
    sheets["Sessions"][2][2] = "no-such-instrument"
    source = workbook(tmp_path / "e.xlsx", sheets)
    out = tmp_path / "event.yaml"
    out.write_text("# the organiser's earlier scenario\n", encoding="utf-8")
    code, stdout, stderr = invoke("import", "xlsx", str(source), "-o", str(out))
    assert code == 2
    assert "Sessions!C3" in stderr and "Traceback" not in stderr
    assert out.read_text(encoding="utf-8") == "# the organiser's earlier scenario\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e.xlsx", "event.yaml"]


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "event.xlsx"
    source.write_text("id,title\n", encoding="utf-8")
    code, _, stderr = invoke("import", "xlsx", str(source), "-o", str(tmp_path / "o.yaml"))
    assert code == 2
    assert "not an .xlsx workbook" in stderr and "Traceback" not in stderr


def test_other_sheets_are_reported_not_read(tmp_path: Path) -> None:
    sheets = good_sheets()
    sheets["Заметки"] = [["что-то своё"]]
    source = workbook(tmp_path / "e.xlsx", sheets)
    code, _, stderr = invoke("import", "xlsx", str(source), "-o", str(tmp_path / "o.yaml"))
    assert code == 0
    assert "the sheet 'Заметки' is not part of a scenario" in stderr


def test_breaks_fixed_and_placed_and_a_break_that_is_both(tmp_path: Path) -> None:
    sheets = good_sheets()
    sheets["Breaks"] = [["ID", "Title", "Kind", "Duration", "Window", "Start", "End"],
                        ["lunch", "Обед", "lunch", "60min", "12:00-14:00", None, None],
                        ["coffee", "Кофе", "coffee", None, None, "10:30", "10:45"]]
    scenario = build_scenario(read_workbook(workbook(tmp_path / "b.xlsx", sheets)),
                              "b.xlsx").scenario
    assert [b.id for b in scenario.breaks.placed] == ["lunch"]
    assert scenario.breaks.placed[0].window == (720, 840)
    assert [(b.id, b.start, b.end) for b in scenario.breaks.fixed] == [("coffee", 630, 645)]
    sheets["Breaks"][2][3] = "15min"
    found = problems_of(workbook(tmp_path / "b2.xlsx", sheets))
    assert any("Breaks!D3" in p and "is fixed" in p for p in found), found
