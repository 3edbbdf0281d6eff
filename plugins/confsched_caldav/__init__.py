"""confsched caldav plugin (being built)."""
