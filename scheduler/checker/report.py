"""What a check finds: hard-rule violations, warnings and the recomputed soft terms."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Violation:
    """One broken hard rule, said in plain words.

    ``rule`` is the rule's name in docs/rules.md (or ``scenario-match`` when the schedule
    does not describe the scenario); ``sessions``, ``people`` and ``rooms`` name the ids
    involved, ``day`` the day it happens on when there is one.
    """

    rule: str
    message: str
    sessions: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    rooms: tuple[str, ...] = ()
    day: dt.date | None = None

    def __str__(self) -> str:
        return f"{self.rule}: {self.message}"

    def to_data(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "message": self.message,
            "sessions": list(self.sessions),
            "people": list(self.people),
            "rooms": list(self.rooms),
            "day": self.day.isoformat() if self.day else None,
        }


@dataclass(frozen=True)
class Term:
    """One soft rule's recomputed contribution: ``penalty = weight * value``."""

    weight: int
    value: int
    penalty: int
    detail: str | None = None
    recomputed: bool = True
    """False for a term copied from the schedule file because the checker cannot
    recompute it from the scenario and schedule alone (``changes``)."""

    def to_data(self) -> dict[str, Any]:
        return {"weight": self.weight, "value": self.value, "penalty": self.penalty,
                "detail": self.detail, "recomputed": self.recomputed}


@dataclass
class CheckReport:
    """The result of :func:`scheduler.checker.check`.

    ``ok`` is true when no hard rule is broken. ``warnings`` are things worth knowing
    that do not make the schedule invalid (e.g. the stated objective differs from the
    recomputed one). ``objective`` is the sum of the terms' penalties.
    """

    violations: list[Violation] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    terms: dict[str, Term] = field(default_factory=dict)
    stated_objective: int | None = None
    rules_checked: list[str] | None = None
    """The hard rules checked when only some were (``check --rule``); None: all of them."""

    @property
    def ok(self) -> bool:
        return not self.violations

    @property
    def objective(self) -> int:
        return sum(term.penalty for term in self.terms.values())

    def rules_broken(self) -> list[str]:
        """Names of the broken rules, each once, in the order first found."""
        return list(dict.fromkeys(v.rule for v in self.violations))

    def to_data(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "violations": [v.to_data() for v in self.violations],
            "warnings": list(self.warnings),
            "terms": {name: term.to_data() for name, term in self.terms.items()},
            "objective": self.objective,
            "stated_objective": self.stated_objective,
            "rules_checked": self.rules_checked,
        }
