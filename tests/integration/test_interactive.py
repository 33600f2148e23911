"""Interactive sessions against the real engine, under a real pseudo-terminal:
``run -it``, ``attach``, ``exec``, ``start -a -i``, detach keys, window size,
signals, and the terminal modes put back however a session ends."""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from docker_cli.api import containers as api
from docker_cli.api.client import Client
from tests.ptysession import TIMEOUT, PtySession, poll

if TYPE_CHECKING:
    from conftest import Engine, Runner

GO_DOCKER = Path("/usr/local/bin/docker")
ESCAPE_MESSAGE = b"read escape sequence\r\n"
# A shell command whose answer cannot be mistaken for its echo.
QUESTION, ANSWER = "echo $((6*7))", b"42\r\n"

# Each kind of attached session: how to set up its container, dkr's
# arguments, and docker's status and message on a detach.
SESSION_KINDS = {
    "run": (None, ["run", "-it", "--name", "{name}", "{image}", "sh"], 0, False),
    "start": (
        ["create", "-it", "--name", "{name}", "{image}", "sh"],
        ["start", "-a", "-i", "{name}"],
        0,
        False,
    ),
    "attach": (
        ["run", "-d", "-it", "--name", "{name}", "{image}", "sh"],
        ["attach", "{name}"],
        1,
        True,
    ),
    "exec": (
        ["run", "-d", "--name", "{name}", "{image}", "sleep", "300"],
        ["exec", "-it", "{name}", "sh"],
        1,
        True,
    ),
}

Terminal = Callable[..., PtySession]


def _command(program: str) -> list[str]:
    """How to start dkr (as the conftest does) or the Go docker CLI."""
    if program == "docker":
        return [str(GO_DOCKER)]
    beside = Path(sys.executable).with_name("dkr")
    script = str(beside) if beside.exists() else shutil.which("dkr")
    return [script] if script else [sys.executable, "-m", "docker_cli"]


@pytest.fixture(params=["dkr", "docker"])
def program(request: pytest.FixtureRequest) -> str:
    """dkr, and the Go docker CLI whose behaviour it must match."""
    if request.param == "docker" and not GO_DOCKER.exists():
        pytest.skip(f"the reference Go docker CLI is not at {GO_DOCKER}")
    return str(request.param)


@pytest.fixture
def terminal(engine: Engine) -> Iterator[Terminal]:
    """Start ``dkr ARGS...`` (or another ``program``) on a fresh terminal."""
    sessions: list[PtySession] = []

    def open_session(
        *args: str,
        program: str = "dkr",
        env: dict[str, str] | None = None,
        dimensions: tuple[int, int] = (24, 80),
    ) -> PtySession:
        command = [*_command(program), *args]
        session = PtySession(command, {**engine.env, **(env or {})}, dimensions)
        sessions.append(session)
        return session

    yield open_session

    for session in sessions:
        session.close()


Spawn = Callable[..., "subprocess.Popen[bytes]"]


@pytest.fixture
def spawn(engine: Engine) -> Iterator[Spawn]:
    """Start ``dkr ARGS...`` (or ``program``) with pipes, not a terminal."""
    processes: list[subprocess.Popen[bytes]] = []

    def start(
        *args: str, program: str = "dkr", stdin: int = subprocess.DEVNULL
    ) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            [*_command(program), *args],
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=engine.env,
            bufsize=0,
        )
        processes.append(process)
        return process

    yield start

    for process in processes:
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.fixture
def sleeper(go_docker: Runner, pulled_image: str, name: str) -> str:
    """A running container (``sleep 300``) to exec in; its name."""
    started = go_docker("run", "-d", "--name", name, pulled_image, "sleep", "300")
    assert started.returncode == 0, started.stderr.decode()
    return name


def _state(go_docker: Runner, name: str) -> bytes:
    """The container's state as the Go CLI's ``ps`` shows it."""
    listed = go_docker(
        "ps", "-a", "--filter", f"name=^/{name}$", "--format", "{{.State}}"
    )
    state: bytes = listed.stdout
    return state


