"""Two-way byte connections to the daemon: a plain socket, or TLS driven
through memory buffers so that one thread may read while another writes.

Python's SSLSocket must not be used from two threads at once (a shutdown
while another thread reads can crash the interpreter), and it cannot send
a TLS close_notify while keeping the reading side open. An attach needs
both: stdin goes out from one thread while output comes in on another, and
end of input is a close_notify, as Go's tls.Conn.CloseWrite sends it.
"""

from __future__ import annotations

import contextlib
import io
import socket
import ssl
import threading

CHUNK_SIZE = 64 * 1024


class PlainConnection:
    """A connected socket with the interface TLSConnection also has."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock

    def recv(self, size: int) -> bytes:
        return self.sock.recv(size)

    def sendall(self, data: bytes) -> None:
        self.sock.sendall(data)

    def close_write(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_WR)

    def shutdown(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self.sock.close()


class TLSConnection(PlainConnection):
    """TLS over a socket, the TLS state guarded by a lock and never held
    while waiting for the network to bring data."""

    def __init__(
        self, sock: socket.socket, context: ssl.SSLContext, hostname: str
    ) -> None:
        super().__init__(sock)
        self._incoming = ssl.MemoryBIO()
        self._outgoing = ssl.MemoryBIO()
        self._tls = context.wrap_bio(
            self._incoming, self._outgoing, server_hostname=hostname
        )
        self._lock = threading.Lock()
        self._handshake()

    def recv(self, size: int) -> bytes:
        while True:
            with self._lock:
                try:
                    data = self._tls.read(size)
                except ssl.SSLWantReadError:
                    self._flush()
                except ssl.SSLZeroReturnError:
                    return b""
                else:
                    self._flush()
                    return data
            if not self._receive():
                return b""

    def sendall(self, data: bytes) -> None:
        with self._lock:
            self._tls.write(data)
            self._flush()

    def close_write(self) -> None:
        """Send close_notify and keep reading (OpenSSL allows reads after
        a one-sided shutdown, until the peer's own close_notify)."""
        with self._lock:
            with contextlib.suppress(ssl.SSLWantReadError, ssl.SSLError):
                self._tls.unwrap()
            self._flush()

    def _handshake(self) -> None:
        while True:
            try:
                self._tls.do_handshake()
            except ssl.SSLWantReadError:
                self._flush()
                if not self._receive():
                    raise ssl.SSLError("closed during the TLS handshake") from None
            else:
                self._flush()
                return

    def _receive(self) -> bool:
        """Move bytes from the network into the TLS engine; False at EOF."""
        data = self.sock.recv(CHUNK_SIZE)
        with self._lock:
            if data:
                self._incoming.write(data)
            else:
                self._incoming.write_eof()
        return bool(data)

    def _flush(self) -> None:
        data = self._outgoing.read()
        if data:
            self.sock.sendall(data)


class ConnectionReader(io.RawIOBase):
    """A connection as a raw stream, to put a BufferedReader on."""

    def __init__(self, connection: PlainConnection) -> None:
        self.connection = connection

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.connection.recv(len(buffer))
        buffer[: len(data)] = data
        return len(data)
