"""Other schedulers run on our instances, their results turned into our Schedule."""
