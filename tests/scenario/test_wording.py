"""Articles built from words: "an award-ceremony", never "a award-ceremony"."""

from __future__ import annotations

import pytest

from scheduler.instruments import builtin_catalogue
from scheduler.wording import article


@pytest.mark.parametrize(("word", "said"), [
    ("award-ceremony", "an award-ceremony"),
    ("expert-visit", "an expert-visit"),
    ("opening", "an opening"),
    ("unconference", "an unconference"),
    ("workshop", "a workshop"),
    ("user-group", "a user-group"),
    ("hour-long talk", "an hour-long talk"),
    ("hybrid", "a hybrid"),
])
def test_article(word: str, said: str) -> None:
    assert article(word) == said


def test_every_shipped_instrument_gets_the_right_article() -> None:
    for name in builtin_catalogue():
        expected = "an" if name[0] in "aeiou" else "a"
        assert article(name).split(" ")[0] == expected, name
