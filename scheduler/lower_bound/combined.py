"""The lower bound users get (``confsched bound``): the track relaxation and the analytic
floors combined, within a CPU-time limit.

The objective is a sum of weighted soft terms, and the least of a sum is at least the sum
of the leasts of any split of it into parts. The parts here:

- **preferences + room fit + track-room stability + dropped**, together: the larger of
  the track relaxation (:mod:`scheduler.lower_bound.tracks`, method ``relaxation``) and
  the analytic floors of preferences and room fit (:mod:`scheduler.lower_bound.floors`,
  method ``floor``). Both bound the same sum, so the larger does.
- **compact days**: the larger of the energy floor and the floor with tracks
  (``compact_days_tracks``, CP-SAT; skipped when no time is left).
- **instrument spread**: the min-cost flow floor.
- **participant clashes**: the most constrained sessions placed alone by CP-SAT
  (:mod:`scheduler.lower_bound.clashes`, method ``relaxation``).
- **choices + preferred size**: registrations' places over their ranked choices within
  each run's seats, no time (a min-cost flow; :func:`~scheduler.lower_bound.floors.
  choices_floor`), and every required session's fixed participants above its preferred
  maximum.
- every other term (facilitators, ...): 0, which every schedule pays at least.

A second split, tried when the time relaxation (:mod:`scheduler.lower_bound.times`,
preferences + instrument spread together over every required session's start) is above
the per-session preference floor plus the spread's flow: **preferences + instrument
spread** in the time relaxation, and **room fit + track-room stability + dropped** in the
track relaxation without preferences (or the room-fit LP). The larger split is kept: each
is a sum of bounds of disjoint terms, so each is a bound, and so is the larger. At a
limit of :data:`CHOICES_LIMIT` or more, that track relaxation without preferences also
prices the sessions of several possible tracks into their tracks (module
:mod:`scheduler.lower_bound.tracks`, "Sessions of several tracks"; the larger kept).

The total is rounded up (every objective is a whole number).

Time: ``time_limit`` CPU seconds of this process. The facts, the analytic floors and the
room classes run first whatever the limit (1.5 CPU s on a 500-session euro event, 2 on
a 10,000-session one, counted in the limit); the two room-fit LPs, sessions alike merged,
each within a tenth of the limit in GLOP's deterministic units (at most
:data:`~scheduler.lower_bound.tracks.LP_UNITS`; one stopped gives no room-fit floor
and no first prices, and the bound says so: ``complete`` False; fix1: built a session
at a time they took 198 CPU s and 2.9 GiB at 10,000 sessions whatever the limit);
then the clash floor (:data:`CLASH_UNITS` and a tenth of the limit, in deterministic
units); then the track sub-models, each given
the seconds left (CP-SAT counts wall seconds, at least the CPU's, so never more), and no
sub-model is started once they are spent: those tracks take their trivial floor, so a
bound cut short is still a bound, only lower (``complete`` is False). Then clusters of
tracks solved together (:data:`CLUSTER_SESSIONS`), none started in the last fifth of the
limit, which is kept for the compact-days floor with tracks (a fifth of the limit at
most); clusters the time leaves out keep their tracks' sum apart (still complete).
Then, in the time left, the time relaxation (:data:`TIME_UNITS`) and, when it gains, the
track relaxation without preferences (its tracks not reached take their trivial floor).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any

from scheduler.facts import FactBuilder, SessionFacts
from scheduler.lower_bound.clashes import MAX_STARTS, clash_floor
from scheduler.lower_bound.floors import (
    choices_floor,
    compact_days_energy,
    fair_load_floor,
    instrument_spread_flow,
    preferences_per_session,
    room_fit_floor,
)
from scheduler.lower_bound.times import TERMS as TIME_TERMS
from scheduler.lower_bound.times import time_relaxation
from scheduler.lower_bound.together import TERMS as TOGETHER_TERMS
from scheduler.lower_bound.together import together_floor
from scheduler.lower_bound.tracks import (
    LP_UNITS,
    compact_days_with_tracks,
    room_fit_transport,
    stopped_by_seconds,
    track_relaxation,
)
from scheduler.lower_bound.tracks import TERMS as TRACK_TERMS
from scheduler.scenario.model import Scenario

TRACK_UNITS = 5.0
"""Deterministic units at most for each track's sub-model (the benchmarks' default, at
which nearly every track of euro, informs and large is proven); the CPU seconds left
cap it too."""

CLUSTER_SESSIONS = 30
"""Tracks (and sessions of no single track) solved together in clusters of at most this
many sessions, after every track alone, while the CPU time lasts: on the held-out euro
events, 20 sessions gained less and 45 both less and slower (clusters CP-SAT could not
prove in its units; docs/checker.md)."""


TIME_UNITS = 3.0
"""Deterministic units at most for the time relaxation of preferences and instrument
spread (a tenth of the time limit in units caps it too, and the CPU time left): on the
held-out informs 15 the default search's bound is the same at 2, 5, 10 and 30 units
(1,483; 22 CPU s at 2 units under load 13), the core search's at 3 units 1,526 (36 CPU
s); euro's is proven in 0.1 units."""


