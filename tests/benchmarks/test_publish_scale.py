"""The publishing benchmark's entry point runs on a tiny event: two trees (here the same
one), the files each wrote compared, the curve written. Not a timer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks.publish_scale import ROOT, main

FORUM = ROOT / "tests" / "plugins" / "data" / "forum.yaml"
FORUM_SCHEDULE = ROOT / "tests" / "plugins" / "data" / "forum-schedule.yaml"


@pytest.mark.slow  # two subprocesses per tree: 12-39 s wall under load (review15)
def test_the_benchmark_runs_two_trees_and_compares_their_bytes(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, [
        "-o", str(tmp_path), "--event", f"tiny={FORUM}:{FORUM_SCHEDULE}",
        "--tree", f"a={ROOT}", "--tree", f"b={ROOT}",
        "--command", "web-private"])
    assert result.exit_code == 0, result.output
    runs = json.loads((tmp_path / "publish.json").read_text("utf-8"))["runs"]
    assert [(r["command"], r["tree"]) for r in runs] == [("web-private", "a"),
                                                         ("web-private", "b")]
    assert all(r["exit_code"] == 0 and r["cpu"] > 0 and r["peak_mib"] > 0 for r in runs)
    private = runs[0]["files"]
    assert "out/LINKS.csv" in private and any("/ical/private/" in f for f in private)
    table = (tmp_path / "publish.md").read_text("utf-8")
    assert "| tiny | web-private |" in table and "| yes |" in table
    assert not (tmp_path / "runs").exists()
