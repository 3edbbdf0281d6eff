"""confsched web plugin (being built)."""