CHOICES_LIMIT = 100.0
"""At a time limit of this many CPU seconds or more, the track relaxation of the second
split (without preferences) prices the sessions of several possible tracks into their
tracks (:attr:`scheduler.lower_bound.tracks.TrackBound.chosen`; a fifth of the limit kept
for it from its clusters): held-out informs 16 / 17 +65 / +86 (1,365 -> 1,430, 1,193 ->
1,279) for 36-43 CPU s (benchmarks/results/floors/quality8/). Below it nothing changes,
so the solve's floor (:mod:`scheduler.solver.bound_floor`, a share of a short limit) is
as before."""


CLASH_UNITS = 5.0
"""Deterministic units at most for the participant-clash floor (a tenth of the time limit
in units caps it too, and the CPU time left): on the held-out large events it is proven
in 0.1-0.3 units (2-7 CPU s under load)."""


@dataclass
class Part:
    """One part of the bound: the terms it covers, its value and the method that gave it
    (``relaxation``: the track relaxation or the compact-days model with tracks, solved by
    CP-SAT; ``floor``: an analytic floor; ``none``: 0, no bound known)."""

    terms: tuple[str, ...]
    value: float
    method: str
    note: str = ""

    def to_data(self) -> dict[str, Any]:
        return {"terms": list(self.terms), "bound": self.value, "method": self.method,
                "note": self.note}


@dataclass
class LowerBound:
    """A lower bound on the scenario's objective and how it is made up."""

    value: int
    """No schedule's objective (the checker's) is below this."""
    parts: list[Part] = field(default_factory=list)
    complete: bool = True
    """False when the time limit cut the relaxation short (some tracks took their
    trivial floor, or the compact-days model with tracks was skipped): still a bound."""
    cut_short: list[str] = field(default_factory=list)
    """The parts the limit stopped (empty when ``complete``)."""
    tracks: int = 0
    tracks_proven: int = 0
    tracks_trivial: int = 0
    cpu_seconds: float = 0.0
    time_limit: float = 0.0

    def to_data(self) -> dict[str, Any]:
        return {"lower_bound": self.value, "complete": self.complete,
                "cut_short": list(self.cut_short),
                "parts": [p.to_data() for p in self.parts],
                "tracks": {"total": self.tracks, "proven": self.tracks_proven,
                           "trivial_floor": self.tracks_trivial},
                "cpu_seconds": round(self.cpu_seconds, 3), "time_limit": self.time_limit}


def _with_together(scenario: Scenario, facts: dict[str, SessionFacts], parts: list[Part],
                   preferences: float, spread: float, timed: float | None) -> list[Part]:
    """The split with clashes, room fit and dropped together
    (:mod:`scheduler.lower_bound.together`) when its sum is above ``parts``': that floor,
    preferences and instrument spread (their floors apart, or the time relaxation's
    ``timed`` when higher), the compact-days part as it is, and track-room stability at
    0. Both splits bound disjoint groups of the same terms, so the larger is a bound."""
    together = together_floor(scenario, facts)
    if together is None:
        return parts
    compact = next((p for p in parts if p.terms == ("compact_days",)), None)
    rest = Part(("preferences", "instrument_spread"), preferences + spread, "floor",
                "each session's least preference + the spread's flow")
    if timed is not None and timed > rest.value:
        rest = Part(TIME_TERMS, timed, "relaxation", "the required sessions' starts with "
                    "the rules of time between them, no rooms assigned")
    split = [Part(TOGETHER_TERMS, together.value, "relaxation",
                  f"what runs together: an LP over {together.configurations} sets of "
                  "sessions that may run at once, each a minute priced at its wanted "
                  "pairs and least room fit"), rest]
    if compact is not None:
        split.append(compact)
    if sum(p.value for p in split) <= sum(p.value for p in parts) + 1e-9:
        return parts
    return split


def gap(objective: float, bound: float) -> float:
    """``(objective - bound) / objective``: how far above the bound a schedule can be at
    most, as a share of its objective (0 when the objective is 0: nothing is left)."""
    if objective <= 0:
        return 0.0
    return max(0.0, (objective - bound) / objective)


