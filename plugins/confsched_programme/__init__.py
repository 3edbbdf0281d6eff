"""confsched programme plugin (being built)."""
