"""scheduler.lower_bound.tracks cut short by its CPU deadline: the tracks not solved take
their trivial floor (each session alone), which is below what the solved track gives and
still a bound. (The relaxation's other properties: tests/benchmarks/test_floors.py, which
runs it through the benchmarks' floors.)"""

from __future__ import annotations

from typing import Any

import pytest

from scheduler.checker import check
from scheduler.facts import FactBuilder
from scheduler.lower_bound import lower_bound, tracks
from scheduler.lower_bound.combined import CHOICES_LIMIT
from scheduler.lower_bound.tracks import (
    break_minutes,
    compact_days_with_tracks,
    room_fit_transport,
    track_relaxation,
)
from scheduler.scenario import parse_scenario
from scheduler.solver import SolveOptions, solve
from tests.lower_bound.cases import (
    FAIR_THROUGH_LUNCH,
    FOUR_SMALL_AROUND_LUNCH,
    THREE_SMALL_AROUND_LUNCH,
    THREE_TRACKS_ONE_LUNCH,
    TWO_SESSIONS_AROUND_LUNCH,
    TWO_SESSIONS_ONE_TRACK,
    TWO_TRACKS_ONE_BIG_ROOM,
    TWO_TRACKS_ONE_BIG_SESSION,
    TWO_TRACKS_ONE_SPEAKER,
    TWO_WANTED_TWO_LUNCHES,
    checked_optimum,
)


def test_a_deadline_already_past_gives_each_track_its_trivial_floor() -> None:
    """Both sessions want 09:00: solved, the track pays 5 (one misses) + 2 (room fit);
    each alone takes 09:00 and pays only its room fit, 1 + 1 = 2."""
    scenario = parse_scenario(TWO_SESSIONS_ONE_TRACK, "two.yaml")
    full = track_relaxation(scenario)
    assert full.value == 7 and full.trivial == 0 and full.proven == 1
    cut = track_relaxation(scenario, deadline=0.0)
    assert cut.trivial == cut.tracks == 1 and cut.proven == 0
    assert cut.value == 2


def test_a_placed_break_is_kept_in_each_track() -> None:
    """The track's own copy of the lunch leaves one hour both people prefer: 7, the
    optimum (the relaxation dropped placed breaks and gave 2)."""
    scenario = parse_scenario(TWO_SESSIONS_AROUND_LUNCH, "lunch.yaml")
    found = track_relaxation(scenario)
    assert found.value == 7 and found.proven == 1
    result = solve(scenario, SolveOptions(time_limit=10, deterministic=True, workers=1,
                                          handle_sigint=False))
    assert result.schedule is not None
    report = check(scenario, result.schedule)
    assert report.ok and report.terms["preferences"].penalty == 5


def test_tracks_solved_together_share_one_lunch() -> None:
    """Apart, each track's own lunch avoids its session: 3. Together (a cluster) the one
    lunch costs a preference: 8, the optimum the checker finds in a solved schedule."""
    scenario = parse_scenario(THREE_TRACKS_ONE_LUNCH, "lunch3.yaml")
    apart = track_relaxation(scenario)
    assert apart.value == pytest.approx(3) and apart.clusters == 0
    together = track_relaxation(scenario, cluster_size=30)
    assert together.value == pytest.approx(8) and together.clustered == pytest.approx(5)
    assert together.clusters == together.clusters_solved == 1
    result = solve(scenario, SolveOptions(time_limit=10, deterministic=True, workers=1,
                                          handle_sigint=False))
    assert result.schedule is not None
    report = check(scenario, result.schedule)
    assert report.ok
    assert report.terms["preferences"].penalty + report.terms["room_fit"].penalty == 8


def test_compact_days_with_tracks_keeps_the_placed_breaks_off_the_sessions() -> None:
    """Lunch at 10:00-11:00 pushes the second session to 11:00: the day ends at 12:00,
    3 steps after its first (2 when the lunch was dropped), as in the solved schedule."""
    scenario = parse_scenario(TWO_SESSIONS_AROUND_LUNCH, "lunch.yaml")
    floor, cut = compact_days_with_tracks(scenario)
    assert floor == 3 and not cut
    result = solve(scenario, SolveOptions(time_limit=10, deterministic=True, workers=1,
                                          handle_sigint=False))
    assert result.schedule is not None
    report = check(scenario, result.schedule)
    assert report.ok and report.terms["compact_days"].value == 3


@pytest.mark.parametrize("case", [TWO_TRACKS_ONE_SPEAKER, TWO_TRACKS_ONE_BIG_ROOM],
                         ids=["a person in both tracks", "one room class for both"])
