"""Container commands against the real engine: lifecycle, logs, files, ps."""

from __future__ import annotations

import io
import re
import secrets
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import Engine, Result, Runner

HEX64_LINE = re.compile(rb"[0-9a-f]{64}\n")
# docker's fixed-width RFC 3339 timestamp that ``logs -t`` puts before a line.
TIMESTAMP = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z"
# Exits 7 as soon as it gets SIGTERM, so ``stop`` never waits for its timeout.
STOPPABLE = 'trap "exit 7" TERM; sleep 300 & wait'


def _inspect(docker: Runner, container: str, template: str) -> str:
    result = docker("inspect", "-f", template, container)
    assert result.returncode == 0, result.stderr.decode()
    stdout: bytes = result.stdout
    return stdout.decode().strip()


def _ok(result: Result) -> None:
    """Fail with the command's stderr unless it exited 0."""
    assert result.returncode == 0, result.stderr.decode()


@pytest.fixture
def running(docker: Runner, pulled_image: str, name: str) -> str:
    """A running container that exits 7 at once on SIGTERM; returns its name."""
    started = docker("run", "-d", "--name", name, pulled_image, "sh", "-c", STOPPABLE)
    _ok(started)
    return name


def test_create_prints_id_and_start_runs_it(
    dkr: Runner, docker: Runner, pulled_image: str, name: str
) -> None:
    """``create`` prints the full id of a created container; ``start`` starts it."""
    created = dkr("create", "--name", name, pulled_image, "sh", "-c", STOPPABLE)

    assert (created.returncode, created.stderr) == (0, b"")
    assert HEX64_LINE.fullmatch(created.stdout)
    assert _inspect(docker, name, "{{.State.Status}}") == "created"

    started = dkr("start", name)

    assert (started.returncode, started.stdout, started.stderr) == (
        0,
        f"{name}\n".encode(),
        b"",
    )
    assert _inspect(docker, name, "{{.State.Running}}") == "true"


def test_stop_stops_a_running_container(
    dkr: Runner, docker: Runner, running: str
) -> None:
    """``stop -t 1`` sends SIGTERM, prints the name, and the container exits."""
    result = dkr("stop", "-t", "1", running)

    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        f"{running}\n".encode(),
        b"",
    )
    assert _inspect(docker, running, "{{.State.Status}} {{.State.ExitCode}}") == (
        "exited 7"
    )


def test_restart_starts_the_container_again(
    dkr: Runner, docker: Runner, running: str
) -> None:
    """``restart -t 1`` prints the name and the container runs anew."""
    before = _inspect(docker, running, "{{.State.StartedAt}}")

    result = dkr("restart", "-t", "1", running)

    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        f"{running}\n".encode(),
        b"",
    )
    after = _inspect(docker, running, "{{.State.Running}} {{.State.StartedAt}}")
    assert after.startswith("true ")
    assert after != f"true {before}"


def test_kill_sends_the_given_signal(dkr: Runner, docker: Runner, running: str) -> None:
    """``kill -s KILL`` prints the name; the container dies of SIGKILL (137)."""
    result = dkr("kill", "-s", "KILL", running)

    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        f"{running}\n".encode(),
        b"",
    )
    assert _inspect(docker, running, "{{.State.ExitCode}}") == "137"


def test_wait_prints_the_exit_status(
    dkr: Runner, docker: Runner, pulled_image: str, name: str
) -> None:
    """``wait`` blocks until the container ends and prints its exit status."""
    _ok(docker("run", "-d", "--name", name, pulled_image, "sh", "-c", "exit 5"))

    result = dkr("wait", name)

    assert (result.returncode, result.stdout, result.stderr) == (0, b"5\n", b"")


def test_rm_force_removes_a_running_container(
    dkr: Runner, docker: Runner, running: str
) -> None:
    """``rm -f`` kills and removes a running container, printing its name."""
    result = dkr("rm", "-f", running)

    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        f"{running}\n".encode(),
        b"",
    )
    assert docker("container", "inspect", running).returncode == 1


