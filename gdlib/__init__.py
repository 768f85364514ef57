"""gdlib."""
