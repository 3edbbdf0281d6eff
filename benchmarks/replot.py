"""``python -m benchmarks.replot DIR``: redraw the plots and results.md from DIR/results.json.

For reports changed after a run (no solver is run again).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from benchmarks.plots import write_plots
from benchmarks.report import fill_sizes, ratios, render_markdown
from benchmarks.yardstick import planted_ratios
from scheduler.atomic import atomic_write_text


def replot(folder: Path) -> None:
    """Recompute ratios, plots and results.md of one results folder."""
    path = folder / "results.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    fill_sizes(data)
    data["ratios"] = ratios(data["results"])
    data["planted"] = planted_ratios(data)
    data["plots"] = write_plots(data, folder)
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    atomic_write_text(folder / "results.md", render_markdown(data))


def main() -> None:
    if len(sys.argv) != 2 or not (Path(sys.argv[1]) / "results.json").is_file():
        sys.stderr.write("usage: python -m benchmarks.replot RESULTS_FOLDER "
                         "(a folder with results.json)\n")
        raise SystemExit(2)
    replot(Path(sys.argv[1]))


if __name__ == "__main__":
    main()
