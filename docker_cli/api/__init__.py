"""The Docker Engine API as Python calls and values."""
