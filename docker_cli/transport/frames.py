"""Split the multiplexed attach and logs stream into its stdout and stderr.

Without a TTY the daemon wraps output in frames: an 8-byte header (stream
type, three zero bytes, big-endian payload length) and the payload. See the
Engine API reference, "Attach to a container", section "Stream format".
"""

from __future__ import annotations

STDIN = 0
STDOUT = 1
STDERR = 2
SYSTEMERR = 3
HEADER_SIZE = 8

Chunk = tuple[int, bytes]


class FrameDecoder:
    """Incremental decoder: feed it bytes as they arrive, get (stream, bytes).

    A payload is handed out as soon as any of it arrived, so a large frame
    never has to sit in memory whole, and headers split across reads are
    stitched together.
    """

    def __init__(self) -> None:
        self._header = bytearray()
        self._stream = STDOUT
        self._remaining = 0

    @property
    def in_frame(self) -> bool:
        """True while a header or payload is only partly received."""
        return bool(self._header) or self._remaining > 0

    def feed(self, data: bytes) -> list[Chunk]:
        chunks: list[Chunk] = []
        view = memoryview(data)
        while view:
            if self._remaining == 0:
                view = self._take_header(view)
                continue
            payload = view[: self._remaining]
            view = view[len(payload) :]
            self._remaining -= len(payload)
            chunks.append((self._stream, bytes(payload)))
        return chunks

    def _take_header(self, view: memoryview) -> memoryview:
        needed = HEADER_SIZE - len(self._header)
        self._header += view[:needed]
        if len(self._header) == HEADER_SIZE:
            self._stream = self._header[0]
            self._remaining = int.from_bytes(self._header[4:8], "big")
            self._header.clear()
        return view[needed:]


def encode_frame(stream: int, payload: bytes) -> bytes:
    """Build one frame; the inverse of FrameDecoder, used by tests and fakes."""
    header = bytes([stream, 0, 0, 0]) + len(payload).to_bytes(4, "big")
    return header + payload
