"""A requests transport adapter that speaks HTTP over a unix socket."""

from __future__ import annotations

import socket
from typing import Any

import requests.adapters
import urllib3.connection
import urllib3.connectionpool


class UnixHTTPConnection(urllib3.connection.HTTPConnection):
    """An HTTP connection whose socket is a unix stream socket."""

    def __init__(self, *args: Any, socket_path: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.socket_path = socket_path

    def _new_conn(self) -> socket.socket:
        # The one place that leans on urllib3 internals: urllib3 builds its
        # TCP socket in _new_conn(), and replacing it keeps every other part
        # of the connection (timeouts, keep-alive, chunked bodies) intact.
        # Checked on urllib3 1.26 and 2.0 to 2.7.
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        if isinstance(self.timeout, (int, float)):
            sock.settimeout(self.timeout)
        try:
            sock.connect(self.socket_path)
        except OSError as error:
            sock.close()
            raise urllib3.exceptions.NewConnectionError(
                self, f"cannot connect to {self.socket_path}: {error}"
            ) from error
        return sock


class UnixConnectionPool(urllib3.connectionpool.HTTPConnectionPool):
    """A pool of keep-alive connections to one unix socket."""

    ConnectionCls = UnixHTTPConnection


class UnixAdapter(requests.adapters.HTTPAdapter):
    """Sends every request of a session to one unix socket."""

    def __init__(self, socket_path: str) -> None:
        self.socket_path = socket_path
        self._pool: UnixConnectionPool | None = None
        super().__init__()

    def get_connection_with_tls_context(
        self, request: Any, verify: Any, proxies: Any = None, cert: Any = None
    ) -> UnixConnectionPool:
        return self._unix_pool()

    def get_connection(self, url: Any, proxies: Any = None) -> UnixConnectionPool:
        return self._unix_pool()

    def request_url(self, request: Any, proxies: Any) -> str:
        return str(request.path_url)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
        super().close()

    def _unix_pool(self) -> UnixConnectionPool:
        if self._pool is None:
            self._pool = UnixConnectionPool(
                "localhost", maxsize=4, socket_path=self.socket_path
            )
        return self._pool
