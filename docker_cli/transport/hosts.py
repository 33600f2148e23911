"""Parse daemon addresses given with -H or DOCKER_HOST."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from docker_cli.transport.tls import TLSConfig

DEFAULT_UNIX_SOCKET = "/var/run/docker.sock"
DEFAULT_TCP_PORT = 2375
DEFAULT_TLS_PORT = 2376


class HostError(ValueError):
    """A daemon address that cannot be understood."""


@dataclass(frozen=True)
class DaemonAddress:
    """Where the daemon listens: a unix socket path or a TCP host and port."""

    scheme: str
    path: str = ""
    host: str = ""
    port: int = 0
    tls: TLSConfig | None = None
    user: str = ""

    def __str__(self) -> str:
        if self.scheme == "unix":
            return f"unix://{self.path}"
        if self.scheme == "ssh":
            user = f"{self.user}@" if self.user else ""
            port = f":{self.port}" if self.port else ""
            host = f"[{self.host}]" if ":" in self.host else self.host
            return f"ssh://{user}{host}{port}"
        return f"tcp://{self.netloc}"

    @property
    def netloc(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    @property
    def base_url(self) -> str:
        """The URL prefix requests should use for this address."""
        if self.scheme in ("unix", "ssh"):
            return "http+docker://localhost"
        scheme = "https" if self.tls else "http"
        return f"{scheme}://{self.netloc}"


def parse_host(value: str | None, tls: TLSConfig | None = None) -> DaemonAddress:
    """Turn ``unix:///path``, ``tcp://host[:port]`` or ``host:port`` into an
    address; an empty value means the default unix socket. A TCP address
    without a port means 2375, or 2376 with TLS, as with docker."""
    value = (value or "").strip()
    if not value:
        return DaemonAddress("unix", path=DEFAULT_UNIX_SOCKET)
    if value.startswith("/"):
        return DaemonAddress("unix", path=value)
    if "://" not in value:
        value = "tcp://" + value

    scheme, rest = value.split("://", 1)
    if scheme == "unix":
        return DaemonAddress("unix", path=rest or DEFAULT_UNIX_SOCKET)
    if scheme in ("tcp", "http", "https"):
        return _parse_tcp(value, rest, tls)
    if scheme == "ssh":
        return _parse_ssh(value, rest)
    raise HostError(f"invalid bind address format: {value}")


def _parse_ssh(value: str, rest: str) -> DaemonAddress:
    try:
        parts = urlsplit("ssh://" + rest)
        port = parts.port or 0
    except ValueError:
        raise HostError(f"invalid SSH URL: {value}") from None
    if not parts.hostname or parts.path not in ("", "/") or parts.password:
        raise HostError(f"invalid SSH URL: {value}")
    return DaemonAddress(
        "ssh", host=parts.hostname, port=port, user=parts.username or ""
    )


def _parse_tcp(value: str, rest: str, tls: TLSConfig | None) -> DaemonAddress:
    try:
        parts = urlsplit("tcp://" + rest)
        port = parts.port or (DEFAULT_TLS_PORT if tls else DEFAULT_TCP_PORT)
    except ValueError:
        raise HostError(f"invalid bind address format: {value}") from None
    if parts.path not in ("", "/"):
        raise HostError(f"invalid bind address format: {value}")
    # docker fills in an empty host the same way: tcp:// and tcp://:2376.
    host = parts.hostname or "localhost"
    return DaemonAddress("tcp", host=host, port=port, tls=tls)
