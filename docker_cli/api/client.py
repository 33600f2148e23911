"""The session with one daemon: addressing, version negotiation, errors."""

from __future__ import annotations

import json
import logging
import ssl
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlencode

import requests

from docker_cli.api.errors import (
    DaemonUnreachable,
    DockerError,
    ProtocolError,
    error_from_response,
)
from docker_cli.transport import hijack as hijacking
from docker_cli.transport.hosts import DaemonAddress, HostError, parse_host
from docker_cli.transport.tls import TLSConfig

__all__ = ["Client", "TLSConfig"]
from docker_cli.transport.jsonstream import MalformedStream, iter_json

log = logging.getLogger(__name__)

# The newest Engine API version dkr knows; the Go docker CLI 28.2 speaks 1.50.
MAX_API_VERSION = "1.50"
CHUNK_SIZE = 64 * 1024
Params = dict[str, Any]


def version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def lower_version(first: str, second: str) -> str:
    return min(first, second, key=version_tuple)


class Client:
    """Talks to one daemon.

    The API version is settled on the first call: ``api_version`` when the
    user fixed one (DOCKER_API_VERSION), else the daemon's own version capped
    at MAX_API_VERSION. A daemon that reports no API version speaks the
    unversioned 2013 dialect (Remote API v1.2): ``legacy`` is then true and
    paths carry no ``/vX.Y`` prefix.
    """

    def __init__(
        self,
        address: DaemonAddress,
        api_version: str | None = None,
        timeout: float | None = None,
    ) -> None:
        self.address = address
        self.timeout = timeout
        self._version: str | None = api_version
        self._negotiated = api_version is not None
        self._session: requests.Session | None = None

    @classmethod
    def from_host(
        cls,
        host: str | None,
        api_version: str | None = None,
        tls: TLSConfig | None = None,
    ) -> Client:
        """A client for ``-H``/DOCKER_HOST text; the default socket if None."""
        try:
            address = parse_host(host, tls)
            missing = tls.missing_file() if tls else None
            if missing:
                raise HostError(f"open {missing}: no such file or directory")
        except HostError as error:
            raise DockerError(
                f"Failed to initialize: unable to resolve docker endpoint: {error}"
            ) from None
        return cls(address, api_version)

    @property
    def api_version(self) -> str | None:
        """The version in use, or None for the 2013 dialect."""
        self._negotiate()
        return self._version

    @property
    def legacy(self) -> bool:
        return self.api_version is None

    def at_least(self, version: str) -> bool:
        current = self.api_version
        return current is not None and version_tuple(current) >= version_tuple(version)

    # -- requests ---------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        params: Params | None = None,
        *,
        stream: bool = False,
        versioned: bool = True,
        **kwargs: Any,
    ) -> requests.Response:
        """Send one request; raise the mapped APIError on an error status."""
        url = self._url(path, versioned)
        started = time.monotonic()
        try:
            response = self._http().request(
                method,
                url,
                params=_clean(params),
                stream=stream,
                timeout=self.timeout,
                **kwargs,
            )
        except requests.exceptions.ConnectionError as error:
            raise self._connection_error(error) from error
        except requests.exceptions.RequestException as error:
            raise DockerError(f"error during connect: {error}") from error

        elapsed = (time.monotonic() - started) * 1000
        target = response.request.path_url
        log.debug(
            "%s %s -> %s (%.0f ms)", method, target, response.status_code, elapsed
        )
        if response.status_code >= 400:
            raise error_from_response(response.status_code, response.content)
        return response

    def get_json(self, path: str, params: Params | None = None) -> Any:
        return self._json(self.request("GET", path, params))

    def post_json(
        self, path: str, params: Params | None = None, body: Any = None
    ) -> Any:
        response = self.request("POST", path, params, json=body)
        return self._json(response) if response.content.strip() else None

    def stream_json(self, response: requests.Response) -> Iterator[Any]:
        """Decode a progress stream value by value, as it arrives."""
        try:
            yield from iter_json(self.iter_bytes(response))
        except MalformedStream as error:
            raise ProtocolError(str(error)) from error

    def iter_bytes(self, response: requests.Response) -> Iterator[bytes]:
        """The body of a streamed response, chunk by chunk."""
        try:
            yield from response.raw.stream(CHUNK_SIZE, decode_content=True)
        except (requests.exceptions.RequestException, OSError) as error:
            raise ProtocolError(f"connection to the daemon lost: {error}") from error
        except Exception as error:  # urllib3 errors: ProtocolError, ReadTimeout
            raise ProtocolError(f"connection to the daemon lost: {error}") from error
        finally:
            response.close()

    def hijack(
        self,
        path: str,
        params: Params | None = None,
        body: Any = None,
        *,
        method: str = "POST",
        headers: dict[str, str] | None = None,
    ) -> hijacking.HijackedStream:
        """Send a request that turns the connection into a raw stream."""
        target = self._url(path, versioned=True, with_base=False)
        query = urlencode(_clean(params) or {})
        if query:
            target += "?" + query
        payload = json.dumps(body).encode() if body is not None else b""
        try:
            stream = hijacking.hijack(
                self.address, method, target, payload, headers=headers
            )
        except ssl.SSLError as error:
            raise DockerError(
                f"error during connect: TLS handshake failed: {error}"
            ) from error
        except OSError as error:
            raise DaemonUnreachable(str(self.address)) from error
        log.debug("%s %s -> %s (hijacked)", method, target, stream.status)
        if stream.status >= 400:
            stream.close()
            raise error_from_response(stream.status, stream.error_body)
        return stream

    def fork(self) -> Client:
        """A client with its own connections, for use from another thread;
        it keeps the version already settled."""
        self._negotiate()
        twin = Client(self.address, self._version, self.timeout)
        twin._negotiated = True
        return twin

    def close(self) -> None:
        if self._session is not None:
            self._session.close()

    # -- internals ---------------------------------------------------------

    def _negotiate(self) -> None:
        if self._negotiated:
            return
        self._negotiated = True
        daemon_version = self._ping_version() or self._version_endpoint()
        if daemon_version:
            self._version = lower_version(daemon_version, MAX_API_VERSION)
        log.debug("API version: %s", self._version or "unversioned (v1.2 dialect)")

    def _ping_version(self) -> str | None:
        try:
            response = self.request("GET", "/_ping", versioned=False)
        except DaemonUnreachable:
            raise
        except DockerError:
            return None
        return response.headers.get("Api-Version")

    def _version_endpoint(self) -> str | None:
        info = self._json(self.request("GET", "/version", versioned=False))
        version = info.get("ApiVersion") if isinstance(info, dict) else None
        return str(version) if version else None

    def _url(self, path: str, versioned: bool, with_base: bool = True) -> str:
        base = self.address.base_url if with_base else ""
        if versioned:
            self._negotiate()
            if self._version is not None:
                return f"{base}/v{self._version}{path}"
        return base + path

    def _http(self) -> requests.Session:
        if self._session is None:
            self._session = requests.Session()
            self._session.headers["User-Agent"] = "dkr"
            # Settings from the environment (proxies, REQUESTS_CA_BUNDLE)
            # would override the TLS files the user named for the daemon.
            self._session.trust_env = False
            if self.address.scheme in ("unix", "ssh"):
                from docker_cli.transport.adapter import SocketAdapter
                from docker_cli.transport.hijack import open_socket

                address = self.address
                adapter = SocketAdapter(lambda timeout: open_socket(address, timeout))
                self._session.mount("http+docker://", adapter)
            elif self.address.tls is not None:
                self._session.verify = self.address.tls.requests_verify()
                self._session.cert = self.address.tls.requests_cert()
                if not self.address.tls.verify:
                    # --tls without --tlsverify: the user chose not to check
                    # the daemon, so urllib3's warning on each request is noise.
                    import urllib3

                    urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
        return self._session

    def _connection_error(self, error: Exception) -> DockerError:
        log.debug("connection error: %r", error)
        if isinstance(error, requests.exceptions.SSLError):
            return DockerError(f"error during connect: TLS handshake failed: {error}")
        if self.address.scheme == "ssh":
            from docker_cli.transport.ssh import last_failure

            failure = last_failure()
            if failure:
                return DockerError(f"error during connect: {failure}")
        if _never_connected(error):
            return DaemonUnreachable(str(self.address))
        return ProtocolError(
            f"error during connect: the daemon at {self.address} closed "
            "the connection without answering"
        )

    def decode_json(self, response: requests.Response) -> Any:
        """The JSON body of a response, reading it to the end if streamed."""
        try:
            return self._json(response)
        except requests.exceptions.RequestException as error:
            raise ProtocolError(f"connection to the daemon lost: {error}") from error

    @staticmethod
    def _json(response: requests.Response) -> Any:
        try:
            return response.json()
        except ValueError as error:
            snippet = response.text[:80]
            raise ProtocolError(
                f"the daemon sent a reply that is not JSON: {snippet!r}"
            ) from error


def _never_connected(error: BaseException) -> bool:
    """True when the socket could not even be opened (as opposed to a
    connection the daemon dropped mid-way)."""
    from urllib3.exceptions import NewConnectionError

    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, NewConnectionError):
            return True
        reason = getattr(cause, "reason", None)
        if isinstance(reason, BaseException) and reason is not cause:
            cause = reason
            continue
        cause = cause.__cause__ or cause.__context__
    return False


def _clean(params: Params | None) -> Params | None:
    """Drop unset query parameters and spell booleans as the daemon wants."""
    if params is None:
        return None
    cleaned: Params = {}
    for key, value in params.items():
        if value is None:
            continue
        cleaned[key] = ("1" if value else "0") if isinstance(value, bool) else value
    return cleaned


def quote_name(name: str) -> str:
    """Escape a container or image name for use inside a URL path."""
    return quote(name, safe=":@")
