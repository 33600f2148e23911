"""A command run under a fresh pseudo-terminal, between two ``stty -g``
readings of that terminal, for the tests of interactive sessions."""

from __future__ import annotations

import re
import termios
import time
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

import pexpect

TIMEOUT = 10.0

# dash runs the command: it has no job control and no line editor, so it
# never resets the terminal itself, and the second reading shows exactly
# the modes the command left behind.
WRAPPER = 'stty -g; "$@"; echo "status=$?"; stty -g'
MODES = rb"[0-9a-f]+(?::[0-9a-f]+)+"
_BEFORE = re.compile(rb"(" + MODES + rb")\r\n")
# A command that left the terminal raw also left "\n" untranslated.
_END = re.compile(rb"status=(\d+)\r?\n(" + MODES + rb")\r?\n")

T = TypeVar("T")


def poll(probe: Callable[[], T | None], timeout: float = TIMEOUT) -> T:
    """The first true value of ``probe()``, tried until ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"{probe} gave nothing in {timeout} s")
        time.sleep(0.02)


class PtySession:
    """``command`` on its own terminal; ``child`` is its pexpect handle."""

    def __init__(
        self,
        command: Sequence[str],
        env: Mapping[str, str],
        dimensions: tuple[int, int] = (24, 80),
    ) -> None:
        self.child = pexpect.spawn(
            "/bin/sh",
            ["-c", WRAPPER, "sh", *command],
            env=dict(env),
            dimensions=dimensions,
            timeout=TIMEOUT,
        )
        self.child.expect(_BEFORE)
        self.modes_before: bytes = self.child.match.group(1)
        self.modes_after: bytes | None = None
        # What the command wrote after the last expect, once it has ended.
        self.rest = b""

    def pid(self) -> int:
        """The command's process id: the only child of the wrapper shell."""
        path = f"/proc/{self.child.pid}/task/{self.child.pid}/children"

        def child_pid() -> int | None:
            with open(path) as children:
                found = children.read().split()
            return int(found[0]) if found else None

        return poll(child_pid)

    def is_raw(self) -> bool:
        """Whether the terminal neither echoes nor edits lines now."""
        local_modes = termios.tcgetattr(self.child.child_fd)[3]
        return not local_modes & (termios.ECHO | termios.ICANON)

    def wait_for_raw_mode(self) -> None:
        """Return once the command has put the terminal in raw mode."""
        poll(self.is_raw)

    def finish(self) -> int:
        """Wait for the command to end; return its exit status, and keep the
        terminal modes it left in ``modes_after``."""
        self.child.expect(_END)
        self.rest = self.child.before
        status, self.modes_after = self.child.match.groups()
        self.child.expect(pexpect.EOF)
        self.child.close()
        return int(status)

    def close(self) -> None:
        """End the session, if a failed test left it running."""
        self.child.close(force=True)