def test_rm_volumes_removes_anonymous_volumes(
    dkr: Runner, docker: Runner, pulled_image: str, name: str
) -> None:
    """``rm -v`` removes the container's anonymous volume along with it."""
    _ok(docker("create", "--name", name, "-v", "/data", pulled_image, "true"))
    volume = _inspect(docker, name, "{{range .Mounts}}{{.Name}}{{end}}")

    result = dkr("rm", "-v", name)

    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        f"{name}\n".encode(),
        b"",
    )
    assert docker("volume", "inspect", volume).returncode == 1


def test_rm_running_container_without_force_fails(
    dkr: Runner, docker: Runner, running: str
) -> None:
    """``rm`` of a running container exits 1 with docker's advice to stop it."""
    container_id = _inspect(docker, running, "{{.Id}}")

    result = dkr("rm", running)

    assert (result.returncode, result.stdout) == (1, b"")
    assert result.stderr.decode() == (
        "Error response from daemon: You cannot remove a running container "
        f"{container_id}. Stop the container before attempting removal or "
        "force remove\n"
    )


def test_rm_missing_container_fails(dkr: Runner) -> None:
    """``rm nope`` exits 1 with the daemon's "No such container" message."""
    result = dkr("rm", "nope")

    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        b"",
        b"Error response from daemon: No such container: nope\n",
    )


def test_rm_force_of_a_missing_container_succeeds(dkr: Runner) -> None:
    """``rm -f nope`` reports the missing container but exits 0, as docker."""
    result = dkr("rm", "-f", "nope")

    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        b"",
        b"Error response from daemon: No such container: nope\n",
    )


def test_start_of_a_missing_container_fails(dkr: Runner) -> None:
    """``start nope`` exits 1: the daemon's error, then docker's summary line."""
    result = dkr("start", "nope")

    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        b"",
        b"Error response from daemon: No such container: nope\n"
        b"Error: failed to start containers: nope\n",
    )


@pytest.fixture
def chatty(docker: Runner, pulled_image: str, name: str) -> str:
    """An exited container that wrote 1 and 3 to stdout and 2 to stderr."""
    script = "echo 1; echo 2 >&2; echo 3"
    _ok(docker("run", "--name", name, pulled_image, "sh", "-c", script))
    return name


def test_logs_replays_each_stream_to_its_own(dkr: Runner, chatty: str) -> None:
    """``logs`` writes the container's stdout to stdout, its stderr to stderr."""
    result = dkr("logs", chatty)

    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        b"1\n3\n",
        b"2\n",
    )


def test_logs_tail_shows_the_last_lines(
    dkr: Runner, docker: Runner, pulled_image: str, name: str
) -> None:
    """``logs --tail 2`` shows only the last two lines of the log."""
    # One stream only: the daemon logs stdout and stderr lines of the same
    # instant in either order, and --tail counts in the log file's order.
    _ok(docker("run", "--name", name, pulled_image, "seq", "1", "5"))

    result = dkr("logs", "--tail", "2", name)

    assert (result.returncode, result.stdout, result.stderr) == (0, b"4\n5\n", b"")


def test_logs_timestamps_prefix_every_line(dkr: Runner, chatty: str) -> None:
    """``logs -t`` puts an RFC 3339 nanosecond timestamp before each line."""
    result = dkr("logs", "-t", chatty)

    assert result.returncode == 0
    assert re.fullmatch(f"{TIMESTAMP} 1\n{TIMESTAMP} 3\n", result.stdout.decode())
    assert re.fullmatch(f"{TIMESTAMP} 2\n", result.stderr.decode())


def test_logs_follow_ends_when_the_container_exits(
    dkr: Runner, docker: Runner, pulled_image: str, name: str
) -> None:
    """``logs -f`` streams everything, then returns once the container exits."""
    script = "echo first; sleep 0.5; echo second"
    _ok(docker("run", "-d", "--name", name, pulled_image, "sh", "-c", script))

    result = dkr("logs", "-f", name, timeout=20)

    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        b"first\nsecond\n",
        b"",
    )


def test_diff_lists_an_added_file(
    dkr: Runner, docker: Runner, pulled_image: str, name: str
) -> None:
    """``diff`` of a container that touched /newfile lists ``A /newfile``."""
    _ok(docker("run", "--name", name, pulled_image, "touch", "/newfile"))

    result = dkr("diff", name)

    assert (result.returncode, result.stderr) == (0, b"")
    assert "A /newfile" in result.stdout.decode().splitlines()