def _ask(session: PtySession) -> None:
    """Type a command in the container's shell and wait for its answer."""
    session.child.sendline(QUESTION)
    session.child.expect_exact(ANSWER)


def _size_inside(session: PtySession) -> tuple[int, int]:
    """The terminal size the container's shell sees (``stty size``)."""
    session.child.sendline("stty size")
    session.child.expect(rb"(\d+) (\d+)\r\n")
    rows, columns = session.child.match.groups()
    return int(rows), int(columns)


def _wait_for_size(session: PtySession, size: tuple[int, int]) -> tuple[int, int]:
    """The size seen inside once it is ``size``; the last one seen if it
    does not become so in time."""
    deadline = time.monotonic() + TIMEOUT
    seen = _size_inside(session)
    while seen != size and time.monotonic() < deadline:
        seen = _size_inside(session)
    return seen


def _prepare(kind: str, go_docker: Runner, image: str, name: str) -> list[str]:
    """Set up the container for a kind of session; return the arguments."""
    setup, args, _, _ = SESSION_KINDS[kind]
    if setup:
        made = go_docker(*(part.format(name=name, image=image) for part in setup))
        assert made.returncode == 0, made.stderr.decode()
    return [part.format(name=name, image=image) for part in args]


def _read_lines(process: subprocess.Popen[bytes], count: int = 1) -> bytes:
    """At least ``count`` lines of the process's output (fewer if it ends or
    TIMEOUT passes first)."""
    assert process.stdout is not None
    data, deadline = b"", time.monotonic() + TIMEOUT
    while data.count(b"\n") < count and time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 0.1)
        if ready:
            chunk = process.stdout.read(4096)
            if not chunk:
                break
            data += chunk
    return data


# -- run -it -----------------------------------------------------------------


def test_run_it_shell_session_exits_with_the_shell_status(
    terminal: Terminal, pulled_image: str, name: str
) -> None:
    """``run -it IMAGE sh`` answers a typed command; ``exit 3`` makes it exit 3."""
    session = terminal("run", "-it", "--name", name, pulled_image, "sh")
    session.child.expect_exact("# ")

    _ask(session)
    session.child.sendline("exit 3")

    assert (session.finish(), session.modes_after) == (3, session.modes_before)


def test_run_it_window_size_follows_the_terminal(
    terminal: Terminal, pulled_image: str, name: str
) -> None:
    """The container's TTY has the terminal's size at start and after a resize."""
    command = ("run", "-it", "--name", name, pulled_image, "sh")
    session = terminal(*command, dimensions=(31, 97))
    session.child.expect_exact("# ")

    first = _size_inside(session)
    session.child.setwinsize(40, 120)
    second = _wait_for_size(session, (40, 120))
    session.child.sendline("exit")

    assert (first, second) == ((31, 97), (40, 120))
    assert (session.finish(), session.modes_after) == (0, session.modes_before)


def test_run_it_detach_then_attach_again(
    terminal: Terminal, go_docker: Runner, pulled_image: str, name: str
) -> None:
    """Ctrl-P Ctrl-Q leaves ``run -it`` with 0 and the container running;
    ``attach`` reaches the same shell, and its detach exits 1 as docker's."""
    run = terminal("run", "-it", "--name", name, pulled_image, "sh")
    run.child.expect_exact("# ")
    run.child.send("\x10\x11")

    assert (run.finish(), run.modes_after) == (0, run.modes_before)
    assert _state(go_docker, name) == b"running\n"

    attach = terminal("attach", name)
    attach.wait_for_raw_mode()
    _ask(attach)
    attach.child.send("\x10\x11")

    assert (attach.finish(), attach.modes_after) == (1, attach.modes_before)
    assert attach.rest.endswith(ESCAPE_MESSAGE)
    assert _state(go_docker, name) == b"running\n"


