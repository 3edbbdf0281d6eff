"""Fixtures of the pretalx tests (defined in pretalxserver, importable by name)."""

from pretalxserver import pretalx  # noqa: F401
