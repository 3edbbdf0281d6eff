"""`confsched generate` (being built in this session)."""

from __future__ import annotations

from scheduler.cli.base import main
from scheduler.errors import UsageError


@main.command(name="generate")
def generate_command() -> None:
    """Not built yet."""
    raise UsageError("confsched generate is not built yet")
