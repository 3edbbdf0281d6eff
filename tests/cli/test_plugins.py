"""``confsched plugins`` and a third-party plugin (plugins/example) installed with pip.

The example is installed with pip into a temporary target folder that only the
subprocesses of these tests see (through PYTHONPATH), so the environment stays as it
was: the folder is deleted afterwards and the plugin is never importable here.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from scheduler.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "plugins" / "example"
BISHKEK = ROOT / "scenarios" / "bishkek-launch-2022.yaml"
SCHEDULE = ROOT / "tests" / "plugins" / "data" / "bishkek-schedule.yaml"
CLI = "from scheduler.cli import main; main()"


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example plugin installed by pip into a private folder."""
    target = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
         "--no-build-isolation", "--no-index", "--target", str(target), str(EXAMPLE)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (target / "confsched_example_csv-0.1.0.dist-info" / "entry_points.txt").exists()
    return target


def run_cli(*args: str, site: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    # This worktree's code (as /work/venv.sh sets it), plus the private site if given.
    env["PYTHONPATH"] = os.pathsep.join(
        [*([str(site)] if site is not None else []), str(ROOT), str(ROOT / "plugins")])
    return subprocess.run([sys.executable, "-c", CLI, *args], capture_output=True, text=True,
                          env=env, timeout=120, cwd=ROOT)


def test_plugins_json_lists_the_built_in_plugins() -> None:
    result = CliRunner().invoke(main, ["plugins", "--json"])
    assert result.exit_code == 0, result.output
    data = {item["name"]: item for item in json.loads(result.output)}
    expected = {
        "ical": ["register_exporters"], "caldav": ["register_exporters"],
        "interchange": ["register_exporters", "register_importers"],
        "sheets": ["register_commands", "register_exporters", "register_importers"],
        "pretalx": ["register_exporters", "register_importers"],
    }
    for name, hooks in expected.items():
        assert sorted(data[name]["hooks"]) == hooks
        assert data[name]["module"] == f"confsched_{name}"
    assert "example-csv" not in data


def test_plugins_text_lists_formats() -> None:
    result = CliRunner().invoke(main, ["plugins"])
    assert result.exit_code == 0
    formats = next(line for line in result.output.splitlines()
                   if line.startswith("export formats:"))
    for name in ("caldav", "frab", "ical", "schedule-json"):
        assert name in formats


def test_installed_example_plugin_is_found_and_works(example_site: Path,
                                                     tmp_path: Path) -> None:
    listed = run_cli("plugins", "--json", site=example_site)
    assert listed.returncode == 0, listed.stderr
    data = {item["name"]: item for item in json.loads(listed.stdout)}
    assert data["example-csv"] == {"name": "example-csv", "version": "0.1.0",
                                   "hooks": ["register_exporters"],
                                   "module": "confsched_example_csv"}

    formats = run_cli("export", "--list", site=example_site)
    assert formats.returncode == 0, formats.stderr
    line = next(ln for ln in formats.stdout.splitlines() if ln.startswith("csv "))
    assert line.endswith("[example-csv]")

    out = tmp_path / "programme.csv"
    exported = run_cli("export", "csv", str(BISHKEK), str(SCHEDULE), "-o", str(out),
                       "--delimiter", ";", site=example_site)
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout.strip() == str(out)
    text = out.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 8 + 3
    assert [r["start"] for r in rows] == sorted(r["start"] for r in rows)
    dinner = next(r for r in rows if r["id"] == "dinner")
    assert dinner["title"] == "Ужин" and dinner["room"] == "Ресторан отеля"
    opening = next(r for r in rows if r["id"] == "opening")
    assert opening["link"] == "https://us02web.zoom.us/j/00000000000"


def test_without_the_plugin_the_format_is_unknown(tmp_path: Path) -> None:
    """This environment never had the example installed: its format does not exist here."""
    result = CliRunner().invoke(main, ["export", "csv", str(BISHKEK), str(SCHEDULE), "-o",
                                       str(tmp_path / "x.csv")])
    assert result.exit_code == 2
    assert "No such command 'csv'" in result.stderr
    assert not (tmp_path / "x.csv").exists()
