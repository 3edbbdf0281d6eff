"""``python -m scheduler.cli``: the same as the ``confsched`` command."""

from scheduler.cli import run

run()
