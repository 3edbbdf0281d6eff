"""The independent checker: re-verifies every hard rule and recomputes every soft term of
docs/rules.md from a scenario and a schedule alone (nothing shared with the solver).

    from scheduler.checker import check
    report = check(scenario, schedule)   # report.ok, report.violations, report.terms
"""

from scheduler.checker.check import check
from scheduler.checker.format import format_report
from scheduler.checker.hard import HARD_RULES
from scheduler.checker.report import CheckReport, Term, Violation
from scheduler.checker.soft import TERMS

__all__ = ["HARD_RULES", "TERMS", "CheckReport", "Term", "Violation", "check",
           "format_report"]
