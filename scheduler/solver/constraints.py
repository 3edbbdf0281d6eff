"""The hard rules of docs/rules.md as CP-SAT constraints, one small method per rule.

Rules that only narrow a session's possible starts (day-frame, earliest-latest, pinned,
person-availability, fixed breaks, fixed exclusive sessions) and rules that only narrow
its candidate rooms (room-allowed, room-capacity, room-tags) are already in the variable
domains; in *relaxed* mode (infeasibility diagnosis) they become guarded constraints here.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ortools.sat.python import cp_model
from ortools.sat.python.cp_model import Domain

from scheduler.scenario.model import DAY, Scenario
from scheduler.solver.assignment import add_assignment
from scheduler.solver.build_steps import Checkpoint, never
from scheduler.solver.changeover import close_across_midnight, same_day
from scheduler.solver.groups import add_groups
from scheduler.solver.variables import Guards, Literal, SessionVars, Variables


class Constraints:
    """Adds every hard rule to the model."""

    def __init__(self, model: cp_model.CpModel, scenario: Scenario, variables: Variables,
                 guards: Guards) -> None:
        self.model = model
        self.scenario = scenario
        self.vars = variables
        self.guards = guards
        self.g = variables.grid.g
        self.preferred_people: dict[str, dict[str, list[str]]] = {}
        """Session id -> role -> people the start chose (kept when people are capped)."""
        self._by_ref: dict[str, list[SessionVars]] | None = None

    def add_constraints(self, checkpoint: Checkpoint = never) -> None:
        """Every hard rule, in the order of the rulebook; ``checkpoint`` is called with
        each group's name (:data:`~scheduler.solver.build_steps.BUILD_STEPS`) once it is
        added, and may give the build up there (:class:`~scheduler.solver.build_steps.
        BuildStopped`)."""
        for name, add in (
            ("start restrictions", self._start_restrictions),  # frame, pins, availability
            ("room choice", self._room_choice),  # required, allowed, capacity, tags
            ("room availability", self._room_availability),
            ("room overlap", self._room_overlap),
            ("person overlap", self._person_overlap),
            ("daily limits", self._person_daily_limit),
            ("breaks", self._breaks),
            ("longest blocks", self._max_block),
            ("exclusive sessions", self._exclusive),
            ("licences", self._licences),
            ("parallel limit", self._parallel_limit),
            ("track overlap", self._track_overlap),
            ("after", self._after),
            ("same day", self._same_day),
            ("not parallel", self._not_parallel),
            ("series", self._series),
        ):
            add()
            checkpoint(name)
        self.assignment = add_assignment(self.model, self.scenario, self.vars, self.guards,
                                         self.preferred_people)
        checkpoint("people's assignment")
        self.groups = add_groups(self.model, self.scenario, self.vars, self.guards, self.apart)
        checkpoint("participant groups")

    # ------------------------------------------------------------------ helpers

    @property
    def sessions(self) -> list[SessionVars]:
        return list(self.vars.sessions.values())

    def _interval(self, sv: SessionVars, presence: Literal | None) -> cp_model.IntervalVar:
        """The session's interval, present only when ``presence`` holds (if given)."""
        if presence is None:
            return sv.interval
        if presence is sv.placed:
            return sv.interval
        return self.model.new_optional_interval_var(sv.start, sv.size, sv.end, presence, "")

    def end_minutes(self, sv: SessionVars) -> Any:
        """Exact end, in event minutes."""
        return self.g * sv.start + sv.minutes

    def expand(self, ref: str) -> list[SessionVars]:
        """A session id, or every meeting of a series, among the modelled sessions (in
        model order; looked up in an index built once: scanning every session for every
        reference took minutes at 10,000 sessions)."""
        if self._by_ref is None:
            self._by_ref = {}
            for sv in self.sessions:
                keys = {sv.id, sv.facts.session.series} - {None}
                for key in keys:
                    self._by_ref.setdefault(str(key), []).append(sv)
        return list(self._by_ref.get(ref, []))

    def _cumulative(self, items: list[tuple[cp_model.IntervalVar, int]], capacity: int) -> None:
        if items and sum(d for _, d in items) > capacity:
            self.model.add_cumulative([i for i, _ in items], [d for _, d in items], capacity)

    def _forbid(self, sv: SessionVars, enforce: list[Literal]) -> None:
        """The session cannot be placed (dropped if optional, else infeasible)."""
        if sv.placed is None:
            self.model.add_bool_or([]).only_enforce_if(enforce)
        else:
            self.model.add(sv.placed == 0).only_enforce_if(enforce)

    def _implies(self, lit: Literal, condition: Any) -> None:
        """``lit`` implies ``condition`` (a linear constraint, or a plain True/False)."""
        if isinstance(condition, bool):
            if not condition:
                self.model.add_bool_or([lit.Not()])
            return
        self.model.add(condition).only_enforce_if(lit)

    def apart(self, a: SessionVars, b: SessionVars, enforce: list[Literal], gap: int = 0) -> None:
        """``a`` and ``b`` do not overlap (and keep ``gap`` minutes between them)."""
        order = self.model.new_bool_var("")
        ea, eb = self.end_minutes(a), self.end_minutes(b)
        self.model.add(ea + gap <= self.g * b.start).only_enforce_if([order, *enforce])
        self.model.add(eb + gap <= self.g * a.start).only_enforce_if([order.Not(), *enforce])

    # ------------------------------------------------------------------ rules

    def _start_restrictions(self) -> None:
        """A session starts only where its frame, pins, limits and people's windows allow."""
        if not self.guards.relaxed:
            return  # already in the start domains
        for sv in self.sessions:
            for r in sv.facts.restrictions:
                if r.rule == "exclusive":
                    continue  # relaxed mode keeps every exclusive session in _exclusive
                self.model.add_linear_expression_in_domain(sv.start, r.domain).only_enforce_if(
                    [*sv.when_placed, *self.guards.lits(r.rule, r.subject)])

    def _room_choice(self) -> None:
        """A session that needs a room gets one that is allowed, big enough and tagged right."""
        if not self.guards.relaxed:
            return  # candidates are pre-filtered
        for sv in self.sessions:
            for room, reasons in sv.facts.rejected_rooms.items():
                for rule, _ in reasons:
                    if rule == "room-availability" or room not in sv.room_lits:
                        continue
                    self.model.add_bool_or([sv.room_lits[room].Not()]).only_enforce_if(
                        self.guards.lits(rule, f"session {sv.id}"))

    def _room_availability(self) -> None:
        """A session in a room with listed windows lies inside one of them."""
        for sv in self.sessions:
            for room, lit in sv.room_lits.items():
                restriction = sv.facts.room_availability.get(room)
                if restriction is None:
                    continue
                enforce = [lit, *self.guards.lits(restriction.rule, restriction.subject)]
                if not self.guards.relaxed:
                    option = next(o for o in sv.facts.rooms if o.room == room)
                    if option.domain.is_included_in(sv.facts.domain) and \
                            sv.facts.domain.is_included_in(option.domain):
                        continue
                    domain = option.domain
                else:
                    domain = restriction.domain
                self.model.add_linear_expression_in_domain(sv.start, domain).only_enforce_if(
                    enforce)

    def _room_overlap(self) -> None:
        """No two sessions in the same room overlap."""
        by_room: dict[str, list[cp_model.IntervalVar]] = defaultdict(list)
        for sv in self.sessions:
            for room, lit in sv.room_lits.items():
                base = sv.when_placed if len(sv.room_lits) == 1 else [lit]
                presence = self.guards.presence(base, "room-overlap", f"room {room}")
                by_room[room].append(self._interval(sv, presence))
        for intervals in by_room.values():
            if len(intervals) > 1:
                self.model.add_no_overlap(intervals)

    def _person_overlap(self) -> None:
        """No person is in two overlapping sessions; rooms changes leave the changeover gap."""
        by_person: dict[str, list[SessionVars]] = defaultdict(list)
        for sv in self.sessions:
            for pid in sv.facts.session.person_ids:
                by_person[pid].append(sv)
        changeover = self.scenario.event.changeover
        for pid, svs in by_person.items():
            if len(svs) < 2:
                continue
            intervals = [
                self._interval(sv, self.guards.presence(sv.when_placed, "person-overlap",
                                                        f"person {pid}"))
                for sv in svs
            ]
            self.model.add_no_overlap(intervals)
            if changeover > 0:
                self._changeover(pid, [sv for sv in svs if sv.room_lits], changeover)

    def _changeover(self, pid: str, svs: list[SessionVars], gap: int) -> None:
        """Named people's changeover: two sessions in different rooms on one day are ``gap``
        minutes apart. On different days the rule asks nothing: where a frame ends within
        ``gap`` of the next day's start (or in the relaxed model, whose frames are
        guarded) the gap is enforced only when the two are on one day (without that, a
        session ending at 24:00 and one at 00:00 the next day were kept apart, stricter
        than the rule: oracle2)."""
        midnight = self.guards.relaxed or close_across_midnight(self.scenario, gap)
        for i, a in enumerate(svs):
            for b in svs[i + 1:]:
                if not set(self.vars.possible_days(a)) & set(self.vars.possible_days(b)):
                    continue
                differ = self.model.new_bool_var("")
                for room in sorted(set(a.room_lits) | set(b.room_lits)):
                    la = a.room_lits.get(room)
                    lb = b.room_lits.get(room)
                    if la is not None and lb is not None:
                        self.model.add_implication(la, lb).only_enforce_if(differ.Not())
                    elif la is not None:
                        self.model.add_implication(la, differ)
                    elif lb is not None:
                        self.model.add_implication(lb, differ)
                enforce = [differ, *a.when_placed, *b.when_placed,
                           *self.guards.lits("person-overlap", f"person {pid}")]
                if midnight:
                    enforce.append(same_day(self.model, self.vars, a, b))
                self.apart(a, b, enforce, gap)

    def _person_daily_limit(self) -> None:
        """A person with a daily limit is in at most that many sessions a day."""
        of: dict[str, list[SessionVars]] = {}
        for sv in self.sessions:
            for pid in sv.facts.session.person_ids:
                of.setdefault(pid, []).append(sv)
        for person in self.scenario.people:
            limit = person.max_sessions_per_day
            if limit is None:
                continue
            svs = of.get(person.id, [])
            if len(svs) <= limit:
                continue
            for d in range(len(self.scenario.days)):
                lits = [self.vars.day_lit(sv, d) for sv in svs
                        if d in self.vars.possible_days(sv)]
                if len(lits) > limit:
                    self.model.add(sum(lits) <= limit).only_enforce_if(
                        self.guards.lits("person-daily-limit", f"person {person.id}"))

    def _observing(self) -> list[SessionVars]:
        return [sv for sv in self.sessions if sv.facts.observes_breaks]

    def _breaks(self) -> None:
        """No session that observes breaks overlaps a placed break of its day."""
        g = self.g
        for bv in self.vars.breaks:
            presence = self.guards.presence([], "breaks", f"break {bv.brk.id}")
            iv = bv.interval if presence is None else self.model.new_optional_interval_var(
                bv.start, bv.size, bv.start + bv.size, presence, "")
            ws = bv.day * DAY + bv.brk.window[0]
            we = bv.day * DAY + bv.brk.window[1]
            for sv in self._observing():
                if bv.day not in self.vars.possible_days(sv):
                    continue
                minutes = sv.facts.durations.get(bv.day, 0)
                lo, hi = (ws - minutes) // g + 1, -(-we // g) - 1
                if not self.guards.relaxed and sv.facts.domain.intersection_with(
                        Domain(lo, hi) if lo <= hi else Domain.from_values([])).is_empty():
                    continue
                self.model.add_no_overlap([iv, sv.interval])

    def _max_block(self) -> None:
        """Between pauses (breaks, pinned meals) no stretch of a day is longer than max-block."""
        limit = self.scenario.breaks.max_block
        if limit is None:
            return
        sc = self.scenario
        pause_sessions = [sv for sv in self.sessions
                          if sv.facts.instrument.pause and sv.facts.session.pin is not None
                          and sv.facts.session.pin.start is not None]
        for d, day in enumerate(sc.days):
            fs, fe = sc.frame(day)
            base = d * DAY
            # (start, end, presence) in minutes after midnight of day d.
            pauses: list[tuple[Any, Any, Literal | None]] = []
            for brk in sc.breaks.fixed:
                if brk.day is None or brk.day == day:
                    pauses.append((brk.start, brk.end, None))
            for bv in self.vars.breaks:
                if bv.day == d:
                    start = self.g * bv.start - base
                    pauses.append((start, start + bv.brk.duration, None))
            for sv in pause_sessions:
                if d not in self.vars.possible_days(sv):
                    continue
                lit = self.vars.day_lit(sv, d)
                pin = sv.facts.session.pin
                assert pin is not None and pin.start is not None
                pauses.append((pin.start, pin.start + sv.facts.durations.get(d, 0), lit))
            self._max_block_day(pauses, fs, fe, limit, f"day {day}")

    def _max_block_day(self, pauses: list[tuple[Any, Any, Literal | None]], fs: int, fe: int,
                       limit: int, subject: str) -> None:
        m = self.model
        guard = self.guards.lits("max-block", subject)
        # Each stretch end (the frame start, or a pause's end) is followed within `limit`
        # minutes by a pause reaching past it, or is within `limit` of the frame end.
        ends: list[tuple[Any, Literal | None]] = [(fs, None)] + [(e, p) for _, e, p in pauses]
        for i, (end, present) in enumerate(ends):
            options: list[Literal] = []
            last = m.new_bool_var("")
            self._implies(last, end >= fe - limit)
            options.append(last)
            for j, (qs, qe, qp) in enumerate(pauses):
                if j == i - 1:
                    continue
                follows = m.new_bool_var("")
                self._implies(follows, qs <= end + limit)
                self._implies(follows, qe >= end + 1)
                if qp is not None:
                    m.add_implication(follows, qp)
                options.append(follows)
            enforce = [*guard, *([present] if present is not None else [])]
            m.add_bool_or(options).only_enforce_if(enforce)

    def _exclusive(self) -> None:
        """While an exclusive session runs, no other session that observes breaks runs."""
        observing = self._observing()
        relaxed = self.guards.relaxed
        # those whose one start the facts took out of every other session's domain are
        # done there (FactBuilder._add_fixed_exclusives), unless the model is relaxed or
        # the session may be left out
        # (an exclusive session that does not observe breaks itself still blocks those
        # that do: the checker's rule; it was left out here and ran beside them)
        exclusives = [sv for sv in self.sessions if sv.facts.exclusive
                      and (relaxed or not sv.facts.blocks_in_facts
                           or sv.placed is not None)]
        for ex in exclusives:
            presence = self.guards.presence(ex.when_placed, "exclusive", f"session {ex.id}")
            iv = self._interval(ex, presence)
            for sv in observing:
                if sv is ex or not (relaxed or self._may_overlap(ex, sv)):
                    continue
                self.model.add_no_overlap([iv, sv.interval])

    def _may_overlap(self, a: SessionVars, b: SessionVars) -> bool:
        """Whether the start domains let the two sessions overlap at all."""
        da, db = a.facts.domain, b.facts.domain
        if da.is_empty() or db.is_empty():
            return False
        a_end = da.max() + max(a.facts.steps(self.g).values())
        b_end = db.max() + max(b.facts.steps(self.g).values())
        return da.min() < b_end and db.min() < a_end

    def _licences(self) -> None:
        """No more online or hybrid sessions run at once than there are meeting licences."""
        limit = self.scenario.hybrid.licences
        if limit is None:
            return
        items = [
            (self._interval(sv, self.guards.presence(sv.when_placed, "licences", "event")), 1)
            for sv in self.sessions if sv.facts.session.needs_licence
        ]
        if limit == 0:
            for sv in self.sessions:
                if sv.facts.session.needs_licence:
                    self._forbid(sv, self.guards.lits("licences", "event"))
            return
        self._cumulative(items, limit)

    def _parallel_limit(self) -> None:
        """No more sessions that observe breaks run at once than the parallel limit."""
        limit = self.scenario.parallel_limit
        if limit is None:
            return
        items = [
            (self._interval(sv, self.guards.presence(sv.when_placed, "parallel-limit", "event")),
             1)
            for sv in self._observing()
        ]
        if limit > 0:
            self._cumulative(items, limit)
            return
        for sv in self._observing():
            self._forbid(sv, self.guards.lits("parallel-limit", "event"))

    def _track_overlap(self) -> None:
        """Two sessions in the same track never overlap."""
        by_track: dict[str, list[cp_model.IntervalVar]] = defaultdict(list)
        for sv in self.sessions:
            for track, lit in sv.track_lits.items():
                base = [lit] if len(sv.track_lits) > 1 else sv.when_placed
                presence = self.guards.presence(base, "track-overlap", f"track {track}")
                by_track[track].append(self._interval(sv, presence))
        for intervals in by_track.values():
            if len(intervals) > 1:
                self.model.add_no_overlap(intervals)

    def _after(self) -> None:
        """A session starts no earlier than the end of every session in its after: list."""
        for b in self.sessions:
            for ref in b.facts.session.after:
                for a in self.expand(ref):
                    enforce = [*a.when_placed, *b.when_placed,
                               *self.guards.lits("after", f"session {b.id}")]
                    self.model.add(self.g * b.start >= self.end_minutes(a)).only_enforce_if(
                        enforce)

    def _same_day(self) -> None:
        """A session is on the same day as every session in its same-day-as: list."""
        for b in self.sessions:
            for ref in b.facts.session.same_day_as:
                for a in self.expand(ref):
                    enforce = [*a.when_placed, *b.when_placed,
                               *self.guards.lits("same-day", f"session {b.id}")]
                    days = set(self.vars.possible_days(a)) | set(self.vars.possible_days(b))
                    if len(days) == 1 and not self.guards.relaxed:
                        continue
                    for d in days:
                        self.model.add(self.vars.day_lit(a, d) == self.vars.day_lit(b, d)
                                       ).only_enforce_if(enforce)

    def _not_parallel(self) -> None:
        """A session does not overlap any session in its not-parallel-with: list."""
        for b in self.sessions:
            for ref in b.facts.session.not_parallel_with:
                for a in self.expand(ref):
                    self.apart(a, b, [*a.when_placed, *b.when_placed,
                                       *self.guards.lits("not-parallel", f"session {b.id}")])

    def _series(self) -> None:
        """The meetings of a series are on pairwise different days, in order: meeting k
        (``occurrence`` k) on an earlier day than meeting k+1 (of those placed)."""
        series: dict[str, list[SessionVars]] = defaultdict(list)
        for sv in self.sessions:
            if sv.facts.session.series and sv.facts.session.run is None:  # runs: any days
                series[sv.facts.session.series].append(sv)
        for name, svs in series.items():
            if len(svs) < 2:
                continue
            guard = self.guards.lits("series", f"series {name}")
            for d in range(len(self.scenario.days)):
                lits = [self.vars.day_lit(sv, d) for sv in svs
                        if d in self.vars.possible_days(sv)]
                if len(lits) > 1:
                    self.model.add(sum(lits) <= 1).only_enforce_if(guard)
            meetings = sorted(svs, key=lambda sv: sv.facts.session.occurrence or 0)
            days = [sum(d * self.vars.day_lit(sv, d) for d in self.vars.possible_days(sv))
                    for sv in meetings]
            for i, earlier in enumerate(meetings):
                for j in range(i + 1, len(meetings)):
                    later = meetings[j]
                    self.model.add(days[j] >= days[i] + 1).only_enforce_if(
                        [*earlier.when_placed, *later.when_placed, *guard])
