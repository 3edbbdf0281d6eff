"""A line break in a name (event, room, person, track, title) is refused when the scenario
is loaded, with file:line:col, before any exporter writes: `export ical` and `export web`
exit 2 and leave no output behind (they crashed with "internal error" and left empty
folders)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from scheduler.cli import main

ROOT = Path(__file__).resolve().parents[2]
BISHKEK = ROOT / "scenarios" / "bishkek-launch-2022.yaml"
SCHEDULE = ROOT / "tests" / "plugins" / "data" / "bishkek-schedule.yaml"

BROKEN = {
    "event": ("  name: Официальная церемония", '  name: "Официальная\\nцеремония'),
    "room": ("name: Конференц-зал «Европа»,", 'name: "Конференц-зал\\n«Европа»",'),
    "person": ("name: Модератор церемонии}", 'name: "Модератор\\nцеремонии"}'),
    "track": ("name: Основная программа}", 'name: "Основная\\u2028программа"}'),
}


def _broken(tmp_path: Path, what: str) -> tuple[Path, int]:
    text = BISHKEK.read_text(encoding="utf-8")
    old, new = BROKEN[what]
    assert old in text
    if what == "event":  # close the quote at the end of that line
        start = text.index(old)
        end = text.index("\n", start)
        text = text[:start] + new + text[start + len(old):end] + '"' + text[end:]
    else:
        text = text.replace(old, new, 1)
    path = tmp_path / "scenario.yaml"
    path.write_text(text, encoding="utf-8")
    line = text[: text.index(new)].count("\n") + 1
    return path, line


@pytest.mark.parametrize("fmt", ["ical", "web"])
@pytest.mark.parametrize("what", sorted(BROKEN))
def test_a_line_break_in_a_name_is_refused_before_export(
    tmp_path: Path, fmt: str, what: str
) -> None:
    scenario, line = _broken(tmp_path, what)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["export", fmt, str(scenario), str(SCHEDULE),
                                       "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "internal error" not in result.output
    assert f"{scenario}:{line}:" in result.output
    assert "a name or title is one line" in result.output
    assert "fix: write it on one line" in result.output
    assert not out.exists(), "nothing is written for a refused scenario"


@pytest.mark.parametrize("fmt", ["ical", "web"])
def test_the_same_scenario_without_the_break_exports(tmp_path: Path, fmt: str) -> None:
    result = CliRunner().invoke(main, ["export", fmt, str(BISHKEK), str(SCHEDULE),
                                       "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
