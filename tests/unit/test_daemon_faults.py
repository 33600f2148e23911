"""What dkr says when the daemon misbehaves: one clear line, no traceback."""

from __future__ import annotations

from tests.fakedaemon import FakeDaemon
from tests.unit.conftest import Runner


def test_malformed_json(dkr: Runner, fake: FakeDaemon):
    """A reply that is not JSON is reported as such, with status 1."""
    fake.fault, fake.fault_match = "malformed-json", "containers/json"

    result = dkr("ps")

    assert result.returncode == 1
    assert result.stderr == (b"the daemon sent a reply that is not JSON: '{\"Id\": '\n")


def test_dropped_connection(dkr: Runner, fake: FakeDaemon):
    """A connection closed without an answer is not mistaken for no daemon."""
    fake.fault, fake.fault_match = "drop", "containers/json"

    result = dkr("ps")

    assert result.returncode == 1
    message = result.stderr.decode()
    assert message.startswith("error during connect: the daemon at unix://")
    assert message.endswith("closed the connection without answering\n")


def test_server_error(dkr: Runner, fake: FakeDaemon):
    """A 500 with a text body shows the daemon's words."""
    fake.fault, fake.fault_match = "500", "containers/json"

    result = dkr("ps")

    assert result.returncode == 1
    assert result.stderr == b"Error response from daemon: Internal server error: boom\n"


def test_no_daemon(dkr: Runner, fake: FakeDaemon):
    """Nothing listening at the socket: docker's sentence, status 1."""
    fake.stop()

    result = dkr("ps")

    assert result.returncode == 1
    assert result.stderr.decode() == (
        f"Cannot connect to the Docker daemon at {fake.url}. "
        "Is the docker daemon running?\n"
    )


def test_run_fails_with_125(dkr: Runner, fake: FakeDaemon):
    """run reports a daemon failure with status 125 and a pointer to --help."""
    fake.fault, fake.fault_match = "500", "containers/create"

    result = dkr("run", "busybox", "true")

    assert result.returncode == 125
    assert result.stderr.decode().splitlines() == [
        "dkr: Error response from daemon: Internal server error: boom",
        "",
        "Run 'dkr run --help' for more information",
    ]


def test_create_fails_with_1(dkr: Runner, fake: FakeDaemon):
    """create, like docker's, reports the daemon's refusal plainly, status 1."""
    fake.fault, fake.fault_match = "500", "containers/create"

    result = dkr("create", "busybox")

    assert result.returncode == 1
    assert result.stderr == b"Error response from daemon: Internal server error: boom\n"


def test_fixed_api_version_skips_negotiation(dkr: Runner, fake: FakeDaemon):
    """DOCKER_API_VERSION is used as given, without asking the daemon."""
    dkr("ps", extra_env={"DOCKER_API_VERSION": "1.24"})

    paths = [request.path for request in fake.requests]
    assert paths == ["/v1.24/containers/json"]
