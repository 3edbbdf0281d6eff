"""The ``confsched`` command line: a thin layer over the library.

Each command lives in its own module and registers itself on :data:`main`; plugins add
theirs through the ``register_commands`` hook.
"""

from __future__ import annotations

from scheduler.cli import check, diff, export, generate, imports, plugins_cmd, solve  # noqa: F401
from scheduler.cli.base import main
from scheduler.plugins import get_plugin_manager

get_plugin_manager().hook.register_commands(cli=main)

__all__ = ["main"]
