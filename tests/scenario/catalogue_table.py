"""The instrument table of scenarios/README.md, rendered from the shipped catalogue.

The README keeps a hand-pasted copy between ``<!-- catalogue:start -->`` and
``<!-- catalogue:end -->``; ``test_reference.py`` checks the two agree. To refresh the
copy after changing ``scheduler/data/instruments.yaml``, run
``python tests/scenario/catalogue_table.py`` and paste its output.
"""

from __future__ import annotations

from scheduler.instruments import Instrument, builtin_catalogue
from scheduler.timeparse import format_duration

HEADER = (
    "| instrument | title (en / ru) | default duration | min / max duration "
    "| max participants (preferred) | required roles | room tags | formats | rules |\n"
    "|---|---|---|---|---|---|---|---|---|"
)


def _minutes(value: int | None) -> str:
    return format_duration(value) if value is not None else "-"


def _rules(rule: Instrument) -> str:
    flags = []
    if rule.exclusive:
        flags.append("exclusive")
    if rule.pause:
        flags.append("pause")
    if rule.whole_day:
        flags.append("whole day")
    if rule.recurring:
        flags.append("recurring (`repeat:`)")
    if not rule.observes_breaks:
        flags.append("ignores breaks")
    if not rule.needs_room:
        flags.append("no room")
    if rule.followed_by:
        flags.append(f"followed by `{rule.followed_by}`")
    if rule.min_organisations:
        flags.append(f"people from {rule.min_organisations}+ organisations")
    if rule.jury_min_organisations:
        flags.append(f"jury from {rule.jury_min_organisations}+ organisations")
    if rule.continuity_roles:
        flags.append(f"a series keeps its {', '.join(rule.continuity_roles)}")
    if rule.preferred_continuity_roles:
        flags.append(f"a series had better keep its {', '.join(rule.preferred_continuity_roles)}")
    return ", ".join(flags) or "-"


def row(name: str, rule: Instrument) -> str:
    """One line of the table."""
    title = f"{rule.title.get('en', '-')} / {rule.title.get('ru', '-')}"
    size = str(rule.max_participants) if rule.max_participants else "-"
    if rule.preferred_max_participants:
        size += f" ({rule.preferred_max_participants})"
    roles = ", ".join(f"{role} ≥ {n}" for role, n in rule.required_roles.items()) or "-"
    tags = ", ".join(rule.room_tags) or "-"
    cells = [
        f"`{name}`", title, _minutes(rule.default_duration),
        f"{_minutes(rule.min_duration)} / {_minutes(rule.max_duration)}", size, roles, tags,
        ", ".join(rule.formats), _rules(rule),
    ]
    return "| " + " | ".join(cells) + " |"


def table() -> str:
    """The whole table, in catalogue order."""
    return "\n".join([HEADER, *(row(n, r) for n, r in builtin_catalogue().items())])


if __name__ == "__main__":
    print(table())
