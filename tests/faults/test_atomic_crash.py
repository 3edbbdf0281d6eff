"""A crash while writing never leaves a half-written output nor destroys the old one."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from scheduler.atomic import atomic_open, atomic_write_text


def test_error_inside_the_write_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "schedule.yaml"
    target.write_text("old version\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_open(target) as handle:
        handle.write("half of the new ver")
        raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "old version\n"
    assert [p.name for p in tmp_path.iterdir()] == ["schedule.yaml"]


def test_process_killed_mid_write_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "programme.ics"
    target.write_text("BEGIN:VCALENDAR\nold\nEND:VCALENDAR\n", encoding="utf-8")
    script = textwrap.dedent(f"""
        import os
        from scheduler.atomic import atomic_open
        with atomic_open({str(target)!r}) as handle:
            handle.write("BEGIN:VCALENDAR\\npartial")
            handle.flush()
            os._exit(9)  # the process dies here, as on a crash or kill -9
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert result.returncode == 9
    assert target.read_text(encoding="utf-8") == "BEGIN:VCALENDAR\nold\nEND:VCALENDAR\n"


def test_successful_write_replaces_and_keeps_unicode(tmp_path: Path) -> None:
    target = tmp_path / "out" / "программа.txt"
    atomic_write_text(target, "Регистрация участников\n")
    atomic_write_text(target, "Открытие\n")
    assert target.read_text(encoding="utf-8") == "Открытие\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["программа.txt"]
