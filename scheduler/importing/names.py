"""Latin slugs from Cyrillic names (acronyms and slugs must be ``[a-z0-9_-]``).

The rule: Russian letters are transliterated as in passports (ГОСТ Р 52535.1-2006, ``щ``
is ``shch``, ``ы`` is ``y``, ``ь``/``ъ`` vanish), plus the Kyrgyz and Kazakh letters
(``ң`` ng, ``ө`` o, ``ү`` u, ``ә`` a, ``ғ`` g, ``қ`` k, ``ұ`` u, ``һ`` h, ``і`` i);
other letters lose their accents; everything else becomes ``-``.
"""

from __future__ import annotations

import re
import unicodedata

_TABLE = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia", "ң": "ng", "ө": "o", "ү": "u", "ә": "a", "ғ": "g", "қ": "k", "ұ": "u",
    "һ": "h", "і": "i", "ї": "i", "є": "ie", "ґ": "g", "ў": "u",
}


def transliterate(text: str) -> str:
    """``text`` in lowercase Latin letters (Cyrillic transliterated, accents dropped)."""
    out = []
    for ch in text.lower():
        if ch in _TABLE:
            out.append(_TABLE[ch])
        else:
            decomposed = unicodedata.normalize("NFKD", ch)
            out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(out)


def slugify(text: str, max_length: int = 60) -> str:
    """A slug of ``[a-z0-9-]``: transliterated, other characters as ``-``, cut at a dash."""
    latin = re.sub(r"[^a-z0-9]+", "-", transliterate(text)).strip("-")
    if len(latin) > max_length:
        cut = latin[:max_length]
        latin = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return latin


def as_ident(text: str) -> str | None:
    """``text`` as an id of a scenario if it is one (trimmed, at most 80 characters),
    else None."""
    from scheduler.scenario.types import check_ident

    text = text.strip()[:80]
    if not text:
        return None
    try:
        return check_ident(text)
    except ValueError:
        return None


class IdMaker:
    """Unique ids from names: the name's slug, ``-2``, ``-3``, ... when taken, and the
    given fallback when the name has no letters or digits to make one."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def make(self, name: str, fallback: str) -> str:
        """An id made from ``name`` (its slug), or from ``fallback``."""
        return self.take(as_ident(slugify(name)) or fallback)

    def take(self, base: str) -> str:
        """``base`` itself, or ``base-2``, ``base-3``, ... when it is taken."""
        candidate, n = base, 2
        while candidate in self.taken:
            candidate, n = f"{base}-{n}", n + 1
        self.taken.add(candidate)
        return candidate
