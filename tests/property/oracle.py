"""A brute-force oracle: every schedule of a tiny event, judged by the checker alone.

:class:`Oracle` enumerates each decision a schedule holds: the placed breaks' starts, and
for each session its day, grid start, room, track and the people chosen for its needs
(or "dropped" for an optional one), then, for the complete placement, which of their
choices each registration is given (``choices:`` / ``take``; a session with ``runs:``
means one of its runs). Each complete schedule is judged by the independent checker
(``scheduler/checker``): the true optimum is the least checker objective of a schedule
without violations, and "infeasible" is true only when there is none. Nothing of the
solver is used (no facts, no domains, no model): only the scenario's own data (days,
frames, grid, rooms, tracks, who has a role) and the checker.

Pruning, all exact: a session's option is kept only if the session alone (with the
breaks) breaks none of :data:`ALONE`; a partial schedule is cut as soon as the checker
finds a violation of a rule that more sessions (or more registrations) can only make
worse (:data:`MONOTONE`: everything but ``placement``, ``max-block`` and ``group-choices``
is, for a schedule that lists only sessions of the scenario). The search stops with
:class:`Budget` after ``limit`` checker calls: an event too large to enumerate is
skipped, never half-judged.

:func:`judge` then compares the real pipeline's claims with the truth (the solver's
statuses, optimum, bounds, ``confsched bound``'s lower bound, and the rules a diagnosis
names). ``benchmarks/results/faults/oracle1/run_oracle.py`` runs it over thousands of
seeded events (``oracle_events.py``); ``test_oracle.py`` runs a few in CI.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from property_enumerate import break_options

from scheduler.checker import HARD_RULES, CheckReport, check
from scheduler.diagnose import CONFLICT
from scheduler.rules import names
from scheduler.scenario import Scenario
from scheduler.scenario.model import Registration, Session
from scheduler.scenario.talks import TALK_TERMS, Talk
from scheduler.schedule import (
    Schedule,
    ScheduledBreak,
    ScheduledSession,
    ScheduledTalk,
    SolveStatus,
)

ALONE = ("day-frame", "time-grid", "duration", "earliest-latest", "pinned", "room-required",
         "room-allowed", "room-capacity", "room-tags", "room-availability",
         "person-availability", "breaks", "exclusive", "needs-met", "assigned-qualified",
         "organisations", "person-load", "person-daily-limit", "licences",
         "parallel-limit", "instrument", "people", "scenario-match")
"""Rules one session, alone in the schedule with the breaks, can break by itself (and
keeps breaking whatever else is placed)."""

ROOM_KEPT = ("room-required", "room-allowed", "room-capacity", "room-tags")
"""A frozen session keeps its room while these alone allow it there (docs/resolve.md: a
room removed, too small or without a tag it needs is left; its windows are not)."""

NOT_MONOTONE = ("placement", "max-block", "group-choices", "talk-placement")
"""A partial schedule misses sessions (``placement``); a session added may be a pause
that shortens a stretch (``max-block``); ``group-choices`` is judged on the complete
schedule only (a session not yet placed may be the run a registration is given);
``talk-placement`` asks for every talk (those not yet placed are missing)."""

TALK_ALONE = ("talk-whole", "talk-pinned", "talk-availability", "talk-hybrid", "talk-overlap")
"""Rules one talk, alone in its talk session with the breaks, can break by itself."""

TalkPlace = tuple[str, str, int]
"""A talk's place: its talk-slot, room and first slot (0-based) in the talk-slot."""

STRUCTURE = tuple(names("hard", solver="structure")) + tuple(names("hard", solver="input"))
"""The rules the solver's model holds by the shape of its variables or copies from the
input: a diagnosis never names them, so every restricted search keeps them."""




class Budget(Exception):
    """The enumeration needed more checker calls than it was allowed."""


@dataclass
class Truth:
    """What the enumeration found."""

    feasible: bool
    best: int | None
    best_schedule: Schedule | None
    valid: int
    """Complete schedules without a violation (each registration assignment counted)."""
    checks: int
    space: int
    """Options per session multiplied (after the one-session filter), times the breaks'."""
    penalties: set[tuple[tuple[str, int], ...]] = field(default_factory=set)
    """Each valid schedule's soft terms (name, penalty), each distinct vector once: the
    least of any sum of terms over every schedule, to hold each part of a bound to."""
    sample: Schedule | None = None
    """One valid schedule drawn uniformly (``pick``): a re-solve's published schedule."""

    def least(self, terms: tuple[str, ...]) -> int | None:
        """The least sum of these terms' penalties over every valid schedule."""
        if not self.penalties:
            return None
        return min(sum(p for name, p in vector if name in terms)
                   for vector in self.penalties)


