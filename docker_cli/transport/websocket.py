"""WebSocket framing (RFC 6455) over a hijacked connection, for the
``attach/ws`` endpoint."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import struct

from docker_cli.transport.hijack import HijackedStream

# RFC 6455 section 1.3: the server proves it read our key with this GUID.
_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
TEXT, BINARY, CLOSE, PING, PONG = 0x1, 0x2, 0x8, 0x9, 0xA


class WebSocketError(ConnectionError):
    """The peer broke the WebSocket protocol."""


def handshake_headers() -> tuple[dict[str, str], str]:
    """The upgrade request headers, and the accept value the reply must carry."""
    key = base64.b64encode(os.urandom(16)).decode()
    headers = {
        "Connection": "Upgrade",
        "Upgrade": "websocket",
        "Sec-WebSocket-Key": key,
        "Sec-WebSocket-Version": "13",
        "Origin": "http://localhost",
    }
    return headers, accept_value(key)


def accept_value(key: str) -> str:
    digest = hashlib.sha1((key + _GUID).encode()).digest()
    return base64.b64encode(digest).decode()


class WebSocket:
    """Messages over an upgraded connection: binary or text payloads in,
    masked binary frames out (clients must mask, RFC 6455 section 5.3)."""

    def __init__(self, stream: HijackedStream, expected_accept: str) -> None:
        accept = stream.headers.get("Sec-WebSocket-Accept", "")
        if stream.status != 101 or accept != expected_accept:
            stream.close()
            raise WebSocketError("the daemon did not accept the WebSocket upgrade")
        self.stream = stream

    def receive(self) -> bytes | None:
        """The next message's payload; None once the peer closed."""
        while True:
            opcode, payload = self._read_frame()
            if opcode in (TEXT, BINARY, 0x0):
                return payload
            if opcode == CLOSE:
                return None
            if opcode == PING:
                self._send_frame(PONG, payload)

    def send(self, data: bytes) -> None:
        self._send_frame(BINARY, data)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._send_frame(CLOSE, struct.pack(">H", 1000))
        self.stream.close()

    def _send_frame(self, opcode: int, payload: bytes) -> None:
        mask = os.urandom(4)
        header = bytes([0x80 | opcode])
        length = len(payload)
        if length < 126:
            header += bytes([0x80 | length])
        elif length < 1 << 16:
            header += bytes([0x80 | 126]) + struct.pack(">H", length)
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", length)
        masked = bytes(byte ^ mask[i % 4] for i, byte in enumerate(payload))
        self.stream.write(header + mask + masked)

    def _read_frame(self) -> tuple[int, bytes]:
        first, second = self._read_exact(2)
        length = second & 0x7F
        if length == 126:
            (length,) = struct.unpack(">H", self._read_exact(2))
        elif length == 127:
            (length,) = struct.unpack(">Q", self._read_exact(8))
        mask = self._read_exact(4) if second & 0x80 else b""
        payload = self._read_exact(length)
        if mask:
            payload = bytes(byte ^ mask[i % 4] for i, byte in enumerate(payload))
        return first & 0x0F, payload

    def _read_exact(self, size: int) -> bytes:
        data = self.stream.reader.read(size)
        if len(data) < size:
            raise WebSocketError("connection closed in the middle of a frame")
        return data
