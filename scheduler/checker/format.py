"""The check report in words, for people: violations, warnings, then the soft terms."""

from __future__ import annotations

from scheduler.checker.report import CheckReport


def format_report(report: CheckReport) -> str:
    """Violations one a line (``rule: what is wrong``), warnings, and a term table."""
    lines: list[str] = []
    n = len(report.violations)
    if report.ok:
        lines.append("ok: every hard rule holds")
    else:
        rules = ", ".join(report.rules_broken())
        lines.append(f"{n} hard violation{'s' * (n != 1)} ({rules}):")
        lines.extend(f"  {violation}" for violation in report.violations)
    if report.warnings:
        lines.append("")
        lines.append("warnings:")
        lines.extend(f"  {warning}" for warning in report.warnings)
    lines.append("")
    lines.append(f"  {'soft term':<24}{'weight':>7}{'value':>8}{'penalty':>9}")
    for name, term in report.terms.items():
        mark = "  (from the schedule file)" if not term.recomputed else ""
        lines.append(f"  {name:<24}{term.weight:>7}{term.value:>8}{term.penalty:>9}{mark}")
    stated = report.stated_objective
    if stated is None:
        tail = "  (the schedule states none)"
    elif stated == report.objective:
        tail = "  (as the schedule states)"
    else:
        tail = f"  (the schedule states {stated})"
    lines.append(f"  {'objective':<24}{'':>7}{'':>8}{report.objective:>9}{tail}")
    return "\n".join(lines)
