"""Image and registry commands against the fake 2013 v1.2 daemon."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fakedaemon import BASE_ID, BUSYBOX_ID, FakeDaemon
from tests.unit.conftest import Result, Runner

WRONG_LOGIN = b"Error response from daemon: Wrong login/password, please try again\n"


@pytest.fixture
def context(tmp_path: Path) -> Path:
    """A build context: a Dockerfile that runs, adds a file and sets CMD."""
    directory = tmp_path / "context"
    directory.mkdir()
    (directory / "hello.txt").write_text("hello\n")
    (directory / "Dockerfile").write_text(
        "FROM busybox\n"
        "RUN echo built by the fake\n"
        "ADD hello.txt /hello.txt\n"
        'CMD ["cat", "/hello.txt"]\n'
    )
    return directory


def _login(dkr: Runner, password: str) -> Result:
    return dkr("login", "-u", "hannibal", "--password-stdin", input=password.encode())


def test_images_viz_prints_the_daemon_graph(dkr: Runner, fake: FakeDaemon) -> None:
    """images --viz prints the DOT text of GET /images/viz unchanged."""
    result = dkr("images", "--viz")

    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout == fake.viz().encode()
    assert "GET /images/viz" in fake.request_lines()


def test_images_tree_shows_the_parent_chain(dkr: Runner) -> None:
    """images --tree nests busybox under its untagged base layer."""
    result = dkr("images", "--tree")

    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout.decode() == (
        f"└─{BASE_ID[:12]} Virtual Size: 2.43MB\n"
        f"  └─{BUSYBOX_ID[:12]} Virtual Size: 2.46MB Tags: busybox:latest\n"
    )


def test_insert_prints_the_new_image_id(dkr: Runner, fake: FakeDaemon) -> None:
    """insert IMAGE URL PATH asks the daemon to insert, and prints the new id."""
    result = dkr("insert", "busybox", "http://x/y", "/y")

    assert (result.returncode, result.stderr) == (0, b"")
    [insert] = fake.state.inserts
    assert (insert["image"], insert["url"], insert["path"]) == (
        BUSYBOX_ID,
        "http://x/y",
        "/y",
    )
    assert result.stdout == f"{insert['new_id'][:12]}\n".encode()


def test_insert_of_a_missing_url_fails(dkr: Runner) -> None:
    """An error in the insert stream is one line on stderr, with exit 1."""
    result = dkr("insert", "busybox", "http://x/missing", "/y")

    assert (result.returncode, result.stdout) == (1, b"")
    assert result.stderr == b"Get http://x/missing: 404 Not Found\n"


def test_search_shows_the_matching_repositories(dkr: Runner, fake: FakeDaemon) -> None:
    """search TERM lists the daemon's matches in a table, NAME first."""
    result = dkr("search", "sshd")

    assert (result.returncode, result.stderr) == (0, b"")
    header, *rows = result.stdout.decode().splitlines()
    assert header.split() == ["NAME", "DESCRIPTION", "STARS", "OFFICIAL"]
    names = [row.split()[0] for row in rows]
    assert names == ["cespare/sshd", "johnfuller/sshd", "dhrp/mongodb-sshd"]
    assert fake.requests[-1].query["term"] == "sshd"


def test_login_succeeds_with_the_right_password(
    dkr: Runner, fake: FakeDaemon, tmp_path: Path
) -> None:
    """login checks the credentials with POST /auth and keeps them."""
    result = _login(dkr, "xxxx")

    assert (result.returncode, result.stdout) == (0, b"Login Succeeded\n")
    assert fake.state.logins == [
        {
            "username": "hannibal",
            "password": "xxxx",
            "serveraddress": "https://index.docker.io/v1/",
        }
    ]
    assert (tmp_path / "config.json").exists()
    assert b"xxxx" not in result.stderr


