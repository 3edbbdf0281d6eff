"""File names from people's names: safe, unique, Cyrillic kept."""

from __future__ import annotations

from confsched_ical.naming import MAX_STEM, FileNamer, safe_stem
from hypothesis import given, settings
from hypothesis import strategies as st

from scheduler.importing.names import slugify


def test_examples() -> None:
    assert safe_stem("Айгуль Асанова") == "Айгуль-Асанова"
    assert safe_stem("../../etc/passwd") == "etc-passwd"
    assert safe_stem("..") == "unnamed"
    assert safe_stem("..", fallback="dots") == "dots"
    assert safe_stem("a\x00b\nc\td") == "a-b-c-d"
    assert safe_stem("C:\\Windows\\x") == "C-Windows-x"
    assert safe_stem("nul") == "nul_"
    assert safe_stem(".hidden") == "hidden"


def test_unique_ignoring_case() -> None:
    namer = FileNamer()
    assert namer.name("Анна Иванова") == "Анна-Иванова.ics"
    assert namer.name("анна иванова") == "анна-иванова-2.ics"
    assert namer.name("Анна/Иванова") == "Анна-Иванова-3.ics"
    assert namer.name("") == "unnamed.ics"


@settings(deadline=None)  # a property, not a timer: no 200-ms deadline under load
@given(st.lists(st.text(max_size=80), max_size=8))
def test_any_name_gives_a_safe_unique_file_name(names: list[str]) -> None:
    namer = FileNamer()
    seen = set()
    for name in names:
        file_name = namer.name(name)
        stem = file_name.removesuffix(".ics")
        assert "/" not in file_name and "\\" not in file_name and ".." not in file_name
        assert not file_name.startswith(".")
        assert all(ch.isalnum() or ch in "-_" for ch in stem)
        assert len(stem) <= MAX_STEM + 4
        assert len(file_name.encode("utf-8")) < 255
        assert file_name.casefold() not in seen
        seen.add(file_name.casefold())


def test_slugs_are_latin() -> None:
    assert slugify("Форум НКО «Без границ» 2025") == "forum-nko-bez-granits-2025"
    assert slugify("Өнүгүү жана аң-сезим") == "onuguu-zhana-ang-sezim"
    assert slugify("Café Ärger") == "cafe-arger"
