"""The CP-SAT solver: ``solve(scenario, SolveOptions(...)) -> Result``.

CP-SAT types never leave this package: the Result holds our SolveStatus, a Schedule and,
when no schedule was found, a plain-language diagnosis.
"""

from scheduler.solver.changes import count_changes
from scheduler.solver.options import Caps, Progress, Result, SolveOptions
from scheduler.solver.run import solve
from scheduler.solver.terms import ExtraTerm, Indicator, ObjectiveHook, TermView

__all__ = ["Caps", "ExtraTerm", "Indicator", "ObjectiveHook", "Progress", "Result",
           "SolveOptions", "TermView", "count_changes", "solve"]
