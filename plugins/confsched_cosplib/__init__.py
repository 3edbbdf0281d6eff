"""confsched cosplib plugin (being built)."""
