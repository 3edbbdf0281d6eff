"""Where the CoSPLib test data lives (instances and stored solutions, see data/README.md)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from confsched_cosplib.generate import Spec, Sub, write_workbook
from confsched_cosplib.instance import WEIGHT_NAMES, Instance, load_instance

DATA = Path(__file__).resolve().parent / "data"


def instance_path(name: str) -> Path:
    """The instance workbook ``data/NAME.xlsx``."""
    return DATA / f"{name}.xlsx"


def solution_path(name: str) -> Path:
    """The stored exact-model solution ``data/solutions/NAMESolution.xlsx``."""
    return DATA / "solutions" / f"{name}Solution.xlsx"


DAY = dt.date(2026, 7, 13)


def one_track(tmp_path: Path, sessions: list[int], sizes: list[int], rooms: int = 1,
              presenters: list[str] | None = None, weights: dict[str, int] | None = None,
              tracks: int = 1, chair: str = "") -> Instance:
    """``tracks`` tracks (talk i in track i % tracks), sessions of the given slot counts."""
    names = [f"T{k}" for k in range(tracks)]
    spec = Spec(
        sessions=[(f"S{s}", n, DAY, dt.time(9 + 2 * s), dt.time(10 + 2 * s))
                  for s, n in enumerate(sessions)],
        rooms=[f"R{r}" for r in range(rooms)],
        tracks=[(name, [chair] if chair else []) for name in names],
        submissions=[Sub(f"t{i}", names[i % tracks], slots=size,
                         presenters=[(presenters or [])[i]] if presenters else [f"P{i}"])
                     for i, size in enumerate(sizes)],
        weights=weights or dict.fromkeys(WEIGHT_NAMES, 1),
    )
    write_workbook(tmp_path / "i.xlsx", spec)
    return load_instance(tmp_path / "i.xlsx")
