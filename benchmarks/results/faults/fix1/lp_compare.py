"""The room-fit LP's value and duals (frames' and breaks' LPs) on the shipped scenarios and
generated events; run once per tree and compare the two JSON files.

    PYTHONPATH=TREE python lp_compare.py OUT.json
"""

from __future__ import annotations

import glob
import json
import sys
from pathlib import Path
from typing import Any

from scheduler.facts import FactBuilder
from scheduler.generate import generate_yaml, params_for
from scheduler.lower_bound.tracks import room_fit_transport
from scheduler.scenario import load_scenario, parse_scenario

ROOT = Path(__file__).resolve().parents[4]
SHAPES: list[tuple[str, dict[str, Any]]] = [("seminar", {}), ("pycon", {}),
          ("pycon", {"sessions": 40, "rooms": 4, "registrations": 80}),
          ("large", {"sessions": 300}), ("euro", {}), ("informs", {"sessions": 300})]


def main() -> None:
    events = [(p, load_scenario(p)) for p in sorted(glob.glob(str(ROOT / "scenarios/*.yaml")))]
    for shape, overrides in SHAPES:
        for seed in (0, 1, 2):
            events.append((f"{shape}{overrides}-{seed}", parse_scenario(
                generate_yaml(params_for(shape, **overrides), seed), "x.yaml")))
    out = {}
    for name, scenario in events:
        facts = FactBuilder(scenario).build()
        solved = [room_fit_transport(scenario, facts, breaks=breaks) for breaks in (False, True)]
        out[Path(name).name] = [None if got is None else [
            round(got[0], 6), {k: round(v, 6) for k, v in sorted(got[1].items()) if v}]
            for got in solved]
    Path(sys.argv[1]).write_text(json.dumps(out, indent=0, sort_keys=True))


if __name__ == "__main__":
    main()
