"""Hand-written scenarios (#17, hand1): events written by hand from the README and docs
alone, the way organisers of the seed documents' instruments would write them (Russian
names, time zones other than UTC, several days, pools, registrations, hybrid sessions),
as held-out instances beside the generator's. ``benchmarks/handwritten/README.md`` says
what each one tests.

``python -m benchmarks.proofs --handwritten`` solves the feasible ones with the small
suite; the ``infeasible-*`` ones are meant to be reported unsolvable (exit 3).
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent


def paths(*, infeasible: bool = False) -> list[Path]:
    """The scenario files, feasible ones (or, with ``infeasible``, the unsolvable ones),
    by name."""
    return sorted(p for p in HERE.glob("*.yaml")
                  if p.name.startswith("infeasible-") == infeasible)


def instances() -> list[tuple[str, str]]:
    """(label, YAML text) of the feasible hand-written scenarios, as
    :func:`benchmarks.proofs.instances` lists its own."""
    return [(f"handwritten/{p.stem}", p.read_text(encoding="utf-8")) for p in paths()]


EXPECTED: dict[str, str] = {
    # hand1 (session 14)
    "almaty-forum": "feasible",
    "alumni-seminar": "optimal",
    "bishkek-jams": "optimal",
    "bishkek-knowledge-week-2026": "feasible",
    "cop-online-week": "optimal",  # hand2: the at-once bound piece
    "issyk-kul-tours": "optimal",
    "moscow-contest": "optimal",
    "moscow-ngo-week": "feasible",
    "infeasible-expert-overbooked": "infeasible",
    "infeasible-fair-too-big": "infeasible",
    "infeasible-licences": "infeasible",
    "infeasible-ngo-week-tracks": "unknown",
    # hand2 (session 15)
    "osh-dialogues": "optimal",
    "tashkent-fair-stands": "optimal",
    "mentoring-programme": "optimal",
    "siberia-hybrid-forum": "optimal",
    "kazan-contest-rounds": "optimal",
    "almaty-summer-school": "feasible",
}
"""File stem -> the status ``solve()`` is meant to end with at ``--time-limit 10`` on two
idle cores (``python -m benchmarks.proofs --handwritten``): ``optimal`` (proven),
``feasible`` (a schedule, no proof yet: the open cases of benchmarks/handwritten/README.md),
``infeasible`` (exit 3, named) or ``unknown`` (exit 4: no proof either way in time)."""
