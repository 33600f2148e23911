"""An attached session: container output to our stdout and stderr, our stdin
to the container, until the stream ends or the user types the detach keys."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from docker_cli.api.streams import STDERR, HijackedStream, demultiplex
from docker_cli.cli.terminal import raw_terminal, terminal_size

CHUNK_SIZE = 64 * 1024


@dataclass
class SessionOptions:
    """How to run one attached session."""

    tty: bool
    multiplexed: bool
    send_stdin: bool
    detach_keys: bytes = b"\x10\x11"


def attach_session(stream: HijackedStream, options: SessionOptions) -> bool:
    """Copy both ways until the container's output ends; return True when the
    user detached instead. The terminal is raw for a TTY session that reads
    a terminal, and restored however the session ends."""
    detached = threading.Event()
    raw = options.tty and options.send_stdin
    with raw_terminal(raw):
        if options.send_stdin:
            keys = options.detach_keys if sys.stdin.isatty() else b""
            _start_stdin_pump(stream, keys, detached)
        try:
            _copy_output(stream, options.multiplexed)
        except OSError:
            if not detached.is_set():
                raise
        finally:
            stream.close()
    return detached.is_set()


def _copy_output(stream: HijackedStream, multiplexed: bool) -> None:
    out, err = sys.stdout.buffer, sys.stderr.buffer
    for number, data in demultiplex(iter(stream.read, b""), multiplexed):
        target = err if number == STDERR else out
        target.write(data)
        target.flush()


def _start_stdin_pump(
    stream: HijackedStream, detach_keys: bytes, detached: threading.Event
) -> None:
    """Copy stdin in the background. At end of input, half-close so the
    container sees EOF; on the detach keys, drop the connection."""
    scanner = DetachScanner(detach_keys)

    def pump() -> None:
        fd = sys.stdin.fileno()
        try:
            while chunk := os.read(fd, CHUNK_SIZE):
                data, detach = scanner.feed(chunk)
                if data:
                    stream.write(data)
                if detach:
                    detached.set()
                    stream.shutdown()
                    return
        except OSError:
            return
        stream.close_write()

    threading.Thread(target=pump, daemon=True).start()


class DetachScanner:
    """Finds the detach key sequence in typed input. Keys that might begin
    the sequence are held back until the next key shows whether they do."""

    def __init__(self, keys: bytes) -> None:
        self.keys = keys
        self._held = b""

    def feed(self, data: bytes) -> tuple[bytes, bool]:
        """Return the bytes to send on, and whether the user detached."""
        if not self.keys:
            return data, False
        passed = bytearray()
        for byte in data:
            self._held += bytes([byte])
            if self._held == self.keys:
                self._held = b""
                return bytes(passed), True
            if not self.keys.startswith(self._held):
                # The newest key may still start the sequence afresh.
                passed += self._held[:-1]
                last = self._held[-1:]
                self._held = last if self.keys.startswith(last) else b""
                if not self._held:
                    passed += last
        return bytes(passed), False


ResizeFunction = Callable[[int, int], None]


@contextlib.contextmanager
def follow_window_size(resize: ResizeFunction | None) -> Iterator[None]:
    """Tell the daemon our terminal size now and at every window change."""
    if resize is None or terminal_size() is None:
        yield
        return

    def send() -> None:
        size = terminal_size()
        if size is not None:
            with contextlib.suppress(Exception):
                resize(*size)

    send()
    previous = signal.signal(
        signal.SIGWINCH,
        lambda number, frame: threading.Thread(target=send, daemon=True).start(),
    )
    try:
        yield
    finally:
        signal.signal(signal.SIGWINCH, previous)
