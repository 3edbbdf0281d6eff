"""Live progress on a terminal: best objective, bound, gap and elapsed time."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TextIO

from scheduler.solver.options import Progress

STOPPING = ("Ctrl-C: stopping the search and keeping the best schedule so far "
            "(press Ctrl-C again to abort)")
"""What the terminal shows when the first Ctrl-C has been seen."""


class TerminalProgress:
    """Rewrites one status line on ``stream``, starting after ``delay`` seconds."""

    def __init__(self, stream: TextIO, delay: float = 1.0) -> None:
        self.stream = stream
        self.delay = delay
        self.shown = False

    def __call__(self, progress: Progress) -> None:
        if progress.stopping:  # shown at once, and kept on screen
            self.stream.write("\r\x1b[2K" + STOPPING + "\n")
            self.stream.flush()
            self.shown = False
            return
        if progress.elapsed < self.delay:
            return
        if progress.objective is None:
            text = f"searching... {progress.elapsed:5.1f} s, no schedule yet"
        else:
            gap = "" if progress.gap is None else f"  gap {progress.gap:6.1%}"
            bound = "" if progress.bound is None else f"  bound {progress.bound:g}"
            text = (f"best {progress.objective:g}{bound}{gap}  "
                    f"{progress.elapsed:5.1f} s  ({progress.solutions} found)")
        self.stream.write("\r\x1b[2K" + text)
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        """Clear the status line (if one was shown)."""
        if self.shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self.shown = False


def without_bound(progress: Callable[[Progress], None]) -> Callable[[Progress], None]:
    """``progress`` fed every report with no bound and no gap.

    For a search of a model whose rooms or people were limited to solve at scale: that
    model has fewer schedules than the event, so its bound may lie above the event's
    optimum, and the final result reports none either (``run.bound_and_gap``).
    """
    def forward(report: Progress) -> None:
        progress(replace(report, bound=None, gap=None))
    return forward


def after_start(progress: Callable[[Progress], None], objective: float
                ) -> Callable[[Progress], None]:
    """``progress`` after the start heuristic's schedule was reported as the first one
    (``objective``): a report of the search that has no schedule of its own yet shows the
    start's, not "no schedule yet" (at 10,000 sessions the search went 20 s without one,
    and the status line said there was none while the start was in hand)."""
    def forward(report: Progress) -> None:
        if report.objective is None and not report.stopping:
            report = replace(report, objective=objective, solutions=max(1, report.solutions))
        progress(report)
    return forward
