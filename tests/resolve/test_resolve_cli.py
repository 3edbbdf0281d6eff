"""`confsched solve --from` and `--frozen-until` through the command line."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from scheduler.checker import check
from scheduler.cli import main
from scheduler.scenario import load_scenario
from scheduler.schedule import load_schedule

ROOT = Path(__file__).resolve().parents[2]
BISHKEK = str(ROOT / "scenarios" / "bishkek-launch-2022.yaml")


def test_resolve_from_a_published_schedule_changes_nothing_when_nothing_changed(
    tmp_path: Path,
) -> None:
    runner = CliRunner()
    published, new = tmp_path / "published.yaml", tmp_path / "new.yaml"
    first = runner.invoke(main, ["solve", BISHKEK, "-o", str(published), "--time-limit", "10"])
    assert first.exit_code == 0, first.output
    again = runner.invoke(main, ["solve", BISHKEK, "--from", str(published),
                                 "--frozen-until", "2022-06-07T12:00", "-o", str(new),
                                 "--time-limit", "10"])
    assert again.exit_code == 0, again.output
    schedule = load_schedule(new)
    assert schedule.solve.from_schedule == str(published)
    assert schedule.objective_terms["changes"].value == 0
    report = check(load_scenario(BISHKEK), schedule, earlier=load_schedule(published))
    assert report.ok and report.terms["changes"].value == 0
    diff = runner.invoke(main, ["diff", str(published), str(new)])
    assert "no changes" in diff.output


def test_frozen_until_needs_from_and_a_real_moment(tmp_path: Path) -> None:
    runner = CliRunner()
    alone = runner.invoke(main, ["solve", BISHKEK, "--frozen-until", "2022-06-07T12:00"])
    assert alone.exit_code == 2 and "--frozen-until needs --from" in alone.output
    published = tmp_path / "published.yaml"
    runner.invoke(main, ["solve", BISHKEK, "-o", str(published), "--time-limit", "10"])
    bad = runner.invoke(main, ["solve", BISHKEK, "--from", str(published),
                               "--frozen-until", "next tuesday"])
    assert bad.exit_code == 2
    assert "write it like 2022-06-07T12:00" in bad.output
    assert "Traceback" not in bad.output


def test_from_a_schedule_of_another_event_is_refused(tmp_path: Path) -> None:
    runner = CliRunner()
    other = tmp_path / "other.yaml"
    seminar = str(ROOT / "scenarios" / "seminar-partnership.yaml")
    assert runner.invoke(main, ["solve", seminar, "-o", str(other),
                                "--time-limit", "10"]).exit_code == 0
    refused = runner.invoke(main, ["solve", BISHKEK, "--from", str(other)])
    assert refused.exit_code == 2
    assert "pass the schedule that was published for this scenario" in refused.output
    assert "if the event was renamed" in refused.output  # and what its name holds