@pytest.mark.parametrize("kind", list(SESSION_KINDS))
def test_detach_keys_end_each_kind_of_session_as_docker_does(
    terminal: Terminal,
    go_docker: Runner,
    program: str,
    pulled_image: str,
    name: str,
    kind: str,
) -> None:
    """Ctrl-P Ctrl-Q: ``run -it`` and ``start -a -i`` exit 0 silently;
    ``attach`` and ``exec -it`` say "read escape sequence" and exit 1."""
    args = _prepare(kind, go_docker, pulled_image, name)
    session = terminal(*args, program=program)
    session.wait_for_raw_mode()
    _ask(session)

    session.child.send("\x10\x11")
    status = session.finish()

    _, _, expected_status, says_escape = SESSION_KINDS[kind]
    said_escape = session.rest.endswith(ESCAPE_MESSAGE)
    assert (status, said_escape) == (expected_status, says_escape), session.rest
    assert session.modes_after == session.modes_before
    assert _state(go_docker, name) == b"running\n"


def _custom_keys(args: list[str], source: str, config_dir: Path) -> str:
    """Set other detach keys, by flag or in config.json; return them typed."""
    if source == "flag":
        args[1:1] = ["--detach-keys", "ctrl-x,x"]
        return "\x18x"
    (config_dir / "config.json").write_text(json.dumps({"detachKeys": "ctrl-a,a"}))
    return "\x01a"


@pytest.mark.parametrize("kind", ["run", "attach", "exec"])
@pytest.mark.parametrize("source", ["flag", "config"])
def test_custom_detach_keys_detach(
    terminal: Terminal,
    go_docker: Runner,
    pulled_image: str,
    name: str,
    tmp_path: Path,
    source: str,
    kind: str,
) -> None:
    """``--detach-keys ctrl-x,x``, or ``detachKeys`` in config.json, detach
    with docker's status for the kind of session."""
    args = _prepare(kind, go_docker, pulled_image, name)
    keys = _custom_keys(args, source, tmp_path)
    session = terminal(*args, env={"DOCKER_CONFIG": str(tmp_path)})
    session.wait_for_raw_mode()
    _ask(session)

    session.child.send(keys)
    status = session.finish()

    expected_status = SESSION_KINDS[kind][2]
    assert (status, session.modes_after) == (expected_status, session.modes_before)
    assert _state(go_docker, name) == b"running\n"


@pytest.mark.parametrize("kind", ["run", "attach", "exec"])
def test_ctrl_p_ctrl_q_reach_the_container_when_other_keys_are_set(
    terminal: Terminal,
    go_docker: Runner,
    program: str,
    pulled_image: str,
    name: str,
    tmp_path: Path,
    kind: str,
) -> None:
    """With ``--detach-keys ctrl-x,x``, Ctrl-P Ctrl-Q are keys like any other:
    the session goes on (the daemon must not detach on its default keys)."""
    args = _prepare(kind, go_docker, pulled_image, name)
    keys = _custom_keys(args, "flag", tmp_path)
    session = terminal(*args, program=program)
    session.wait_for_raw_mode()

    session.child.send("\x10\x11")
    _ask(session)
    session.child.send(keys)

    expected_status = SESSION_KINDS[kind][2]
    assert (session.finish(), session.modes_after) == (
        expected_status,
        session.modes_before,
    )


def test_ctrl_c_interrupts_the_command_and_the_session_goes_on(
    terminal: Terminal, go_docker: Runner, pulled_image: str, name: str
) -> None:
    """Ctrl-C in ``run -it sh`` stops a ``sleep 30`` in the container's shell
    (status 130), and the shell goes on reading commands."""
    session = terminal("run", "-it", "--name", name, pulled_image, "sh")
    session.child.expect_exact("# ")
    session.child.sendline("sleep 30")
    poll(lambda: go_docker("exec", name, "pidof", "sleep").returncode == 0)

    session.child.send("\x03")
    session.child.expect_exact("# ")
    session.child.sendline("echo status $?")
    session.child.expect_exact(b"status 130\r\n")
    _ask(session)
    session.child.sendline("exit")

    assert (session.finish(), session.modes_after) == (0, session.modes_before)


