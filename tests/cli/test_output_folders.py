"""Where `-o` may write, as docs/scenario-format.md says: missing folders of the path as
typed are created (for files and folder outputs alike); none is created at the far end of
a symlink (a dangling link into a missing folder is an error, and makes no folders); a
read-only folder is a clean error (exit 1) with nothing written, for every exporter."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from scheduler.cli import main

ROOT = Path(__file__).resolve().parents[2]
BISHKEK = ROOT / "scenarios" / "bishkek-launch-2022.yaml"
SCHEDULE = ROOT / "tests" / "plugins" / "data" / "bishkek-schedule.yaml"


def _writable(folder: Path) -> bool:
    try:
        fd, name = tempfile.mkstemp(dir=folder)
    except OSError:
        return False
    os.close(fd)
    os.unlink(name)
    return True


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    """A folder no file can be written into: a chmod 555 one, or (as root, whom
    permissions do not stop) /sys, which refuses new files to everyone."""
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if not _writable(folder):
            yield folder
        elif Path("/sys").is_dir() and not _writable(Path("/sys")):
            yield Path("/sys")
        else:
            pytest.skip("no read-only folder can be made here")
    finally:
        folder.chmod(0o755)


def _export(fmt: str, out: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["export", fmt, str(BISHKEK), str(SCHEDULE),
                                       "-o", str(out)])
    return result.exit_code, result.output


@pytest.mark.parametrize("fmt", ["web", "ical", "frab", "schedule-json"])
@pytest.mark.parametrize("inside", [False, True], ids=["into-it", "below-it"])
def test_a_read_only_folder_is_a_clean_error_and_nothing_is_written(
    read_only: Path, fmt: str, inside: bool
) -> None:
    before = sorted(os.listdir(read_only))
    out = read_only / "site" if inside else read_only
    code, output = _export(fmt, out)
    assert code == 1, output
    assert output.startswith(f"error: cannot write {out if fmt in ('web', 'ical') else ''}")
    assert "internal error" not in output and "Traceback" not in output
    assert "fix:" in output
    assert sorted(os.listdir(read_only)) == before


def test_missing_folders_of_a_typed_path_are_created(tmp_path: Path) -> None:
    out = tmp_path / "no-such-folder" / "2024" / "scenario.yaml"
    result = CliRunner().invoke(main, ["generate", "--seed", "1", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.is_file()


def test_a_dangling_symlink_is_followed_but_makes_no_folders(tmp_path: Path) -> None:
    link = tmp_path / "latest.yaml"
    elsewhere = tmp_path / "elsewhere" / "deep" / "schedule.yaml"
    link.symlink_to(elsewhere)
    result = CliRunner().invoke(main, ["solve", str(BISHKEK), "-o", str(link),
                                       "--time-limit", "5"])
    assert result.exit_code == 1, result.output
    assert (f"the symlink {link} points into {elsewhere.parent}, which does not exist"
            in result.output)
    assert not (tmp_path / "elsewhere").exists()
    assert link.is_symlink()


def test_a_dangling_symlink_to_a_file_in_an_existing_folder_is_written(
    tmp_path: Path
) -> None:
    link = tmp_path / "latest.yaml"
    target = tmp_path / "real" / "scenario.yaml"
    target.parent.mkdir()
    link.symlink_to(target)
    result = CliRunner().invoke(main, ["generate", "--seed", "1", "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and target.is_file()


def test_a_dangling_symlink_as_a_folder_output_makes_no_folders(tmp_path: Path) -> None:
    link = tmp_path / "site"
    link.symlink_to(tmp_path / "gone" / "www" / "site")
    code, output = _export("web", link)
    assert code == 1, output
    assert "points into" in output and "which does not exist" in output
    assert not (tmp_path / "gone").exists()


def test_a_folder_output_is_created_with_its_parents(tmp_path: Path) -> None:
    out = tmp_path / "public" / "2024" / "site"
    code, output = _export("web", out)
    assert code == 0, output
    assert (out / "index.html").is_file()
