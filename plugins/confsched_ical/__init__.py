"""confsched ical plugin (being built)."""
