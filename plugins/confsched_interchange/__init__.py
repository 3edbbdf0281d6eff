"""confsched interchange plugin (being built)."""
