"""`confsched check` (being built in this session)."""

from __future__ import annotations

from scheduler.cli.base import main
from scheduler.errors import UsageError


@main.command(name="check")
def check_command() -> None:
    """Not built yet."""
    raise UsageError("confsched check is not built yet")
