"""The container lifecycle and image commands against the 2013 v1.2 dialect."""

from __future__ import annotations

from tests.fakedaemon import FakeDaemon
from tests.unit.conftest import Runner


def _sleeper(dkr: Runner) -> str:
    return dkr("run", "-d", "busybox", "sleep", "100").stdout.decode().strip()


def test_stop_start_restart_kill(dkr: Runner, fake: FakeDaemon) -> None:
    """Each lifecycle command prints the name it was given and acts on it."""
    container_id = _sleeper(dkr)
    container = fake.state.containers[container_id]

    assert dkr("stop", "-t", "1", container_id).stdout.decode() == f"{container_id}\n"
    assert not container.running
    assert dkr("start", container_id).returncode == 0
    assert container.running
    assert dkr("restart", "-t", "1", container_id).returncode == 0
    assert container.running
    assert dkr("kill", container_id).returncode == 0
    assert not container.running
    assert container.exit_code == 137


def test_wait_prints_the_exit_code(dkr: Runner) -> None:
    """wait blocks until the container stops and prints its status."""
    container_id = dkr("create", "busybox", "sh", "-c", "exit 4").stdout.strip()
    dkr("start", container_id.decode())

    result = dkr("wait", container_id.decode())

    assert (result.returncode, result.stdout) == (0, b"4\n")


def test_rm_of_a_running_container_is_refused(dkr: Runner) -> None:
    """The 2013 daemon's 409 text becomes docker's message, status 1."""
    container_id = _sleeper(dkr)

    result = dkr("rm", container_id)

    assert result.returncode == 1
    assert result.stderr == (
        b"Error response from daemon: Impossible to remove a running container, "
        b"please stop it first\n"
    )


def test_diff_lists_changes(dkr: Runner) -> None:
    """diff shows the daemon's Kind codes as A, C and D."""
    container_id = dkr("run", "-d", "busybox", "touch", "/newfile").stdout.strip()

    result = dkr("diff", container_id.decode())

    assert "A /newfile" in result.stdout.decode().splitlines()


def test_commit_makes_an_image(dkr: Runner, fake: FakeDaemon) -> None:
    """commit uses the old m= parameter and prints the new image's id."""
    container_id = dkr("run", "-d", "busybox", "touch", "/x").stdout.strip()

    result = dkr("commit", "-m", "msg", container_id.decode(), "saved:v1")

    assert result.returncode == 0
    assert result.stdout.strip()
    assert "saved" in fake.state.repositories
    commit = [r for r in fake.requests if r.path == "/commit"][-1]
    assert commit.query.get("m") == "msg"


def test_history_rmi_and_pull(dkr: Runner, fake: FakeDaemon) -> None:
    """history lists layers; rmi untags; pull brings the image back."""
    history = dkr("history", "busybox").stdout.decode().splitlines()
    assert history[0].startswith("IMAGE          CREATED")
    assert len(history) == 3

    removed = dkr("rmi", "busybox")
    assert removed.returncode == 0
    assert removed.stdout.decode().startswith("Untagged: ")

    pulled = dkr("pull", "busybox")
    assert pulled.returncode == 0
    assert "busybox" in fake.state.repositories
