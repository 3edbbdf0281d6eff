"""The CP-SAT model of academic talks: talks grouped into talk sessions, CoSPLib's objective.

Moved from plugins/confsched_cosplib/model.py, over the neutral
:class:`~scheduler.talks.problem.TalkProblem` built from a scenario, with the engine's rules
added (see ``build``): a room holds a track only in talk-slots where it is open and the
track's chairs are available; a talk goes only to talk-slots its presenters are available
for (a pinned one only to its own); a talk limited to some rooms (online/hybrid talks:
hybrid rooms; a pinned room) is given a room by the model.

Decisions: which track each room holds in each session (``y[k,s,r]``), which session
each submission is in (``a[i,s]``) and, for the submissions whose time slot matters to
the objective, the slot it starts in (``b[i,s,t]``). Rooms and slots of the other
submissions are filled in afterwards by :mod:`scheduler.solver.talks_packing`, which always
succeeds because the model states exactly when a track's submissions fit its rooms in a
session (see ``_multi_fit``): single-slot talks fill any free slot, so only the
multi-slot ones need rooms of their own (counted in closed form for sessions of at most
4 slots, with a room variable ``c[i,s,r]`` per multi-slot talk in longer sessions).

One restriction of the search space remains (never of the objective, never a cause of
"infeasible": the relaxed model ``slots=False`` that finds the start solution does not
have it): with ``slots=True``, a track with ordered submissions (when order counts) uses
one room per session. Its optimum is then a proof only together with a bound on the
schedules it leaves out (``split`` below; talks_search.full_bound).

Every term of :func:`scheduler.talks.score.counts` is modelled exactly (up to the
same-track conflict case noted in ``_pair_conflicts``), so the solver's objective and the
scorer's agree on what the solver returns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from ortools.sat.python import cp_model

from scheduler.talks.problem import TalkProblem

LinearExpr = Any  # a CP-SAT linear expression (its stub types do not add up)


@dataclass
class Model:
    """The CP-SAT model and the variables the decoder reads."""

    instance: TalkProblem
    model: cp_model.CpModel
    y: dict[tuple[int, int, int], cp_model.IntVar]
    a: dict[tuple[int, int], cp_model.IntVar]
    b: dict[tuple[int, int, int], cp_model.IntVar]
    slotted: set[int]
    c: dict[tuple[int, int, int], cp_model.IntVar] = field(default_factory=dict)
    """Room of a multi-slot submission in a session of 5 slots or more, and of every
    submission of a track with room-limited talks (when that track has no slot
    variables)."""
    terms: dict[str, list[LinearExpr]] = field(default_factory=dict)
    offset: dict[str, int] = field(default_factory=dict)
    overcounts: bool = False
    """Some same-track conflicting pair may be counted although the layout puts it in one
    room (``_pair_conflicts``): the model's value can then exceed the checker's, so its
    bound is no bound of the real objective (build with ``bound=True`` for one)."""
    one_room: list[int] = field(default_factory=list)
    """Tracks kept to one room a talk-slot (ordered tracks; room-limited tracks with slot
    variables)."""
    restricted: bool = False
    """Some track was kept to one room a session (ordered tracks, room-limited tracks with
    slot variables): an optimum of this model is then no proof of optimality."""


def _and(
    model: cp_model.CpModel, literals: Sequence[cp_model.IntVar], name: str
) -> cp_model.IntVar:
    """A boolean equal to the conjunction of ``literals``."""
    var = model.new_bool_var(name)
    for lit in literals:
        model.add_implication(var, lit)
    model.add_bool_or([var, *[lit.negated() for lit in literals]])
    return var


def build(instance: TalkProblem, slots: bool = True, bound: bool = False,
          split: Sequence[int] = ()) -> Model:
    """Build the model; the objective is set (weighted sum of the exact terms).

    ``slots=False`` builds the relaxed model used to find a first solution fast: no slot
    variables (every track is packed by capacity) and no terms that need them.

    ``bound=True`` (with ``slots=False``) builds a relaxation of the real problem: every
    schedule the checker accepts is a solution of it (it has every rule and no restriction
    of the search), and its objective never exceeds the checker's on that schedule (the
    terms it leaves out -- order, time-slot conflicts, submissions' rooms, and same-track
    conflicting pairs, which the checker counts only in different rooms -- are all >= 0;
    the rest are exact). Its best bound is therefore a lower bound of the real optimum.

    ``split`` (tracks) adds: at least one of these tracks holds two rooms or more in some
    talk-slot -- the schedules a model that keeps them to one room (``restricted``) leaves out.
    """
    m = cp_model.CpModel()
    subs, sessions, rooms = instance.submissions, instance.sessions, instance.rooms
    n_k, n_s, n_r = len(instance.tracks), len(sessions), len(rooms)
    w = instance.weights
    members = [instance.track_submissions(k) for k in range(n_k)]

    # Which tracks need slot positions in the model.
    ordered_tracks = {
        k for k in range(n_k) if slots and w["submissions_order"] > 0
        and any(subs[i].order != 0 for i in members[k])
    }
    slot_tracks = set(ordered_tracks)
    if slots and w["attendees_conflicts_timeslot"] > 0:
        slot_tracks |= {subs[i].track for i, c in enumerate(instance.attendee_conflicts) if c}
    if slots and w["presenters_conflicts_timeslot"] > 0:
        slot_tracks |= {subs[i].track for i, c in enumerate(instance.presenter_conflicts) if c}
    slotted = {i for k in slot_tracks for i in members[k]}
    # Tracks with talks limited to some rooms (hybrid, pinned room).
    roomed = {subs[i].track for i, rooms_i in enumerate(instance.sub_rooms)
              if rooms_i is not None}

    y = {(k, s, r): m.new_bool_var(f"y_{k}_{s}_{r}")
         for k in range(n_k) for s in range(n_s) for r in range(n_r)}
    for s in range(n_s):
        for r in range(n_r):
            m.add_at_most_one(y[k, s, r] for k in range(n_k))
            for k in range(n_k):
                if not (instance.open[s][r] and instance.track_allowed[k][s]):
                    m.add(y[k, s, r] == 0)
    n = {}
    z = {}
    for k in range(n_k):
        for s in range(n_s):
            n[k, s] = m.new_int_var(0, n_r, f"n_{k}_{s}")
            m.add(n[k, s] == sum(y[k, s, r] for r in range(n_r)))
            z[k, s] = m.new_bool_var(f"z_{k}_{s}")
            for r in range(n_r):
                m.add_implication(y[k, s, r], z[k, s])
            m.add(z[k, s] <= n[k, s])
            if k in ordered_tracks or (k in roomed and k in slot_tracks):
                m.add(n[k, s] <= 1)

    a: dict[tuple[int, int], cp_model.IntVar] = {}
    b: dict[tuple[int, int, int], cp_model.IntVar] = {}
    c: dict[tuple[int, int, int], cp_model.IntVar] = {}
    for i, sub in enumerate(subs):
        options = []
        for s, session in enumerate(sessions):
            if sub.slots <= session.slots and instance.sub_allowed[i][s]:
                a[i, s] = m.new_bool_var(f"a_{i}_{s}")
                options.append(a[i, s])
                if i in slotted:
                    starts = [m.new_bool_var(f"b_{i}_{s}_{t}")
                              for t in range(session.slots - sub.slots + 1)]
                    for t, var in enumerate(starts):
                        b[i, s, t] = var
                    m.add(sum(starts) == a[i, s])
        m.add_exactly_one(options)

    def occupies(i: int, s: int, t: int) -> LinearExpr:
        """1 when submission i (slotted) covers slot t of session s."""
        return sum(b[i, s, t0] for t0 in range(max(0, t - subs[i].slots + 1), t + 1)
                   if (i, s, t0) in b)

    for k in range(n_k):
        for s, session in enumerate(sessions):
            here = [i for i in members[k] if (i, s) in a]
            # A room given to a track holds at least one of its submissions.
            m.add(n[k, s] <= sum(a[i, s] for i in here))
            if k in roomed and k in slot_tracks:
                # One room for the track here (above): a room-limited talk needs it allowed.
                for i in here:
                    allowed = instance.sub_rooms[i]
                    if allowed is not None:
                        m.add(a[i, s] <= sum(y[k, s, r] for r in allowed))
            if k in roomed and k not in slot_tracks:
                _rooms_fit(m, instance, k, s, here, a, y, c)
            elif k in slot_tracks:
                for t in range(session.slots):
                    m.add(sum(occupies(i, s, t) for i in here) <= n[k, s])
            else:
                m.add(sum(subs[i].slots * a[i, s] for i in here) <= session.slots * n[k, s])
                _multi_fit(m, instance, k, s, here, a, y, n, c)

    if split:
        wide = []
        for k in split:
            for s in range(n_s):
                two = m.new_bool_var(f"split_{k}_{s}")
                m.add(n[k, s] >= 2).only_enforce_if(two)
                wide.append(two)
        m.add_bool_or(wide)
    _licences(m, instance, a, y, c, roomed, slot_tracks)
    model = Model(instance, m, y, a, b, slotted, c)
    model.one_room = sorted(k for k in range(n_k)
                            if k in ordered_tracks or (k in roomed and k in slot_tracks))
    model.restricted = n_r > 1 and bool(model.one_room)
    terms = model.terms
    terms["tracks_sessions"] = [instance.track_session[k][s] * y[k, s, r]
                                for (k, s, r) in y if instance.track_session[k][s]]
    terms["tracks_rooms"] = [instance.track_room[k][r] * y[k, s, r]
                             for (k, s, r) in y if instance.track_room[k][r]]
    terms["sessions_rooms"] = [instance.session_room[s][r] * y[k, s, r]
                               for (k, s, r) in y if instance.session_room[s][r]]
    if w["similar_tracks"]:
        similar = []
        for k1, k2 in combinations(range(n_k), 2):
            penalty = instance.track_track[k1][k2]
            if not penalty:
                continue
            for s in range(n_s):
                product = m.new_int_var(0, n_r * n_r, f"p_{k1}_{k2}_{s}")
                m.add_multiplication_equality(product, [n[k1, s], n[k2, s]])
                similar.append(penalty * product)
        terms["similar_tracks"] = similar
    if w["rooms_per_track"]:
        used = []
        held = [k for k in range(n_k) if members[k]]
        for k in range(n_k):
            of_k = []
            for r in range(n_r):
                u = m.new_bool_var(f"u_{k}_{r}")
                for s in range(n_s):
                    m.add_implication(y[k, s, r], u)
                m.add(u <= sum(y[k, s, r] for s in range(n_s)))
                of_k.append(u)
            if k in held:  # a track with talks uses a room (said, so the LP bound knows)
                m.add(sum(of_k) >= 1)
            used.extend(of_k)
        terms["rooms_per_track"] = used
        # The checker counts rooms - 1 for each track that has rooms, i.e. has talks; a
        # track without talks uses none (an offset of -n_k made bounds negative).
        model.offset["rooms_per_track"] = -len(held)
    if w["parallel_tracks"]:
        terms["parallel_tracks"] = [n[k, s] - z[k, s] for k in range(n_k) for s in range(n_s)]
    if w["consecutive_tracks"]:
        terms["consecutive_tracks"] = [_gap(m, [z[k, s] for s in range(n_s)], k)
                                       for k in range(n_k)]
    terms["submissions_timezones"] = [
        subs[i].slots * instance.sub_timezone[i][s] * a[i, s]
        for (i, s) in a if instance.sub_timezone[i][s]
    ]
    terms["submissions_sessions"] = [
        subs[i].slots * instance.sub_session[i][s] * a[i, s]
        for (i, s) in a if instance.sub_session[i][s]
    ]
    if w["submissions_order"] and slots:
        terms["submissions_order"] = _order(model, members, ordered_tracks)
    if w["presenters_conflicts"]:
        terms["presenters_conflicts"] = _pair_conflicts(
            model, n, instance.presenter_conflicts, "p", bound)
    if w["attendees_conflicts"]:
        terms["attendees_conflicts"] = _pair_conflicts(
            model, n, instance.attendee_conflicts, "a", bound)
    if w["chairs_conflicts"]:
        chairs = []
        for k1, k2 in combinations(range(n_k), 2):
            if k2 not in instance.track_chair_conflicts[k1]:
                continue
            for s in range(n_s):
                product = m.new_int_var(0, n_r * n_r, f"ch_{k1}_{k2}_{s}")
                m.add_multiplication_equality(product, [n[k1, s], n[k2, s]])
                chairs.append(product)
        terms["chairs_conflicts"] = chairs
    for name, lists, tag in (
        ("attendees_conflicts_timeslot", instance.attendee_conflicts, "a"),
        ("presenters_conflicts_timeslot", instance.presenter_conflicts, "p"),
    ):
        if w[name] and slots:
            terms[name] = _slot_conflicts(model, lists, occupies, tag)

    objective = []
    for name, parts in terms.items():
        weight = w[name]
        if weight and parts:
            objective.append(weight * (sum(parts) + model.offset.get(name, 0)))
    m.minimize(sum(objective))
    return model


def _gap(m: cp_model.CpModel, used: list[cp_model.IntVar], k: int) -> cp_model.IntVar:
    """1 exactly when the sessions a track uses are not consecutive."""
    n_s = len(used)
    before = []  # before[s]: the track is used in a session < s
    after = []   # after[s]: used in a session > s
    seen: cp_model.IntVar | None = None
    for s in range(n_s):
        before.append(seen)
        if s < n_s - 1:
            nxt = m.new_bool_var(f"pre_{k}_{s}")
            parts = [used[s]] + ([seen] if seen is not None else [])
            m.add_max_equality(nxt, parts)
            seen = nxt
    seen = None
    tail: list[cp_model.IntVar | None] = [None] * n_s
    for s in range(n_s - 1, -1, -1):
        tail[s] = seen
        if s > 0:
            nxt = m.new_bool_var(f"suf_{k}_{s}")
            parts = [used[s]] + ([seen] if seen is not None else [])
            m.add_max_equality(nxt, parts)
            seen = nxt
    after = tail
    holes = []
    for s in range(1, n_s - 1):
        first, last = before[s], after[s]
        if first is None or last is None:
            continue
        holes.append(_and(m, [first, used[s].negated(), last], f"hole_{k}_{s}"))  # type: ignore[list-item]
    gap = m.new_bool_var(f"gap_{k}")
    if holes:
        m.add_max_equality(gap, holes)
    else:
        m.add(gap == 0)
    return gap


def _conflict_pairs(conflicts: list[set[int]]) -> list[tuple[int, int]]:
    return [(i, j) for i, others in enumerate(conflicts) for j in others if i < j]


def _multi_fit(
    m: cp_model.CpModel, instance: TalkProblem, k: int, s: int, here: list[int],
    a: dict[tuple[int, int], cp_model.IntVar], y: dict[tuple[int, int, int], cp_model.IntVar],
    n: dict[tuple[int, int], cp_model.IntVar], c: dict[tuple[int, int, int], cp_model.IntVar],
) -> None:
    """The multi-slot submissions of track ``k`` in session ``s`` fit its rooms whole.

    Single-slot talks fill any free slot, so with the total-capacity constraint the track
    fits exactly when its multi-slot talks can be given rooms without overfilling one.
    For sessions of ``L`` <= 4 slots that is a count: with ``L`` = 2 or 3 no two
    multi-slot talks share a room; with ``L`` = 4, 4- and 3-slot talks need a room each
    and 2-slot talks share in pairs (``2 n4 + 2 n3 + n2 <= 2 rooms``). Longer sessions get
    a room variable per multi-slot talk and a capacity per room.
    """
    subs = instance.submissions
    length = instance.sessions[s].slots
    multi = [i for i in here if subs[i].slots > 1]
    if not multi:
        return
    if length <= 3:
        m.add(sum(a[i, s] for i in multi) <= n[k, s])
        return
    if length == 4:
        m.add(sum((2 if subs[i].slots >= 3 else 1) * a[i, s] for i in multi) <= 2 * n[k, s])
        return
    rooms = range(len(instance.rooms))
    for i in multi:
        for r in rooms:
            c[i, s, r] = m.new_bool_var(f"c_{i}_{s}_{r}")
            m.add_implication(c[i, s, r], y[k, s, r])
        m.add(sum(c[i, s, r] for r in rooms) == a[i, s])
    for r in rooms:
        m.add(sum(subs[i].slots * c[i, s, r] for i in multi) <= length * y[k, s, r])


def _licences(
    m: cp_model.CpModel, instance: TalkProblem, a: dict[tuple[int, int], cp_model.IntVar],
    y: dict[tuple[int, int, int], cp_model.IntVar], c: dict[tuple[int, int, int], cp_model.IntVar],
    roomed: set[int], slot_tracks: set[int],
) -> None:
    """``hybrid.licences``: at no talk-slot's start do more talk sessions holding a remote
    (online or hybrid) talk run than there are licences. A remote talk is room-limited, so
    its room is a variable (``c``) or its track's one room of the talk-slot (``y``)."""
    if instance.licences is None or not any(instance.remote):
        return
    subs = instance.submissions
    n_s, n_r = len(instance.sessions), len(instance.rooms)
    h = {(s, r): m.new_bool_var(f"h_{s}_{r}") for s in range(n_s) for r in range(n_r)}
    for (i, s), var in a.items():
        if not instance.remote[i]:
            continue
        k = subs[i].track
        for r in range(n_r):
            if (i, s, r) in c:
                m.add_implication(c[i, s, r], h[s, r])
            elif k in roomed and k in slot_tracks:
                m.add(h[s, r] >= var + y[k, s, r] - 1)
    for group in instance.concurrent():
        m.add(sum(h[s, r] for s in group for r in range(n_r)) <= instance.licences)


