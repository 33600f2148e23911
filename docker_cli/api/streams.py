"""Container output streams as (stream, bytes) pieces, framed or raw."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from docker_cli.transport.frames import STDERR, STDOUT, Chunk, FrameDecoder
from docker_cli.transport.hijack import HijackedStream

__all__ = ["STDERR", "STDOUT", "Chunk", "HijackedStream", "demultiplex"]

MULTIPLEXED_TYPE = "application/vnd.docker.multiplexed-stream"
RAW_TYPE = "application/vnd.docker.raw-stream"


def is_multiplexed(tty: bool, legacy: bool, content_type: str = "") -> bool:
    """Whether the daemon frames this stream.

    With a TTY there is only one stream and no framing; the 2013 daemon
    never framed. Since API 1.42 the reply's content type says which; before
    that it always claimed a raw stream even when it was framed.
    """
    if content_type.startswith(MULTIPLEXED_TYPE):
        return True
    return not tty and not legacy


def demultiplex(chunks: Iterable[bytes], multiplexed: bool) -> Iterator[Chunk]:
    """Tag each piece of output with the stream it belongs to."""
    if not multiplexed:
        for chunk in chunks:
            yield STDOUT, chunk
        return
    decoder = FrameDecoder()
    for chunk in chunks:
        yield from decoder.feed(chunk)
