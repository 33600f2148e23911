"""Hijacked HTTP connections: one request, then a raw two-way byte stream.

Attach and exec start as an HTTP request; the daemon answers ``101 UPGRADED``
(or ``200 OK`` on old daemons) and from then on the socket carries the
container's stdin one way and its output the other (Engine API reference,
"Hijacking"). requests cannot hand over such a socket cleanly, so this
module speaks the little HTTP it needs on a socket of its own.
"""

from __future__ import annotations

import http.client
import io
import socket
from dataclasses import dataclass, field
from typing import Any

from docker_cli.transport.connection import (
    ConnectionReader,
    PlainConnection,
    TLSConnection,
)
from docker_cli.transport.hosts import DaemonAddress

CHUNK_SIZE = 64 * 1024


def open_socket(address: DaemonAddress, timeout: float | None) -> socket.socket:
    """Connect to the daemon's unix socket, TCP port, or ssh tunnel."""
    if address.scheme == "ssh":
        from docker_cli.transport.ssh import open_ssh_socket

        return open_ssh_socket(address.host, address.port, address.user)
    if address.scheme == "unix":
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        try:
            sock.connect(address.path)
        except OSError:
            sock.close()
            raise
        return sock
    sock = socket.create_connection((address.host, address.port), timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def open_connection(address: DaemonAddress, timeout: float | None) -> PlainConnection:
    """A two-way connection to the daemon, inside TLS when configured."""
    sock = open_socket(address, timeout)
    if address.tls is None:
        return PlainConnection(sock)
    try:
        return TLSConnection(sock, address.tls.ssl_context(), address.host)
    except BaseException:
        sock.close()
        raise


@dataclass
class HijackedStream:
    """The raw connection left after the daemon accepted a hijack request."""

    connection: PlainConnection
    reader: io.BufferedReader[Any]
    status: int
    headers: http.client.HTTPMessage
    error_body: bytes = field(default=b"")

    @property
    def content_type(self) -> str:
        return self.headers.get("Content-Type", "")

    def read(self, size: int = CHUNK_SIZE) -> bytes:
        """Whatever arrived, up to size bytes; b"" at end of stream."""
        return self.reader.read1(size)

    def write(self, data: bytes) -> None:
        self.connection.sendall(data)

    def close_write(self) -> None:
        """Tell the daemon stdin is over, keeping the output side open."""
        self.connection.close_write()

    def shutdown(self) -> None:
        """End the connection both ways, waking up a blocked reader."""
        self.connection.shutdown()

    def close(self) -> None:
        self.reader.close()
        self.connection.close()


def hijack(
    address: DaemonAddress,
    method: str,
    target: str,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
    timeout: float | None = None,
) -> HijackedStream:
    """Send one request asking to upgrade the connection (to a raw stream
    unless ``headers`` ask for another protocol) and read the reply head.
    On an error status, the reply body is kept in ``error_body``."""
    connection = open_connection(address, timeout)
    fields = {
        "Host": "docker",
        "User-Agent": "dkr",
        "Connection": "Upgrade",
        "Upgrade": "tcp",
        "Content-Type": "application/json",
        "Content-Length": str(len(body)),
        **(headers or {}),
    }
    request = _request_head(method, target, fields) + body
    connection.sendall(request)
    connection.sock.settimeout(None)

    reader = io.BufferedReader(ConnectionReader(connection), CHUNK_SIZE)
    status = _read_status(reader)
    reply_headers = http.client.parse_headers(reader)
    stream = HijackedStream(connection, reader, status, reply_headers)
    if status not in (101, 200):
        stream.error_body = _read_error_body(reader, reply_headers)
    return stream


def _request_head(method: str, target: str, fields: dict[str, str]) -> bytes:
    lines = [f"{method} {target} HTTP/1.1"]
    lines += [f"{name}: {value}" for name, value in fields.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _read_status(reader: io.BufferedReader[Any]) -> int:
    line = reader.readline(65537).decode("latin-1")
    parts = line.split(None, 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/"):
        raise ConnectionError(f"malformed reply from the daemon: {line!r}")
    try:
        return int(parts[1])
    except ValueError:
        raise ConnectionError(f"malformed reply from the daemon: {line!r}") from None


def _read_error_body(
    reader: io.BufferedReader[Any], headers: http.client.HTTPMessage
) -> bytes:
    length = headers.get("Content-Length")
    if length is not None and length.isdigit():
        return reader.read(int(length))
    if "chunked" in headers.get("Transfer-Encoding", ""):
        return _read_chunked(reader)
    return reader.read(CHUNK_SIZE)


def _read_chunked(reader: io.BufferedReader[Any]) -> bytes:
    body = bytearray()
    while True:
        size_line = reader.readline(1024).split(b";", 1)[0].strip()
        size = int(size_line or b"0", 16)
        if size == 0:
            return bytes(body)
        body += reader.read(size)
        reader.readline(3)
