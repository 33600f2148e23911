"""The click commands: flags in, API calls, output out."""
