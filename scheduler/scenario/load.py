"""Loading a scenario file: YAML with positions, then pydantic, errors mapped to places."""

from __future__ import annotations

import difflib
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from scheduler.collection import collection_paused
from scheduler.errors import InputError, Problem
from scheduler.scenario.model import Scenario, ScenarioProblems
from scheduler.yamlsafe import Positions, format_path, load_yaml_file, load_yaml_text

SCENARIO_REFERENCE = "scenarios/README.md"
"""Where every field of a scenario file is described."""

_HINTS = {
    "extra_forbidden": "remove it, or check its spelling against scenarios/README.md",
    "missing": "add it",
    "literal_error": "use one of the values listed",
    "greater_than_equal": "use a larger number",
    "less_than_equal": "use a smaller number",
    "string_too_short": "write some text",
    "string_type": "put it in quotes, e.g. \"101\" (YAML reads bare numbers, dates and "
                   "yes/no as other types)",
}


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file; raise :class:`InputError` with places on problems."""
    with collection_paused():  # a large file: millions of objects, no cycles to free
        data, positions = load_yaml_file(path)
        return _validate(data, positions)


def parse_scenario(text: str, file: str = "<scenario>") -> Scenario:
    """Validate a scenario given as YAML text."""
    with collection_paused():
        data, positions = load_yaml_text(text, file)
        return _validate(data, positions)


def _validate(data: Any, positions: Positions) -> Scenario:
    if not isinstance(data, dict):
        raise InputError([positions.problem(
            (), "a scenario must be a mapping with at least event: and sessions:",
            "start from scenarios/seminar-partnership.yaml",
        )])
    if data.get("format") == "confsched-schedule":
        raise InputError([positions.problem(
            ("format",), "this is a schedule file (written by confsched solve), not a "
            "scenario",
            "pass the scenario first and the schedule second, e.g. "
            "confsched export ical SCENARIO.yaml SCHEDULE.yaml",
        )])
    try:
        # Validated as text: a bare number is not taken for a clock time (timeparse.py).
        return Scenario.model_validate(data, context={"text": True})
    except ValidationError as exc:
        raise InputError(validation_problems(exc, positions)) from None


def validation_problems(exc: ValidationError, positions: Positions,
                        reference: str = SCENARIO_REFERENCE) -> list[Problem]:
    """Turn pydantic's errors into placed problems, one per wrong value; hints point to
    ``reference``, the document that describes the file's fields.

    When a value may take one of several forms (a track id or a list of them), pydantic
    reports one error per form; those become one problem naming every form.
    """
    problems: list[Problem] = []
    merged: dict[tuple[str | int, ...], tuple[list[str], str | None]] = {}
    for error in exc.errors(include_url=False):
        cause = (error.get("ctx") or {}).get("error")
        if isinstance(cause, ScenarioProblems):
            base = tuple(error["loc"])
            for path, message, hint in cause.problems:
                full = (*base, *path)
                problems.append(
                    positions.problem(full, message, hint or _see(full, reference)))
            continue
        loc, forms = _file_loc(tuple(error["loc"]), positions, error["type"])
        message = _message(error)
        hint = _HINTS.get(error["type"])
        if error["type"] == "extra_forbidden":
            hint = _did_you_mean(str(loc[-1])) or hint
            if hint and reference != SCENARIO_REFERENCE:
                hint = hint.replace(SCENARIO_REFERENCE, reference)
        elif error["type"] == "value_error" and "; " in message:
            # Our validators say "what is wrong; how to fix it".
            message, hint = message.split("; ", 1)
        if forms:
            messages, _ = merged.setdefault(loc, ([], hint))
            if message not in messages:
                messages.append(message)
            continue
        problems.append(positions.problem(loc, message, hint or _see(loc, reference)))
    for loc, (messages, hint) in merged.items():
        text = messages[0] if len(messages) == 1 else "either " + ", or ".join(messages)
        problems.append(positions.problem(loc, text, hint or _see(loc, reference)))
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    return _once(problems)


def _once(problems: list[Problem]) -> list[Problem]:
    """Each problem once: a series' meetings share their file entry, so a mistake in it
    is found once per meeting but written in the file only once."""
    seen: set[tuple[str | int | None, ...]] = set()
    unique: list[Problem] = []
    for problem in problems:
        key = (problem.file, problem.line, problem.column, problem.path, problem.message)
        if key not in seen:
            seen.add(key)
            unique.append(problem)
    return unique


def _file_loc(
    loc: tuple[str | int, ...], positions: Positions, kind: str
) -> tuple[tuple[str | int, ...], bool]:
    """The path of the value in the file, without pydantic's names of union members
    (``constrained-str``, ``list[str]``) and dict-key markers; and whether any were cut."""
    kept: list[str | int] = []
    cut = False
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if (*kept, part) in positions.places or (last and kind in ("missing", "extra_forbidden")):
            kept.append(part)
        elif part == "[key]":
            continue
        elif isinstance(part, str) and ((*kept,) in positions.places or not kept):
            cut = True  # a union member's name: the value itself is at ``kept``
        else:
            kept.append(part)
    return tuple(kept), cut


def _see(loc: tuple[str | int, ...], reference: str = SCENARIO_REFERENCE) -> str:
    """The fallback fix: where the reference describes the field."""
    whole = "the scenario" if reference == SCENARIO_REFERENCE else "the file"
    field = format_path(tuple(p for p in loc if not isinstance(p, int))) or whole
    return f"see {field} in {reference}"


@cache
def _known_keys() -> tuple[str, ...]:
    """Every key a scenario file may use, in both spellings (``day-start``, ``day_start``)."""
    from pydantic import BaseModel

    from scheduler.instruments import Instrument
    from scheduler.scenario import model

    names: set[str] = set()
    classes = [getattr(model, n) for n in dir(model)] + [Instrument]
    for cls in classes:
        if isinstance(cls, type) and issubclass(cls, BaseModel):
            for name in cls.model_fields:
                names.update({name, name.replace("_", "-")})
    return tuple(sorted(names))


def _did_you_mean(key: str) -> str | None:
    """The nearest other key; a key valid elsewhere (``room`` is a key of ``pin:``) is
    never offered as the fix of itself."""
    close = [k for k in difflib.get_close_matches(key, _known_keys(), n=3, cutoff=0.75)
             if k != key]
    if close:
        return f"did you mean {close[0]!r}? (or remove it; see scenarios/README.md)"
    if key in _known_keys():
        return (f"{key!r} is a key of another part of a scenario, not of this one; move or "
                "remove it (see scenarios/README.md)")
    return None


def _message(error: Any) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"unknown key {str(error['loc'][-1])!r}"
    if kind == "missing":
        return f"{str(error['loc'][-1])!r} is required"
    plain = _PLAIN.get(kind)
    if plain:
        return plain
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


_PLAIN = {
    "model_type": "expected a mapping of keys and values (key: value lines) here",
    "model_attributes_type": "expected a mapping of keys and values (key: value lines) here",
    "dict_type": "expected a mapping of keys and values (key: value lines) here",
    "list_type": "expected a list here (lines starting with '- ', or [a, b])",
    "tuple_type": "expected a list here (lines starting with '- ', or [a, b])",
    "string_type": "expected text here",
    "int_type": "expected a whole number here",
    "int_parsing": "expected a whole number here",
    "int_from_float": "expected a whole number here, not a fraction",
    "bool_type": "expected true or false here",
    "bool_parsing": "expected true or false here",
    "date_type": "expected a date written like 2024-12-22",
    "date_parsing": "expected a date written like 2024-12-22",
    "date_from_datetime_parsing": "expected a date written like 2024-12-22",
    "date_from_datetime_inexact": "expected a date without a time, written like 2024-12-22",
    "finite_number": "expected a finite number, not .inf or .nan",
}
