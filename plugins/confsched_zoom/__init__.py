"""confsched zoom plugin (being built)."""