def test_sigterm_to_dkr_during_run_it_restores_the_terminal(
    terminal: Terminal, pulled_image: str, name: str
) -> None:
    """SIGTERM to dkr in a ``run -it`` session ends it (143), terminal restored."""
    session = terminal("run", "-it", "--name", name, pulled_image, "sh")
    session.child.expect_exact("# ")

    os.kill(session.pid(), signal.SIGTERM)

    assert (session.finish(), session.modes_after) == (143, session.modes_before)


def test_killed_container_ends_run_it_and_restores_the_terminal(
    terminal: Terminal, go_docker: Runner, pulled_image: str, name: str
) -> None:
    """A container killed during ``run -it`` drops the session: dkr exits 137
    with the terminal restored."""
    session = terminal("run", "-it", "--name", name, pulled_image, "sh")
    session.child.expect_exact("# ")

    killed = go_docker("kill", name)

    assert killed.returncode == 0, killed.stderr.decode()
    assert (session.finish(), session.modes_after) == (137, session.modes_before)


# -- signals and stdin without a terminal -------------------------------------


def test_sigint_reaches_a_non_tty_container(
    spawn: Spawn, pulled_image: str, name: str
) -> None:
    """SIGINT to ``dkr run`` (no -t) is passed on: the container's trap runs."""
    script = 'trap "echo got; exit 9" INT; echo ready; sleep 30 & wait'
    process = spawn("run", "--name", name, pulled_image, "sh", "-c", script)
    first = _read_lines(process)

    process.send_signal(signal.SIGINT)
    rest, errors = process.communicate(timeout=TIMEOUT)

    assert (process.returncode, first + rest, errors) == (9, b"ready\ngot\n", b"")


def test_piped_stdin_ends_with_eof(dkr: Runner, pulled_image: str) -> None:
    """``printf x | dkr run -i IMAGE cat`` prints ``x`` and exits 0 at EOF."""
    result = dkr("run", "--rm", "-i", pulled_image, "cat", input=b"x", timeout=30)

    assert (result.returncode, result.stdout, result.stderr) == (0, b"x", b"")


def test_piped_stdin_carries_megabytes(dkr: Runner, pulled_image: str) -> None:
    """4 MiB piped into ``run -i IMAGE wc -c`` all arrive."""
    data = bytes(range(256)) * (4 * 4096)

    result = dkr("run", "--rm", "-i", pulled_image, "wc", "-c", input=data)

    assert (result.returncode, result.stdout, result.stderr) == (0, b"4194304\n", b"")


def test_start_attach_interactive_with_piped_stdin(
    dkr: Runner, go_docker: Runner, pulled_image: str, name: str
) -> None:
    """``start -a -i`` feeds piped stdin to the container, then exits with its
    status."""
    script = "cat; echo end; exit 4"
    created = go_docker(
        "create", "-i", "--name", name, pulled_image, "sh", "-c", script
    )
    assert created.returncode == 0, created.stderr.decode()

    result = dkr("start", "-a", "-i", name, input=b"hello\nworld")

    assert (result.returncode, result.stdout, result.stderr) == (
        4,
        b"hello\nworldend\n",
        b"",
    )


@pytest.mark.parametrize("stream", ["stdout", "stderr"])
def test_run_attach_one_stream(
    dkr: Runner, docker: Runner, pulled_image: str, stream: str
) -> None:
    """``run -a STREAM`` carries only that stream, as docker does."""
    args = ("run", "--rm", "-a", stream, pulled_image, "sh", "-c")
    script = "echo out; echo err >&2; exit 2"

    ours, theirs = dkr(*args, script), docker(*args, script)

    expected = (2, b"out\n", b"") if stream == "stdout" else (2, b"", b"err\n")
    assert (ours.returncode, ours.stdout, ours.stderr) == expected
    assert (theirs.returncode, theirs.stdout, theirs.stderr) == expected