def lower_bound(scenario: Scenario, time_limit: float = 60.0,
                facts: dict[str, SessionFacts] | None = None,
                clock: bool = True) -> LowerBound:
    """The bound of the module docstring within ``time_limit`` CPU seconds (past the
    analytic floors). Raises ValueError when a track's sessions cannot be placed even on
    their own (the event has no schedule).

    ``clock`` False: no CPU-time deadline at all; only the deterministic units (derived
    from ``time_limit`` as with the clock) end each sub-model, so the same scenario always
    gives the same bound (``confsched solve --deterministic``,
    :mod:`scheduler.solver.bound_floor`)."""
    began = time.process_time()
    deadline = began + max(0.0, time_limit) if clock else math.inf

    def seconds(cap: float) -> float | None:
        """The CPU seconds a sub-model may take: ``cap``, or none with no clock."""
        return cap if clock else None
    facts = facts if facts is not None else FactBuilder(scenario).build()
    weights = scenario.weights
    parts: list[Part] = []
    # GLOP's deterministic units: a tenth of the limit each, at most LP_UNITS (a
    # 10,000-session event's LPs need under 0.1): the same with or without the clock
    lp_units = min(LP_UNITS, max(0.0, time_limit) / 10)
    stopped: list[bool] = []
    room_fit = room_fit_transport(scenario, facts, units=lp_units,  # the first prices
                                  stopped=stopped)
    # the floor: each room less the placed breaks' minutes (a higher LP)
    walled = room_fit_transport(scenario, facts, breaks=True, units=lp_units,
                                stopped=stopped)
    lp_cut = bool(stopped)
    floors = {"room_fit": weights.room_fit * room_fit_floor(walled),
              "preferences": weights.preferences * preferences_per_session(scenario, facts)}
    floored = sum(floors.values())
    clash_part, clash_proven = None, True
    if weights.participant_clashes and (scenario.participants.registrations
                                        or scenario.participants.interest_pairs):
        # units, not seconds, bound its work (its wall seconds under load ran out first:
        # large-s36 at load 19 stopped at 3 of its proven 5); the CPU time left caps it
        clash_units = min(CLASH_UNITS, max(0.01, time_limit / 10))
        clash = clash_floor(scenario, facts, limit=clash_units,
                            seconds=seconds(max(0.01, deadline - time.process_time())))
        clash_part = Part(("participant_clashes",), weights.participant_clashes * clash.value,
                          "relaxation",
                          f"the {clash.sessions} sessions of at most {MAX_STARTS} possible "
                          f"starts placed alone ({clash.pairs} wanted pairs)"
                          + ("" if clash.proven else "; stopped before a proof: its bound so far"))
        # stopped by its seconds (the limit's tenth) before a proof: cut short
        clash_proven = clash.proven or not stopped_by_seconds(clash.deterministic, clash_units)
    units = min(TRACK_UNITS, max(0.01, time_limit))
    relaxed = track_relaxation(scenario, facts, limit=units,
                               deadline=deadline if clock else None,
                               room_fit=room_fit, cluster_size=CLUSTER_SESSIONS,
                               cluster_deadline=deadline - time_limit / 5 if clock else None)
    cut_short = [name for name, cut in (
        ("room-fit LP", lp_cut), ("track relaxation", relaxed.trivial or relaxed.cut),
        ("participant-clash floor", not clash_proven)) if cut]
    note = (("the room-fit LP stopped by its share of the time limit "
             f"({lp_units:g} units): no room-fit floor, no first prices; " if lp_cut else "")
            + f"{relaxed.proven} of {relaxed.tracks} tracks proven"
            + (f", {relaxed.trivial} cut short by the time limit (trivial floor)"
               if relaxed.trivial else "")
            + (f", {relaxed.cut} stopped by the time limit before a proof (their bound "
               "so far)" if relaxed.cut else "")
            + (f"; tracks solved together in clusters: {relaxed.clusters_solved} of "
               f"{relaxed.clusters} (+{relaxed.clustered:.1f})" if relaxed.clusters else ""))
    if not relaxed.tracks and not relaxed.value and not floored:
        parts.append(Part(TRACK_TERMS, 0.0, "none", "no session in a track to relax and no "
                          "room-fit or preference floor above 0"))
    elif relaxed.value >= floored:
        parts.append(Part(TRACK_TERMS, relaxed.value, "relaxation", note))
    else:
        parts.append(Part(TRACK_TERMS, floored, "floor",
                          "room-fit LP + each session's least preference (" + note + ")"))
    energy = weights.compact_days * compact_days_energy(scenario, facts)
    left = deadline - time.process_time()
    with_tracks, compact_cut = 0.0, False
    if weights.compact_days and left > 0:
        found, compact_cut = compact_days_with_tracks(
            scenario, facts, limit=2 * units,
            seconds=seconds(min(left, max(0.01, time_limit / 5))))
        with_tracks = weights.compact_days * found
    cut_note = (" (the model with tracks was stopped by the time limit: its bound so far)"
                if compact_cut else "")
    if weights.compact_days and (left <= 0 or compact_cut):
        cut_short.append("compact days with tracks")
    if with_tracks > energy:
        parts.append(Part(("compact_days",), with_tracks, "relaxation",
                          "tracks apart, no more sessions at once than rooms" + cut_note))
    else:
        parts.append(Part(("compact_days",), energy, "floor", "rooms' minutes per day"
                          + ("" if left > 0 else " (no time left for the model with tracks)")
                          + cut_note))
    spread_floor = weights.instrument_spread * instrument_spread_flow(scenario, facts)
    parts.append(Part(("instrument_spread",), spread_floor, "floor",
                      "sessions of an instrument over the days they may take"))
    # the other split: preferences and spread together in the time relaxation, the
    # track relaxation without preferences (room fit, stability, dropped); the larger
    # split is kept (both bound the same four + one terms)
    left = deadline - time.process_time()
    timed_value = None
    if (weights.preferences or weights.instrument_spread) and left > 0:
        time_units = min(TIME_UNITS, max(0.01, time_limit / 10))
        timed = time_relaxation(scenario, facts, limit=time_units, seconds=seconds(left))
        timed_value = timed.value
        apart = floors["preferences"] + spread_floor
        if timed.value > apart and deadline - time.process_time() > 0:
            choices = time_limit >= CHOICES_LIMIT
            rest = track_relaxation(scenario, facts, limit=units,
                                    deadline=deadline if clock else None,
                                    room_fit=room_fit, cluster_size=CLUSTER_SESSIONS,
                                    cluster_deadline=(deadline - (time_limit / 5 if choices
                                                                  else 0))
                                    if clock else None,
                                    preferences=False, choices=choices)
            first = parts[0].value + spread_floor
            if max(rest.value, floors["room_fit"]) + timed.value > first:
                tracked = tuple(t for t in TRACK_TERMS if t != "preferences")
                rest_note = (f"{rest.proven} of {rest.tracks} tracks proven"
                             + (f", {rest.trivial} cut short by the time limit (trivial "
                                "floor)" if rest.trivial else "")
                             + (f", {rest.cut} stopped by the time limit before a proof"
                                if rest.cut else "")
                             + (f"; the sessions of several tracks priced into them: "
                                f"+{rest.chosen:.1f}" if rest.chosen else ""))
                parts[0] = (Part(tracked, rest.value, "relaxation",
                                 "the track relaxation without preferences (" + rest_note
                                 + ")") if rest.value >= floors["room_fit"] else
                            Part(tracked, floors["room_fit"], "floor",
                                 "room-fit LP (" + rest_note + ")"))
                parts[-1] = Part(TIME_TERMS, timed.value, "relaxation",
                                 f"the {timed.sessions} required sessions' starts with "
                                 "the rules of time between them, no rooms assigned"
                                 + ("" if timed.proven else
                                    "; stopped before a proof: its bound so far")
                                 + f"; the split with preferences in the track relaxation "
                                 f"gave {first:.1f} for the five terms")
                cut_short += [name for name, cut in (
                    ("time relaxation", timed.cut),
                    ("track relaxation without preferences", rest.trivial or rest.cut))
                    if cut]
    if clash_part is not None:
        parts.append(clash_part)
    parts = _with_together(scenario, facts, parts, floors["preferences"], spread_floor,
                           timed_value)
    fair = weights.fair_load * fair_load_floor(scenario)
    if fair:
        parts.append(Part(("fair_load",), float(fair), "floor",
                          "the needs over everyone who qualifies, and a series that keeps "
                          "its people gives one person every meeting"))
    chosen = choices_floor(scenario, facts)
    if chosen:
        parts.append(Part(("choices", "preferred_size"), chosen, "floor",
                          "registrations' places over their choices by rank, within each "
                          "run's seats, no time (a min-cost flow), and sizes above the "
                          "preferred maximum"))
    bounded = {t for p in parts for t in p.terms}
    others = tuple(name for name in type(weights).model_fields if name not in bounded)
    talks = (f"; this event's talks (talk terms {', '.join(type(weights.talks).model_fields)})"
             " have no bound yet" if scenario.talks else "")
    parts.append(Part(others, 0.0, "none",
                      "no bound known: every schedule pays at least 0" + talks))
    total = sum(p.value for p in parts)
    return LowerBound(value=max(0, math.ceil(total - 1e-6)), parts=parts,
                      complete=not cut_short, cut_short=cut_short,
                      tracks=relaxed.tracks, tracks_proven=relaxed.proven,
                      tracks_trivial=relaxed.trivial,
                      cpu_seconds=time.process_time() - began, time_limit=time_limit)
