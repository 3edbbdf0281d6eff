"""The CP-SAT solver: ``solve(scenario, SolveOptions(...)) -> Result``.

CP-SAT types never leave this package: the Result holds our SolveStatus, a Schedule and,
when no schedule was found, a plain-language diagnosis.
"""

from scheduler.solver.options import ExtraTerm, ObjectiveHook, Progress, Result, SolveOptions
from scheduler.solver.run import solve

__all__ = ["ExtraTerm", "ObjectiveHook", "Progress", "Result", "SolveOptions", "solve"]
