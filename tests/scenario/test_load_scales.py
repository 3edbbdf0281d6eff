"""Loading a scenario grows linearly with its size: no check may walk every session for
each reference (``_with_runs`` called per registration reference made a 10,000-session
load 43 CPU s instead of 7).

Work is measured without a clock: the number of Python lines executed inside the
``scheduler`` package (``sys.settrace`` line events; a comprehension's every iteration is
one) while a generated scenario is parsed and validated. Doubling the scenario (sessions,
rooms and registrations in the 10,000-session congress's proportions) must about double
that count; a per-reference scan of the sessions triples it or more."""

from __future__ import annotations

import sys
from pathlib import Path
from types import FrameType
from typing import Any

import scheduler
from scheduler.generate import generate_yaml, params_for
from scheduler.scenario import parse_scenario

PACKAGE = str(Path(scheduler.__file__).parent)
SIZES = (100, 200, 400)
# linear work gives 1.95-2.0 per doubling here; the per-reference scan gave 3.0 and 3.4
MOST_PER_DOUBLING = 2.4


def _scenario_text(sessions: int) -> str:
    """The ``large`` shape at this many sessions, in big.yaml's proportions
    (10,000 sessions: 300 rooms, 5 days, 15,000 registrations)."""
    params = params_for("large", sessions=sessions, rooms=sessions * 3 // 100, days=5,
                        registrations=sessions * 3 // 2)
    return generate_yaml(params, seed=1)


def _lines_executed(text: str) -> int:
    """Line events inside the scheduler package while the scenario text loads."""
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def scoped(frame: FrameType, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename.startswith(PACKAGE) else None

    previous = sys.gettrace()
    sys.settrace(scoped)
    try:
        scenario = parse_scenario(text)
    finally:
        sys.settrace(previous)
    assert scenario.participants.registrations, "the check needs references to walk"
    return count


def test_loading_work_grows_linearly_with_the_scenario() -> None:
    work = [_lines_executed(_scenario_text(n)) for n in SIZES]
    ratios = [later / earlier for earlier, later in zip(work[:-1], work[1:], strict=True)]
    assert all(ratio <= MOST_PER_DOUBLING for ratio in ratios), (
        f"lines executed while loading {SIZES} sessions: {work}; per doubling {ratios}")
