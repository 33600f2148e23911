"""Global behaviour: choosing the daemon and API version, usage errors."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import Engine, Runner

NOWHERE_UNIX = "unix:///tmp/dkr-test-nothing-here/docker.sock"
NOWHERE_TCP = "tcp://127.0.0.1:1"


def _no_daemon(host: str) -> str:
    return (
        f"Cannot connect to the Docker daemon at {host}. Is the docker daemon running?"
    )


@pytest.mark.parametrize("flag", ["-H", "--host"])
def test_host_flag_picks_the_daemon(
    dkr: Runner, engine: Engine, label: str, flag: str
) -> None:
    """``-H unix://PATH`` reaches that daemon, even with DOCKER_HOST elsewhere."""
    result = dkr(
        flag,
        engine.host,
        "ps",
        "-q",
        "--filter",
        f"label={label}",
        environ={"DOCKER_HOST": NOWHERE_UNIX},
    )

    assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")


def test_docker_host_picks_the_daemon(dkr: Runner, engine: Engine, label: str) -> None:
    """DOCKER_HOST=unix://PATH reaches that daemon."""
    query = ["ps", "-q", "--filter", f"label={label}"]

    result = dkr(*query, environ={"DOCKER_HOST": engine.host})

    assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")


@pytest.mark.parametrize("host", [NOWHERE_UNIX, NOWHERE_TCP])
@pytest.mark.parametrize("how", ["flag", "env"])
def test_no_daemon_at_the_address(dkr: Runner, host: str, how: str) -> None:
    """Nothing listening at the address: exit 1 and docker's "Cannot connect"."""
    if how == "flag":
        result = dkr("-H", host, "ps")
    else:
        result = dkr("ps", environ={"DOCKER_HOST": host})

    assert (result.returncode, result.stdout, result.stderr.decode()) == (
        1,
        b"",
        _no_daemon(host) + "\n",
    )


def test_run_with_no_daemon_exits_125(dkr: Runner, engine: Engine) -> None:
    """``run`` when the daemon cannot be reached fails as docker run does: 125."""
    result = dkr("-H", NOWHERE_UNIX, "run", "--rm", engine.image, "true")

    assert (result.returncode, result.stdout, result.stderr.decode()) == (
        125,
        b"",
        f"dkr: {_no_daemon(NOWHERE_UNIX)}\n\n"
        "Run 'dkr run --help' for more information\n",
    )


def test_version_with_no_daemon_prints_the_client_then_fails(dkr: Runner) -> None:
    """``version`` with no daemon prints the Client section, then the error."""
    result = dkr("-H", NOWHERE_UNIX, "version")

    assert result.returncode == 1
    assert result.stdout.decode().startswith("Client:\n Version: ")
    assert "Server:" not in result.stdout.decode()
    assert result.stderr.decode() == _no_daemon(NOWHERE_UNIX) + "\n"


def test_api_version_env_fixes_the_version_in_paths(dkr: Runner) -> None:
    """DOCKER_API_VERSION=1.40 makes every call go to /v1.40/ (``-D`` shows it)."""
    result = dkr("-D", "version", environ={"DOCKER_API_VERSION": "1.40"})

    assert result.returncode == 0, result.stderr.decode()
    assert "/v1.40/" in result.stderr.decode()
    assert not re.search(r"/v1\.(?!40/)\d+/", result.stderr.decode())
    client = result.stdout.decode().split("\nServer:")[0]
    assert re.search(r"^ API version: +1\.40\b", client, re.MULTILINE)


@pytest.mark.parametrize(
    ("args", "message", "usage"),
    [
        (["ps", "--bogus"], "unknown flag: --bogus", "dkr ps [OPTIONS]"),
        (["ps", "-Z"], "unknown shorthand flag: 'Z' in -Z", "dkr ps [OPTIONS]"),
        (
            ["images", "--bogus"],
            "unknown flag: --bogus",
            "dkr images [OPTIONS] [REPOSITORY[:TAG]]",
        ),
        (
            ["run", "--bogus", "x"],
            "unknown flag: --bogus",
            "dkr run [OPTIONS] IMAGE [COMMAND] [ARG...]",
        ),
        (
            ["rm", "--bogus", "x"],
            "unknown flag: --bogus",
            "dkr rm [OPTIONS] CONTAINER [CONTAINER...]",
        ),
    ],
    ids=["ps", "ps-shorthand", "images", "run", "rm"],
)
def test_bad_flag_exits_125_with_usage(
    dkr: Runner, args: list[str], message: str, usage: str
) -> None:
    """An unknown flag: status 125, the flag named, then the usage line."""
    result = dkr(*args)

    command = usage.split(" [")[0]
    assert (result.returncode, result.stdout, result.stderr.decode()) == (
        125,
        b"",
        f"{message}\n\nUsage:  {usage}\n\n"
        f"Run '{command} --help' for more information\n",
    )


def test_bad_global_flag_exits_125_with_usage(dkr: Runner) -> None:
    """An unknown flag before the command: 125 and dkr's own usage line."""
    result = dkr("--bogus", "ps")

    assert (result.returncode, result.stdout, result.stderr.decode()) == (
        125,
        b"",
        "unknown flag: --bogus\n\n"
        "Usage:  dkr [OPTIONS] COMMAND [ARG...]\n\n"
        "Run 'dkr --help' for more information\n",
    )


@pytest.mark.parametrize(
    ("args", "count", "usage", "verb"),
    [
        (
            ["rm"],
            "requires at least 1 argument",
            "[OPTIONS] CONTAINER [CONTAINER...]",
            "See",
        ),
        (["wait"], "requires at least 1 argument", "CONTAINER [CONTAINER...]", "See"),
        (["logs", "a", "b"], "requires 1 argument", "[OPTIONS] CONTAINER", "Run"),
        (
            ["tag", "a"],
            "requires 2 arguments",
            "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]",
            "Run",
        ),
        (["ps", "a"], "accepts no arguments", "[OPTIONS]", "Run"),
        (
            ["commit"],
            "requires at least 1 and at most 2 arguments",
            "[OPTIONS] CONTAINER [REPOSITORY[:TAG]]",
            "Run",
        ),
    ],
    ids=["rm", "wait", "logs", "tag", "ps", "commit"],
)
def test_wrong_argument_count_exits_1_with_usage(
    dkr: Runner, args: list[str], count: str, usage: str, verb: str
) -> None:
    """Too few or too many arguments: status 1, docker's count message, usage."""
    result = dkr(*args)

    command = f"dkr {args[0]}"
    assert (result.returncode, result.stdout, result.stderr.decode()) == (
        1,
        b"",
        f"dkr: '{command}' {count}\n\nUsage:  {command} {usage}\n\n"
        f"{verb} '{command} --help' for more information\n",
    )


def test_unknown_command_exits_1(dkr: Runner) -> None:
    """An unknown command: status 1, docker's message and a pointer to --help."""
    result = dkr("bogus")

    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        b"",
        b"dkr: unknown command: dkr bogus\n\nRun 'dkr --help' for more information\n",
    )
