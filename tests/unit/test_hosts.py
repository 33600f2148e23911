"""Daemon addresses from -H and DOCKER_HOST, compared with what docker 28 accepts."""

from __future__ import annotations

import pytest

from docker_cli.transport.hosts import DaemonAddress, HostError, parse_host


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, DaemonAddress("unix", path="/var/run/docker.sock")),
        ("", DaemonAddress("unix", path="/var/run/docker.sock")),
        ("   ", DaemonAddress("unix", path="/var/run/docker.sock")),
        ("unix://", DaemonAddress("unix", path="/var/run/docker.sock")),
        ("unix:///tmp/d.sock", DaemonAddress("unix", path="/tmp/d.sock")),
        (" unix:///tmp/d.sock\n", DaemonAddress("unix", path="/tmp/d.sock")),
        ("/tmp/d.sock", DaemonAddress("unix", path="/tmp/d.sock")),
        ("tcp://10.0.0.2:2376", DaemonAddress("tcp", host="10.0.0.2", port=2376)),
        ("tcp://10.0.0.2", DaemonAddress("tcp", host="10.0.0.2", port=2375)),
        ("tcp://10.0.0.2:2376/", DaemonAddress("tcp", host="10.0.0.2", port=2376)),
        (
            "tcp://docker.example",
            DaemonAddress("tcp", host="docker.example", port=2375),
        ),
        ("10.0.0.2:2376", DaemonAddress("tcp", host="10.0.0.2", port=2376)),
        ("localhost", DaemonAddress("tcp", host="localhost", port=2375)),
        ("tcp://[::1]:2376", DaemonAddress("tcp", host="::1", port=2376)),
        # docker 28 rejects this one ("invalid bind address format: [::1]");
        # dkr takes the default port as it does for a host name.
        ("tcp://[::1]", DaemonAddress("tcp", host="::1", port=2375)),
    ],
)
def test_parse_host(value: str | None, expected: DaemonAddress) -> None:
    """parse_host understands the address forms docker takes."""
    assert parse_host(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("tcp://", "tcp://localhost:2375"),
        ("tcp://:2376", "tcp://localhost:2376"),
    ],
)
def test_tcp_without_host_means_localhost(value: str, expected: str) -> None:
    """Like docker, a tcp address with no host means localhost (docker -H tcp://:P)."""
    assert str(parse_host(value)) == expected


@pytest.mark.parametrize(
    "value",
    ["foo://bar", "udp://10.0.0.2:53", "tcp://10.0.0.2:notaport"],
)
def test_invalid_address_raises_host_error(value: str) -> None:
    """An address of an unknown scheme or form is a HostError naming it."""
    with pytest.raises(HostError, match="invalid bind address format"):
        parse_host(value)


@pytest.mark.parametrize(
    ("text", "host", "port", "user"),
    [
        ("ssh://user@docker.example", "docker.example", 0, "user"),
        ("ssh://docker.example:2222", "docker.example", 2222, ""),
        ("ssh://root@[::1]:22", "::1", 22, "root"),
    ],
)
def test_ssh_addresses(text: str, host: str, port: int, user: str) -> None:
    """ssh://[USER@]HOST[:PORT] keeps the parts ssh needs, and prints back."""
    address = parse_host(text)

    assert (address.scheme, address.host, address.port, address.user) == (
        "ssh",
        host,
        port,
        user,
    )
    assert address.base_url == "http+docker://localhost"
    assert str(address) == text


@pytest.mark.parametrize("text", ["ssh://", "ssh://host/path", "ssh://u:pw@host"])
def test_bad_ssh_addresses(text: str) -> None:
    """An ssh URL without a host, with a path, or with a password is refused."""
    with pytest.raises(HostError, match=r"^invalid SSH URL: ssh://"):
        parse_host(text)


def test_host_error_is_a_value_error() -> None:
    """Callers that catch ValueError also catch a bad address."""
    assert issubclass(HostError, ValueError)


@pytest.mark.parametrize(
    ("value", "text", "base_url"),
    [
        (None, "unix:///var/run/docker.sock", "http+docker://localhost"),
        ("unix:///tmp/d.sock", "unix:///tmp/d.sock", "http+docker://localhost"),
        ("tcp://10.0.0.2", "tcp://10.0.0.2:2375", "http://10.0.0.2:2375"),
        ("tcp://[::1]:2376", "tcp://[::1]:2376", "http://[::1]:2376"),
        ("tcp://[fe80::1]", "tcp://[fe80::1]:2375", "http://[fe80::1]:2375"),
    ],
)
def test_str_and_base_url(value: str | None, text: str, base_url: str) -> None:
    """str() is docker's spelling of the address; base_url is what requests uses."""
    address = parse_host(value)

    assert str(address) == text
    assert address.base_url == base_url