def _needs(scenario: Scenario, session: Session) -> dict[str, int]:
    """Role -> people to choose: rules.md's ``needs-met`` definition, from the data.

    Written again here on purpose (``scheduler.scenario.pools.needs`` says the same): the
    oracle lists schedules from the rules, not from the code it judges."""
    if session.needs is not None:
        return {role: n for role, n in session.needs.items() if n > 0}
    rule = scenario.instrument(session)
    out = {}
    for role, least in rule.required_roles.items():
        missing = least - len(session.people.get(role, []))
        if missing > 0 and any(role in p.roles for p in scenario.people):
            out[role] = missing
    return out


def _people_options(scenario: Scenario, session: Session) -> list[dict[str, list[str]]]:
    """Every way to list people: those named, plus for each needed role any set of its
    size among the people who have the role and are not named (the checker judges the
    rest of ``assigned-qualified``)."""
    named = {role: list(ids) for role, ids in session.people.items()}
    per_role = []
    for role, count in _needs(scenario, session).items():
        pool = [p.id for p in scenario.people
                if role in p.roles and p.id not in session.person_ids]
        per_role.append([(role, list(c)) for c in itertools.combinations(pool, count)])
    out = []
    for combo in itertools.product(*per_role):
        people = {role: list(ids) for role, ids in named.items()}
        for role, ids in combo:
            people[role] = people.get(role, []) + ids
        out.append(people)
    return out


def _meets(scenario: Scenario, ref: str) -> list[str]:
    """The session ids a choice means: the runs of a session with ``runs:``, else itself."""
    runs = [s.id for s in scenario.sessions if s.series == ref and s.run is not None]
    return runs or [ref]


def _given_options(scenario: Scenario, registration: Registration,
                   placed: set[str]) -> list[list[str]]:
    """Every set of placed sessions a registration may be given: at most ``take`` of its
    choices, one run each (the checker judges the rest)."""
    out: list[list[str]] = []
    refs = list(registration.choices)
    for k in range(min(registration.take, len(refs)) + 1):
        for chosen in itertools.combinations(refs, k):
            runs = [[sid for sid in _meets(scenario, ref) if sid in placed] for ref in chosen]
            out.extend(list(pick) for pick in itertools.product(*runs))
    return out


