"""Symmetry breaking between identical registrations (participants into groups, #12).

Registrations that list the same ``sessions:``, the same ranked ``choices:`` and the same
``take`` are copies as far as every rule and soft term is concerned: the model only counts
how many are given each run, checks overlaps against what each attends, and scores the
ranks of what each is given. Swapping what two of them are given yields a schedule that is
just as valid and costs exactly the same, so without an order the search proves every
bound once per permutation (knowledge-week-pools: six classes of ten identical
registrations, 10!^6 copies of each assignment).

The rule, in plain words: within a class of identical registrations, in the scenario's
order, each one's assignment, read as a binary number (one bit per run it may be given,
choice by choice), is no smaller than the next one's. Every schedule can be relabelled to
satisfy it (sort the class's assignments by that number, largest first), so no objective
value is lost; :func:`canonical_given` does that relabelling for hints.

Not used when a registration's id is mentioned anywhere else in the scenario, in a re-solve
against an earlier schedule (the ``changes`` term names registrations), with extra terms
from plugins, or in relaxed (diagnosis) models. A class whose registrations may be given
more than ``MAX_BITS`` runs is left alone (the number would not stay small).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

from ortools.sat.python import cp_model

from scheduler.scenario.model import Scenario
from scheduler.solver.run_symmetry import count_strings

if TYPE_CHECKING:
    from scheduler.solver.groups import Groups, Wish

MAX_BITS = 30
"""At most this many runs per registration for its assignment to be ordered."""


def _options(wish: Wish) -> list[tuple[str, Any]]:
    """The runs a registration may be given, choice by choice: (session id, literal)."""
    return [option for options in wish.ranks for option in options]


def interchangeable_registrations(scenario: Scenario, groups: Groups) -> list[list[str]]:
    """Classes (of two or more, in the scenario's order) of registrations with choices that
    nothing in the model tells apart."""
    if groups.guards.relaxed or not groups.wishes:
        return []
    mentions: Counter[str] = Counter()
    count_strings(scenario.model_dump(mode="json"), mentions)
    classes: dict[str, list[str]] = defaultdict(list)
    for wish in groups.wishes:
        registration = wish.registration
        if mentions[registration.id] != 1:
            continue  # named elsewhere (only its own id may mention it)
        options = _options(wish)
        sids = [sid for sid, _ in options]
        if not options or len(options) > MAX_BITS or len(set(sids)) != len(sids):
            continue
        shape = repr((registration.sessions, registration.choices, registration.take,
                      sids))
        classes[shape].append(registration.id)
    return [ids for ids in classes.values() if len(ids) > 1]


def break_registration_symmetry(model: cp_model.CpModel, scenario: Scenario,
                                groups: Groups) -> list[list[str]]:
    """Order each class's assignments (largest number first); returns the classes."""
    classes = interchangeable_registrations(scenario, groups)
    wishes = {wish.registration.id: wish for wish in groups.wishes}
    for ids in classes:
        numbers = [sum((1 << bit) * lit for bit, (_, lit) in enumerate(_options(wishes[rid])))
                   for rid in ids]
        for first, second in zip(numbers, numbers[1:], strict=False):
            model.add(first >= second)
    return classes


def canonical_given(classes: list[list[str]], groups: Groups,
                    given: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """Relabel the (registration id, session id) pairs given so that each class's
    assignments are in the order :func:`break_registration_symmetry` asks for."""
    if not classes:
        return given
    wishes = {wish.registration.id: wish for wish in groups.wishes}
    out = set(given)
    for ids in classes:
        sids = [sid for sid, _ in _options(wishes[ids[0]])]
        chosen = [frozenset(sid for sid in sids if (rid, sid) in given) for rid in ids]
        ranked = sorted(chosen, key=lambda runs: -sum(1 << bit for bit, sid in enumerate(sids)
                                                      if sid in runs))
        for rid in ids:
            out -= {(rid, sid) for sid in sids}
        for rid, runs in zip(ids, ranked, strict=True):
            out |= {(rid, sid) for sid in runs}
    return out