def test_tracks_solved_together_share_their_people_and_room_classes(case: str) -> None:
    """Apart each track takes the hour its speaker prefers: 2. Together (a cluster) a
    person speaks once at a time, and a room class holds no more sessions at once than
    it has rooms: 7, what the checker finds in the solved optimum (review9: only the
    shared lunch was tested)."""
    scenario = parse_scenario(case, "two-tracks.yaml")
    apart = track_relaxation(scenario)
    assert apart.value == pytest.approx(2)
    together = track_relaxation(scenario, cluster_size=30)
    assert together.value == pytest.approx(7) and together.clusters_solved == 1
    result = solve(scenario, SolveOptions(time_limit=10, deterministic=True, workers=1,
                                          handle_sigint=False))
    assert result.schedule is not None
    report = check(scenario, result.schedule)
    assert report.ok
    assert report.terms["preferences"].penalty + report.terms["room_fit"].penalty == 7


def test_the_room_fit_lp_takes_the_placed_breaks_from_the_rooms() -> None:
    """The lunch takes an hour of each room's three: one session goes to the big hall
    (9) in the LP as in the checked optimum; with the frame's minutes the LP said 0."""
    scenario = parse_scenario(THREE_SMALL_AROUND_LUNCH, "lunch.yaml")
    solved = room_fit_transport(scenario, FactBuilder(scenario).build(), breaks=True)
    assert solved is not None and solved[0] == pytest.approx(9)
    found = lower_bound(scenario, time_limit=10)
    report = checked_optimum(scenario)
    assert report.terms["room_fit"].value == 9
    assert 9 <= found.value <= report.objective


def test_the_track_relaxation_takes_the_placed_breaks_off_the_priced_minutes() -> None:
    """Priced by the frames' LP (a minute of the small room at 9/60), the relaxation's
    offset counted the small room's three hours: 4 x 9 - 27 = 9. The lunch takes one of
    them from every schedule: 36 - 18 = 18, the checked optimum's room fit."""
    scenario = parse_scenario(FOUR_SMALL_AROUND_LUNCH, "four.yaml")
    assert track_relaxation(scenario).value == pytest.approx(18)
    report = checked_optimum(scenario)
    assert report.terms["room_fit"].value == 18
    assert lower_bound(scenario, time_limit=10).value <= report.objective


def test_a_room_a_break_ignoring_session_may_take_keeps_the_breaks_minutes() -> None:
    """The fair runs through the lunch in the small room: no bound may take the lunch's
    hour from it (the checked optimum's room fit is 0; without the exception the LP and
    the bound said 9, review12)."""
    scenario = parse_scenario(FAIR_THROUGH_LUNCH, "fair.yaml")
    report = checked_optimum(scenario)
    assert report.objective == 0
    solved = room_fit_transport(scenario, FactBuilder(scenario).build(), breaks=True)
    assert solved is not None and solved[0] == pytest.approx(0)
    assert track_relaxation(scenario).value == pytest.approx(0)
    assert lower_bound(scenario, time_limit=10).value == 0


def test_two_breaks_that_may_share_an_hour_take_one() -> None:
    """Two one-hour breaks in the same three-hour window may lie on the same hour: the
    least the day loses is one hour (Bonferroni's overlap term; without it, two)."""
    scenario = parse_scenario(TWO_WANTED_TWO_LUNCHES, "two.yaml")
    assert break_minutes(scenario) == {0: 60}


def test_a_session_of_two_tracks_is_priced_into_one_of_them() -> None:
    """Alone the big session wastes nothing and adds no room to a track: 0. Priced into
    its tracks (``choices``), whichever it joins pays 3, the optimum's room fit +
    stability the checker finds; with the time relaxation's 5 and compact days' 2, the
    whole bound at :data:`CHOICES_LIMIT` is the optimum's 10."""
    scenario = parse_scenario(TWO_TRACKS_ONE_BIG_SESSION, "big.yaml")
    report = checked_optimum(scenario)
    paid = report.terms["room_fit"].penalty + report.terms["track_room_stability"].penalty
    assert paid == 3
    for preferences in (True, False):
        apart = track_relaxation(scenario, preferences=preferences)
        priced = track_relaxation(scenario, preferences=preferences, choices=True)
        assert apart.value == pytest.approx(0) and apart.chosen == 0
        assert priced.value == pytest.approx(3) and priced.chosen == pytest.approx(3)
    whole = lower_bound(scenario, time_limit=CHOICES_LIMIT)  # 7 below the limit
    assert whole.value == report.objective == 10
    assert any("priced into them: +3.0" in part.note for part in whole.parts)


def test_a_session_of_two_tracks_without_its_reward_is_caught(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A wrong version, the session put in each of its tracks with no reward for being
    there, counts it twice: the same comparison with the checked optimum catches it."""
    scenario = parse_scenario(TWO_TRACKS_ONE_BIG_SESSION, "big.yaml")
    report = checked_optimum(scenario)
    paid = report.terms["room_fit"].penalty + report.terms["track_room_stability"].penalty
    real = tracks._Context._track

    def no_reward(self: Any, members: Any, prices: Any, limit: float, workers: int,
                  seconds: float | None = None, rewards: Any = None) -> Any:
        return real(self, members, prices, limit, workers, seconds)
    monkeypatch.setattr(tracks._Context, "_track", no_reward)
    wrong = track_relaxation(scenario, preferences=False, choices=True)
    assert wrong.value > paid