class Oracle:
    """Enumerates every schedule of a tiny scenario (see the module text); ``rules``
    limits the hard rules judged (None: all), ``limit`` the checker calls."""

    def __init__(self, scenario: Scenario, limit: int = 50_000,
                 rules: list[str] | None = None, prune: bool = True,
                 earlier: Schedule | None = None, frozen: frozenset[str] = frozenset(),
                 pick: random.Random | None = None) -> None:
        self.scenario = scenario
        self.earlier = earlier
        """A re-solve's published schedule: the checker adds the ``changes`` term."""
        self.frozen = frozen
        """Ids of sessions and breaks (``b1@2024-05-06``) of ``earlier`` that keep their
        day and start, and their room while :data:`ROOM_KEPT` alone allow it and their
        track while it is still one of theirs (docs/resolve.md, ``--frozen-until``)."""
        self.pick = pick
        self.prune = prune
        """False: no partial schedule is cut (each complete one is judged): to test that
        the pruning is exact (test_oracle.py)."""
        self.limit = limit
        self.checks = 0
        judged = list(HARD_RULES) if rules is None else [r for r in HARD_RULES if r in rules]
        self.rules = None if rules is None else judged
        self.alone = [r for r in ALONE if r in judged]
        self.alone_talks = [r for r in TALK_ALONE if r in judged]
        self.monotone = [r for r in judged if r not in NOT_MONOTONE]
        self.registrations = [r for r in scenario.participants.registrations if r.choices]

    def _check(self, schedule: Schedule, rules: list[str] | None) -> CheckReport:
        self.checks += 1
        if self.checks > self.limit:
            raise Budget
        return check(self.scenario, schedule, rules, earlier=self.earlier)

    def _empty(self, breaks: list[ScheduledBreak]) -> Schedule:
        sc = self.scenario
        return Schedule(event=sc.event.name, timezone=sc.event.timezone,
                        status=SolveStatus.FEASIBLE, breaks=breaks)

    def entries(self, session: Session) -> Iterator[ScheduledSession]:
        """Every line the schedule could hold for the session (unfiltered)."""
        sc = self.scenario
        g = sc.event.granularity
        needs_room = session.format != "online" and sc.instrument(session).needs_room
        rooms: list[str | None] = [r.id for r in sc.rooms] if needs_room else [None]
        tracks: list[str | None] = list(session.tracks) or [None]
        people = _people_options(sc, session)
        for day in sc.days:
            fs, fe = sc.frame(day)
            whole = sc.is_whole_day(session)
            starts = [fs] if whole else range(fs, fe - sc.duration(session) + 1, g)
            for start, room, track, listed in itertools.product(starts, rooms, tracks, people):
                end = fe if whole else start + sc.duration(session)
                yield ScheduledSession(
                    id=session.id, title=session.title, instrument=session.instrument,
                    day=day, start=start, end=end, room=room, track=track,
                    format=session.format, people=listed,
                    participants=session.participants, series=session.series)

    def options(self, session: Session, breaks: list[ScheduledBreak]
                ) -> list[ScheduledSession | None]:
        """The session's lines that break nothing of :data:`ALONE` alone, and ``None``
        (dropped) for an optional session."""
        was = self.earlier.by_id().get(session.id) if self.earlier is not None else None
        if session.id in self.frozen and was is not None:  # kept where it was: placed
            out: list[ScheduledSession | None] = []
        else:
            out = [None] if session.optional else []
            was = None
        base = self._empty(breaks)
        kept = []
        room_kept = track_kept = False
        for entry in self.entries(session):
            if was is not None and (entry.day, entry.start) != (was.day, was.start):
                continue
            alone = base.model_copy(update={"sessions": [entry]})
            if was is not None and entry.room == was.room and \
                    self._check(alone, [r for r in ROOM_KEPT if r in self.alone]).ok:
                room_kept = True  # the room still exists and may hold the session
            track_kept = track_kept or (was is not None and entry.track == was.track)
            if self._check(alone, self.alone).ok:
                kept.append(entry)
        if was is not None:  # its room and track too, while the scenario still offers them
            if room_kept:
                kept = [e for e in kept if e.room == was.room]
            if track_kept:
                kept = [e for e in kept if e.track == was.track]
        return out + kept

    def _with_groups(self, schedule: Schedule) -> Iterator[Schedule]:
        """The complete schedule with every assignment of registrations to choices."""
        if not self.registrations:
            yield schedule
            return
        placed = {e.id for e in schedule.sessions}
        per = [_given_options(self.scenario, r, placed) for r in self.registrations]
        for combo in itertools.product(*per):
            given: dict[str, list[str]] = {}
            for registration, sids in zip(self.registrations, combo, strict=True):
                for sid in sids:
                    given.setdefault(sid, []).append(registration.id)
            sessions = [e.model_copy(update={
                "registrations": given.get(e.id, []),
                "participants": e.participants + len(given.get(e.id, []))})
                for e in schedule.sessions]
            yield schedule.model_copy(update={"sessions": sessions})

    def talk_options(self, talk: Talk, breaks: list[ScheduledBreak]) -> list[TalkPlace]:
        """Every place of a talk (talk-slot, open room, first slot) that breaks nothing of
        :data:`TALK_ALONE` alone."""
        out = []
        rules = [r for r in TALK_ALONE if r in self.alone_talks]
        for slot in self.scenario.talk_slots:
            for room in slot.rooms or [r.id for r in self.scenario.rooms]:
                for first in range(slot.slots - talk.slots + 1):
                    place = (slot.id, room, first)
                    alone = self.compose(breaks, [], [], {talk.id: place})
                    if alone is not None and self._check(alone, rules).ok:
                        out.append(place)
        return out

    def talk_sessions(self, places: dict[str, TalkPlace]) -> list[ScheduledSession] | None:
        """The talk sessions that hold the talks where ``places`` puts them (None: a talk
        session would hold two tracks, which a schedule cannot even write)."""
        sc = self.scenario
        slots = {s.id: s for s in sc.talk_slots}
        talks = {t.id: t for t in sc.talks}
        chairs = {t.id: list(t.chairs) for t in sc.tracks}
        groups: dict[tuple[str, str], list[str]] = {}
        for tid, (slot_id, room, _) in places.items():
            groups.setdefault((slot_id, room), []).append(tid)
        out = []
        for (slot_id, room), tids in groups.items():
            tracks = {talks[tid].track for tid in tids}
            if len(tracks) > 1:
                return None
            slot = slots[slot_id]
            listed = []
            for tid in tids:
                talk, first = talks[tid], places[tid][2]
                start = slot.start + first * slot.slot_length
                listed.append(ScheduledTalk(id=tid, title=talk.title, start=start,
                                            end=start + talk.slots * slot.slot_length,
                                            presenters=list(talk.presenters)))
            listed.sort(key=lambda x: (x.start, x.id))
            track = tracks.pop()
            online = any(talks[tid].format != "in-person" for tid in tids)
            out.append(ScheduledSession(
                id=f"{slot_id}.{room}", title=f"{track} ({slot_id})",
                instrument="talk-session", day=slot.day, start=slot.start, end=slot.end,
                room=room, track=track, format="hybrid" if online else "in-person",
                people={"chair": chairs.get(track, [])}, talks=listed))
        return sorted(out, key=lambda e: e.id)

    def compose(self, breaks: list[ScheduledBreak], placed: list[ScheduledSession],
                dropped: list[str], places: dict[str, TalkPlace]) -> Schedule | None:
        """A (partial) schedule: sessions, dropped ones, talks in their talk sessions."""
        held = self.talk_sessions(places) if places else []
        if held is None:
            return None
        return self._empty(breaks).model_copy(update={"sessions": [*placed, *held],
                                                      "dropped": dropped})

    def run(self) -> Truth:
        """Enumerate everything: the least objective, and how many schedules are valid."""
        best: int | None = None
        best_schedule: Schedule | None = None
        valid = space = 0
        penalties: set[tuple[tuple[str, int], ...]] = set()
        sessions = list(self.scenario.sessions)
        talks = list(self.scenario.talks)
        kept = {b.id: b.start for b in self.earlier.breaks
                if b.id in self.frozen} if self.earlier is not None else {}
        drawn = 0
        sample: Schedule | None = None
        for breaks in break_options(self.scenario):
            if any(b.id in kept and b.start != kept[b.id] for b in breaks):
                continue
            options: list[list[Any]] = [self.options(s, breaks) for s in sessions]
            options += [self.talk_options(t, breaks) for t in talks]
            size = 1
            for o in options:
                size *= len(o)
            space += size
            n = len(options)
            order = sorted(range(n), key=lambda i: len(options[i]))
            State = tuple[int, list[ScheduledSession], list[str], dict[str, TalkPlace]]
            stack: list[State] = [(0, [], [], {})]
            while stack:
                depth, placed, dropped, places = stack.pop()
                partial = self.compose(breaks, placed, dropped, places)
                if partial is None:
                    continue
                if depth and self.prune and not self._check(partial, self.monotone).ok:
                    continue
                if depth < n:
                    i = order[depth]
                    for option in options[i]:
                        if i >= len(sessions):
                            stack.append((depth + 1, placed, dropped,
                                          {**places, talks[i - len(sessions)].id: option}))
                        elif option is None:
                            stack.append((depth + 1, placed, [*dropped, sessions[i].id],
                                          places))
                        else:
                            stack.append((depth + 1, [*placed, option], dropped, places))
                    continue
                for complete in self._with_groups(partial):
                    report = self._check(complete, self.rules)
                    if report.ok:
                        valid += 1
                        if self.pick is not None:
                            drawn += 1
                            if self.pick.randrange(drawn) == 0:
                                sample = complete
                        penalties.add(tuple(sorted((name, term.penalty)
                                                   for name, term in report.terms.items())))
                        if best is None or report.objective < best:
                            best, best_schedule = report.objective, complete
        return Truth(best is not None, best, best_schedule, valid, self.checks, space,
                     penalties, sample)


