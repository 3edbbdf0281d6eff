"""Extra objective terms from outside the solver, with no CP-SAT type in sight.

An :data:`ObjectiveHook` is called once the model is built, with a :class:`TermView`, and
returns :class:`ExtraTerm` s. A term's value is the number of its :class:`Indicator` s that
hold; the view makes indicators that hold when a session is *not* where it says (not at a
start, not on a day, not in a room). ``evaluate`` computes the term's exact value from a
finished schedule, so the objective breakdown reports it like the built-in terms.

The view remembers the rooms it was asked about: identical rooms a term tells apart are
left out of room symmetry breaking, the others keep it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from scheduler.schedule import Schedule

if TYPE_CHECKING:
    from scheduler.solver.model import ScheduleModel


@dataclass(frozen=True)
class Indicator:
    """A 0/1 value of the model (opaque: only a :class:`TermView` makes one)."""

    expression: Any


@dataclass(frozen=True)
class ExtraTerm:
    """One additional soft term: ``weight * (number of indicators that hold)`` is minimised."""

    name: str
    weight: int
    indicators: list[Indicator]
    evaluate: Callable[[Schedule], int]


@dataclass
class TermView:
    """What a hook may ask of the built model: which sessions it places, and indicators."""

    _built: ScheduleModel
    """The model (solver-internal: hooks use the methods below)."""
    rooms_named: set[str] = field(default_factory=set)
    """Rooms some indicator depends on (they are no longer interchangeable)."""

    @property
    def days(self) -> list[dt.date]:
        """The event's days, in order."""
        return list(self._built.vars.grid.days)

    @property
    def session_ids(self) -> list[str]:
        """The sessions the model places (those dropped before the search are not here)."""
        return list(self._built.vars.sessions)

    def step(self, day: dt.date, start: int) -> int | None:
        """The model's step of ``start`` minutes on ``day`` (None: not on the grid)."""
        grid = self._built.vars.grid
        if day not in grid.days or start % grid.g:
            return None
        return grid.days.index(day) * grid.per_day + start // grid.g

    def while_placed(self, session: str, indicator: Indicator) -> Indicator:
        """``indicator`` counted only while ``session`` is placed (0 when an optional
        session is dropped): at least the indicator's value and the placement's, made
        exact by the minimisation (a 0/1 of its own for an optional session)."""
        sv = self._built.vars.sessions[session]
        expression = indicator.expression
        if sv.placed is None or (isinstance(expression, int) and expression == 0):
            return indicator
        if isinstance(expression, int):
            return Indicator(sv.placed)
        counted = self._built.model.new_bool_var(f"while_placed[{sv.id}]")
        self._built.model.add(counted >= expression + sv.placed - 1)
        return Indicator(counted)

    def not_at_start(self, session: str, day: dt.date, start: int) -> Indicator:
        """1 unless ``session`` starts at ``start`` minutes on ``day``."""
        sv = self._built.vars.sessions[session]
        m = self._built.model
        step = self.step(day, start)
        same_time = m.new_bool_var(f"same_time[{sv.id}]")
        if step is None:
            m.add(same_time == 0)
        else:
            m.add(sv.start == step).only_enforce_if(same_time)
            m.add(sv.start != step).only_enforce_if(same_time.Not())
        return Indicator(1 - same_time)

    def not_on_day(self, session: str, day: dt.date) -> Indicator:
        """1 unless ``session`` is on ``day``."""
        sv = self._built.vars.sessions[session]
        grid = self._built.vars.grid
        if day not in grid.days:
            return Indicator(1)
        return Indicator(1 - self._built.vars.day_lit(sv, grid.days.index(day)))

    def not_in_room(self, session: str, room: str | None) -> Indicator:
        """1 unless ``session`` is in ``room`` (``None``: in no room)."""
        sv = self._built.vars.sessions[session]
        if room is not None:
            self.rooms_named.add(room)
        if sv.room_lits:
            lit = sv.room_lits.get(room) if room else None
            return Indicator(1 if lit is None else 1 - lit)
        return Indicator(0 if room is None else 1)

    def not_in_roles(self, session: str, people: dict[str, list[str]]) -> list[Indicator]:
        """For each person ``people`` lists in a role of ``session``: 1 unless they are in
        that role again (0 for people the scenario names there; ``1 - chosen`` for people
        the solver chooses from a pool, #12)."""
        from scheduler.solver.assignment import reassignment_terms

        sv = self._built.vars.sessions[session]
        return [Indicator(t) for t in reassignment_terms(self._built, sv, people)]

    def not_in_group(self, session: str, registrations: list[str]) -> list[Indicator]:
        """For each registration ``registrations`` says was given ``session``: 1 unless it
        is given it again (#12: participants into groups)."""
        groups = self._built.constraints.groups
        return [Indicator(t) for t in groups.moved_terms(session, registrations)]


ObjectiveHook = Callable[[TermView], list[ExtraTerm]]
"""Called once the model is built; returns extra objective terms."""
