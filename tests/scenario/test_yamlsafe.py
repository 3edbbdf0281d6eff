"""Safe YAML: plain values only, positions kept, duplicate keys and bombs refused."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from scheduler.errors import InputError
from scheduler.yamlsafe import format_path, load_yaml_text


def test_positions_of_values_and_keys() -> None:
    data, positions = load_yaml_text("a:\n  b: [1, 2]\n  c: x\n", "f.yaml")
    assert data == {"a": {"b": [1, 2], "c": "x"}}
    assert positions.find(("a", "b", 1)) == (2, 10)
    assert positions.find(("a", "c")) == (3, 3)
    # an unknown path falls back to its nearest known ancestor
    assert positions.find(("a", "c", "deeper", 4)) == (3, 3)
    problem = positions.problem(("a", "b", 1), "bad", "fix it")
    assert str(problem) == "f.yaml:2:10: a.b[1]: bad\n    fix: fix it"


def test_keys_are_the_text_written() -> None:
    data, _ = load_yaml_text("yes: 1\n1: 2\n~: 3\n2024-01-01: 4\n", "f.yaml")
    assert data == {"yes": 1, "1": 2, "~": 3, "2024-01-01": 4}


def test_values_keep_their_types() -> None:
    data, _ = load_yaml_text("d: 2024-03-01\nn: 5\nt: true\ns: Зал\nnull: ~\n")
    assert data == {"d": dt.date(2024, 3, 1), "n": 5, "t": True, "s": "Зал", "null": None}


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("a: !!python/object:os.system {}\n", "python/object:os.system is not allowed"),
        ("a: !!python/name:os.system\n", "is not allowed"),
        ("a: !!binary aGVsbG8=\n", "binary is not allowed"),
        ("a: !!set {x, y}\n", "set is not allowed"),
        ("a: !Ref b\n", "!Ref is not allowed"),
        ("a: 1\na: 2\n", "the key 'a' appears twice"),
        ("a: \"x\\x07\"\n", "control character U+0007"),
        ("a: \"x\\x85\"\n", "control character U+0085"),
        ("a: 2024-02-30\n", "is not a valid value"),
        ("? [a]\n: 1\n", "a key must be a plain word"),
        ("a: [\n", "this is not valid YAML"),
        ("a: &a [*a]\n", "nests more than 100 levels"),
        ("b: &b 1\na:\n  <<: *b\n", "for merging"),
    ],
)
def test_refused(text: str, fragment: str) -> None:
    with pytest.raises(InputError, match=re.escape(fragment)) as caught:
        load_yaml_text(text, "f.yaml")
    assert all(p.hint for p in caught.value.problems)


@pytest.mark.parametrize("depth", [99, 101, 150, 999, 1000, 5000])
def test_nesting_limit_is_ours_on_every_pyyaml(depth: int) -> None:
    """One limit and one message whatever PyYAML does: libyaml >= 6.0.3 refuses 1,000
    levels itself, the pure parser runs out of stack near 500, older libyaml has no limit.
    99 levels (plus the top mapping) load; deeper files are refused at line 1."""
    text = "a: " + "[" * depth + "]" * depth + "\n"
    if depth < 100:
        data, _ = load_yaml_text(text, "deep.yaml")
        assert isinstance(data["a"], list)
        return
    with pytest.raises(InputError, match="nests more than 100 levels") as caught:
        load_yaml_text(text, "deep.yaml")
    problem = caught.value.problems[0]
    assert problem.hint and problem.file == "deep.yaml"
    assert problem.line == 1 and problem.column is not None


def test_tabs_newlines_and_cyrillic_are_fine() -> None:
    data, _ = load_yaml_text('a: "строка\\tс табуляцией\\nи переводом"\n')
    assert data == {"a": "строка\tс табуляцией\nи переводом"}


def test_alias_bomb_is_stopped_at_its_line() -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 8):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]")
    with pytest.raises(InputError, match="expands to more than") as caught:
        load_yaml_text("\n".join(lines) + "\n", "bomb.yaml")
    assert caught.value.problems[0].line is not None


def test_honest_file_larger_than_the_alias_cap_loads() -> None:
    """The cap bounds alias expansion, not the size of a file written out (the byte cap
    does that): 250,000 values with no alias load (before: refused at 200,000)."""
    from scheduler.yamlsafe import MAX_NODES

    count = MAX_NODES + 50_000
    text = "items:\n" + "".join(f"  - {{id: s{i}, n: {i}}}\n" for i in range(count // 3))
    data, _ = load_yaml_text(text, "big.yaml")
    assert len(data["items"]) == count // 3 and data["items"][-1]["n"] == count // 3 - 1


def test_merges_count_towards_the_alias_cap() -> None:
    """``<<:`` merges reach the merged values again: many merges of a big mapping are
    refused like an alias bomb, a few load."""
    base = "base: &b {" + ", ".join(f"k{i}: {i}" for i in range(1000)) + "}\n"
    few = base + "".join(f"m{i}:\n  <<: *b\n" for i in range(10))
    data, _ = load_yaml_text(few, "few.yaml")
    assert data["m9"]["k999"] == 999
    many = base + "".join(f"m{i}:\n  <<: *b\n" for i in range(201))
    with pytest.raises(InputError, match="expands to more than") as caught:
        load_yaml_text(many, "many.yaml")
    assert caught.value.problems[0].line is not None


def test_merge_keys_work() -> None:
    data, _ = load_yaml_text("base: &b {x: 1}\nitem:\n  <<: *b\n  y: 2\n")
    assert data["item"] == {"x": 1, "y": 2}


def test_format_path() -> None:
    assert format_path(("sessions", 3, "duration")) == "sessions[3].duration"
    assert format_path(()) == ""
