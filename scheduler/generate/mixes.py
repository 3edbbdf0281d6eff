"""Which instruments a generated event draws, how often, and how long each session lasts.

The rule: a shape's *mix* weighs the instruments of its regular sessions; a drawn session
takes one of its instrument's durations (longest first; the packer may shorten it towards
the last one). OR-conference shapes (``euro``, ``informs``) use one fixed session length.
"""

from __future__ import annotations

KNOWLEDGE_MIX: dict[str, float] = {
    "workshop": 14, "dialogue": 8, "knowledge-jam": 5, "presentation": 10, "lecture": 10,
    "talk": 20, "conference": 8, "consultation": 6, "twinning": 4, "unconference": 3,
    "knowledge-fair": 2, "expert-visit": 2,
}
"""Instruments of regular sessions in knowledge-exchange events, by relative frequency."""

TALK_MIX: dict[str, float] = {"talk": 85, "workshop": 8, "lecture": 7}
"""A Python-conference programme: mostly talks, some tutorials."""

SESSION_MIX: dict[str, float] = {"conference": 1}
"""An OR conference: every session is four talks of one stream."""

DURATIONS: dict[str, tuple[int, ...]] = {
    "workshop": (90, 60), "dialogue": (90, 60), "knowledge-jam": (120, 90),
    "presentation": (60, 45), "lecture": (60, 45), "talk": (30,),
    "conference": (90, 60), "consultation": (45, 30), "twinning": (90, 60),
    "unconference": (90, 60), "knowledge-fair": (120, 90), "expert-visit": (120, 90),
    "competition": (120, 90), "community-of-practice": (60, 45),
}
"""Durations a generated session of each instrument may take, longest first.

The generator shortens sessions (towards the last entry) when the rooms would be too
full; knowledge jams never go below the 90-minute gathering stage."""

SESSION_DURATION = {"euro": 80, "informs": 75}
"""Shapes whose every regular session has this one length (a slot of four talks)."""
