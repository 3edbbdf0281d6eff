"""Clique cuts on the **participant clash** literals (bound piece ``clashes``, #17).

Each pair of sessions with shared interest has an overlap literal (``objective.py``) that
must be 1 when the two overlap. Its linear relaxation is empty: with the order literal
at 1/2 both big-M sides are slack, so CP-SAT's bound of the term stays near 0 and the
clash-heavy small instances (seminar, pycon) are not proven.

What every schedule keeps: take a set ``S`` of required sessions, every two of which
either have an overlap literal or can never overlap (a shared person, no common day).
Sessions of ``S`` that are pairwise apart run one after the other inside the minutes
where some session of ``S`` can run at all (the union of their possible runs), less the
placed breaks they all observe. So at most ``alpha`` of them are pairwise apart, the
largest number whose shortest lengths fit in those minutes. A graph on ``n`` vertices
with no ``alpha + 1`` pairwise non-adjacent vertices has at least the edges of ``alpha``
disjoint cliques of balanced sizes (Turán's theorem on the complement), so at least
``turan(n, alpha)`` pairs of ``S`` overlap, and the sum of their overlap literals is at
least that. The cut removes no schedule; the relaxation sees it and puts the cheapest
pairs (fewest people wanting both) at 1.

``S``: the maximal cliques of the graph above (Bron-Kerbosch, at most
:data:`MAX_CLIQUES`), and inside each clique the sessions whose possible runs lie within
one member's possible runs (a narrow window: the pinned, the people available a few hours).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from typing import Any

from ortools.sat.python import cp_model

from scheduler.scenario.model import DAY
from scheduler.solver.variables import Literal, SessionVars, Variables

MAX_CLIQUES = 2000
"""Maximal cliques enumerated at most (the search stops there; fewer cuts, still sound)."""
MAX_CUTS = 4000
"""Cuts added at most."""

Pair = tuple[str, str]


def turan(n: int, alpha: int) -> int:
    """The fewest edges of a graph on ``n`` vertices with no ``alpha + 1`` pairwise
    non-adjacent vertices: ``alpha`` cliques of balanced sizes."""
    if alpha <= 0:
        return n * (n - 1) // 2 if n else 0
    q, r = divmod(n, alpha)
    return r * (q + 1) * q // 2 + (alpha - r) * q * (q - 1) // 2


def runs(sv: SessionVars, g: int) -> list[tuple[int, int]]:
    """The minutes (event time, merged half-open ranges) the session can occupy."""
    durations = sv.facts.durations
    spans: list[tuple[int, int]] = []
    flat = list(sv.start.proto.domain)
    for lo, hi in zip(flat[::2], flat[1::2], strict=True):
        step = lo
        while step <= hi:  # split at day boundaries (a day's length may differ)
            day = (g * step) // DAY
            last = min(hi, ((day + 1) * DAY - 1) // g)
            spans.append((g * step, g * last + durations.get(day, max(durations.values()))))
            step = last + 1
    return merge(spans)


def merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def measure(spans: list[tuple[int, int]]) -> int:
    return sum(b - a for a, b in spans)


def inside(small: list[tuple[int, int]], big: list[tuple[int, int]]) -> bool:
    return all(any(c <= a and b <= d for c, d in big) for a, b in small)


def outside(window: tuple[int, int], spans: list[tuple[int, int]]) -> int:
    """Minutes of ``window`` not covered by ``spans``."""
    a, b = window
    covered = sum(max(0, min(b, d) - max(a, c)) for c, d in spans)
    return (b - a) - covered


def cliques(nodes: list[str], adjacent: dict[str, set[str]], limit: int) -> Iterator[set[str]]:
    """Maximal cliques (Bron-Kerbosch with a pivot), at most ``limit`` of them."""
    found = 0
    stack: list[tuple[set[str], set[str], set[str]]] = [(set(), set(nodes), set())]
    while stack and found < limit:
        r, p, x = stack.pop()
        if not p and not x:
            found += 1
            yield r
            continue
        pivot = max(p | x, key=lambda u: len(adjacent[u] & p))
        for v in sorted(p - adjacent[pivot]):
            stack.append((r | {v}, p & adjacent[v], x & adjacent[v]))
            p = p - {v}
            x = x | {v}


class ClashCuts:
    """Finds the sets and their bounds; :meth:`add` puts the cuts into a model."""

    def __init__(self, variables: Variables, overlaps: dict[Pair, Literal],
                 apart: set[Pair]) -> None:
        self.vars = variables
        self.g = variables.grid.g
        self.overlaps = overlaps
        """Pair (sorted ids) -> its overlap literal (1 when the two overlap)."""
        self.apart = apart
        """Pairs that can never overlap (sorted ids)."""
        self.svs = {sid: sv for sid, sv in variables.sessions.items()
                    if sv.placed is None and sv.facts.durations
                    and not sv.facts.domain.is_empty()}
        self.runs = {sid: runs(sv, self.g) for sid, sv in self.svs.items()}
        self.length = {sid: min(sv.facts.durations.values()) for sid, sv in self.svs.items()}
        self.breaks = [(bv.day * DAY + bv.brk.window[0], bv.day * DAY + bv.brk.window[1],
                        bv.brk.duration) for bv in variables.breaks]

    def edges(self) -> dict[str, set[str]]:
        adjacent: dict[str, set[str]] = {sid: set() for sid in self.svs}
        for a, b in (*self.overlaps, *self.apart):
            if a in adjacent and b in adjacent:
                adjacent[a].add(b)
                adjacent[b].add(a)
        return adjacent

    def free_minutes(self, members: list[str]) -> int:
        """Minutes in which the members' runs can lie, less the placed breaks inside
        them (breaks with pairwise disjoint windows, when every member observes breaks)."""
        union = merge([s for sid in members for s in self.runs[sid]])
        free = measure(union)
        if all(self.svs[sid].facts.observes_breaks for sid in members):
            last_end = None
            for ws, we, minutes in sorted(self.breaks, key=lambda b: (b[1], b[0])):
                if last_end is not None and ws < last_end:
                    continue  # may overlap a break already counted
                free -= max(0, minutes - outside((ws, we), union))
                last_end = we
        return free

    def excess(self, members: list[str]) -> int:
        """Minutes by which the members' lengths exceed their free minutes: at least that
        much overlap, and a pair overlaps for at most its shorter length."""
        return sum(self.length[sid] for sid in members) - self.free_minutes(members)

    def bound(self, members: list[str]) -> int:
        """The least number of overlapping pairs among ``members``."""
        free = self.free_minutes(members)
        alpha, used = 0, 0
        for length in sorted(self.length[sid] for sid in members):
            if used + length > free:
                break
            used += length
            alpha += 1
        return 0 if alpha >= len(members) else turan(len(members), alpha)

    def sets(self) -> list[tuple[list[str], int]]:
        """(members, least overlapping pairs) of every set worth a cut."""
        adjacent = self.edges()
        within = {sid: {t for t in self.svs if inside(self.runs[t], self.runs[sid])}
                  for sid in self.svs}
        seen: set[frozenset[str]] = set()
        out: list[tuple[list[str], int]] = []
        for clique in cliques(sorted(self.svs), adjacent, MAX_CLIQUES):
            if len(clique) < 2:
                continue
            subsets = {frozenset(clique)}
            for sid in clique:  # the members inside one member's window
                subsets.add(frozenset(clique & within[sid]))
            for subset in subsets:
                if len(subset) < 2 or subset in seen:
                    continue
                seen.add(subset)
                members = sorted(subset)
                least = self.bound(members)
                if (least > 0 or self.excess(members) > 0) and any(
                        p in self.overlaps for p in combinations(members, 2)):
                    out.append((members, least))
        out.sort(key=lambda c: (-c[1], c[0]))
        return out[:MAX_CUTS]

    def add(self, model: cp_model.CpModel) -> int:
        """Adds the cuts; returns how many."""
        cuts = self.sets()
        for members, least in cuts:
            lits: list[Any] = [self.overlaps[p] for p in combinations(members, 2)
                               if p in self.overlaps]
            if least > 0:
                model.add(sum(lits) >= least)
            excess = self.excess(members)
            if excess > 0:
                model.add(sum(min(self.length[a], self.length[b], excess) * self.overlaps[(a, b)]
                              for a, b in combinations(members, 2)
                              if (a, b) in self.overlaps) >= excess)
        return len(cuts)
