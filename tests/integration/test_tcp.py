"""dkr over TCP: a loopback port forwarded to the test engine's socket."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from conftest import Engine, Runner


def _pipe(source: socket.socket, target: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            target.sendall(data)
        target.shutdown(socket.SHUT_WR)
    except OSError:
        pass


def _serve(listener: socket.socket, socket_path: str) -> None:
    while True:
        try:
            client, _ = listener.accept()
        except OSError:
            return
        upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        upstream.connect(socket_path)
        for source, target in ((client, upstream), (upstream, client)):
            threading.Thread(target=_pipe, args=(source, target), daemon=True).start()


@pytest.fixture
def tcp_host(engine: Engine) -> Iterator[str]:
    """A tcp:// address on 127.0.0.1 that reaches the test engine."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    socket_path = urlsplit(engine.host).path
    threading.Thread(target=_serve, args=(listener, socket_path), daemon=True).start()
    try:
        yield f"tcp://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        listener.close()


def test_ps_over_tcp(dkr: Runner, tcp_host: str) -> None:
    """-H tcp://HOST:PORT reaches the engine and lists containers."""
    result = dkr("-H", tcp_host, "ps", "-a")

    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.startswith(b"CONTAINER ID   IMAGE")


def test_run_over_tcp(dkr: Runner, tcp_host: str, pulled_image: str, name: str):
    """The hijacked attach stream works over TCP, stdin included."""
    result = dkr(
        "-H",
        tcp_host,
        "run",
        "--rm",
        "-i",
        "--name",
        name,
        pulled_image,
        "sh",
        "-c",
        "cat; echo err >&2; exit 4",
        input=b"piped\n",
    )

    assert (result.returncode, result.stdout, result.stderr) == (
        4,
        b"piped\n",
        b"err\n",
    )
