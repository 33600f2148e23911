"""Exceptions the API layer raises, built from what the daemon said."""

from __future__ import annotations

import json


class DockerError(Exception):
    """Anything that went wrong talking to the daemon."""


class DaemonUnreachable(DockerError):
    """Nothing answers at the daemon address."""

    def __init__(self, host: str) -> None:
        super().__init__(
            f"Cannot connect to the Docker daemon at {host}. "
            "Is the docker daemon running?"
        )
        self.host = host


class ProtocolError(DockerError):
    """The daemon answered something dkr cannot read."""


class APIError(DockerError):
    """The daemon refused a request; ``message`` is its own explanation."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class NotFound(APIError):
    """404: no such container, image or endpoint."""


class Conflict(APIError):
    """409: a name in use, a running container, an image in use."""


class StreamError(DockerError):
    """An error reported inside a progress stream (pull, push, build);
    ``code`` is the status the daemon gave with it, as a failed build
    step's exit code."""

    def __init__(self, message: str, code: int = 0) -> None:
        super().__init__(message)
        self.code = code


def error_from_response(status: int, body: bytes) -> APIError:
    """Map an error reply to an exception, preferring the JSON ``message``
    of current daemons and falling back to the plain text of old ones."""
    message = _message_of(body) or f"HTTP {status}"
    if status == 404:
        return NotFound(status, message)
    if status == 409:
        return Conflict(status, message)
    return APIError(status, message)


def _message_of(body: bytes) -> str:
    text = body.decode("utf-8", "replace").strip()
    try:
        decoded = json.loads(text)
    except ValueError:
        return text
    if isinstance(decoded, dict) and isinstance(decoded.get("message"), str):
        return str(decoded["message"]).strip()
    return text
