"""Usage errors worded, and exited with, as docker 28 does; no daemon is asked."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from docker_cli import __version__
from docker_cli.api.client import Client
from docker_cli.cli.main import main

GO_DOCKER = "/usr/local/bin/docker"

USAGE_ERRORS = [
    (
        ["ps", "--bogus"],
        125,
        "unknown flag: --bogus\n\n"
        "Usage:  dkr ps [OPTIONS]\n\n"
        "Run 'dkr ps --help' for more information\n",
    ),
    (
        ["images", "-z"],
        125,
        "unknown shorthand flag: 'z' in -z\n\n"
        "Usage:  dkr images [OPTIONS] [REPOSITORY[:TAG]]\n\n"
        "Run 'dkr images --help' for more information\n",
    ),
    (
        ["rm"],
        1,
        "dkr: 'dkr rm' requires at least 1 argument\n\n"
        "Usage:  dkr rm [OPTIONS] CONTAINER [CONTAINER...]\n\n"
        "See 'dkr rm --help' for more information\n",
    ),
    (
        ["logs", "a", "b"],
        1,
        "dkr: 'dkr logs' requires 1 argument\n\n"
        "Usage:  dkr logs [OPTIONS] CONTAINER\n\n"
        "Run 'dkr logs --help' for more information\n",
    ),
    (
        ["tag", "x"],
        1,
        "dkr: 'dkr tag' requires 2 arguments\n\n"
        "Usage:  dkr tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]\n\n"
        "Run 'dkr tag --help' for more information\n",
    ),
    (
        ["commit"],
        1,
        "dkr: 'dkr commit' requires at least 1 and at most 2 arguments\n\n"
        "Usage:  dkr commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]\n\n"
        "Run 'dkr commit --help' for more information\n",
    ),
    (
        ["ps", "x"],
        1,
        "dkr: 'dkr ps' accepts no arguments\n\n"
        "Usage:  dkr ps [OPTIONS]\n\n"
        "Run 'dkr ps --help' for more information\n",
    ),
    (
        ["foo"],
        1,
        "dkr: unknown command: dkr foo\n\nRun 'dkr --help' for more information\n",
    ),
]


USAGE_IDS = [" ".join(args) for args, _, _ in USAGE_ERRORS]


def no_client(*args: object, **kwargs: object) -> None:
    raise AssertionError("a usage error must not make an API client")


@pytest.fixture(autouse=True)
def no_daemon(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Point DOCKER_HOST at nothing and fail the test if a client is made."""
    for name in list(os.environ):
        if name.startswith("DOCKER_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/no-daemon.sock")
    monkeypatch.setenv("DOCKER_CONFIG", str(tmp_path))
    monkeypatch.setattr(Client, "__init__", no_client)
    yield


def run_main(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    """Run dkr in this process; return its exit status, stdout and stderr."""
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    status = exit_info.value.code
    assert isinstance(status, int | None)
    captured = capsys.readouterr()
    return status or 0, captured.out, captured.err


@pytest.mark.parametrize(("args", "status", "stderr"), USAGE_ERRORS, ids=USAGE_IDS)
def test_usage_error(
    args: list[str], status: int, stderr: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad flag exits 125, a wrong argument count or command 1, with docker's text."""
    assert run_main(args, capsys) == (status, "", stderr)


@pytest.mark.parametrize("flag", ["--version", "-v"])
def test_version_flag(flag: str, capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints one line on stdout and exits 0 without a daemon."""
    assert run_main([flag], capsys) == (0, f"dkr version {__version__}\n", "")


@pytest.mark.skipif(shutil.which(GO_DOCKER) is None, reason="no Go docker CLI here")
@pytest.mark.parametrize(("args", "status", "stderr"), USAGE_ERRORS, ids=USAGE_IDS)
def test_go_docker_says_the_same(
    args: list[str], status: int, stderr: str, tmp_path: Path
) -> None:
    """The Go docker CLI gives the same status and text, with docker for dkr."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "DOCKER_HOST": f"unix://{tmp_path}/no-daemon.sock",
        "DOCKER_CONFIG": str(tmp_path),
    }

    result = subprocess.run(
        [GO_DOCKER, *args], capture_output=True, text=True, env=env, timeout=10
    )

    assert (result.returncode, result.stdout) == (status, "")
    assert result.stderr == stderr.replace("dkr", "docker")
