"""The model build in named steps, so that a deadline can give it up between two of them.

At 10,000 sessions the CP-SAT model takes 10-15 CPU s to build (72 s of wall time once,
at 0.27 of a core), the one step of a solve that could not be stopped. Rule: the build
calls its checkpoint after each step of :data:`BUILD_STEPS` (the variables, each group of
hard rules, the objective and what follows it); the checkpoint the solve passes
(``run.build_checkpoint``) raises :class:`BuildStopped` there when what is left of the
build, the hint and the finish no longer fits before the deadline at the speed the
process has had. The partly built model is then dropped: the solve returns the start
heuristic's checked schedule (or, without one, no schedule), and its note names the steps
that were not built.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

Checkpoint = Callable[[str], None]
"""Called by the build after each of its steps with the step's name (:data:`BUILD_STEPS`);
it may raise :class:`BuildStopped` to give the build up there."""


BUILD_STEPS: tuple[tuple[str, float], ...] = (
    ("variables", 0.16),
    ("start restrictions", 0.0),
    ("room choice", 0.0),
    ("room availability", 0.0),
    ("room overlap", 0.03),
    ("person overlap", 0.01),
    ("daily limits", 0.0),
    ("breaks", 0.08),
    ("longest blocks", 0.0),
    ("exclusive sessions", 0.02),
    ("licences", 0.0),
    ("parallel limit", 0.0),
    ("track overlap", 0.0),
    ("after", 0.0),
    ("same day", 0.0),
    ("not parallel", 0.0),
    ("series", 0.0),
    ("people's assignment", 0.08),
    ("participant groups", 0.0),
    ("bounds", 0.0),
    ("objective", 0.57),
    ("extra terms", 0.0),
    ("symmetry", 0.05),
)
"""The build's steps in the order they run, each with its share of the build's CPU time
on the 10,000-session congress (seed 1: 8.8 CPU s, the objective 5.0 of them;
``benchmarks/results/huge/first30/build-steps-s1.log``); the shares of the steps still to
come are what :func:`share_left` sums."""

STEP_NAMES = tuple(name for name, _ in BUILD_STEPS)


class BuildStopped(Exception):
    """The build was given up after the steps ``done``; ``skipped`` were not built."""

    def __init__(self, done: Sequence[str], skipped: Sequence[str]) -> None:
        self.done = list(done)
        self.skipped = list(skipped)
        super().__init__(f"the model build was given up after {describe(self.done)}")


def after(name: str) -> list[str]:
    """The steps that come after ``name`` (all of them for an unknown name)."""
    if name not in STEP_NAMES:
        return list(STEP_NAMES)
    return list(STEP_NAMES[STEP_NAMES.index(name) + 1:])


def share_left(name: str) -> float:
    """The share of the build's time still to come once step ``name`` is done (1.0 for
    an unknown name)."""
    rest = set(after(name))
    total = sum(w for _, w in BUILD_STEPS)
    return sum(w for n, w in BUILD_STEPS if n in rest) / total if total else 0.0


def describe(steps: Sequence[str], most: int = 30) -> str:
    """``steps`` as plain words: 'a, b and c' (at most ``most``, then 'and N more')."""
    shown = list(steps[:most])
    more = len(steps) - len(shown)
    if more:
        return ", ".join(shown) + f" and {more} more"
    if len(shown) <= 1:
        return "".join(shown) or "nothing"
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def never(_: str) -> None:
    """The checkpoint that never stops the build."""
