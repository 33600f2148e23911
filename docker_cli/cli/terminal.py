"""The local terminal: raw mode that is always undone, size, detach keys."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator

DEFAULT_DETACH_KEYS = "ctrl-p,ctrl-q"


class DetachKeysError(ValueError):
    """A --detach-keys value docker would not accept."""


def parse_detach_keys(spec: str) -> bytes:
    """``ctrl-p,ctrl-q`` -> b"\\x10\\x11", with docker's syntax: single
    characters, or ``ctrl-`` followed by a letter or one of @[\\]^_."""
    keys = bytearray()
    for key in spec.split(","):
        key = key.strip()
        if len(key) == 1:
            keys.append(ord(key))
        elif key.lower().startswith("ctrl-") and len(key) == 6:
            keys.append(_control_code(key[5], spec))
        else:
            raise DetachKeysError(f"Invalid detach keys ({spec}) provided")
    if not keys:
        raise DetachKeysError(f"Invalid detach keys ({spec}) provided")
    return bytes(keys)


def _control_code(char: str, spec: str) -> int:
    char = char.lower()
    if "a" <= char <= "z":
        return ord(char) - ord("a") + 1
    if char in "@[\\]^_":
        return ord(char.upper() if char != "@" else "@") - ord("@")
    raise DetachKeysError(f"Invalid detach keys ({spec}) provided")


def terminal_size() -> tuple[int, int] | None:
    """(rows, columns) of the terminal on stdout, or None when not one."""
    for stream in (sys.stdout, sys.stdin):
        try:
            size = os.get_terminal_size(stream.fileno())
        except (OSError, ValueError):
            continue
        return size.lines, size.columns
    return None


@contextlib.contextmanager
def raw_terminal(enabled: bool) -> Iterator[None]:
    """Put the terminal on stdin in raw mode, and restore it on the way out,
    whatever the way out is: normal return, exception, or SIGTERM/SIGHUP,
    which would otherwise leave the user's shell unusable."""
    if not enabled or not sys.stdin.isatty():
        yield
        return
    import termios
    import tty

    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)

    def restore() -> None:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)

    def restore_and_exit(number: int, frame: object) -> None:
        # Raising unwinds through the finally below, which restores.
        raise SystemExit(128 + number)

    previous = {
        number: signal.signal(number, restore_and_exit)
        for number in (signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)
    }
    tty.setraw(fd, termios.TCSANOW)
    try:
        yield
    finally:
        restore()
        for number, handler in previous.items():
            signal.signal(number, handler)