def frozen_ids(scenario: Scenario, earlier: Schedule, moment: dt.datetime) -> frozenset[str]:
    """docs/resolve.md's freeze, from its words: every session and break of ``earlier``
    that started before ``moment`` (event timezone when naive)."""
    if moment.tzinfo is None:
        moment = scenario.datetime_at(moment.date(), moment.hour * 60 + moment.minute)
    spans = [(x.id, x.day, x.start) for x in earlier.sessions]
    spans += [(b.id, b.day, b.start) for b in earlier.breaks]
    return frozenset(i for i, day, start in spans if scenario.datetime_at(day, start) < moment)


# --------------------------------------------------------------------------- judging


@dataclass
class Claim:
    """One thing the pipeline said, and whether the truth bears it out."""

    source: str
    """``solve``, ``solve+pieces``, ``lower_bound``, ``diagnosis``."""
    status: str
    value: float | None
    ok: bool
    note: str = ""


@dataclass
class Verdict:
    truth: Truth
    claims: list[Claim] = field(default_factory=list)

    @property
    def disagreements(self) -> list[Claim]:
        return [c for c in self.claims if not c.ok]


def solve_claims(scenario: Scenario, truth: Truth, source: str, **options: Any) -> list[Claim]:
    """Solve with the real pipeline and hold its status, optimum and bound to the truth."""
    from scheduler.solver import SolveOptions, solve

    settings: dict[str, Any] = dict(time_limit=2.0, seed=0, workers=1, deterministic=True,
                                    handle_sigint=False, diagnose=True,
                                    diagnose_time_limit=2.0)
    settings.update(options)
    earlier: Schedule | None = settings.get("earlier")
    until: dt.datetime | None = settings.get("frozen_until")
    frozen = frozen_ids(scenario, earlier, until) if earlier and until else frozenset()
    result = solve(scenario, SolveOptions(**settings))
    status = result.status
    claims: list[Claim] = []
    schedule = result.schedule
    if status == SolveStatus.INFEASIBLE:
        ok = not truth.feasible
        claims.append(Claim(source, "infeasible", None, ok,
                            "" if ok else f"a schedule of objective {truth.best} passes"))
        if ok and settings["diagnose"]:
            claims.extend(diagnosis_claims(scenario, result.diagnosis, earlier=earlier,
                                           frozen=frozen))
        return claims
    if schedule is None:
        claims.append(Claim(source, status.value, None, True,
                            "no schedule" + (" (the oracle has one)" if truth.feasible else "")))
        if settings["diagnose"] and any(line.startswith(CONFLICT) for line in result.diagnosis):
            # "these rules cannot all hold at once" is a claim even without a proof
            if truth.feasible:
                claims.append(Claim("diagnosis", "conflict", None, False,
                                    f"says rules cannot all hold; a schedule of objective "
                                    f"{truth.best} holds every rule"))
            else:
                claims.extend(diagnosis_claims(scenario, result.diagnosis, earlier=earlier,
                                               frozen=frozen))
        return claims
    report = check(scenario, schedule, earlier=earlier)
    if earlier is not None and frozen:  # the freeze is a hard rule of the re-solve
        now = {x.id: (x.day, x.start) for x in schedule.sessions}  # (rooms: the optimum)
        now.update({b.id: (b.day, b.start) for b in schedule.breaks})
        was = {x.id: (x.day, x.start) for x in earlier.sessions}
        was.update({b.id: (b.day, b.start) for b in earlier.breaks})
        moved = sorted(i for i in frozen if i in now and now[i] != was[i]
                       or i not in now and i in {x.id for x in scenario.sessions})
        if moved:
            claims.append(Claim(source + ":freeze", status.value, None, False,
                                f"frozen {', '.join(moved)} moved or dropped"))
    if not report.ok or not truth.feasible:
        claims.append(Claim(source, status.value, report.objective, False,
                            "the solver's schedule breaks " + ", ".join(
                                sorted({v.rule for v in report.violations}))
                            if not report.ok else "the oracle found no valid schedule"))
        return claims
    assert truth.best is not None
    objective = report.objective
    if status == SolveStatus.OPTIMAL:
        ok = objective == truth.best and schedule.objective == objective
        claims.append(Claim(source, "optimal", objective, ok,
                            "" if ok else f"true optimum {truth.best}, checker "
                            f"{objective}, stated {schedule.objective}"))
    else:
        claims.append(Claim(source, status.value, objective, objective >= truth.best,
                            f"true optimum {truth.best}"))
    bound = schedule.solve.bound
    if bound is not None:
        ok = bound <= truth.best + 1e-6
        claims.append(Claim(source + ":bound", "bound", bound, ok,
                            "" if ok else f"bound {bound} above the optimum {truth.best}"))
    return claims


