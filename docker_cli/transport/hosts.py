"""Parse daemon addresses given with -H or DOCKER_HOST."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

DEFAULT_UNIX_SOCKET = "/var/run/docker.sock"
DEFAULT_TCP_PORT = 2375


class HostError(ValueError):
    """A daemon address that cannot be understood."""


@dataclass(frozen=True)
class DaemonAddress:
    """Where the daemon listens: a unix socket path or a TCP host and port."""

    scheme: str
    path: str = ""
    host: str = ""
    port: int = 0

    def __str__(self) -> str:
        if self.scheme == "unix":
            return f"unix://{self.path}"
        return f"tcp://{self.netloc}"

    @property
    def netloc(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    @property
    def base_url(self) -> str:
        """The URL prefix requests should use for this address."""
        if self.scheme == "unix":
            return "http+unix://localhost"
        return f"http://{self.netloc}"


def parse_host(value: str | None) -> DaemonAddress:
    """Turn ``unix:///path``, ``tcp://host[:port]`` or ``host:port`` into an
    address; an empty value means the default unix socket."""
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
    if scheme in ("tcp", "http"):
        return _parse_tcp(value, rest)
    if scheme == "ssh":
        # TODO: ssh:// needs a `docker system dial-stdio` tunnel; not built yet.
        raise HostError(f"ssh hosts are not supported yet: {value}")
    raise HostError(f"invalid bind address format: {value}")


def _parse_tcp(value: str, rest: str) -> DaemonAddress:
    try:
        parts = urlsplit("tcp://" + rest)
        port = parts.port or DEFAULT_TCP_PORT
    except ValueError:
        raise HostError(f"invalid bind address format: {value}") from None
    if parts.path not in ("", "/"):
        raise HostError(f"invalid bind address format: {value}")
    # docker fills in an empty host the same way: tcp:// and tcp://:2376.
    return DaemonAddress("tcp", host=parts.hostname or "localhost", port=port)
