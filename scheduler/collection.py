"""Python's cyclic garbage collector held off while a phase builds many objects.

Python's cyclic collector runs whenever allocations outnumber deallocations by a few
hundred, and every so often walks every object the process holds. The phases before the
first schedule of a large event (loading the file, the facts, the precheck, the greedy
start, the checker) build millions of objects that live on and make almost no garbage
cycles, so those walks are pure cost: on the 10,000-session congress the collector took
two thirds of the facts' time (4.4 CPU s of which 3.3 collecting) and half of the load's,
for no memory back (peak 524 MB with and without it; ``benchmarks/results/huge``).

:func:`collection_paused` switches the collector off for a block and back on after it (if it
was on); reference counting still frees everything that is not in a cycle, and cycles made
meanwhile are collected at the collector's next run. What a phase computes never depends on
when the collector runs.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
"""Blocks inside :func:`collection_paused` now, in every thread."""
_was_on = False
"""Whether the collector was on when the first of those blocks began."""


@contextmanager
def collection_paused() -> Iterator[None]:
    """The cyclic garbage collector off inside the block, as it was after it.

    Nested blocks and blocks in other threads (a Dask worker runs several solves at once)
    share one count under a lock: the first block to begin switches the collector off
    and remembers whether it was on; the last to end switches it back on if it was. So no
    interleaving of threads leaves it off for good, and none switches it on while another
    block is still inside.
    """
    global _depth, _was_on
    with _lock:
        if _depth == 0:
            _was_on = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_on:
                gc.enable()