def bound_claims(scenario: Scenario, truth: Truth, time_limit: float = 5.0) -> list[Claim]:
    """``confsched bound``'s lower bound (and each part's) is at most the true optimum."""
    from scheduler.lower_bound import lower_bound

    try:
        found = lower_bound(scenario, time_limit=time_limit, clock=False)
    except Exception as error:  # noqa: BLE001 - an unsolvable track raises: recorded
        ok = not truth.feasible
        return [Claim("lower_bound", "raised", None, ok, f"{type(error).__name__}: {error}")]
    if not truth.feasible:
        return [Claim("lower_bound", "bound", found.value, True, "event infeasible")]
    assert truth.best is not None
    ok = found.value <= truth.best + 1e-6
    note = "" if ok else (f"bound {found.value} above the optimum {truth.best}: "
                          + "; ".join(f"{'+'.join(p.terms)} {p.value} ({p.method})"
                                      for p in found.parts))
    claims = [Claim("lower_bound", "bound", found.value, ok, note)]
    for part in found.parts:  # each part bounds its terms' sum in every schedule
        if part.value <= 0:
            continue
        terms = tuple(part.terms)
        if "talks" in terms:
            terms += tuple(f for f in TALK_TERMS)
        least = truth.least(terms)
        ok = least is not None and part.value <= least + 1e-6
        claims.append(Claim(f"lower_bound:{part.method}", "+".join(part.terms), part.value,
                            ok, "" if ok else f"{part.value} above the least {least} of "
                            f"these terms over every schedule ({part.note})"))
    return claims


