"""Atomic output: the old file survives any failure, no temporary file is left behind."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from scheduler.atomic import atomic_open, atomic_write_bytes, atomic_write_text


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
