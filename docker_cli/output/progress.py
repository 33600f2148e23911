"""Showing the daemon's JSON progress messages (pull, push, import).

On a terminal each layer keeps its own line, rewritten in place as its
progress changes; elsewhere only the lines without a progress bar are
printed, once each. This is the behaviour of the docker CLI, whose users
and scripts rely on both forms, so it is reproduced here rather than
drawn with a progress-bar library.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

from docker_cli.api.errors import StreamError


def show_progress(
    messages: Iterable[dict[str, Any]], out: TextIO, terminal: bool
) -> dict[str, Any]:
    """Print each message; return the last one. Raise StreamError when the
    daemon reports an error inside the stream."""
    lines: dict[str, int] = {}
    last: dict[str, Any] = {}
    for message in messages:
        raise_if_error(message)
        last = message
        if terminal and message.get("id") and "stream" not in message:
            _rewrite_line(message, lines, out)
        else:
            _print_message(message, out, terminal)
        out.flush()
    return last


def raise_if_error(message: dict[str, Any]) -> None:
    detail = message.get("errorDetail") or {}
    error = message.get("error") or detail.get("message")
    if error:
        raise StreamError(str(error))


def _print_message(message: dict[str, Any], out: TextIO, terminal: bool) -> None:
    if not terminal and _progress_text(message):
        return
    if "stream" in message:
        out.write(str(message["stream"]))
        return
    out.write(_line(message, terminal) + "\n")


def _line(message: dict[str, Any], terminal: bool) -> str:
    text = f"{message['id']}: " if message.get("id") else ""
    text += str(message.get("status", ""))
    progress = _progress_text(message)
    if terminal and progress:
        text += " " + progress
    return text


def _progress_text(message: dict[str, Any]) -> str:
    return str(message.get("progress") or "")


def _rewrite_line(message: dict[str, Any], lines: dict[str, int], out: TextIO) -> None:
    """Each id owns a line; move the cursor up to it, rewrite it, come back."""
    identifier = str(message["id"])
    if identifier not in lines:
        lines[identifier] = len(lines)
        out.write(_line(message, terminal=True) + "\n")
        return
    distance = len(lines) - lines[identifier]
    out.write(f"\x1b[{distance}A\r\x1b[2K{_line(message, terminal=True)}")
    out.write(f"\r\x1b[{distance}B")