@pytest.fixture
def exited(docker: Runner, pulled_image: str, name: str) -> str:
    """An exited container of the test image; returns its name."""
    _ok(docker("run", "--name", name, pulled_image, "true"))
    return name


def _tar_names(data: bytes) -> list[str]:
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        return archive.getnames()


def test_export_output_writes_a_tar_file(
    dkr: Runner, exited: str, tmp_path: Path
) -> None:
    """``export -o FILE`` writes the container's filesystem as a tar archive."""
    archive = tmp_path / "fs.tar"

    result = dkr("export", "-o", str(archive), exited)

    assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")
    assert "bin/busybox" in _tar_names(archive.read_bytes())


def test_export_to_piped_stdout_writes_a_tar(dkr: Runner, exited: str) -> None:
    """``export`` with stdout piped writes the tar archive to stdout."""
    result = dkr("export", exited)

    assert (result.returncode, result.stderr) == (0, b"")
    assert "bin/busybox" in _tar_names(result.stdout)


def test_export_failure_leaves_no_file(dkr: Runner, tmp_path: Path) -> None:
    """A failed ``export -o FILE`` (no such container) creates no FILE."""
    archive = tmp_path / "fs.tar"

    result = dkr("export", "-o", str(archive), "nope")

    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        b"",
        b"Error response from daemon: No such container: nope\n",
    )
    assert list(tmp_path.iterdir()) == []


def test_commit_makes_an_image_with_the_changes(
    dkr: Runner, docker: Runner, exited: str, repository: str, name: str
) -> None:
    """``commit -m -a -c CMD`` makes an image that runs the new CMD by default."""
    image = f"{repository}:v1"
    change = 'CMD ["echo","hi"]'

    result = dkr("commit", "-m", "why", "-a", "who", "-c", change, exited, image)

    assert (result.returncode, result.stderr) == (0, b"")
    assert re.fullmatch(rb"sha256:[0-9a-f]{64}\n", result.stdout)
    assert _inspect(docker, image, "{{.Id}} {{.Comment}} {{.Author}}") == (
        f"{result.stdout.decode().strip()} why who"
    )
    ran = dkr("run", "--rm", "--name", f"{name}-run", image)
    assert (ran.returncode, ran.stdout, ran.stderr) == (0, b"hi\n", b"")


@dataclass(frozen=True)
class Scene:
    """Three labelled containers, created in this order, for ``ps`` tests."""

    label: str
    prefix: str
    ids: dict[str, str]  # "zero" (exited 0), "three" (exited 3), "up" (running)


@pytest.fixture(scope="module")
def scene(engine: Engine, go_docker: Runner) -> Iterator[Scene]:
    """Containers for ``ps`` that all of this module's ``ps`` tests share."""
    token = secrets.token_hex(4)
    label, prefix = f"dkr.test={token}", f"dkrtest-{token}"
    commands = {"zero": ["true"], "three": ["sh", "-c", "exit 3"]}
    ids: dict[str, str] = {}
    try:
        for role, command in commands.items():
            args = ["--name", f"{prefix}-{role}", "-l", label, engine.image]
            go_docker("run", *args, *command)
            ids[role] = _inspect(go_docker, f"{prefix}-{role}", "{{.Id}}")
        args = ["-d", "--name", f"{prefix}-up", "-l", label, engine.image]
        up = go_docker("run", *args, "sleep", "300")
        ids["up"] = up.stdout.decode().strip()
        yield Scene(label, prefix, ids)
    finally:
        listed = go_docker("ps", "-aq", "--filter", f"label={label}")
        go_docker("rm", "-f", *listed.stdout.decode().split())


def _short(container_id: str) -> str:
    return container_id[:12]


