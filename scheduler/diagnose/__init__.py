"""Why a scenario has no schedule, in the organiser's words.

:func:`precheck` finds common impossibilities before solving (cheap, certain);
:func:`explain_infeasible` asks CP-SAT which rule groups cannot hold together after a
normal solve failed.
"""

from scheduler.diagnose.explain import CONFLICT, explain_infeasible
from scheduler.diagnose.precheck import Finding, precheck

__all__ = ["CONFLICT", "Finding", "explain_infeasible", "precheck"]
