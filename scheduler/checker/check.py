"""``check(scenario, schedule)``: re-verify a schedule against its scenario, independently.

Nothing here comes from the solver: the checker reads the scenario (through its loader
and helper methods) and the schedule file, and applies docs/rules.md on its own.
"""

from __future__ import annotations

from collections.abc import Iterator

from scheduler.checker.hard import HARD_RULES
from scheduler.checker.plan import Plan, break_id
from scheduler.checker.report import CheckReport, Term
from scheduler.checker.rules_talks import talk_terms
from scheduler.checker.soft import TERMS, changes
from scheduler.collection import collection_paused
from scheduler.scenario.model import Scenario
from scheduler.schedule import Schedule


def check(scenario: Scenario, schedule: Schedule, rules: list[str] | None = None,
          earlier: Schedule | None = None) -> CheckReport:
    """Every hard-rule violation, the soft terms and objective recomputed, and warnings.

    ``rules`` limits the hard rules checked to those names (all by default). ``earlier``
    is the schedule a minimal-change re-solve started from; with it the ``changes`` term
    is recomputed too.
    """
    unknown = sorted(set(rules or []) - set(HARD_RULES))
    if unknown:
        raise ValueError(f"unknown rule(s): {', '.join(unknown)}; "
                         f"known: {', '.join(HARD_RULES)}")
    with collection_paused():  # scheduler/collection.py: the checker makes no cycles
        return _check(scenario, schedule, rules, earlier)


def _check(scenario: Scenario, schedule: Schedule, rules: list[str] | None,
           earlier: Schedule | None) -> CheckReport:
    plan = Plan.build(scenario, schedule)
    report = CheckReport(stated_objective=schedule.objective,
                         rules_checked=None if rules is None else
                         [name for name in HARD_RULES if name in rules])
    for name, rule in HARD_RULES.items():
        if rules is None or name in rules:
            report.violations.extend(rule(plan))
    report.terms = soft_terms(plan, earlier)
    report.warnings.extend(notes(plan))
    copied = report.terms.get("changes")
    if copied is not None and not copied.recomputed:
        report.warnings.append("the changes term is taken from the schedule file, not "
                               "recomputed: give the earlier schedule (--from) to check it")
    report.warnings.extend(objective_differences(report, schedule))
    return report


def soft_terms(plan: Plan, earlier: Schedule | None = None) -> dict[str, Term]:
    """Each soft term with the scenario's weight. ``changes`` is recomputed against
    ``earlier`` when given, else copied from the file if the file states it."""
    weights = plan.scenario.weights
    terms: dict[str, Term] = {}
    for name, compute in TERMS.items():
        value, detail = compute(plan)
        weight = getattr(weights, name)
        terms[name] = Term(weight, value, weight * value, detail)
    terms.update(talk_terms(plan))
    stated = plan.schedule.objective_terms.get("changes")
    if earlier is not None:
        value, detail = changes(plan, earlier)
        terms["changes"] = Term(weights.changes, value, weights.changes * value, detail)
    elif stated is not None:
        terms["changes"] = Term(stated.weight, stated.value, stated.penalty,
                                "taken from the schedule file", recomputed=False)
    return terms


def notes(plan: Plan) -> Iterator[str]:
    """Things worth knowing that do not break a hard rule."""
    schedule = plan.schedule
    if not schedule.status.has_schedule:
        yield (f"the schedule's status is {schedule.status.value}: the solve found no "
               "schedule, so it is not expected to pass")
    for p in plan.placed:
        if p.entry.title and p.entry.title != p.session.title:
            yield (f"session {p.id!r} is titled '{p.entry.title}' in the schedule and "
                   f"'{p.session.title}' in the scenario; exports show the scenario's")
    listed = {(break_id(item.id), item.day) for item in schedule.breaks}
    for brk in plan.breaks:
        if brk.fixed and (brk.id, brk.day) not in listed:
            yield (f"the fixed break {brk.label} on {brk.day} is not listed in the schedule; "
                   "programmes made from it will not show the break")


def objective_differences(report: CheckReport, schedule: Schedule) -> Iterator[str]:
    """Where the objective the schedule states differs from the recomputed one."""
    for name, stated in schedule.objective_terms.items():
        term = report.terms.get(name)
        if term is None:
            yield f"the schedule states an objective term {name!r} the checker does not know"
            continue
        same_value = term.value == stated.value or term.weight == 0
        if not term.recomputed or (same_value and term.penalty == stated.penalty
                                   and term.weight == stated.weight):
            continue
        yield (f"objective term {name}: the schedule states weight {stated.weight}, value "
               f"{stated.value}, penalty {stated.penalty}; the checker finds weight "
               f"{term.weight}, value {term.value}, penalty {term.penalty}")
    if schedule.objective is not None and schedule.objective != report.objective:
        yield (f"objective: the schedule states {schedule.objective}, the checker finds "
               f"{report.objective}")