# -- attach ------------------------------------------------------------------

TICKER = "while true; do echo tick; sleep 0.1; done"


def test_attach_no_stdin_does_not_send_input(
    spawn: Spawn, go_docker: Runner, program: str, pulled_image: str, name: str
) -> None:
    """``attach --no-stdin`` leaves the container's stdin alone: a line piped
    to it is not read, and the container is killed waiting (137)."""
    script = f'{TICKER} & read line; echo "got $line"; exit 4'
    go_docker("run", "-d", "-i", "--name", name, pulled_image, "sh", "-c", script)
    # stdin: a pipe that holds a line, then ends.
    reading, writing = os.pipe()
    os.write(writing, b"hello\n")
    os.close(writing)
    process = spawn("attach", "--no-stdin", name, program=program, stdin=reading)
    os.close(reading)
    # Some ticks: time enough for a line wrongly sent on to be answered.
    first = _read_lines(process, 5)

    go_docker("kill", name)
    rest, errors = process.communicate(timeout=TIMEOUT)

    lines = set((first + rest).splitlines())
    assert (process.returncode, lines, errors) == (137, {b"tick"}, b"")


def test_attach_passes_sigint_on(
    spawn: Spawn, go_docker: Runner, program: str, pulled_image: str, name: str
) -> None:
    """SIGINT to ``attach`` reaches a non-TTY container, whose trap ends it
    with 9; attach exits with that status."""
    script = f'trap "echo got; exit 9" INT; {TICKER}'
    go_docker("run", "-d", "--name", name, pulled_image, "sh", "-c", script)
    process = spawn("attach", name, program=program)
    first = _read_lines(process)

    process.send_signal(signal.SIGINT)
    rest, errors = process.communicate(timeout=TIMEOUT)

    lines = (first + rest).splitlines()
    assert (lines[0], lines[-1], process.returncode, errors) == (
        b"tick",
        b"got",
        9,
        b"",
    )
    assert _state(go_docker, name) == b"exited\n"


def test_attach_sig_proxy_false_keeps_sigint_from_the_container(
    spawn: Spawn, go_docker: Runner, program: str, pulled_image: str, name: str
) -> None:
    """With ``--sig-proxy=false`` a SIGINT to ``attach`` never reaches the
    container, which runs on."""
    script = f'trap "echo got; exit 9" INT; {TICKER}'
    go_docker("run", "-d", "--name", name, pulled_image, "sh", "-c", script)
    process = spawn("attach", "--sig-proxy=false", name, program=program)
    first = _read_lines(process)

    process.send_signal(signal.SIGINT)
    # Some ticks (or the end, if the client quit): time for a wrongly passed
    # signal to be trapped.
    more = _read_lines(process, 5)
    state = _state(go_docker, name)
    go_docker("kill", name)
    rest, _ = process.communicate(timeout=TIMEOUT)

    assert first.startswith(b"tick\n")
    assert (b"got" in (first + more + rest).splitlines(), state) == (
        False,
        b"running\n",
    )


# -- exec --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "status"),
    [
        pytest.param(["true"], 0, id="true"),
        pytest.param(["sh", "-c", "exit 5"], 5, id="exit-5"),
        pytest.param(["nosuchcommand"], 126, id="missing"),
        pytest.param(["/etc/passwd"], 126, id="not-executable"),
    ],
)
def test_exec_exit_status(
    dkr: Runner, docker: Runner, sleeper: str, command: list[str], status: int
) -> None:
    """``exec`` exits with the command's status, or 126 when it cannot run,
    and prints what the Go CLI prints."""
    ours, theirs = dkr("exec", sleeper, *command), docker("exec", sleeper, *command)

    assert ours.returncode == status
    assert (ours.returncode, ours.stdout, ours.stderr) == (
        theirs.returncode,
        theirs.stdout,
        theirs.stderr,
    )


