"""Decode a stream of JSON values as the bytes arrive (pull, push, events)."""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterable, Iterator
from typing import Any

_decoder = json.JSONDecoder()


class MalformedStream(ValueError):
    """The stream ended inside, or instead of, a JSON value."""


def iter_json(chunks: Iterable[bytes]) -> Iterator[Any]:
    """Yield each JSON value in the byte stream as soon as it is complete.

    Values may be separated by newlines (current daemons) or simply follow
    each other (the 2013 daemon); a chunk may end in the middle of a value or
    of a UTF-8 character.
    """
    text = codecs.getincrementaldecoder("utf-8")("replace")
    buffer = ""
    for chunk in chunks:
        buffer += text.decode(chunk)
        values, buffer = _split_values(buffer)
        yield from values
    buffer += text.decode(b"", final=True)
    if buffer.strip():
        try:
            yield _decoder.decode(buffer)
            return
        except json.JSONDecodeError:
            pass
        raise MalformedStream(f"unexpected data at end of stream: {buffer[:80]!r}")


def _split_values(buffer: str) -> tuple[list[Any], str]:
    values: list[Any] = []
    position = 0
    while True:
        position = _skip_space(buffer, position)
        if position == len(buffer):
            return values, ""
        try:
            value, end = _decoder.raw_decode(buffer, position)
        except json.JSONDecodeError:
            return values, buffer[position:]
        if end == len(buffer) and buffer[position] not in '{["':
            # A bare number or literal at the end may go on in the next chunk.
            return values, buffer[position:]
        values.append(value)
        position = end


def _skip_space(buffer: str, position: int) -> int:
    while position < len(buffer) and buffer[position] in " \t\r\n":
        position += 1
    return position
