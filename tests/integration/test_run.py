"""``dkr run`` against the real engine: output, exit status, streams, flags."""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import Runner

HEX64_LINE = re.compile(rb"[0-9a-f]{64}\n")
RUN_HINT = "\nRun 'dkr run --help' for more information\n"


def _exists(docker: Runner, container: str) -> bool:
    """Whether the Go CLI sees a container of that exact name or id."""
    status: int = docker("container", "inspect", container).returncode
    return status == 0


@pytest.fixture
def missing_tag(pulled_image: str) -> str:
    """A tag of the test image's repository that the registry does not hold."""
    return pulled_image.replace(":latest", ":nosuchtag")


def test_run_rm_prints_output_and_removes_container(
    dkr: Runner, docker: Runner, pulled_image: str, name: str
) -> None:
    """``run --rm IMAGE echo hello`` prints ``hello``, exits 0, leaves nothing."""
    result = dkr("run", "--rm", "--name", name, pulled_image, "echo", "hello")

    assert (result.returncode, result.stdout, result.stderr) == (0, b"hello\n", b"")
    assert not _exists(docker, name)


@pytest.mark.parametrize("status", [3, 255])
def test_run_exits_with_container_status(
    dkr: Runner, pulled_image: str, label: str, status: int
) -> None:
    """``run`` exits with the status of the container's command."""
    result = dkr("run", "--rm", "-l", label, pulled_image, "sh", "-c", f"exit {status}")

    assert (result.returncode, result.stdout, result.stderr) == (status, b"", b"")


def test_run_passes_every_byte_value(dkr: Runner, pulled_image: str, name: str) -> None:
    """Bytes 0x00-0xff written by the container reach stdout unchanged."""
    octal_escapes = "".join(f"\\{value:03o}" for value in range(256))

    result = dkr("run", "--rm", "--name", name, pulled_image, "printf", octal_escapes)

    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout == bytes(range(256))


def test_run_keeps_stdout_and_stderr_apart(
    dkr: Runner, pulled_image: str, name: str
) -> None:
    """Interleaved writes to stdout and stderr each arrive on their own stream."""
    script = "for i in $(seq 1 500); do echo out$i; printf err$i >&2; done"

    result = dkr("run", "--rm", "--name", name, pulled_image, "sh", "-c", script)

    assert result.returncode == 0
    assert result.stdout == b"".join(b"out%d\n" % i for i in range(1, 501))
    assert result.stderr == b"".join(b"err%d" % i for i in range(1, 501))


def test_run_loses_no_output_of_a_container_that_exits_at_once(
    dkr: Runner, pulled_image: str, name: str
) -> None:
    """All of ``seq 1 200000`` arrives, though the container exits right after."""
    result = dkr("run", "--rm", "--name", name, pulled_image, "seq", "1", "200000")

    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout == b"".join(b"%d\n" % i for i in range(1, 200001))


def test_run_interactive_copies_piped_stdin(
    dkr: Runner, pulled_image: str, name: str
) -> None:
    """``run -i IMAGE cat`` echoes a few MB of binary stdin exactly, then ends."""
    data = os.urandom(3 * 1024 * 1024)

    result = dkr("run", "--rm", "--name", name, "-i", pulled_image, "cat", input=data)

    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout == data


def test_run_interactive_closes_stdin_at_its_end(
    dkr: Runner, pulled_image: str, name: str
) -> None:
    """``run -i IMAGE wc -c`` sees the end of piped input and counts every byte."""
    data = os.urandom(4 * 1024 * 1024)

    result = dkr(
        "run", "--rm", "--name", name, "-i", pulled_image, "wc", "-c", input=data
    )

    assert (result.returncode, result.stdout, result.stderr) == (0, b"4194304\n", b"")


