"""A plugin's library is an extra: without it the plugin loads, and using it says which
extra to install, in one line with exit 2 (no traceback, nothing written).

The missing library is simulated the way Python itself models it: ``sys.modules[name] =
None`` makes ``import name`` raise ImportError, in a fresh interpreter for the CLI.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scheduler import export
from scheduler.extras import EXTRAS, MissingExtra, require_extra

ROOT = Path(__file__).resolve().parents[2]
BISHKEK = ROOT / "scenarios" / "bishkek-launch-2022.yaml"
SCHEDULE = ROOT / "tests" / "plugins" / "data" / "bishkek-schedule.yaml"
GECCO = ROOT / "tests" / "cosplib" / "data" / "GECCO19.xlsx"


def run_without(modules: list[str], *args: str,
                env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    hide = "".join(f"sys.modules[{m!r}] = None; " for m in modules)
    code = f"import sys; {hide}from scheduler.cli import main; main()"
    full = {k: v for k, v in os.environ.items()
            if k not in ("PYTHONPATH", "CONFSCHED_PLUGINS") and not k.startswith("ZOOM_")}
    full["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "plugins")])
    full.update(env or {})
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env=full, timeout=120, cwd=ROOT)


def _one_line(extra: str, module: str) -> str:
    return f'error: {module} is not installed; install confsched[{extra}]: ' \
           f'pip install "confsched[{extra}]"\n'


def test_every_plugin_loads_without_its_extra() -> None:
    done = run_without(list(EXTRAS), "plugins")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    names = {line.split()[0] for line in done.stdout.split("\n\n")[0].splitlines()}
    assert {"zoom", "caldav", "programme", "cosplib"} <= names


def test_programme_without_typst(tmp_path: Path) -> None:
    out = tmp_path / "programme.pdf"
    done = run_without(["typst"], "export", "programme", str(BISHKEK), str(SCHEDULE),
                       "-o", str(out))
    assert (done.returncode, done.stderr) == (2, _one_line("programme", "typst"))
    assert not out.exists()


def test_caldav_without_caldav() -> None:
    done = run_without(["caldav"], "export", "caldav", str(BISHKEK), str(SCHEDULE),
                       "--url", "http://127.0.0.1:9/")
    assert (done.returncode, done.stderr) == (2, _one_line("caldav", "caldav"))


def test_zoom_without_httpx(tmp_path: Path) -> None:
    state = tmp_path / "zoom.json"
    creds = {"ZOOM_ACCOUNT_ID": "a", "ZOOM_CLIENT_ID": "b", "ZOOM_CLIENT_SECRET": "c",
             "ZOOM_API_URL": "http://127.0.0.1:9/v2", "ZOOM_OAUTH_URL": "http://127.0.0.1:9/"}
    done = run_without(["httpx"], "zoom", "sync", str(BISHKEK), str(SCHEDULE),
                       "--state", str(state), env=creds)
    assert (done.returncode, done.stderr) == (2, _one_line("zoom", "httpx"))


def test_cosplib_without_openpyxl(tmp_path: Path) -> None:
    out = tmp_path / "scenario.yaml"
    done = run_without(["openpyxl"], "import", "cosplib", str(GECCO), "-o", str(out))
    assert (done.returncode, done.stderr) == (2, _one_line("cosplib", "openpyxl"))
    assert not out.exists()


def test_the_library_export_names_the_extra(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "typst", None)
    with pytest.raises(MissingExtra, match=r"install confsched\[programme\]") as raised:
        export("programme", BISHKEK, SCHEDULE, tmp_path / "p.pdf")
    assert raised.value.exit_code == 2
    assert not (tmp_path / "p.pdf").exists()


def test_require_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    assert require_extra("json").dumps([]) == "[]"
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingExtra, match=r"openpyxl is not installed; install "
                                           r"confsched\[cosplib\]"):
        require_extra("openpyxl")
