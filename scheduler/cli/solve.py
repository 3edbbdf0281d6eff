"""`confsched solve` (being built in this session)."""

from __future__ import annotations

from scheduler.cli.base import main
from scheduler.errors import UsageError


@main.command(name="solve")
def solve_command() -> None:
    """Not built yet."""
    raise UsageError("confsched solve is not built yet")