def named_rules(diagnosis: list[str]) -> list[str]:
    """The rules a diagnosis names: an explanation's lines ``  - <rule> (<subject>): ...``,
    and the rules' words (scheduler/diagnose/words.py) anywhere."""
    from scheduler.diagnose.words import RULE_WORDS

    text = "\n".join(diagnosis)
    found = {m.group(1) for m in re.finditer(r"^\s+- ([a-z-]+) \(", text, re.M)}
    found |= {rule for rule, words in RULE_WORDS.items() if words in text}
    return [rule for rule in HARD_RULES if rule in found]


def finding_rules(scenario: Scenario, finding: Any, facts: dict[str, Any]) -> list[str]:
    """The hard rules a pre-solve finding rests on: its rule, the rules its words name,
    for a person's hours ``person-overlap`` (they are added up), and the rules that
    restrict where the sessions it is about may run (their starts: "when it can run",
    and their rooms); for a break that cannot be placed, the sessions fixed in its window
    that it names (hand1's finding rests on what fixes them: fix1)."""
    rules = {finding.rule, *named_rules([finding.text])}
    kind, _, name = finding.subject.partition(" ")
    if kind == "person":  # hours added up: one session at a time
        rules.add("person-overlap")
    concerned = [s.id for s in scenario.sessions
                 if (kind == "session" and s.id == name) or (kind == "series" and s.series == name)
                 or (kind == "person" and name in s.person_ids)]
    if kind == "break":  # "sessions fixed there fill its window ('s1' 10:00-11:00, ...)":
        # it rests on what fixes each of them there (pins, windows, people's hours, rooms)
        concerned += [sid for sid in re.findall(r"'([^']+)' \d\d:\d\d-", finding.text)
                      if sid in facts]
    # a restriction from another session (a fixed exclusive one) rests on that one's place
    concerned += [r.subject.removeprefix("session ") for sid in concerned if sid in facts
                  for r in facts[sid].restrictions if r.subject.startswith("session ")]
    for sid in dict.fromkeys(concerned):
        f = facts.get(sid)
        if f is None:
            continue
        rules |= {r.rule for r in f.restrictions}
        rules |= {rule for reasons in f.rejected_rooms.values() for rule, _ in reasons}
        if any(scenario.room(o.room).available is not None for o in f.rooms):
            rules.add("room-availability")  # its rooms' windows narrow where it can run
    return [r for r in HARD_RULES if r in rules]


