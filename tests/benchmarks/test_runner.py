"""The runner on the `ci` suite, fanned out to a local Dask cluster of two processes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.run import run_benchmark

pytestmark = pytest.mark.slow  # runs every benchmark solver on the CI suite


def test_ci_suite_runs_every_solver_and_checks_every_schedule(tmp_path: Path) -> None:
    # confsched on deterministic units (the README's wall-clock run of the same suite is
    # tests/test_readme.py's): at load 20 on 2 cores its 3-s wall-clock solves returned
    # no schedule (checked_ok None) or the start unreported (first_feasible None)
    data = run_benchmark("ci", tmp_path, dask_workers=2, command="pytest ci run",
                         deterministic=True)
    results = data["results"]
    by = {(r["instance"], r["solver"]): r for r in results}
    instances = {r["instance"] for r in results}
    assert instances == {"seminar", "pycon-40", "talks-12"}
    for name in instances:
        ours = by[(name, "confsched")]
        assert ours["checked_ok"] is True, ours
        assert ours["status"] in ("optimal", "feasible")
        assert ours["first_feasible"] is not None and ours["peak_mib"] > 0
        baseline = by[(name, "greedy")]
        if baseline["checked_ok"]:
            assert ours["objective"] <= baseline["objective"], (name, ours, baseline)
    assert by[("talks-12", "conference-scheduler")]["checked_ok"] is True
    assert by[("seminar", "conference-scheduler")]["status"] == "unsupported"
    saved = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert saved["command"] == "pytest ci run"
    assert saved["machine"]["nproc"] and saved["versions"]["ortools"]
    report = (tmp_path / "results.md").read_text(encoding="utf-8")
    assert "| talks-12 | 0 | conference-scheduler |" in report
    for plot in data["plots"]:
        assert (tmp_path / plot).read_bytes()[:4] == b"\x89PNG"
    assert (tmp_path / "instances" / "seminar-s0.yaml").exists()


def test_bad_options_are_usage_errors(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from benchmarks.run import main

    for args in (["--seeds", "0"], ["--time-limit", "-1"], ["--suite", "nope"],
                 ["--suite", "ci", "--instance", "nope"]):
        result = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "out")])
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output
