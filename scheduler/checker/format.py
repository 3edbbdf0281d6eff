"""The check report in words, for people: violations, warnings, then the soft terms."""

from __future__ import annotations

from scheduler.checker.report import CheckReport, Violation


def format_report(report: CheckReport, per_rule: int | None = 25) -> str:
    """Violations one a line (``rule: what is wrong``), warnings, and a term table.

    At most ``per_rule`` violations of each rule are listed, then how many more there
    are (``None``: all of them).
    """
    lines: list[str] = []
    n = len(report.violations)
    only = report.rules_checked
    if report.ok and only is None:
        lines.append("ok: every hard rule holds")
    elif report.ok and only is not None:
        said = ", ".join(only)
        lines.append(f"ok: the hard rule{'s' * (len(only) != 1)} {said} "
                     f"hold{'s' * (len(only) == 1)} (only {'this' if len(only) == 1 else 'these'}"
                     f" {'was' if len(only) == 1 else 'were'} checked; the others were not)")
    else:
        rules = ", ".join(report.rules_broken())
        lines.append(f"{n} hard violation{'s' * (n != 1)} ({rules}):")
        lines.extend(_violation_lines(report.violations, per_rule))
    if report.warnings:
        lines.append("")
        lines.append("warnings:")
        lines.extend(f"  {warning}" for warning in report.warnings)
    lines.append("")
    lines.append(f"  {'soft term':<24}{'weight':>7}{'value':>8}{'penalty':>9}")
    for name, term in report.terms.items():
        note = "from the schedule file" if not term.recomputed else term.detail
        mark = f"  ({note})" if note and term.value else ""
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


def _violation_lines(violations: list[Violation], per_rule: int | None) -> list[str]:
    shown: dict[str, int] = {}
    lines: list[str] = []
    for violation in violations:
        count = shown.get(violation.rule, 0)
        shown[violation.rule] = count + 1
        if per_rule is None or count < per_rule:
            lines.append(f"  {violation}")
    for rule, count in shown.items():
        if per_rule is not None and count > per_rule:
            lines.append(f"  {rule}: … and {count - per_rule} more (--all lists every one)")
    return lines
