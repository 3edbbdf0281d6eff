"""Small pieces of English built from words the user chose (instrument names, tags)."""

from __future__ import annotations

_VOWEL_LETTERS = "aeiou"
_SAID_WITH_A = ("uni", "use", "usu", "eu", "one", "once")
"""Written with a vowel letter, spoken with a consonant sound (a user, a unit, a one-day)."""
_SAID_WITH_AN = ("hour", "honest", "honour", "heir")
"""Written with a consonant letter, spoken with a vowel sound (an hour)."""


def article(word: str) -> str:
    """``word`` with its indefinite article: "a workshop", "an award-ceremony",
    "an expert-visit", "a unconference" is "an unconference", "a user-group"."""
    lower = word.lower()
    if lower.startswith(_SAID_WITH_AN):
        return f"an {word}"
    if lower.startswith(_SAID_WITH_A) and not lower.startswith("unc"):
        return f"a {word}"
    return f"an {word}" if lower[:1] in _VOWEL_LETTERS else f"a {word}"
