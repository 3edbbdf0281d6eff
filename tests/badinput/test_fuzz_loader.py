"""Fuzzing the loader: whatever the text, it returns a Scenario or raises InputError.

Two sources of input: random YAML-ish text built from the tokens YAML reacts to, and
random mutations of the shipped scenarios (values replaced by odd ones, keys dropped or
misspelt, lines deleted, duplicated or cut). Any other exception is a bug: the user
would see a traceback instead of a message with a place and a fix.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml
from badinput_data import SCENARIOS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduler.errors import InputError
from scheduler.scenario import Scenario, parse_scenario

pytestmark = pytest.mark.slow  # property runs: thousands of drawn inputs

FUZZ = settings(max_examples=200, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

TOKENS = [
    "event", "sessions", "rooms", "people", "id", "title", "instrument", "duration",
    "after", "first-day", "last-day", "timezone", "capacity", "breaks", "hybrid", ":", ": ",
    "- ", "\n", "\n  ", "\n    ", "[", "]", "{", "}", ",", "&a ", "*a", "!!python/object:os.system",
    "!!binary", "!x ", "<<: ", "? ", "|", ">", "'", '"', "#", "%YAML 1.1\n", "---\n", "...\n",
    "\t", "\\x00", "\x07", "\ufeff", "Я", "зал", "09:30", "25:00", "90min", "1h30", "1e400",
    "2024-02-30", "2024-01-01", "~", "null", "yes", "-1", "99999999999999999999999", ".nan",
    "workshop", "study-tour", "Europe/Moscow", "Mars/Olympus", "s1", "s2",
]

ODD_VALUES: list[Any] = [
    None, True, False, 0, -1, 10**30, 1.5, float("inf"), "", " ", "x", "Я", "25:00",
    "2024-13-01", "-5min", "1h30", [], {}, [None], {"x": 1}, ["a", "b"], "../../etc/passwd",
    "<script>", "a#1", "\u202e", "9" * 60, "Europe/Nowhere",
]


def _base(name: str) -> dict[str, Any]:
    data = yaml.safe_load((SCENARIOS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


BASES = {name: _base(name) for name in ("seminar-partnership.yaml", "bishkek-launch-2022.yaml")}
TEXTS = {name: (SCENARIOS / name).read_text(encoding="utf-8") for name in BASES}


def _must_load_or_refuse(text: str) -> None:
    try:
        result = parse_scenario(text, "fuzz.yaml")
    except InputError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.message.strip()
            str(problem)  # renders without failing
        return
    assert isinstance(result, Scenario)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside ``node``."""
    out = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            out.extend(_paths(value, (*path, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out.extend(_paths(value, (*path, index)))
    return out


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A shipped scenario with a few structural changes, dumped back to YAML."""
    name = draw(st.sampled_from(sorted(BASES)))
    data = copy.deepcopy(BASES[name])
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _parent(data, path)
        action = draw(st.sampled_from(["replace", "delete", "rename", "duplicate"]))
        key = path[-1]
        if action == "replace":
            parent[key] = draw(st.sampled_from(ODD_VALUES))
        elif action == "delete":
            del parent[key]
        elif action == "rename" and isinstance(parent, dict):
            parent[str(key) + draw(st.sampled_from(["x", "_", "-", "Я"]))] = parent.pop(key)
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@st.composite
def cut_text(draw: st.DrawFn) -> str:
    """A shipped scenario's text with lines deleted, repeated, swapped or cut short."""
    lines = TEXTS[draw(st.sampled_from(sorted(TEXTS)))].splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "repeat", "swap", "cut", "insert"]))
        if action == "delete" and len(lines) > 1:
            del lines[i]
        elif action == "repeat":
            lines.insert(i, lines[i])
        elif action == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "cut":
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
        else:
            lines.insert(i, draw(st.sampled_from(TOKENS)) + "\n")
    return "".join(lines)


yamlish = st.lists(st.sampled_from(TOKENS), max_size=40).map("".join)


@FUZZ
@given(yamlish)
def test_random_yamlish_text(text: str) -> None:
    _must_load_or_refuse(text)


@FUZZ
@given(st.text(max_size=300))
def test_random_unicode_text(text: str) -> None:
    _must_load_or_refuse(text)


@FUZZ
@given(mutated())
def test_mutated_scenarios(text: str) -> None:
    _must_load_or_refuse(text)


@FUZZ
@given(cut_text())
def test_cut_and_spliced_scenarios(text: str) -> None:
    _must_load_or_refuse(text)