@pytest.mark.parametrize(
    ("flags", "roles"),
    [
        ([], ["up"]),
        (["-a"], ["up", "three", "zero"]),
        (["-l"], ["up"]),
        (["-n", "2"], ["up", "three"]),
        (["-a", "--filter", "status=exited"], ["three", "zero"]),
        (["-a", "--filter", "status=running"], ["up"]),
        (["-a", "-f", "ancestor={image}"], ["up", "three", "zero"]),
        (["-a", "-f", "name={prefix}-three"], ["three"]),
        (["-a", "-f", "id={zero}"], ["zero"]),
        (["-a", "-f", "exited=3"], ["three"]),
        (["-a", "-f", "name={prefix}-zero", "-f", "name={prefix}-up"], ["up", "zero"]),
        (["-a", "-f", "label=dkr.test"], ["up", "three", "zero"]),
    ],
    ids=[
        "running",
        "all",
        "latest",
        "last-2",
        "status-exited",
        "status-running",
        "ancestor",
        "name",
        "id",
        "exited-code",
        "two-names",
        "label-key",
    ],
)
def test_ps_quiet_lists_the_matching_containers(
    dkr: Runner, engine: Engine, scene: Scene, flags: list[str], roles: list[str]
) -> None:
    """``ps -q`` with each flag and filter prints the right ids, newest first."""
    values = {"image": engine.image, "prefix": scene.prefix, **scene.ids}
    args = [flag.format(**values) for flag in flags]

    result = dkr("ps", "-q", "--filter", f"label={scene.label}", *args)

    expected = "".join(f"{_short(scene.ids[role])}\n" for role in roles)
    assert (result.returncode, result.stdout.decode(), result.stderr) == (
        0,
        expected,
        b"",
    )


def test_ps_no_trunc_prints_full_ids(dkr: Runner, scene: Scene) -> None:
    """``ps -a -q --no-trunc`` prints the 64-hex ids."""
    result = dkr("ps", "-aq", "--no-trunc", "--filter", f"label={scene.label}")

    expected = [scene.ids[role] for role in ("up", "three", "zero")]
    assert (result.returncode, result.stdout.decode().split()) == (0, expected)


def _table(text: str) -> list[dict[str, str]]:
    """Split a docker table into rows of {column heading: cell}, cutting each
    line where the heading line's columns start."""
    header, *lines = text.splitlines()
    headings = [(m.start(), m.group()) for m in re.finditer(r"\S+(?: \S+)*", header)]
    ends = [start for start, _ in headings[1:]] + [None]
    return [
        {
            title: line[start:end].strip()
            for (start, title), end in zip(headings, ends, strict=True)
        }
        for line in lines
    ]


def test_ps_table_shows_state_and_names(
    dkr: Runner, engine: Engine, scene: Scene
) -> None:
    """``ps -a`` shows each container's id, image, command, status and name."""
    result = dkr("ps", "-a", "--filter", f"label={scene.label}")

    assert (result.returncode, result.stderr) == (0, b"")
    header = result.stdout.decode().splitlines()[0]
    assert re.split(r"  +", header) == [
        "CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"
    ]  # fmt: skip
    rows = _table(result.stdout.decode())
    assert [(row["CONTAINER ID"], row["NAMES"]) for row in rows] == [
        (_short(scene.ids[role]), f"{scene.prefix}-{role}")
        for role in ("up", "three", "zero")
    ]
    assert {row["IMAGE"] for row in rows} == {engine.image}
    assert [row["COMMAND"] for row in rows] == [
        '"sleep 300"',
        "\"sh -c 'exit 3'\"",
        '"true"',
    ]
    status = [row["STATUS"] for row in rows]
    assert re.fullmatch(r"Up .+", status[0])
    assert re.fullmatch(r"Exited \(3\) .+ ago", status[1])
    assert re.fullmatch(r"Exited \(0\) .+ ago", status[2])


def test_ps_size_adds_a_size_column(dkr: Runner, scene: Scene) -> None:
    """``ps -a -s`` adds SIZE: the container's own bytes and its image's."""
    result = dkr("ps", "-a", "-s", "--filter", f"label={scene.label}")

    assert (result.returncode, result.stderr) == (0, b"")
    rows = _table(result.stdout.decode())
    assert len(rows) == 3
    for row in rows:
        assert re.fullmatch(
            r"\d+(\.\d+)?k?B \(virtual \d+(\.\d+)?[kM]?B\)", row["SIZE"]
        )
