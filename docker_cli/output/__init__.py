"""Turning API values into what a person or a script reads."""