def test_login_with_a_wrong_password_fails(dkr: Runner, tmp_path: Path) -> None:
    """A 401 from /auth is one line on stderr, exit 1, and nothing stored."""
    result = _login(dkr, "wrong")

    assert (result.returncode, result.stdout) == (1, b"")
    assert result.stderr == WRONG_LOGIN
    assert not (tmp_path / "config.json").exists()


def test_build_streams_the_builder_output_and_tags(
    dkr: Runner, fake: FakeDaemon, context: Path
) -> None:
    """build -t prints the daemon's plain-text steps and tags the image."""
    result = dkr("build", "-t", "x", str(context))

    assert (result.returncode, result.stderr) == (0, b"")
    [build] = fake.state.builds
    assert build["context"] == ["Dockerfile", "hello.txt"]
    assert fake.state.repositories["x"] == {"latest": build["image"]}
    lines = result.stdout.decode().rstrip("\n").split("\n")
    assert lines[0].startswith("Sending build context to Docker daemon")
    assert lines[1:4] == [
        "Step 1 : FROM busybox",
        f" ---> {BUSYBOX_ID[:12]}",
        "Step 2 : RUN echo built by the fake",
    ]
    assert "built by the fake" in lines
    assert 'Step 4 : CMD ["cat", "/hello.txt"]' in lines
    assert lines[-1] == f"Successfully built {build['image'][:12]}"


def test_build_quiet_prints_only_the_id(
    dkr: Runner, fake: FakeDaemon, context: Path
) -> None:
    """build -q prints the new image's id and nothing else."""
    result = dkr("build", "-q", "-t", "x", str(context))

    [build] = fake.state.builds
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout == f"{build['image'][:12]}\n".encode()


@pytest.mark.parametrize("quiet", [[], ["-q"]], ids=["verbose", "quiet"])
def test_build_with_a_failing_step_fails(
    dkr: Runner, fake: FakeDaemon, tmp_path: Path, quiet: list[str]
) -> None:
    """A step the old builder reports as an Error line makes build fail."""
    (tmp_path / "Dockerfile").write_text("FROM busybox\nRUN exit 3\n")

    result = dkr("build", *quiet, "-t", "x", str(tmp_path))

    assert result.returncode != 0
    error = b"The command [/bin/sh -c exit 3] returned a non-zero code: 3"
    assert error in result.stdout + result.stderr
    assert "x" not in fake.state.repositories
    if quiet:
        assert result.stdout == b""


def test_push_streams_and_succeeds(dkr: Runner, fake: FakeDaemon) -> None:
    """push prints the daemon's status lines and exits 0."""
    result = dkr("push", "busybox")

    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        b"Pushing...\n",
        b"",
    )
    assert [push["name"] for push in fake.state.pushes] == ["busybox"]


def test_push_sends_the_stored_credentials(dkr: Runner, fake: FakeDaemon) -> None:
    """After login, push sends the authConfig in its body (API v1.2)."""
    assert _login(dkr, "xxxx").returncode == 0

    result = dkr("push", "busybox")

    assert result.returncode == 0
    auth = fake.state.pushes[-1]["auth"]
    assert isinstance(auth, dict), fake.requests[-1].body
    assert (auth.get("username"), auth.get("password")) == ("hannibal", "xxxx")


def test_push_of_a_missing_image_fails(dkr: Runner) -> None:
    """push of a name the daemon does not have: its 404, exit 1."""
    result = dkr("push", "missing/thing")

    error = b"Error response from daemon: No such image: missing/thing\n"
    assert (result.returncode, result.stdout, result.stderr) == (1, b"", error)


def test_push_error_in_the_stream_fails(dkr: Runner, fake: FakeDaemon) -> None:
    """An error message in the push stream: printed on stderr, exit 1."""
    fake.tag(fake.image("busybox"), "missingrepo", "latest", force=False)

    result = dkr("push", "missingrepo")

    assert (result.returncode, result.stdout) == (1, b"Pushing...\n")
    assert result.stderr == b"Invalid repository name: missingrepo\n"