def diagnosis_claims(scenario: Scenario, diagnosis: list[str], limit: int = 30_000,
                     earlier: Schedule | None = None,
                     frozen: frozenset[str] = frozenset()) -> list[Claim]:
    """A diagnosis names a real cause: with only the rules it names (and the model's
    structure), still no schedule exists. Each pre-solve finding (certain on its own, the
    precheck says) is held to that alone; else the rules the explanation names in words."""
    from scheduler.diagnose import precheck
    from scheduler.facts import FactBuilder

    facts = FactBuilder(scenario).build()
    findings = precheck(scenario, facts)
    if frozen and not any("already happened" in line for line in diagnosis):
        frozen = frozenset()  # a diagnosis silent on the freeze must hold without it
    cases = ([(f"finding {f.rule} ({f.subject})", finding_rules(scenario, f, facts))
              for f in findings] if findings else [("explanation", named_rules(diagnosis))])
    claims = []
    for label, rules in cases:
        if not rules:
            claims.append(Claim("diagnosis", "words", None, True,
                                f"{label} names no rule: " + " / ".join(diagnosis)[:200]))
            continue
        try:
            truth = Oracle(scenario, limit, rules=[*STRUCTURE, *rules], earlier=earlier,
                           frozen=frozen).run()
        except Budget:
            claims.append(Claim("diagnosis", "budget", None, True,
                                f"{label}: restricted search over budget"))
            continue
        ok = not truth.feasible
        claims.append(Claim("diagnosis", "rules", None, ok, f"{label} names "
                            f"{', '.join(rules)}" + ("" if ok else
                                                     "; with only these a schedule passes")))
    return claims


def judge(scenario: Scenario, truth: Truth, *, pieces: bool = True,
          bound: bool = True, earlier: Schedule | None = None,
          until: dt.datetime | None = None, gates: bool = False) -> Verdict:
    """Every claim of the pipeline on this event, held to the truth (a re-solve's with
    ``earlier`` and ``until``: the truth must come from an oracle given the same)."""
    from scheduler.solver.bounds import PIECES

    verdict = Verdict(truth)
    again: dict[str, Any] = {} if earlier is None else {"earlier": earlier,
                                                        "frozen_until": until}
    verdict.claims.extend(solve_claims(scenario, truth, "solve", **again))
    if pieces:
        verdict.claims.extend(solve_claims(scenario, truth, "solve+pieces",
                                           bounds=frozenset(PIECES), diagnose=False,
                                           **again))
    if gates:
        verdict.claims.extend(gated_claims(scenario, truth, again))
    if bound:
        verdict.claims.extend(bound_claims(scenario, truth))
    return verdict


def gated_claims(scenario: Scenario, truth: Truth, again: dict[str, Any]) -> list[Claim]:
    """The solve's parts that only larger events get, opened to tiny ones (their size gates
    set to 1 for the call): the rooms-and-days plan and the two-phase search of talks-like
    models (2 workers, the talks pieces: ``day_plan``, ``search.search_to_proof``), and
    ``confsched bound``'s floor on the objective (no pieces: ``bound_floor``) with the
    neighbourhood search after the main one (``lns``)."""
    from scheduler.solver import assignment, bound_floor, day_plan, run
    from scheduler.solver.bounds import PIECES

    claims: list[Claim] = []
    with _patched(day_plan, FROM_SESSIONS=1), _patched(bound_floor, FROM_SESSIONS=1):
        claims += solve_claims(scenario, truth, "solve+plan", workers=2,
                               bounds=frozenset(PIECES), diagnose=False, **again)
        claims += solve_claims(scenario, truth, "solve+floor", bounds=frozenset(), lns=True,
                               diagnose=False, **again)
    # at scale: elastic mode, one room per session, one person per need, every chosen
    # person's changeover padded, the start polished (each must demote its claims)
    with _patched(run, ELASTIC_FROM=1, ROOM_PAIRS_AT_SCALE=0, ROOMS_AT_SCALE=1,
                  POLISH_UP_TO=0), \
            _patched(assignment, PAIRS_AT_SCALE=0, PEOPLE_AT_SCALE=1, CHANGEOVER_PAIRS=0):
        claims += solve_claims(scenario, truth, "solve+scale", diagnose=True, **again)
    return claims


@contextlib.contextmanager
def _patched(module: Any, **values: Any) -> Iterator[None]:
    """The module's constants set to ``values`` for the block."""
    saved = {name: getattr(module, name) for name in values}
    for name, value in values.items():
        setattr(module, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(module, name, value)