def _rooms_fit(
    m: cp_model.CpModel, instance: TalkProblem, k: int, s: int, here: list[int],
    a: dict[tuple[int, int], cp_model.IntVar], y: dict[tuple[int, int, int], cp_model.IntVar],
    c: dict[tuple[int, int, int], cp_model.IntVar],
) -> None:
    """Every talk of track ``k`` in session ``s`` gets a room the track holds there and that
    it may use; each room's talks fit its slots. Talks in one room without fixed slots
    always fit one after the other, so this is exact."""
    subs = instance.submissions
    length = instance.sessions[s].slots
    for i in here:
        allowed = instance.sub_rooms[i]
        options = [r for r in range(len(instance.rooms)) if allowed is None or r in allowed]
        for r in options:
            c[i, s, r] = m.new_bool_var(f"c_{i}_{s}_{r}")
            m.add_implication(c[i, s, r], y[k, s, r])
        m.add(sum(c[i, s, r] for r in options) == a[i, s])
    for r in range(len(instance.rooms)):
        load = [subs[i].slots * c[i, s, r] for i in here if (i, s, r) in c]
        if load:
            m.add(sum(load) <= length * y[k, s, r])


def _slot_conflicts(
    model: Model, conflicts: list[set[int]], occupies: Any, tag: str
) -> list[LinearExpr]:
    """Conflicting pairs of (slotted) submissions in one time slot."""
    m, inst, a = model.model, model.instance, model.a
    out: list[LinearExpr] = []
    for i, j in _conflict_pairs(conflicts):
        for s, session in enumerate(inst.sessions):
            if (i, s) not in a or (j, s) not in a:
                continue
            for t in range(session.slots):
                both = m.new_bool_var(f"ct{tag}_{i}_{j}_{s}_{t}")
                oi, oj = occupies(i, s, t), occupies(j, s, t)
                m.add(both >= oi + oj - 1)
                m.add(both <= oi)
                m.add(both <= oj)
                out.append(both)
    return out


