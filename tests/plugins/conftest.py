"""Fixtures of the export plugin tests (defined in exporthelp, importable by name)."""

from exporthelp import bishkek, forum, radicale  # noqa: F401
