"""Fixtures of the life-cycle tests: the Zoom look-alike and Radicale of the other test folders."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for folder in ("zoom", "plugins"):
    path = str(HERE.parent / folder)
    if path not in sys.path:
        sys.path.insert(0, path)

from exporthelp import radicale  # noqa: E402, F401
