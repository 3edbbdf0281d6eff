"""`confsched diff` (being built in this session)."""

from __future__ import annotations

from scheduler.cli.base import main
from scheduler.errors import UsageError


@main.command(name="diff")
def diff_command() -> None:
    """Not built yet."""
    raise UsageError("confsched diff is not built yet")
