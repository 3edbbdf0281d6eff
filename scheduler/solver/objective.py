"""The soft rules of docs/rules.md as weighted objective terms, one method per rule.

Each method returns the term's *value* as a CP-SAT expression; the objective is the sum of
``weight * value`` over rules whose weight is above 0 (others are not modelled at all).
Exact values are computed again from the finished schedule (``evaluate.py``), so the
reported breakdown never depends on modelling shortcuts (such as capped clash pairs).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from itertools import combinations
from typing import Any

from ortools.sat.python import cp_model
from ortools.sat.python.cp_model import Domain

from scheduler.facts import ceil_div
from scheduler.scenario.model import DAY, Scenario
from scheduler.solver import bounds
from scheduler.solver.clash_cuts import ClashCuts
from scheduler.solver.constraints import Constraints
from scheduler.solver.energy import EnergyBounds
from scheduler.solver.variables import Literal, SessionVars, Variables


class Objective:
    """Builds the weighted soft terms."""

    def __init__(self, model: cp_model.CpModel, scenario: Scenario, variables: Variables,
                 constraints: Constraints, max_clash_pairs: int | None,
                 strengthen: bool | frozenset[str] = True) -> None:
        self.model = model
        self.pieces = bounds.choose(strengthen, True)
        """The redundant bound pieces to add (``bounds.py``; they cut no schedule)."""
        self.strengthen = bool(self.pieces)
        self.energy = EnergyBounds(model, scenario, variables, grain="grain" in self.pieces,
                                   last_end="last-end" in self.pieces,
                                   cliques="clique" in self.pieces)
        self.scenario = scenario
        self.vars = variables
        self.constraints = constraints
        self.g = variables.grid.g
        self.max_clash_pairs = max_clash_pairs
        self.terms: dict[str, tuple[int, Any]] = {}
        """Rule name -> (weight, value expression)."""
        self.notes: list[str] = []
        self.overlaps: dict[tuple[str, str], Any] = {}
        """(a, b) session ids, sorted -> the literal that is 1 when they overlap (each
        modelled pair of ``participant_clashes``)."""
        self.clash_cuts = 0
        """Clique cuts added on the overlap literals (``clash_cuts.py``)."""
        self.clash_pairs: tuple[int, int] | None = None
        """(modelled, total) session pairs when participant clashes were capped."""
        self.interested_apart: set[tuple[str, str]] = set()
        """Session pairs with shared interest that never overlap (a shared person, no
        common day, starts that keep them apart); :meth:`apart_pairs` gives every pair the hard
        rules keep apart, with shared interest or not."""

    def add_objective(self) -> Any:
        """Every soft rule with a weight above 0; returns the total expression."""
        weights = self.scenario.weights
        builders: dict[str, Callable[[], Any]] = {
            "participant_clashes": self._participant_clashes,
            "preferences": self._preferences,
            "track_room_stability": self._track_room_stability,
            "room_fit": self._room_fit,
            "facilitator_same_room": self._facilitator_same_room,
            "compact_days": self._compact_days,
            "instrument_spread": self._instrument_spread,
            "preferred_size": self._preferred_size,
            "dropped": self._dropped,
            "choices": self.constraints.groups.penalty,
            "fair_load": self.constraints.assignment.busiest_load,
            "continuity": self.constraints.assignment.continuity,
            "wishes": self.constraints.assignment.wishes,
            "room_changes": lambda: self.constraints.assignment.room_changes(
                self._rooms_per_group, self._day_condition),
        }
        for name, build in builders.items():
            weight = int(getattr(weights, name))
            if weight > 0:
                self.terms[name] = (weight, build())
        return self.total()

    def add_term(self, name: str, weight: int, expression: Any) -> None:
        """An extra term from a hook (e.g. ``changes`` of a minimal-change re-solve)."""
        if weight > 0:
            self.terms[name] = (weight, expression)

    def total(self) -> Any:
        return sum(weight * value for weight, value in self.terms.values())

    # ------------------------------------------------------------------ helpers

    @property
    def sessions(self) -> list[SessionVars]:
        return list(self.vars.sessions.values())

    def _placed_sum(self, svs: list[SessionVars], coefficient: Callable[[SessionVars], int]) -> Any:
        total: Any = 0
        for sv in svs:
            c = coefficient(sv)
            if c:
                total += c * (1 if sv.placed is None else sv.placed)
        return total

    def _day_condition(self, sv: SessionVars, day: int) -> list[Literal]:
        """Literals saying the session is on ``day`` (none when it can only be there)."""
        lit = self.vars.day_lit(sv, day)
        return [] if _is_true(lit, sv) else [lit]

    def _rooms_per_group(self, groups: dict[Any, list[tuple[SessionVars, list[Literal]]]]) -> Any:
        """Sum over groups of max(0, distinct rooms used - 1); members carry extra literals."""
        m = self.model
        total: Any = 0
        for members in groups.values():
            if len(members) < 2:
                continue
            rooms = sorted({r for sv, _ in members for r in sv.room_lits})
            if len(rooms) < 2:
                continue
            used: dict[str, Literal] = {}
            for room in rooms:
                used[room] = m.new_bool_var("")
                for sv, extra in members:
                    lit = sv.room_lits.get(room)
                    if lit is not None:
                        m.add_bool_or([used[room], lit.Not(), *[e.Not() for e in extra]])
            excess = m.new_int_var(0, len(rooms) - 1, "")
            m.add(excess >= sum(used.values()) - 1)
            total += excess
        return total

    # ------------------------------------------------------------------ terms

    def _participant_clashes(self) -> Any:
        """People who want both of two sessions that overlap, summed over session pairs.

        Every pair with shared interest that could overlap is modelled (one overlap literal
        and one order literal each), so the model's value is the checker's. The number of
        pairs grows with the registrations, not with the square of the sessions: each
        registration of k sessions adds at most k(k-1)/2 of them (87,625 pairs for 10,000
        sessions and 15,000 registrations). ``max_clash_pairs`` can still cap it (heaviest
        pairs first; a note says so).
        """
        counts = self.scenario.interest_counts()
        svs = self.vars.sessions
        candidates = []
        for (a_id, b_id), count in counts.items():
            a, b = svs.get(a_id), svs.get(b_id)
            if a is None or b is None or count <= 0:
                continue
            if set(a.facts.session.person_ids) & set(b.facts.session.person_ids):
                self.interested_apart.add((a_id, b_id))
                continue  # person-overlap already keeps them apart
            if not set(self.vars.possible_days(a)) & set(self.vars.possible_days(b)):
                self.interested_apart.add((a_id, b_id))
                continue
            if not _spans_meet(a, b, self.g):
                self.interested_apart.add((a_id, b_id))
                continue  # their possible starts keep them apart
            candidates.append((count, a_id, b_id))
        candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
        if self.max_clash_pairs is not None and len(candidates) > self.max_clash_pairs:
            self.clash_pairs = (self.max_clash_pairs, len(candidates))
            self.notes.append(
                f"participant clashes: modelled the {self.max_clash_pairs} heaviest of "
                f"{len(candidates)} session pairs with shared interest (raise "
                f"max_clash_pairs to model more); the reported value counts every pair"
            )
            candidates = candidates[: self.max_clash_pairs]
        total: Any = 0
        for count, a_id, b_id in candidates:
            a, b = svs[a_id], svs[b_id]
            overlap = self.model.new_bool_var("")
            self.overlaps[(min(a_id, b_id), max(a_id, b_id))] = overlap
            self.constraints.apart(a, b, [overlap.Not(), *a.when_placed, *b.when_placed])
            # and only when they overlap, so the literal is exactly the checker's count.
            # (Without a hint this makes a first schedule harder to find: pycon seed 0, none
            # in 21.9 deterministic units against 11.7 with the first side alone; solve()
            # always starts from the greedy placement, where it costs nothing.)
            ea, eb = self.constraints.end_minutes(a), self.constraints.end_minutes(b)
            self.model.add(ea >= self.g * b.start + 1).only_enforce_if(overlap)
            self.model.add(eb >= self.g * a.start + 1).only_enforce_if(overlap)
            total += count * overlap
        if "clashes" in self.pieces:
            self.clash_cuts = ClashCuts(self.vars, self.overlaps, self.apart_pairs()).add(
                self.model)
        return total

    def clash_cliques(self) -> list[tuple[list[SessionVars], list[tuple[int, Any]]]]:
        """Sets of sessions no two of which overlap without a cost: each track's sessions
        (one track each: they never overlap), grown by every session that, with each
        member, shares a person or a modelled clash pair (or can never overlap it). Only
        sets with a clash pair; each with its pairs' (shorter length, overlap literal)."""
        svs = self.vars.sessions
        if not self.overlaps:
            return []

        def key(a: str, b: str) -> tuple[str, str]:
            return (a, b) if (a, b) in self.overlaps or (a, b) in self.interested_apart else (b, a)

        def track(sid: str) -> str | None:
            lits = svs[sid].track_lits
            return next(iter(lits)) if len(lits) == 1 else None

        def length(sid: str) -> int:
            return max(svs[sid].facts.durations.values(), default=0)

        by_track: dict[str, list[str]] = defaultdict(list)
        for sid in sorted(svs):
            t = track(sid)
            if t is not None:
                by_track[t].append(sid)
        cliques = []
        for t in sorted(by_track):
            members = list(by_track[t])
            for sid in sorted(svs):
                if sid in members:
                    continue
                if all(key(sid, m) in self.overlaps or key(sid, m) in self.interested_apart
                       or (track(sid) is not None and track(sid) == track(m))
                       for m in members):
                    members.append(sid)
            pairs = [(min(length(a), length(b)), self.overlaps[key(a, b)])
                     for i, a in enumerate(members) for b in members[i + 1:]
                     if key(a, b) in self.overlaps]
            if pairs:
                cliques.append(([svs[m] for m in members], pairs))
        return cliques

    def apart_pairs(self) -> set[tuple[str, str]]:
        """Pairs of sessions (sorted ids) no schedule lets overlap: a shared person, one
        track each and the same, one after the other, or no start that makes them meet."""
        svs = self.vars.sessions
        out: set[tuple[str, str]] = set()
        by_key: dict[str, list[str]] = defaultdict(list)
        for sid, sv in svs.items():
            for pid in set(sv.facts.session.person_ids):
                by_key[f"p {pid}"].append(sid)
            if len(sv.track_lits) == 1:
                by_key[f"t {next(iter(sv.track_lits))}"].append(sid)
            for ref in sv.facts.session.after:
                for first in self.constraints.expand(ref):
                    out.add((min(first.id, sid), max(first.id, sid)))
        for members in by_key.values():
            out.update(combinations(sorted(set(members)), 2))
        for a_id, b_id in combinations(sorted(svs), 2):
            a, b = svs[a_id], svs[b_id]
            if (not set(self.vars.possible_days(a)) & set(self.vars.possible_days(b))
                    or not _spans_meet(a, b, self.g)):
                out.add((a_id, b_id))
        return out

    def _preferences(self) -> Any:
        """Sessions in a person's avoid windows, or outside their prefer windows (named
        people here, chosen ones in the assignment)."""
        sc, g = self.scenario, self.g
        people = {p.id: p for p in sc.people}
        total: Any = 0
        for sv in self.sessions:
            for pid in sv.facts.session.person_ids:
                person = people[pid]
                if person.avoid:
                    windows = sc.windows_in_event_time(person.avoid, person.timezone)
                    bad = []
                    for d, minutes in sv.facts.durations.items():
                        for ws, we in windows:
                            if ws // DAY == d:
                                bad.append([(ws - minutes) // g + 1, ceil_div(we, g) - 1])
                    total += self._penalty_unless(sv, _domain(bad).complement())
                if person.prefer:
                    windows = sc.windows_in_event_time(person.prefer, person.timezone)
                    good = []
                    for d, minutes in sv.facts.durations.items():
                        for ws, we in windows:
                            if ws // DAY == d:
                                good.append([ceil_div(ws, g), (we - minutes) // g])
                    total += self._penalty_unless(sv, _domain(good))
        return total + self.constraints.assignment.chosen_preferences(self._penalty_unless)

    def _penalty_unless(self, sv: SessionVars, fine: Domain) -> Any:
        """A literal that must be 1 when the session starts outside ``fine``."""
        current = sv.facts.domain
        if current.is_included_in(fine):
            return 0
        if current.intersection_with(fine).is_empty():
            return 1 if sv.placed is None else sv.placed
        penalty = self.model.new_bool_var("")
        self.model.add_linear_expression_in_domain(sv.start, fine).only_enforce_if(
            [penalty.Not(), *sv.when_placed])
        # and only then: a penalty the schedule does not earn is never counted (an
        # unforced literal stayed 1 from the hint's completion, so the model said 177
        # preferences where the checker counted 97 on large seed 21)
        self.model.add_linear_expression_in_domain(sv.start, fine.complement()).only_enforce_if(
            penalty)
        return penalty

    def _track_room_stability(self) -> Any:
        """Extra rooms a track uses in a day (beyond one)."""
        groups: dict[Any, list[tuple[SessionVars, list[Literal]]]] = defaultdict(list)
        for sv in self.sessions:
            if not sv.room_lits:
                continue
            for track, tlit in sv.track_lits.items():
                for d in self.vars.possible_days(sv):
                    extra = self._day_condition(sv, d)
                    if len(sv.track_lits) > 1:
                        extra.append(tlit)
                    groups[(track, d)].append((sv, extra))
        return self._rooms_per_group(groups)

    def _room_fit(self) -> Any:
        """Wasted seats, in tens."""
        total: Any = 0
        capacity = {r.id: r.capacity for r in self.scenario.rooms}
        for sv in self.sessions:
            people = sv.facts.session.participants
            assigned = self.constraints.groups.room_waste(sv, capacity)  # #12: a variable
            if assigned is not None:
                total += assigned
                continue
            for room, lit in sv.room_lits.items():
                waste = (capacity[room] - people) // 10
                if waste > 0:
                    total += waste * lit
        return total

    def _facilitator_same_room(self) -> Any:
        """Extra rooms a facilitator (named or chosen) works in on a day (beyond one)."""
        groups: dict[Any, list[tuple[SessionVars, list[Literal]]]] = defaultdict(list)
        for sv in self.sessions:
            if not sv.room_lits:
                continue
            for pid in sv.facts.session.people.get("facilitator", []):
                for d in self.vars.possible_days(sv):
                    groups[(pid, d)].append((sv, self._day_condition(sv, d)))
        self.constraints.assignment.chosen_facilitators(groups, self._day_condition)
        return self._rooms_per_group(groups)

    def _compact_days(self) -> Any:
        """Steps from each used day's frame start to its last session end."""
        sc, g, m = self.scenario, self.g, self.model
        total: Any = 0
        for d, day in enumerate(sc.days):
            fs, _ = sc.frame(day)
            base = d * DAY + fs
            svs = [sv for sv in self.sessions if d in self.vars.possible_days(sv)]
            if not svs:
                continue
            latest = m.new_int_var(base, (d + 1) * DAY + DAY, f"latest[{d}]")
            for sv in svs:
                lit = self.vars.day_lit(sv, d)
                end = self.constraints.end_minutes(sv)
                if _is_true(lit, sv):
                    m.add(latest >= end)
                else:
                    m.add(latest >= end).only_enforce_if(lit)
            value = m.new_int_var(0, 2 * DAY // g, f"compact[{d}]")
            m.add(g * value >= latest - base - g + 1)
            if self.pieces & {"energy", "grain", "last-end", "clique"}:
                self.energy.add_day(d, value, svs)
            if "at-once" in self.pieces:
                self.energy.add_at_once(d, value, svs)
            total += value
        if self.pieces & {"energy", "grain", "last-end", "clique"}:
            self.energy.link_days()
        if "clique" in self.pieces:
            self.energy.add_cliques(self.clash_cliques())
        return total

    def _instrument_spread(self) -> Any:
        """Sessions of one instrument piled on one day beyond an even share."""
        days = len(self.scenario.days)
        if days < 2:
            return 0
        counts: dict[str, int] = defaultdict(int)
        for session in self.scenario.sessions:
            counts[session.instrument] += 1
        total: Any = 0
        for name, n in counts.items():
            if n < 2:
                continue
            share = ceil_div(n, days)
            svs = [sv for sv in self.sessions if sv.facts.session.instrument == name]
            for d in range(days):
                lits = [self.vars.day_lit(sv, d) for sv in svs
                        if d in self.vars.possible_days(sv)]
                if len(lits) <= share:
                    continue
                excess = self.model.new_int_var(0, len(lits) - share, "")
                self.model.add(excess >= sum(lits) - share)
                total += excess
        return total

    def _preferred_size(self) -> Any:
        """Participants above the instrument's preferred maximum."""
        def over(sv: SessionVars) -> int:
            preferred = sv.facts.instrument.preferred_max_participants
            return 0 if preferred is None else max(0, sv.facts.session.participants - preferred)
        groups = self.constraints.groups  # #12: sessions registrations are given vary
        varying: dict[str, Any] = {sv.id: groups.above(sv, preferred) for sv in self.sessions
                   if (preferred := sv.facts.instrument.preferred_max_participants) is not None
                   and groups.count(sv) is not None}
        fixed = [sv for sv in self.sessions if sv.id not in varying]
        return self._placed_sum(fixed, over) + sum(varying.values())

    def _dropped(self) -> Any:
        """Optional sessions left out."""
        total: Any = len(self.vars.dropped_up_front)
        for sv in self.sessions:
            if sv.placed is not None:
                total += 1 - sv.placed
        return total


def _domain(ranges: list[list[int]]) -> Domain:
    good = [r for r in ranges if r[0] <= r[1]]
    return Domain.from_intervals(good) if good else Domain.from_values([])


def _spans_meet(a: SessionVars, b: SessionVars, g: int) -> bool:
    """Whether some starts of ``a`` and ``b`` make them overlap (bounds of the start
    variables' domains, in event minutes)."""
    def span(sv: SessionVars) -> tuple[int, int]:
        domain = list(sv.start.proto.domain)  # (the proto field has no negative indexing)
        return g * domain[0], g * domain[-1] + max(sv.facts.durations.values(), default=0)
    (a0, a1), (b0, b1) = span(a), span(b)
    return a0 < b1 and b0 < a1


def _is_true(lit: Literal, sv: SessionVars) -> bool:
    """Whether ``lit`` is the constant true literal (one possible day, mandatory)."""
    return sv.placed is None and len(sv.day_lits) == 1

