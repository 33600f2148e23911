"""Interactive sessions under a real pseudo-terminal against the fake 2013
daemon: ``run -i -t``, detach keys, ``attach``, stdin to EOF, the terminal
modes put back. The fake has no TTY of its own: nothing is echoed, and the
container's "\\n" reaches our raw terminal untranslated."""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from docker_cli.api import containers as api
from docker_cli.api.client import Client
from tests.fakedaemon import KILL_EXIT_CODE, Container, FakeDaemon
from tests.ptysession import TIMEOUT, PtySession
from tests.unit.conftest import Runner

Terminal = Callable[..., PtySession]


@pytest.fixture
def terminal(fake: FakeDaemon, tmp_path: Path) -> Iterator[Terminal]:
    """Start ``dkr ARGS...`` against the fake on a fresh terminal, with the
    environment the ``dkr`` fixture gives."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCKER_")}
    env["DOCKER_HOST"] = fake.url
    env["DOCKER_CONFIG"] = str(tmp_path)
    sessions: list[PtySession] = []

    def open_session(*args: str) -> PtySession:
        command = [sys.executable, "-m", "docker_cli", *args]
        session = PtySession(command, env)
        sessions.append(session)
        return session

    yield open_session

    for session in sessions:
        session.close()


def _only_container(fake: FakeDaemon) -> Container:
    (container,) = fake.state.containers.values()
    return container


def _control_requests(fake: FakeDaemon) -> list[str]:
    """The kill, stop and restart requests the daemon received."""
    verbs = ("/kill", "/stop", "/restart")
    return [line for line in fake.request_lines() if line.endswith(verbs)]


def test_run_it_shell_session(terminal: Terminal, fake: FakeDaemon) -> None:
    """``run -i -t busybox sh``: a typed ``echo hi`` prints ``hi``; ``exit 3``
    ends dkr with 3 and the terminal as it was."""
    session = terminal("run", "-i", "-t", "busybox", "sh")
    session.wait_for_raw_mode()

    session.child.sendline("echo hi")
    session.child.expect_exact(b"hi\n")
    session.child.sendline("exit 3")

    assert (session.finish(), session.modes_after) == (3, session.modes_before)
    container = _only_container(fake)
    assert (bytes(container.stdin_received), container.stdout) == (
        b"echo hi\nexit 3\n",
        b"hi\n",
    )


def test_run_it_detach_keys(terminal: Terminal, fake: FakeDaemon) -> None:
    """Ctrl-P Ctrl-Q end ``run -i -t`` with 0 and the terminal as it was; the
    keys are not sent on, and the container is neither stopped nor killed."""
    session = terminal("run", "-i", "-t", "busybox", "sh")
    session.wait_for_raw_mode()
    session.child.sendline("echo hi")
    session.child.expect_exact(b"hi\n")

    session.child.send("\x10\x11")

    assert (session.finish(), session.modes_after) == (0, session.modes_before)
    assert _only_container(fake).stdin_received == b"echo hi\n"
    assert _control_requests(fake) == []


def test_run_it_detach_keys_from_config(
    terminal: Terminal, fake: FakeDaemon, tmp_path: Path
) -> None:
    """``detachKeys`` in config.json replaces Ctrl-P Ctrl-Q, which then pass."""
    (tmp_path / "config.json").write_text('{"detachKeys": "ctrl-a,a"}')
    session = terminal("run", "-i", "-t", "busybox", "sh")
    session.wait_for_raw_mode()
    # The fake's sh has no line editor: the keys make a line of their own.
    session.child.sendline("\x10\x11")
    session.child.sendline("echo hi")
    session.child.expect_exact(b"hi\n")

    session.child.send("\x01a")

    assert (session.finish(), session.modes_after) == (0, session.modes_before)
    assert _only_container(fake).stdin_received == b"\x10\x11\necho hi\n"


def test_sigterm_to_dkr_restores_the_terminal(
    terminal: Terminal, fake: FakeDaemon
) -> None:
    """SIGTERM to dkr during ``run -i -t`` ends it with 143, terminal restored."""
    session = terminal("run", "-i", "-t", "busybox", "sh")
    session.wait_for_raw_mode()

    os.kill(session.pid(), signal.SIGTERM)

    assert (session.finish(), session.modes_after) == (143, session.modes_before)


def test_killed_container_ends_run_it(terminal: Terminal, fake: FakeDaemon) -> None:
    """A container killed during ``run -i -t`` ends the session: dkr exits 137
    with the terminal restored."""
    session = terminal("run", "-i", "-t", "busybox", "sh")
    session.wait_for_raw_mode()

    fake.stop_container(_only_container(fake), KILL_EXIT_CODE)

    assert (session.finish(), session.modes_after) == (137, session.modes_before)


def test_attach_then_detach(terminal: Terminal, fake: FakeDaemon) -> None:
    """``attach`` to a ``-i -t`` container carries typed commands; its detach
    says "read escape sequence" and exits 1, as docker attach does."""
    container_id = fake.create_container("busybox", ["sh"], OpenStdin=True, Tty=True)
    fake.start_container(container_id)
    session = terminal("attach", container_id)
    session.wait_for_raw_mode()

    session.child.sendline("echo hi")
    session.child.expect_exact(b"hi\n")
    session.child.send("\x10\x11")

    assert (session.finish(), session.modes_after) == (1, session.modes_before)
    assert session.rest == b"read escape sequence\r\n"
    assert fake.container(container_id).stdin_received == b"echo hi\n"


def test_run_i_reads_the_terminal_until_ctrl_d(
    terminal: Terminal, fake: FakeDaemon
) -> None:
    """``run -i busybox cat`` (no -t) on a terminal: typed lines reach cat,
    Ctrl-D ends its input, and dkr exits 0 with the terminal untouched."""
    session = terminal("run", "-i", "busybox", "cat")

    # The terminal echoes the line, then cat sends it back.
    session.child.sendline("hello")
    session.child.expect_exact(b"hello\r\nhello\r\n")
    session.child.sendeof()

    assert (session.finish(), session.modes_after) == (0, session.modes_before)
    container = _only_container(fake)
    assert (bytes(container.stdin_received), container.stdout) == (
        b"hello\n",
        b"hello\n",
    )


def test_start_attach_interactive_with_piped_stdin(
    dkr: Runner, fake: FakeDaemon
) -> None:
    """``start -a -i`` feeds piped stdin to the container and exits with its
    status."""
    container_id = fake.create_container("busybox", ["sh"], OpenStdin=True)

    result = dkr("start", "-a", "-i", container_id, input=b"echo hi\nexit 4\n")

    assert (result.returncode, result.stdout, result.stderr) == (4, b"hi\n", b"")


def test_websocket_attach(fake: FakeDaemon) -> None:
    """``attach/ws``: commands sent reach the container's sh, its output comes
    back in text frames, and the stream ends when the container exits."""
    client = Client.from_host(fake.url)
    container_id = fake.create_container("busybox", ["sh"], OpenStdin=True)

    websocket = api.attach_websocket(client, container_id, stdin=True)
    messages: list[bytes] = []
    # A thread, so that a stream that never ends fails the test, not hangs it.
    receiver = threading.Thread(
        target=lambda: messages.extend(iter(websocket.receive, None)), daemon=True
    )
    try:
        api.start_container(client, container_id)
        receiver.start()
        websocket.send(b"echo hi\nexit 7\n")
        receiver.join(TIMEOUT)
    finally:
        websocket.close()
    status = api.wait_container(client, container_id)
    client.close()

    assert not receiver.is_alive(), "the WebSocket stream did not end"
    assert (b"".join(messages), status) == (b"hi\n", 7)
