"""The LNS study tools: lns_steps sums what each kind of neighbourhood gained, and
lns_compare's variants (a baseline checkout runs first on PYTHONPATH)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from benchmarks import lns_compare
from benchmarks.lns_steps import summarise


def test_summarise_counts_a_gain_only_below_the_best_so_far() -> None:
    steps = [(10.0, "day", 60, "FEASIBLE", 900.0, 0.3),
             (14.0, "rooms", 60, "FEASIBLE", 950.0, 0.2),  # worse than the best: no gain
             (18.0, "clash", 60, "UNKNOWN", math.nan, 0.4),
             (22.0, "rooms", 48, "FEASIBLE", 700.0, 0.2)]
    out = summarise(steps, 1000.0)
    assert out["day"]["improved"] == 1 and out["day"]["gain"] == 100
    assert out["rooms"]["runs"] == 2 and out["rooms"]["improved"] == 1
    assert out["rooms"]["gain"] == 200 and out["rooms"]["mean_size"] == 54
    assert out["clash"]["statuses"] == {"UNKNOWN": 1} and out["clash"]["gain"] == 0
    assert out["rooms"]["units"] == pytest.approx(0.4)


def test_variants_add_the_baseline_and_keep_only_the_asked(tmp_path: Path) -> None:
    assert set(lns_compare.variants(None)) == set(lns_compare.VARIANTS)
    chosen = lns_compare.variants(tmp_path, ("cp-sat + lns", lns_compare.BASELINE))
    assert chosen == {"cp-sat + lns": (True, None), lns_compare.BASELINE: (True, tmp_path)}
    with pytest.raises(ValueError, match="unknown variant"):
        lns_compare.variants(None, (lns_compare.BASELINE,))


@pytest.mark.slow
def test_lns_profile_solves_the_same_neighbourhood_under_each_variant() -> None:
    """One sub-model per kind and variant, from the main search's schedule: every variant
    frees the same sessions, and a sub-model never ends worse than its start (the hint is
    a schedule of it)."""
    from benchmarks import lns_profile

    variants = {"loop": {}, "1 worker": {"num_workers": 1}}
    # the main search on deterministic units: on a 3-s wall-clock limit a loaded machine
    # (load 20) spent it before the model was built, and no neighbourhood ran (no "start")
    data = lns_profile.profile("pycon", 4, 0.5, 20, 1.0, variants, deterministic=True)
    assert data["terms"] and data.get("start") is not None
    runs = data["runs"]
    assert {r["kind"] for r in runs} == set(lns_compare_kinds())
    for kind in {r["kind"] for r in runs}:
        rows = [r for r in runs if r["kind"] == kind]
        assert [r["variant"] for r in rows] == list(variants)
        assert len({r["freed"] for r in rows}) == 1
        for r in rows:
            assert r["objective"] is None or r["objective"] <= data["start"]
    assert "| kind | freed |" in lns_profile.render([data])


def lns_compare_kinds() -> tuple[str, ...]:
    from scheduler.solver import lns

    return lns.KINDS
