"""The track relaxation's lower bound, now in the package: :mod:`scheduler.lower_bound.tracks`
(this name stays for the benchmarks' scripts and results that cite it)."""

from scheduler.lower_bound.tracks import (
    SCALE,
    TERMS,
    Prices,
    RoomClasses,
    TrackBound,
    compact_days_tracks,
    preference_costs,
    room_classes,
    room_fit_transport,
    room_prices,
    start_prices,
    track_relaxation,
)

__all__ = ["SCALE", "TERMS", "Prices", "RoomClasses", "TrackBound", "compact_days_tracks",
           "preference_costs", "room_classes", "room_fit_transport", "room_prices",
           "start_prices", "track_relaxation"]
