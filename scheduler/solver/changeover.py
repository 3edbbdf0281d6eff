"""The changeover of people chosen from pools, exactly as docs/rules.md states it.

The rule (``person-overlap``): with ``event.changeover: N`` > 0, two sessions of one person
on one day, both with a room, in two *different* rooms, are at least N minutes apart. Two
sessions in one room may run back to back; a session without a room (online, or an
instrument that needs none) needs no changeover; sessions on different days neither.

The person's sessions go unpadded into one ``add_no_overlap`` (:mod:`assignment`); here
each pair of them that may need the changeover gets, once per *session pair* (shared by
every person who may be in both, so a pool of many people costs one clause per person):

- ``differ``: true when the two are in different rooms (one clause per candidate room of
  the first; a constant when their candidate rooms are disjoint);
- ``apart``: when true, the two are N minutes apart, in one order or the other (an order
  literal and two linear constraints, in exact minutes);
- ``same``: true when the two are on one day, only where a gap across midnight could be
  shorter than N (a frame ending within N minutes of the next day's frame start, or the
  relaxed model of an explanation, where frames are guarded); elsewhere two sessions N
  minutes apart in time are so on one day, and sessions on different days always are.

and once per (person, pair) the clause ``in a and in b and differ (and same) -> apart``.
A pair is left out when it never needs the changeover: one of the two never has a room,
both have the same single candidate room, they never share a possible day, or their time
windows (earliest start to latest end plus N) never meet.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from scheduler.scenario.model import DAY, Scenario
from scheduler.solver.variables import Guards, Literal, SessionVars, Variables

Item = tuple[SessionVars, "Literal | None"]
"""A session a person may be in: ``None`` when named (present whenever placed), else the
literal of their being chosen."""


@dataclass(frozen=True)
class Reach:
    """Where a session may lie: its candidate rooms, possible days, and the earliest start
    and latest end plus the changeover, in event minutes."""

    rooms: frozenset[str]
    days: frozenset[int]
    first: int
    last: int


@dataclass(frozen=True)
class PairVars:
    """The literals of one session pair, shared by every person of both."""

    differ: Literal | None
    """None: the two are always in different rooms."""
    apart: Literal
    same: Literal | None
    """None: the two are N minutes apart in time only when on one day anyway."""


def close_across_midnight(scenario: Scenario, minutes: int) -> bool:
    """Whether a day's frame ends within ``minutes`` of the next day's frame start: two
    sessions on consecutive days may then be less than the changeover apart in time, which
    the rule allows (it asks the changeover only on one day)."""
    frames = [scenario.frame(day) for day in scenario.days]
    return any(DAY - end + nxt < minutes
               for (_, end), (nxt, _) in zip(frames, frames[1:], strict=False))


def same_day(model: cp_model.CpModel, variables: Variables, a: SessionVars,
             b: SessionVars) -> Literal:
    """A literal that is true when ``a`` and ``b`` are on one day (it may be true
    otherwise: it only switches on what it enforces)."""
    same = model.new_bool_var("")
    for d in set(variables.possible_days(a)) & set(variables.possible_days(b)):
        model.add_bool_or([variables.day_lit(a, d).Not(), variables.day_lit(b, d).Not(),
                           same])
    return same


def _bounds(var: cp_model.IntVar | int) -> tuple[int, int]:
    if isinstance(var, int):
        return var, var
    flat = list(var.proto.domain)  # (its wrapper reads index -1 as 0, not the last)
    return flat[0], flat[-1]


class Changeover:
    """The exact changeover of chosen people (see the module text)."""

    def __init__(self, model: cp_model.CpModel, scenario: Scenario, variables: Variables,
                 guards: Guards) -> None:
        self.model = model
        self.vars = variables
        self.guards = guards
        self.g = variables.grid.g
        self.minutes = scenario.event.changeover
        self.midnight = guards.relaxed or close_across_midnight(scenario, self.minutes)
        self._reach: dict[str, Reach] = {}
        self._pairs: dict[tuple[str, str], PairVars] = {}

    @property
    def session_pairs(self) -> int:
        """Session pairs with their literals so far."""
        return len(self._pairs)

    def reach(self, sv: SessionVars) -> Reach:
        out = self._reach.get(sv.id)
        if out is None:
            lo, hi = _bounds(sv.start)
            _, longest = _bounds(sv.minutes)
            out = Reach(frozenset(sv.room_lits), frozenset(self.vars.possible_days(sv)),
                        self.g * lo, self.g * hi + longest + self.minutes)
            self._reach[sv.id] = out
        return out

    def may_need(self, a: SessionVars, b: SessionVars) -> bool:
        """Whether some placement of the two needs the changeover between them."""
        if a is b:
            return False
        ra, rb = self.reach(a), self.reach(b)
        if not ra.rooms or not rb.rooms or (len(ra.rooms) == 1 and ra.rooms == rb.rooms):
            return False
        if not ra.days & rb.days:
            return False
        return ra.first < rb.last and rb.first < ra.last

    def pairs(self, items: list[Item], budget: int) -> list[tuple[int, int]] | None:
        """Index pairs of ``items`` that may need the changeover, at least one of the two
        chosen (named pairs are the named rule's, :mod:`constraints`); None when there are
        more than ``budget``."""
        out: list[tuple[int, int]] = []
        roomed = [i for i, (sv, _) in enumerate(items) if sv.room_lits]
        for x, i in enumerate(roomed):
            a, la = items[i]
            for j in roomed[x + 1:]:
                b, lb = items[j]
                if (la is None and lb is None) or not self.may_need(a, b):
                    continue
                out.append((i, j))
                if len(out) > budget:
                    return None
        return out

    @staticmethod
    def key(a: SessionVars, b: SessionVars) -> tuple[str, str]:
        return (a.id, b.id) if a.id < b.id else (b.id, a.id)

    def pair(self, a: SessionVars, b: SessionVars) -> PairVars:
        """The shared literals of the pair (made on first use)."""
        key = self.key(a, b)
        found = self._pairs.get(key)
        if found is not None:
            return found
        m = self.model
        differ: Literal | None = None
        if set(a.room_lits) & set(b.room_lits):
            differ = m.new_bool_var("")
            for room, la in a.room_lits.items():
                lb = b.room_lits.get(room)
                m.add_bool_or([la.Not(), differ] if lb is None else [la.Not(), lb, differ])
        apart = m.new_bool_var("")
        order = m.new_bool_var("")
        gap = self.minutes
        ea = self.g * a.start + a.minutes
        eb = self.g * b.start + b.minutes
        m.add(ea + gap <= self.g * b.start).only_enforce_if([apart, order])
        m.add(eb + gap <= self.g * a.start).only_enforce_if([apart, order.Not()])
        same = same_day(m, self.vars, a, b) if self.midnight else None
        found = PairVars(differ, apart, same)
        self._pairs[key] = found
        return found

    def add(self, pid: str, items: list[Item], pairs: list[tuple[int, int]]) -> None:
        """The person keeps the changeover on each pair (the clause of the module text)."""
        guard = self.guards.lits("person-overlap", f"person {pid}")
        for i, j in pairs:
            (a, la), (b, lb) = items[i], items[j]
            shared = self.pair(a, b)
            given = [*(a.when_placed if la is None else [la]),
                     *(b.when_placed if lb is None else [lb]), *guard]
            if shared.differ is not None:
                given.append(shared.differ)
            if shared.same is not None:
                given.append(shared.same)
            self.model.add_bool_or([*(x.Not() for x in given), shared.apart])
