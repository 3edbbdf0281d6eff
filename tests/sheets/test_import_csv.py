"""``confsched import csv FOLDER``: one CSV file per sheet, commas or semicolons (as a
Russian-locale spreadsheet saves them); problems at file:line:column."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from scheduler.cli import main
from scheduler.scenario import load_scenario


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def folder(tmp_path: Path, sessions: str) -> Path:
    root = tmp_path / "event"
    root.mkdir()
    (root / "мероприятие.csv").write_text(
        "Поле;Значение\nНазвание;Семинар\nПервый день;16.09.2024\nНачало дня;09:00\n",
        encoding="utf-8-sig")
    (root / "rooms.csv").write_text("id,name,capacity\nhall,\"Зал, большой\",40\n",
                                    encoding="utf-8")
    (root / "sessions.csv").write_text(sessions, encoding="utf-8")
    return root


def test_a_folder_of_csv_files_becomes_a_scenario(tmp_path: Path) -> None:
    root = folder(tmp_path, "id,title,instrument,duration\ns1,Открытие,plenary,30min\n"
                            "s2,Доклад,talk,45\n")
    out = tmp_path / "event.yaml"
    code, _, stderr = invoke("import", "csv", str(root), "-o", str(out))
    assert code == 0, stderr
    scenario = load_scenario(out)
    assert scenario.event.name == "Семинар"
    assert str(scenario.event.first_day) == "2024-09-16"
    assert scenario.rooms[0].name == "Зал, большой"
    assert [s.duration for s in scenario.sessions] == [30, 45]


def test_a_bad_value_is_named_by_file_line_and_column(tmp_path: Path) -> None:
    root = folder(tmp_path, "id,title,instrument,duration\ns1,Открытие,plenary,30min\n"
                            "s2,Доклад,talk,сорок минут\n")
    out = tmp_path / "event.yaml"
    code, _, stderr = invoke("import", "csv", str(root), "-o", str(out))
    assert code == 2
    assert f"{root / 'sessions.csv'}:3:4: 'сорок минут' is not a duration" in stderr
    assert not out.exists()


def test_a_file_is_not_a_folder(tmp_path: Path) -> None:
    source = tmp_path / "sessions.csv"
    source.write_text("id\n", encoding="utf-8")
    code, _, stderr = invoke("import", "csv", str(source), "-o", str(tmp_path / "o.yaml"))
    assert code == 2 and "Traceback" not in stderr
