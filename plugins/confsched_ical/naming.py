"""Safe, unique file names from people's, rooms' and tracks' names.

The rule: a file name keeps letters and digits of any script (Cyrillic stays Cyrillic),
``-`` and ``_``; every other character (path separators, dots, spaces, control
characters, quotes) becomes ``-``, runs of ``-`` collapse, and the result is cut to
:data:`MAX_STEM` characters. So a name can never climb out of its folder (no ``/``, no
``..``), never hides (no leading dot) and never names a device on Windows (``CON``,
``NUL``...). Names that collide (ignoring case, as some file systems do) get ``-2``,
``-3``... in the order they are asked for, so the same scenario always gives the same
names.
"""

from __future__ import annotations

import re
import unicodedata

MAX_STEM = 60
"""Characters kept of a name (Cyrillic takes two bytes each; file systems allow 255)."""

_WINDOWS_DEVICES = frozenset(
    ["con", "prn", "aux", "nul"]
    + [f"com{i}" for i in range(1, 10)]
    + [f"lpt{i}" for i in range(1, 10)]
)


def safe_stem(name: str, fallback: str = "unnamed") -> str:
    """A file-name stem made of ``name``'s letters and digits (see the module rule)."""
    text = unicodedata.normalize("NFC", name)
    kept = "".join(ch if (ch.isalnum() or ch in "-_") else "-" for ch in text)
    stem = re.sub(r"-{2,}", "-", kept).strip("-_")[:MAX_STEM].strip("-_")
    if not stem:
        return fallback if fallback == "unnamed" else safe_stem(fallback)
    if stem.casefold() in _WINDOWS_DEVICES:
        stem += "_"
    return stem


class FileNamer:
    """Hands out unique safe file names (``stem + suffix``) within one folder."""

    def __init__(self, suffix: str = ".ics") -> None:
        self.suffix = suffix
        self._taken: set[str] = set()

    def reserve(self, filename: str) -> None:
        """Take ``filename`` (a name handed out by an earlier export) before any other."""
        self._taken.add(filename.removesuffix(self.suffix).casefold())

    def name(self, label: str, fallback: str = "unnamed") -> str:
        """A safe name for ``label``, unique among the names handed out so far."""
        stem = safe_stem(label, fallback)
        candidate, n = stem, 1
        while candidate.casefold() in self._taken:
            n += 1
            candidate = f"{stem}-{n}"
        self._taken.add(candidate.casefold())
        return candidate + self.suffix
