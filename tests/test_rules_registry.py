"""One table of rules (scheduler/rules.py) ties the rulebook, the solver and the checker.

Each test compares one place that names rules with the table, and says what is missing
where: a rule added to the checker but not to docs/rules.md, a guard label the registry does
not know, a ``Weights`` field without a rule, and so on.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from scheduler import rules
from scheduler.checker import HARD_RULES, TERMS
from scheduler.diagnose.words import RULE_WORDS
from scheduler.scenario import Scenario
from scheduler.scenario.model import Weights
from scheduler.scenario.talks import TALK_TERMS, TalkWeights
from scheduler.solver.evaluate import soft_values
from scheduler.solver.model import ScheduleModel
from tests.solver.helpers import scenario_data, talk

ROOT = Path(__file__).resolve().parents[1]


def differ(what: str, found: set[str], registered: set[str]) -> list[str]:
    """Lines saying which names one side has and the other lacks."""
    lines = [f"{name}: {what} has it, scheduler/rules.py does not"
             for name in sorted(found - registered)]
    lines += [f"{name}: scheduler/rules.py has it, {what} does not"
              for name in sorted(registered - found)]
    return lines


def rulebook_rows(section: str) -> dict[str, str]:
    """Rule name -> the text of its row, from one table of docs/rules.md."""
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    part = text.split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    return dict(re.findall(r"^\| `([a-z_-]+)` \| (.*) \|$", part, flags=re.MULTILINE))


def guard_labels() -> dict[str, list[str]]:
    """Every rule name the solver puts on a guard, with where: a string given as the rule
    of ``guards.lits(rule, ...)``, ``guards.presence(base, rule, ...)``,
    ``Restriction(rule, ...)`` or a room's ``reasons.append((rule, ...))``."""
    found: dict[str, list[str]] = {}
    # The facts (what each session allows before any variable: scheduler/facts.py) are
    # the solver's too, shared with the diagnosis.
    sources = [*(ROOT / "scheduler" / "solver").rglob("*.py"), ROOT / "scheduler" / "facts.py"]
    for path in sorted(sources):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            arg: ast.expr | None = None
            if name in ("lits", "Restriction") and node.args:
                arg = node.args[0]
            elif name == "presence" and len(node.args) > 1:
                arg = node.args[1]
            elif (name == "append" and isinstance(func, ast.Attribute)
                  and isinstance(func.value, ast.Name) and func.value.id == "reasons"
                  and node.args and isinstance(node.args[0], ast.Tuple)):
                arg = node.args[0].elts[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                found.setdefault(arg.value, []).append(where)
    return found


def test_the_registry_has_no_repeated_name_and_kinds_fit() -> None:
    names = [rule.name for rule in rules.RULES]
    assert len(names) == len(set(names)), "a rule is listed twice"
    for rule in rules.HARD:
        assert rule.solver is not None and rule.weight is None, rule.name
    for rule in rules.SOFT:
        weight = f"talks.{rule.name}" if rule.talks else rule.name
        assert rule.solver is None and rule.weight == weight, rule.name
    for rule in rules.HARD:
        if rule.talks:
            assert rule.solver == "structure", rule.name


def test_the_rulebook_lists_the_registrys_rules_with_their_sentences() -> None:
    problems = []
    for section, kind in (("Hard rules", "hard"), ("Soft rules", "soft")):
        rows = rulebook_rows(section)
        listed = {rule.name: rule for rule in rules.RULES
                  if rule.kind == kind and rule.rulebook}
        problems += differ(f"docs/rules.md ({section})", set(rows), set(listed))
        for name in set(rows) & set(listed):
            if not rows[name].startswith(listed[name].sentence):
                problems.append(f"{name}: docs/rules.md says {rows[name][:80]!r}..., "
                                f"scheduler/rules.py {listed[name].sentence[:80]!r}...")
        # The rulebook's order is the registry's order.
        if not problems:
            assert list(rows) == [n for n in listed], f"{section}: order differs"
    assert problems == []


def test_the_checker_checks_every_hard_rule_and_recomputes_every_soft_term() -> None:
    problems = differ("the checker's HARD_RULES", set(HARD_RULES), set(rules.names("hard")))
    everywhere = {rule.name for rule in rules.SOFT if not rule.resolve_only and not rule.talks}
    problems += differ("the checker's TERMS", set(TERMS), everywhere)
    talk_terms = {rule.name for rule in rules.SOFT if rule.talks}
    problems += differ("the checker's talk terms (scheduler/talks/score.py weighted_terms)",
                       set(TALK_TERMS), talk_terms)
    assert problems == []
    assert list(HARD_RULES) == rules.names("hard"), "the checker runs the rules in the " \
        "registry's order"


def test_every_guard_label_of_the_solver_is_a_guarded_hard_rule() -> None:
    labels = guard_labels()
    guarded = set(rules.names("hard", solver="guard"))
    unknown = {name: labels[name] for name in set(labels) - guarded}
    assert unknown == {}, f"labels the registry does not list as solver='guard': {unknown}"
    assert differ("the solver's guard labels", set(labels), guarded) == []


def test_the_diagnosis_has_words_for_every_rule_the_solver_names() -> None:
    hard = set(rules.names("hard"))
    assert set(RULE_WORDS) - hard == set(), "words for rules the registry does not know"
    solver = set(rules.names("hard", solver="guard")) | set(
        rules.names("hard", solver="structure"))
    assert solver - set(RULE_WORDS) == set(), "scheduler/diagnose/words.py lacks these rules"


def test_weights_has_one_field_per_soft_rule() -> None:
    fields = set(Weights.model_fields) - {"talks"}
    assert differ("Weights", fields, {r.weight or "" for r in rules.SOFT if not r.talks}) == []
    talk_fields = {f"talks.{name}" for name in TalkWeights.model_fields} - {"talks.timezones"}
    assert differ("Weights.talks", talk_fields, {r.weight or "" for r in rules.SOFT
                                                 if r.talks}) == []


def test_the_objective_builds_every_soft_rule_and_evaluate_values_them() -> None:
    # Every weight above 0: the objective builds one term per soft rule it models.
    weights = {rule.weight: 1 for rule in rules.SOFT if not rule.talks}
    scenario = Scenario.model_validate(scenario_data(
        sessions=[talk("a", people={"speaker": ["ann"]}), talk("b")], weights=weights))
    model = ScheduleModel(scenario)
    everywhere = {rule.name for rule in rules.SOFT if not rule.resolve_only and not rule.talks}
    assert differ("the objective's builders", set(model.objective.terms), everywhere) == []
    from scheduler.schedule import Schedule, SolveStatus
    empty = Schedule(event=scenario.event.name, timezone=scenario.event.timezone,
                     status=SolveStatus.FEASIBLE, sessions=[], dropped=[], breaks=[])
    assert differ("solver/evaluate.py soft_values", set(soft_values(scenario, empty)),
                  everywhere) == []


def test_the_resolve_only_rule_is_the_changes_hook() -> None:
    # ``changes`` is built by the re-solve (scheduler/solver/changes.py) and recomputed
    # by the checker's ``changes`` (it needs the earlier schedule), not by the builders.
    from scheduler.checker import soft
    from scheduler.solver import changes as resolve
    only = [rule.name for rule in rules.SOFT if rule.resolve_only]
    assert only == ["changes"]
    assert callable(soft.changes)
    assert '"changes"' in Path(resolve.__file__).read_text(encoding="utf-8")
