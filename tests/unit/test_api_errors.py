"""Error replies of the daemon turned into exceptions."""

from __future__ import annotations

import pytest

from docker_cli.api.errors import (
    APIError,
    Conflict,
    DaemonUnreachable,
    DockerError,
    NotFound,
    error_from_response,
)


@pytest.mark.parametrize(
    ("status", "body", "cls", "message"),
    [
        (
            404,
            b'{"message":"No such container: web"}',
            NotFound,
            "No such container: web",
        ),
        (
            409,
            b'{"message":"Conflict. The container name \\"/web\\" is already in use"}',
            Conflict,
            'Conflict. The container name "/web" is already in use',
        ),
        (500, b'{"message":"  padded\\n"}', APIError, "padded"),
        (400, b'{"message":"bad"}\n', APIError, "bad"),
        (
            404,
            b"No such image: busybox:nope\n",
            NotFound,
            "No such image: busybox:nope",
        ),
        (
            500,
            b"plain text from an old daemon",
            APIError,
            "plain text from an old daemon",
        ),
        (500, b"", APIError, "HTTP 500"),
        (404, b"  \n", NotFound, "HTTP 404"),
        (500, b'{"error":"no message key"}', APIError, '{"error":"no message key"}'),
        (500, b'{"message":42}', APIError, '{"message":42}'),
        (500, b"[1, 2]", APIError, "[1, 2]"),
        (500, b"caf\xe9", APIError, "caf\ufffd"),
    ],
)
def test_error_from_response(
    status: int, body: bytes, cls: type[APIError], message: str
) -> None:
    """The JSON message is preferred, then the plain text, then the status."""
    error = error_from_response(status, body)

    assert type(error) is cls
    assert error.status == status
    assert error.message == message
    assert str(error) == message


@pytest.mark.parametrize("status", [400, 401, 403, 500, 503])
def test_other_statuses_are_plain_api_errors(status: int) -> None:
    """Only 404 and 409 have their own classes."""
    assert type(error_from_response(status, b"x")) is APIError


def test_error_classes_share_one_base() -> None:
    """Catching DockerError catches every failure of the API layer."""
    assert issubclass(NotFound, APIError)
    assert issubclass(Conflict, APIError)
    assert issubclass(APIError, DockerError)
    assert issubclass(DaemonUnreachable, DockerError)


def test_daemon_unreachable_message() -> None:
    """The message is docker's own, naming the address tried."""
    error = DaemonUnreachable("unix:///var/run/docker.sock")

    assert str(error) == (
        "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. "
        "Is the docker daemon running?"
    )
    assert error.host == "unix:///var/run/docker.sock"
