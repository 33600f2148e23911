"""Sockets and wire formats: the only layer that opens connections."""