def _pair_conflicts(
    model: Model, n: dict[tuple[int, int], cp_model.IntVar], conflicts: list[set[int]],
    tag: str, bound: bool = False,
) -> list[LinearExpr]:
    """Conflicting pairs in one session in different rooms (presenters or attendees).

    With ``bound`` the same-track pairs are left out (the relaxation never over-counts).

    Pairs of different tracks are always in different rooms. A same-track pair in one
    session shares the room when its track has one room there; with more rooms the
    packing keeps the pair together when it can, and the model counts it (so the solver
    may overestimate this case, never underestimate).
    """
    m, inst, a = model.model, model.instance, model.a
    out: list[LinearExpr] = []
    for i, j in _conflict_pairs(conflicts):
        same_track = inst.submissions[i].track == inst.submissions[j].track
        k = inst.submissions[i].track
        for s in range(len(inst.sessions)):
            if (i, s) not in a or (j, s) not in a:
                continue
            if same_track and bound:
                continue
            if same_track and len(inst.rooms) > 1 and k not in model.one_room:
                model.overcounts = True  # (a track kept to one room shares it: exact)
            # One-sided: the objective pushes ``pair`` down to the product (a minimum).
            pair = m.new_bool_var(f"c{tag}_{i}_{j}_{s}")
            if not same_track:
                m.add(pair >= a[i, s] + a[j, s] - 1)
            else:
                split = m.new_bool_var(f"c{tag}s_{i}_{j}_{s}")
                m.add(n[k, s] <= 1).only_enforce_if(split.negated())
                m.add(pair >= a[i, s] + a[j, s] + split - 2)
            out.append(pair)
    return out


def _order(model: Model, members: list[list[int]], ordered_tracks: set[int]) -> list[LinearExpr]:
    """Talks whose position in their track differs from their order (one room a session,
    so the position counts talks in earlier sessions and earlier slots)."""
    m, inst, b = model.model, model.instance, model.b
    subs = inst.submissions
    width = max(s.slots for s in inst.sessions) + 1
    key = {}
    for k in ordered_tracks:
        for i in members[k]:
            key[i] = sum((s * width + t) * var for (j, s, t), var in b.items() if j == i)
    out: list[LinearExpr] = []
    for k in ordered_tracks:
        for i in members[k]:
            if subs[i].order == 0:
                continue
            earlier = []
            for j in members[k]:
                if j == i:
                    continue
                first = m.new_bool_var(f"before_{j}_{i}")
                m.add(key[j] < key[i]).only_enforce_if(first)
                m.add(key[j] > key[i]).only_enforce_if(first.negated())
                earlier.append(first)
            wrong = m.new_bool_var(f"order_{i}")
            position = 1 + sum(earlier)
            m.add(position == subs[i].order).only_enforce_if(wrong.negated())
            m.add(position != subs[i].order).only_enforce_if(wrong)
            out.append(wrong)
    return out
