"""Errors that reach the user: each one says where, what is wrong and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass, field


class ConfschedError(Exception):
    """Base class of every error confsched reports to the user without a traceback.

    ``exit_code`` is what the CLI exits with: 2 for bad input, 3 for an unsolvable
    scenario, 1 for anything else.
    """

    exit_code: int = 1


@dataclass
class Problem:
    """One thing wrong in an input file, with its place when known."""

    message: str
    file: str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    path: str | None = None  # e.g. "sessions[3].duration"
    hint: str | None = None

    def __str__(self) -> str:
        place = self.file or "<input>"
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        text = f"{place}: "
        if self.path:
            text += f"{self.path}: "
        text += self.message
        if self.hint:
            text += f"\n    fix: {self.hint}"
        return text


@dataclass
class InputError(ConfschedError):
    """One or more problems in a scenario or schedule file (exit code 2)."""

    problems: list[Problem] = field(default_factory=list)
    exit_code: int = 2

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} found:" if n > 1 else ""
        body = "\n".join(str(p) for p in self.problems)
        return f"{head}\n{body}" if head else body


class UsageError(ConfschedError):
    """A command was called in a way that cannot work (exit code 2)."""

    exit_code = 2


class UnsolvableError(ConfschedError):
    """The scenario has no schedule that satisfies every hard rule (exit code 3)."""

    exit_code = 3


class OutputError(ConfschedError):
    """An output file cannot be written (exit code 1, as for the exporters): a missing or
    read-only folder, a full disk. The earlier file at that path, if any, is kept."""

    exit_code = 1