def test_exec_it_shell_session(terminal: Terminal, sleeper: str) -> None:
    """``exec -it sh`` gets the terminal's size, follows a resize, and exits
    with the shell's status."""
    session = terminal("exec", "-it", sleeper, "sh", dimensions=(33, 111))
    session.child.expect_exact("# ")

    first = _size_inside(session)
    session.child.setwinsize(20, 60)
    second = _wait_for_size(session, (20, 60))
    session.child.sendline("exit 4")

    assert (first, second) == ((33, 111), (20, 60))
    assert (session.finish(), session.modes_after) == (4, session.modes_before)


def test_exec_detach_runs_in_the_background(
    dkr: Runner, go_docker: Runner, sleeper: str
) -> None:
    """``exec -d`` prints nothing, exits 0, and the command runs."""
    result = dkr("exec", "-d", sleeper, "sh", "-c", "echo hi > /tmp/detached")

    def written() -> bytes:
        shown: bytes = go_docker("exec", sleeper, "cat", "/tmp/detached").stdout
        return shown

    assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")
    assert poll(written) == b"hi\n"


@pytest.mark.parametrize(
    ("flags", "script", "expected"),
    [
        pytest.param(("-e", "GREETING=hi"), "echo $GREETING", b"hi\n", id="env"),
        pytest.param(
            ("-u", "1234:5678"), "echo $(id -u):$(id -g)", b"1234:5678\n", id="user"
        ),
        pytest.param(("-w", "/tmp"), "pwd", b"/tmp\n", id="workdir"),
    ],
)
def test_exec_flags(
    dkr: Runner,
    sleeper: str,
    flags: tuple[str, ...],
    script: str,
    expected: bytes,
) -> None:
    """``exec -e``, ``-u`` and ``-w`` set the command's environment, user and
    working directory."""
    result = dkr("exec", *flags, sleeper, "sh", "-c", script)

    assert (result.returncode, result.stdout, result.stderr) == (0, expected, b"")


def test_exec_privileged_matches_docker(
    dkr: Runner, docker: Runner, sleeper: str
) -> None:
    """``exec --privileged`` asks for every capability: the outcome is the Go
    CLI's (on a sandboxed engine, the same refusal), not a plain exec's."""
    show = ("grep", "CapEff", "/proc/self/status")

    ours = dkr("exec", "--privileged", sleeper, *show)
    theirs = docker("exec", "--privileged", sleeper, *show)
    plain = dkr("exec", sleeper, *show)

    assert (ours.returncode, ours.stdout, ours.stderr) == (
        theirs.returncode,
        theirs.stdout,
        theirs.stderr,
    )
    assert (ours.returncode, ours.stdout) != (plain.returncode, plain.stdout)


# -- the WebSocket attach ----------------------------------------------------


def test_websocket_attach_carries_stdin_and_output(
    engine: Engine, go_docker: Runner, pulled_image: str, name: str
) -> None:
    """Through ``attach/ws`` a line sent reaches the container, its output
    comes back, and the container's exit status is its own."""
    script = 'read line; echo "got $line"; echo done >&2; exit 7'
    created = go_docker(
        "create", "-i", "--name", name, pulled_image, "sh", "-c", script
    )
    assert created.returncode == 0, created.stderr.decode()
    client = Client.from_host(engine.host)

    websocket = api.attach_websocket(client, name, stdin=True)
    messages: list[bytes] = []
    # A thread, so that a daemon that never ends the stream fails the test
    # instead of hanging it.
    receiver = threading.Thread(
        target=lambda: messages.extend(iter(websocket.receive, None)), daemon=True
    )
    try:
        api.start_container(client, name)
        receiver.start()
        websocket.send(b"hello\n")
        receiver.join(TIMEOUT)
    finally:
        websocket.close()
    status = api.wait_container(client, name)
    client.close()

    assert not receiver.is_alive(), "the WebSocket stream did not end"

    lines = sorted(b"".join(messages).splitlines())
    assert (lines, status) == ([b"done", b"got hello"], 7)
