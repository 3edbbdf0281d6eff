"""The README is honest: every command in its code blocks runs, in order, as written.

Commands run in a scratch folder where ``scenarios/`` and ``plugins/`` point at the
project's. Only three things are adapted, each for a stated reason:

- ``pip install -e ...`` and ``python -m pytest`` are the set-up and this very suite;
- ``pip install ./plugins/example`` installs into a private folder (PYTHONPATH) so the
  test environment stays as it was;
- the Zoom commands talk to the fake Zoom server of tests/zoom on loopback (through
  ZOOM_API_URL / ZOOM_OAUTH_URL), with test credentials instead of ``...``.
The YAML example must load and solve, and the Python example must run.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from scheduler.checker import check
from scheduler.scenario import parse_scenario
from scheduler.solver import SolveOptions, solve

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(language: str = "") -> list[str]:
    """Contents of the fenced code blocks opened with ```language (plain: no language)."""
    blocks: list[str] = []
    current: list[str] | None = None
    opened = ""
    for line in README.splitlines():
        if current is None and line.startswith("```"):
            current, opened = [], line[3:].strip()
        elif current is not None and line.startswith("```"):
            if opened == language:
                blocks.append("\n".join(current) + "\n")
            current = None
        elif current is not None:
            current.append(line)
    return blocks


def _commands() -> list[str]:
    lines = []
    for block in _blocks():
        for line in block.splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                lines.append(line)
    return lines


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def fake_zoom_env() -> Iterator[dict[str, str]]:
    fakezoom = _load("readme_fakezoom", ROOT / "tests" / "zoom" / "fakezoom.py")
    fake = fakezoom.FakeZoom("readme-account", "readme-client", "readme-secret")
    server, thread = fakezoom.start(fake)
    try:
        yield {
            "ZOOM_ACCOUNT_ID": fake.account_id,
            "ZOOM_CLIENT_ID": fake.client_id,
            "ZOOM_CLIENT_SECRET": fake.client_secret,
            "ZOOM_API_URL": fake.base_url + "/v2",
            "ZOOM_OAUTH_URL": fake.base_url + "/oauth/token",
        }
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_readme_has_the_three_setup_lines() -> None:
    commands = _commands()
    assert any(c.startswith("pip install -e") for c in commands)
    assert any(c.startswith("confsched solve scenarios/") for c in commands)
    assert "python -m pytest -q -n auto" in commands
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "\npython -m pytest -q -n auto\n" in ci, \
        ".ci/run must run exactly the README's test command"
    (install,) = [c for c in commands if c.startswith("pip install -e")]
    assert install == 'pip install -e ".[all,test,bench]"'  # every plugin's extra, and tests
    assert f"\n{install}\n" in ci, ".ci/run must install with exactly the README's line"
    assert 'python -m pytest -q -m "not slow" -n auto' in commands
    assert ci.count("python -m pytest") == 1, ".ci/run runs the README's command, once: it " \
        "holds both tiers"


def test_the_install_line_installs_every_plugin_library() -> None:
    """The extras in the README's line cover every plugin's library (scheduler/extras.py)."""
    import tomllib

    from scheduler.extras import EXTRA_MODULES

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    optional = project["optional-dependencies"]
    core = " ".join(project["dependencies"])
    (everything,) = optional["all"]
    assert set(everything.removeprefix("confsched[").removesuffix("]").split(",")) \
        == set(EXTRA_MODULES)
    for extra, modules in EXTRA_MODULES.items():
        for module in modules:
            assert any(req.startswith(module) for req in optional[extra]), (module, extra)
            assert module not in core  # a plugin's library is not a core dependency
    assert "numpy" in core  # imported directly by the solver


@pytest.mark.slow
# About 35 commands in a row, each a fresh interpreter and several solves on the README's
# wall-clock limits (20 + 20 + 10 + 10 + 10 s, and the CLI's default): at load 20 on 2
# cores the whole passed pytest's 300-s timeout (a hang detector, not a timer), with no
# command failing. Each command keeps its own 300-s timeout below.
@pytest.mark.timeout(900)
def test_every_readme_command_runs(tmp_path: Path, fake_zoom_env: dict[str, str]) -> None:
    (tmp_path / "scenarios").symlink_to(ROOT / "scenarios")
    (tmp_path / "plugins").symlink_to(ROOT / "plugins")
    (tmp_path / "benchmarks").symlink_to(ROOT / "benchmarks")
    (tmp_path / "tests").symlink_to(ROOT / "tests")
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZOOM_")}
    env.pop("PYTHONPATH", None)
    env["PYTHONPATH"] = f"{ROOT}{os.pathsep}{ROOT / 'plugins'}"  # this checkout's plugins
    ran = 0
    for command in _commands():
        if command.startswith(("pip install -e", "python -m pytest")):
            continue
        if command.startswith("export ZOOM_"):
            env.update(fake_zoom_env)
            continue
        if command.startswith("pip install ./plugins/example"):
            site = tmp_path / "site"
            result = subprocess.run(
                [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                 "--no-build-isolation", "--no-index", "--target", str(site),
                 str(ROOT / "plugins" / "example")],
                capture_output=True, text=True, timeout=180,
            )
            assert result.returncode == 0, result.stderr
            env["PYTHONPATH"] = os.pathsep.join([str(site), str(ROOT), str(ROOT / "plugins")])
            continue
        expected = 3 if "exits 3" in command else 0
        result = subprocess.run(["bash", "-c", command], cwd=tmp_path, env=env,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == expected, (
            f"README command failed: {command}\nexit {result.returncode}\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
        assert "Traceback" not in result.stderr, command
        assert "warning: --frozen-until" not in result.stderr, command
        ran += 1
    assert ran >= 20
    assert (tmp_path / "schedule.yaml").exists()
    assert (tmp_path / "programme.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "site" / "index.html").exists()


def test_readme_frozen_until_lies_inside_its_event() -> None:
    """A --frozen-until outside the event freezes nothing (or everything): the README's
    example must freeze part of the event it re-solves."""
    import datetime as dt
    import shlex

    from scheduler.scenario import load_scenario

    found = 0
    for command in _commands():
        words = shlex.split(command)
        if "--frozen-until" not in words:
            continue
        scenario = load_scenario(ROOT / words[words.index("solve") + 1])
        moment = dt.datetime.fromisoformat(words[words.index("--frozen-until") + 1])
        first, last = scenario.days[0], scenario.days[-1]
        start = scenario.datetime_at(first, scenario.frame(first)[0]).replace(tzinfo=None)
        end = scenario.datetime_at(last, scenario.frame(last)[1]).replace(tzinfo=None)
        assert start < moment < end, f"{command}: {moment} is outside {start} - {end}"
        found += 1
    assert found


def test_readme_yaml_example_loads_solves_and_checks() -> None:
    (yaml_text,) = _blocks("yaml")
    scenario = parse_scenario(yaml_text, "README.md")
    result = solve(scenario, SolveOptions(time_limit=10, seed=0, workers=2))
    assert result.schedule is not None, result.diagnosis
    assert check(scenario, result.schedule).ok


def test_readme_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (code,) = _blocks("python")
    (tmp_path / "scenarios").symlink_to(ROOT / "scenarios")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})
    assert (tmp_path / "schedule.yaml").exists()
    assert (tmp_path / "out" / "programme.ics").is_file()  # scheduler.export
