"""Academic talks: the neutral problem built from a scenario, CoSPLib's derived data and
its exact terms. Shared by the solver (scheduler/solver/talks_*.py) and the checker
(scheduler/checker/rules_talks.py); nothing here places anything (docs/talks.md)."""
