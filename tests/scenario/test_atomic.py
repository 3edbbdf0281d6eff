"""Atomic output: the old file survives any failure, no temporary file is left behind."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from scheduler.atomic import atomic_open, atomic_write_bytes, atomic_write_many, atomic_write_text
from scheduler.errors import OutputError


def test_writes_text_as_utf8(tmp_path: Path) -> None:
    target = tmp_path / "out.yaml"
    atomic_write_text(target, "Зал «Сенеж»\n")
    assert target.read_bytes() == "Зал «Сенеж»\n".encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.yaml"]


def test_a_failure_midway_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.yaml"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_open(target) as handle:
        handle.write("half of the new")
        raise RuntimeError("crash")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.yaml"]


def test_keyboard_interrupt_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    atomic_write_bytes(target, b"old")
    with pytest.raises(KeyboardInterrupt), atomic_open(target, "wb") as handle:
        handle.write(b"new")
        raise KeyboardInterrupt
    assert target.read_bytes() == b"old"


def test_replacing_keeps_the_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o600)
    atomic_write_text(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    fresh = tmp_path / "fresh.txt"
    atomic_write_text(fresh, "x")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644


def test_creates_missing_folders(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "out.txt"
    atomic_write_text(target, "x")
    assert target.read_text(encoding="utf-8") == "x"


def test_newlines_are_written_as_given(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    atomic_write_text(target, "a\r\nb\n")
    assert target.read_bytes() == b"a\r\nb\n"


def test_an_impossible_path_is_a_clear_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(OutputError, match="cannot write") as caught:
        atomic_write_text(blocker / "out.yaml", "x")
    assert caught.value.exit_code == 1
    assert "fix:" in str(caught.value)
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_a_folder_in_the_way_is_a_clear_output_error(tmp_path: Path) -> None:
    folder = tmp_path / "out.yaml"
    folder.mkdir()
    with pytest.raises(OutputError, match="cannot write"):
        atomic_write_text(folder, "x")
    assert folder.is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.yaml"]


def test_errors_of_the_block_itself_pass_through(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError), atomic_open(tmp_path / "out.txt") as handle:
        handle.write("x")
        (tmp_path / "missing-input.txt").read_text(encoding="utf-8")
    assert list(tmp_path.iterdir()) == []


def test_a_symlink_is_followed_and_kept(tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(target.name)
    atomic_write_text(link, "new")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new"


def test_a_device_is_refused_not_replaced(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="not a regular file"):
        atomic_write_text("/dev/null", "x")
    assert Path("/dev/null").is_char_device()


def test_a_path_inside_a_file_names_the_file(tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("keep", encoding="utf-8")
    with pytest.raises(OutputError, match="notes.txt is a file, not a folder"):
        atomic_write_text(blocker / "out.yaml", "x")
    assert blocker.read_text(encoding="utf-8") == "keep"


def test_many_files_in_batches_with_an_fsync_per_folder_not_per_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """atomic_write_many: every file written (kept permissions, Cyrillic names, symlinks
    followed), no temporary file left, and each folder synced once, not after each file
    (two disk syncs per calendar made 15,000 participants' calendars wait on the disk)."""
    import scheduler.atomic as atomic

    monkeypatch.setattr(atomic, "BATCH", 3)
    synced: list[Path] = []
    monkeypatch.setattr(atomic, "_fsync_dir", synced.append)
    kept = tmp_path / "a" / "kept.ics"
    kept.parent.mkdir()
    kept.write_bytes(b"old")
    os.chmod(kept, 0o600)
    (tmp_path / "link.ics").symlink_to(kept)
    items = [(tmp_path / ("a" if i % 2 else "б") / f"Иван-{i}.ics", f"{i}".encode() * 9000)
             for i in range(7)]
    written = atomic_write_many([*items, (tmp_path / "link.ics", b"new")])
    assert written == [path for path, _ in items] + [tmp_path / "link.ics"]
    for path, data in items:
        assert path.read_bytes() == data
    assert kept.read_bytes() == b"new" and stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert (tmp_path / "link.ics").is_symlink()
    assert sorted(synced) == sorted({tmp_path / "a", tmp_path / "б"})
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_many_files_a_failure_keeps_the_batch_old_and_leaves_no_temporary_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import scheduler.atomic as atomic

    old = tmp_path / "old.ics"
    old.write_bytes(b"old")

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(OutputError, match="No space left"):
        atomic_write_many([(old, b"new"), (tmp_path / "other.ics", b"x")])
    assert old.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.ics"]
