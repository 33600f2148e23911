"""Showing the daemon's JSON progress messages (pull, push, import).

On a terminal each layer keeps its own line, rewritten in place as its
progress changes; elsewhere progress-bar updates are left out and every
other message is printed once. This is the docker CLI's own protocol
(its jsonmessage package), reproduced so that the screen and the piped
text are what docker users know.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

from docker_cli.api.errors import StreamError

Message = dict[str, Any]


def raise_if_error(message: Message) -> None:
    """Raise StreamError when the daemon reports a failure in the stream."""
    detail = message.get("errorDetail") or {}
    error = message.get("error") or detail.get("message")
    if error:
        raise StreamError(str(error), int(detail.get("code") or 0))


def show_progress(messages: Iterable[Message], out: TextIO, terminal: bool) -> Message:
    """Print each message as docker does; return the last one."""
    lines: dict[str, int] = {}
    last: Message = {}
    for message in messages:
        raise_if_error(message)
        last = message
        if "aux" in message and not message.get("status"):
            continue  # data for the client (a digest, an id), not a line
        if "stream" in message:
            out.write(str(message["stream"]))  # builder output, newlines and all
        elif terminal:
            _show_on_terminal(message, lines, out)
        elif not message.get("progress"):
            out.write(_text(message, with_progress=False) + "\n")
        out.flush()
    return last


def _show_on_terminal(message: Message, lines: dict[str, int], out: TextIO) -> None:
    """A message about a layer rewrites that layer's line: move up to it,
    clear it, write, move back down. Any other message starts afresh."""
    identifier = str(message.get("id") or "")
    if not identifier or not _has_progress(message):
        lines.clear()
        out.write(_text(message, with_progress=False) + "\n")
        return

    if identifier not in lines:
        lines[identifier] = len(lines)
        out.write("\n")
    distance = len(lines) - lines[identifier]
    out.write(f"\x1b[{distance}A\x1b[2K\r{_text(message, with_progress=True)}\r")
    out.write(f"\x1b[{distance}B")


def _has_progress(message: Message) -> bool:
    return "progressDetail" in message or bool(message.get("progress"))


def _text(message: Message, with_progress: bool) -> str:
    text = f"{message['id']}: " if message.get("id") else ""
    text += str(message.get("status", ""))
    if with_progress and message.get("progress"):
        text += " " + str(message["progress"])
    return text