def test_run_detached_prints_id_and_container_runs(
    dkr: Runner, docker: Runner, pulled_image: str, name: str
) -> None:
    """``run -d`` prints the full container id; the container keeps running."""
    result = dkr("run", "-d", "--name", name, pulled_image, "sleep", "300")

    assert (result.returncode, result.stderr) == (0, b"")
    assert HEX64_LINE.fullmatch(result.stdout)
    state = docker("inspect", "-f", "{{.Id}} {{.State.Running}}", name)
    assert state.stdout.decode() == f"{result.stdout.decode().strip()} true\n"


def test_run_name_names_the_container(
    dkr: Runner, docker: Runner, pulled_image: str, name: str
) -> None:
    """``run --name NAME`` gives the container that name."""
    result = dkr("run", "--name", name, pulled_image, "true")

    assert result.returncode == 0, result.stderr
    assert docker("inspect", "-f", "{{.Name}}", name).stdout == f"/{name}\n".encode()


@pytest.mark.parametrize(
    ("flags", "command", "output"),
    [
        (["-e", "A=1", "-e", "B"], ["sh", "-c", "echo $A-$B"], b"1-from-dkr\n"),
        (["-w", "/tmp"], ["pwd"], b"/tmp\n"),
        (["-u", "nobody"], ["id", "-u"], b"65534\n"),
        (["-h", "myhost"], ["hostname"], b"myhost\n"),
        (["--entrypoint", "echo"], ["hi", "there"], b"hi there\n"),
    ],
    ids=["env", "workdir", "user", "hostname", "entrypoint"],
)
def test_run_applies_container_flags(
    dkr: Runner,
    pulled_image: str,
    label: str,
    flags: list[str],
    command: list[str],
    output: bytes,
) -> None:
    """``-e``, ``-w``, ``-u``, ``-h`` and ``--entrypoint`` shape the container."""
    args = ["run", "--rm", "-l", label, *flags, pulled_image, *command]

    result = dkr(*args, environ={"B": "from-dkr"})

    assert (result.returncode, result.stdout, result.stderr) == (0, output, b"")


def test_run_missing_image_fails_with_125(
    dkr: Runner, missing_tag: str, name: str
) -> None:
    """A reference that neither engine nor registry has: status 125, one error."""
    result = dkr("run", "--rm", "--name", name, missing_tag, "true")

    assert (result.returncode, result.stdout) == (125, b"")
    assert result.stderr.decode() == (
        f"Unable to find image '{missing_tag}' locally\n"
        f"dkr: Error response from daemon: manifest for {missing_tag} "
        "not found: manifest unknown: manifest unknown\n" + RUN_HINT
    )


def test_run_pulls_an_image_found_only_in_the_registry(
    dkr: Runner, docker: Runner, pushed_image: str, name: str
) -> None:
    """``run`` of an image only the registry has pulls it, then runs it."""
    result = dkr("run", "--rm", "--name", name, pushed_image, "echo", "pulled")

    assert (result.returncode, result.stdout) == (0, b"pulled\n")
    stderr = result.stderr.decode()
    assert stderr.startswith(f"Unable to find image '{pushed_image}' locally\n")
    assert stderr.endswith(f"Status: Downloaded newer image for {pushed_image}\n")
    assert docker("image", "inspect", pushed_image).returncode == 0


@pytest.mark.parametrize(
    ("command", "status", "reason"),
    [
        ("nosuchcommand", 127, 'exec: "nosuchcommand": executable file not found'),
        ("/etc/passwd", 126, 'exec: "/etc/passwd": permission denied'),
    ],
    ids=["not-found", "not-executable"],
)
def test_run_command_that_cannot_start(
    dkr: Runner,
    docker: Runner,
    pulled_image: str,
    name: str,
    command: str,
    status: int,
    reason: str,
) -> None:
    """A command not found exits 127, one not executable 126; --rm still removes."""
    result = dkr("run", "--rm", "--name", name, pulled_image, command)

    assert (result.returncode, result.stdout) == (status, b"")
    first, *rest = result.stderr.decode().split("\n", 1)
    assert first.startswith("dkr: Error response from daemon: ")
    assert reason in first
    assert rest == [RUN_HINT]
    assert not _exists(docker, name)


