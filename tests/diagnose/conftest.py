"""Fixtures of the diagnosis tests (scenario helpers are shared with the solver tests)."""
