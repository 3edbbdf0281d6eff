"""Yardsticks of the runner: the planted timetable's checked objective, and the
comparison with the committed results that fails on a worse objective."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from benchmarks.yardstick import (
    BASELINES,
    describe_regressions,
    generate_with_yardstick,
    load_baseline,
    planted_ratios,
    regressions,
)
from scheduler.generate import params_for


def test_the_planted_timetable_is_checked_and_scored() -> None:
    text, yardstick = generate_with_yardstick(params_for("seminar"), 1)
    assert text.startswith("event:") or "sessions:" in text
    assert yardstick["planted_ok"] is True
    assert yardstick["planted_objective"] > 0
    assert len(yardstick["scenario_sha256"]) == 64


def _run(objective: float | None, deterministic: bool = True, sha: str = "abc",
         checked: bool = True) -> dict[str, Any]:
    return {
        "instances": [{"name": "talks-12", "seed": 0, "scenario_sha256": sha,
                       "planted_objective": 200}],
        "results": [{"instance": "talks-12", "seed": 0, "solver": "confsched",
                     "time_limit": 3.0, "deterministic": deterministic,
                     "checked_ok": checked, "objective": objective, "status": "feasible"}],
    }


def test_a_worse_objective_at_the_same_limit_is_a_regression() -> None:
    worse, compared = regressions(_run(120), _run(100))
    assert compared == 1 and worse[0]["objective"] == 120
    assert worse[0]["baseline_objective"] == 100
    assert regressions(_run(100), _run(100)) == ([], 1)
    assert regressions(_run(90), _run(100)) == ([], 1)
    lost, _ = regressions(_run(None, checked=False), _run(100))
    assert lost and lost[0]["objective"] is None


def test_only_like_for_like_runs_are_compared() -> None:
    assert regressions(_run(120, deterministic=False), _run(100)) == ([], 0)
    assert regressions(_run(120), _run(100, deterministic=False)) == ([], 0)
    assert regressions(_run(120), _run(100, sha="other instance")) == ([], 0)
    other_limit = _run(100)
    other_limit["results"][0]["time_limit"] = 10.0
    assert regressions(_run(120), other_limit) == ([], 0)
    assert regressions(_run(120), None) == ([], 0)


def test_planted_ratio() -> None:
    (row,) = planted_ratios(_run(150))
    assert row["ratio"] == 0.75 and row["planted_objective"] == 200


@pytest.mark.slow
def test_runner_fails_loudly_on_a_regression(tmp_path: Path) -> None:
    """A deterministic run of the greedy baseline on talks-12, against a baseline whose
    objective is lower than anything it reaches: exit 1 and a REGRESSION line; against
    its own results: no regression."""
    from click.testing import CliRunner

    from benchmarks.run import main

    args = ["--suite", "ci", "--instance", "talks-12", "--solver", "greedy",
            "--deterministic", "--no-plots"]
    first = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "a"),
                                      "--baseline", str(_missing(tmp_path))])
    assert first.exit_code == 0, first.output
    saved = json.loads((tmp_path / "a" / "results.json").read_text(encoding="utf-8"))
    planted = saved["planted"][0]
    assert planted["planted_ok"] is True and planted["ratio"] is not None
    same = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "b"),
                                     "--baseline", str(tmp_path / "a" / "results.json")])
    assert same.exit_code == 0 and "no regression" in same.output, same.output
    better = copy.deepcopy(saved)
    better["results"][0]["objective"] = saved["results"][0]["objective"] - 1
    (tmp_path / "better.json").write_text(json.dumps(better), encoding="utf-8")
    worse = CliRunner().invoke(main, [*args, "-o", str(tmp_path / "c"),
                                      "--baseline", str(tmp_path / "better.json")])
    assert worse.exit_code == 1
    assert "REGRESSION talks-12/s0 greedy" in worse.output
    report = (tmp_path / "c" / "results.md").read_text(encoding="utf-8")
    assert "REGRESSION" in report and "Against the planted timetable" in report


def _missing(tmp_path: Path) -> Path:
    """An empty baseline file: nothing to compare with."""
    path = tmp_path / "empty.json"
    path.write_text("{}", encoding="utf-8")
    return path


def test_the_committed_ci_baseline_catches_a_worse_confsched_result() -> None:
    """benchmarks/results/ci holds a deterministic baseline (issue #17): every confsched row
    is deterministic and checked, and the same results one point worse on any confsched
    row are a regression against it (no solve: the comparison the runner makes)."""
    baseline = load_baseline(BASELINES / "ci" / "results.json")
    assert baseline is not None, "no committed ci baseline"
    mine = [r for r in baseline["results"] if r["solver"] == "confsched"]
    assert mine and all(r["deterministic"] and r["checked_ok"] for r in mine)
    reproducible = [r for r in baseline["results"] if r["deterministic"]]
    assert {r["solver"] for r in reproducible} == {"confsched", "greedy"}  # not the peer
    assert regressions(baseline, baseline) == ([], len(reproducible))
    for index, row in enumerate(baseline["results"]):
        if row["solver"] != "confsched":
            continue
        worse = copy.deepcopy(baseline)
        worse["results"][index]["objective"] = row["objective"] + 1
        found, _ = regressions(worse, baseline)
        assert [(r["instance"], r["solver"]) for r in found] == [(row["instance"], "confsched")]
        assert "REGRESSION" in describe_regressions(found)