def test_run_rm_removes_a_container_whose_command_fails(
    dkr: Runner, docker: Runner, pulled_image: str, name: str
) -> None:
    """``run --rm`` removes the container also when its command exits non-zero."""
    result = dkr("run", "--rm", "--name", name, pulled_image, "false")

    assert (result.returncode, result.stdout, result.stderr) == (1, b"", b"")
    assert not _exists(docker, name)


def test_run_name_in_use_is_a_conflict(
    dkr: Runner, docker: Runner, pulled_image: str, name: str
) -> None:
    """``run --name`` with a name already taken: status 125, docker's Conflict."""
    first = docker("create", "--name", name, pulled_image, "true")
    container_id = first.stdout.decode().strip()

    result = dkr("run", "--name", name, pulled_image, "true")

    assert (result.returncode, result.stdout) == (125, b"")
    assert result.stderr.decode() == (
        f'dkr: Error response from daemon: Conflict. The container name "/{name}" '
        f'is already in use by container "{container_id}". You have to remove '
        "(or rename) that container to be able to reuse that name.\n" + RUN_HINT
    )


def test_run_leaves_arguments_after_the_image_to_the_command(
    dkr: Runner, pulled_image: str, name: str
) -> None:
    """Words after IMAGE that look like dkr flags are the command's arguments."""
    result = dkr(
        "run",
        "--rm",
        "--name",
        name,
        pulled_image,
        "echo",
        "--rm",
        "-d",
        "--",
        "--help",
    )

    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        b"--rm -d -- --help\n",
        b"",
    )


def test_run_env_without_value_skips_unset_variables(
    dkr: Runner, pulled_image: str, name: str
) -> None:
    """``-e NAME`` for a NAME not in dkr's environment sets nothing, as docker."""
    script = 'env | grep -c "^DKR_UNSET_VAR=" || true'

    args = ["--rm", "--name", name, "-e", "DKR_UNSET_VAR", pulled_image]

    result = dkr("run", *args, "sh", "-c", script, environ={"DKR_UNSET_VAR": None})

    assert (result.returncode, result.stdout, result.stderr) == (0, b"0\n", b"")


def test_run_interactive_when_the_command_reads_only_part(
    dkr: Runner, pulled_image: str, name: str
) -> None:
    """``run -i IMAGE head -c 10`` on MBs of input ends cleanly with 10 bytes."""
    data = os.urandom(4 * 1024 * 1024)

    result = dkr(
        "run",
        "--rm",
        "--name",
        name,
        "-i",
        pulled_image,
        "head",
        "-c",
        "10",
        input=data,
    )

    assert (result.returncode, result.stdout, result.stderr) == (0, data[:10], b"")


def test_run_keeps_a_large_stderr_whole(
    dkr: Runner, pulled_image: str, name: str
) -> None:
    """All of ``seq 1 200000`` written to stderr arrives there, none on stdout."""
    result = dkr(
        "run", "--rm", "--name", name, pulled_image, "sh", "-c", "seq 1 200000 >&2"
    )

    assert (result.returncode, result.stdout) == (0, b"")
    assert result.stderr == b"".join(b"%d\n" % i for i in range(1, 200001))


def test_run_tty_with_piped_stdin_is_refused(
    dkr: Runner, pulled_image: str, name: str
) -> None:
    """``run -i -t`` with stdin not a terminal: exit 1, "not a TTY", no run."""
    result = dkr(
        "run",
        "--rm",
        "--name",
        name,
        "-i",
        "-t",
        pulled_image,
        "echo",
        "hi",
        input=b"\n",
    )

    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        b"",
        b"the input device is not a TTY\n",
    )
