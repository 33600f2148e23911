"""A requests transport adapter for daemons that are not plain TCP: each
connection's socket comes from a function (a unix socket, or an ssh
process's standard streams)."""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

import requests.adapters
import urllib3.connection
import urllib3.connectionpool
import urllib3.exceptions

SocketFactory = Callable[[float | None], socket.socket]


class SocketHTTPConnection(urllib3.connection.HTTPConnection):
    """An HTTP connection over a socket that ``socket_factory`` opens."""

    def __init__(self, *args: Any, socket_factory: SocketFactory, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.socket_factory = socket_factory

    def _new_conn(self) -> socket.socket:
        # The one place that leans on urllib3 internals: urllib3 builds its
        # TCP socket in _new_conn(), and replacing it keeps every other part
        # of the connection (timeouts, keep-alive, chunked bodies) intact.
        # Checked on urllib3 1.26 and 2.0 to 2.7.
        timeout = self.timeout if isinstance(self.timeout, (int, float)) else None
        try:
            return self.socket_factory(timeout)
        except OSError as error:
            raise urllib3.exceptions.NewConnectionError(
                self, f"cannot connect: {error}"
            ) from error


class SocketConnectionPool(urllib3.connectionpool.HTTPConnectionPool):
    """A pool of keep-alive connections opened by one socket factory."""

    ConnectionCls = SocketHTTPConnection


class SocketAdapter(requests.adapters.HTTPAdapter):
    """Sends every request of a session through one socket factory."""

    def __init__(self, socket_factory: SocketFactory) -> None:
        self.socket_factory = socket_factory
        self._pool: SocketConnectionPool | None = None
        super().__init__()

    def get_connection_with_tls_context(
        self, request: Any, verify: Any, proxies: Any = None, cert: Any = None
    ) -> SocketConnectionPool:
        return self._socket_pool()

    def get_connection(self, url: Any, proxies: Any = None) -> SocketConnectionPool:
        return self._socket_pool()

    def request_url(self, request: Any, proxies: Any) -> str:
        return str(request.path_url)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
        super().close()

    def _socket_pool(self) -> SocketConnectionPool:
        if self._pool is None:
            self._pool = SocketConnectionPool(
                "localhost", maxsize=4, socket_factory=self.socket_factory
            )
        return self._pool
