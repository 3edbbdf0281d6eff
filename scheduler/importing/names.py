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
