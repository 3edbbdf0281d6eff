"""How a generated day is cut: the day frame, its working blocks and the breaks between them.

The rule: a day is a start time, then working blocks separated by breaks (one break fewer
than blocks). Every shape uses one layout for all days, except ``euro``, whose last day
(of three or more) drops the last block and its break. Times are minutes after midnight.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scheduler.generate.shapes import GeneratorParams


@dataclass(frozen=True)
class DayLayout:
    """How a day is cut: the frame start, the working blocks and the breaks between them.

    ``blocks`` are the lengths of the working blocks in minutes; ``breaks`` the
    ``(kind, minutes)`` of the breaks between consecutive blocks (one fewer than blocks).
    """

    start: int
    blocks: tuple[int, ...]
    breaks: tuple[tuple[str, int], ...]

    @property
    def end(self) -> int:
        """The end of the day frame: the start plus every block and every break."""
        return self.start + sum(self.blocks) + sum(m for _, m in self.breaks)


MIXED_DAY = DayLayout(
    start=8 * 60 + 30,
    blocks=(120, 120, 120, 120),
    breaks=(("coffee", 30), ("lunch", 60), ("coffee", 30)),
)
"""08:30-18:30: four two-hour blocks, coffee, lunch, coffee (480 working minutes)."""

EURO_DAY = DayLayout(
    start=8 * 60 + 40,
    blocks=(80, 80, 80, 80, 80),
    breaks=(("coffee", 20), ("lunch", 60), ("coffee", 20), ("coffee", 20)),
)
"""Five session slots of 80 minutes (four 20-minute talks each)."""

INFORMS_DAY = DayLayout(
    start=8 * 60,
    blocks=(75, 75, 75, 75, 75),
    breaks=(("coffee", 30), ("lunch", 60), ("coffee", 30), ("coffee", 15)),
)
"""Five session slots of 75 minutes (four talks each)."""


def day_layout(p: GeneratorParams, day: int) -> DayLayout:
    """The layout of day ``day`` (0-based): the shape's layout, shortened on euro's last day."""
    layout = p.layout
    if p.shape == "euro" and p.days >= 3 and day == p.days - 1:
        return DayLayout(layout.start, layout.blocks[:4], layout.breaks[:3])
    return layout


def day_blocks(p: GeneratorParams, day: int) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each working block of a day, in order."""
    layout = day_layout(p, day)
    blocks, t = [], layout.start
    for i, length in enumerate(layout.blocks):
        blocks.append((t, t + length))
        t += length + (layout.breaks[i][1] if i < len(layout.breaks) else 0)
    return blocks


def day_breaks(p: GeneratorParams, day: int,
               blocks: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """The planted ``(kind, start, end)`` of each break of a day: right after each block."""
    layout = day_layout(p, day)
    out = []
    for i, (kind, minutes) in enumerate(layout.breaks):
        start = blocks[i][1]
        out.append((kind, start, start + minutes))
    return out
