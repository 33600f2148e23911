"""Fixtures that run dkr and the Go docker CLI against the project's engine.

The engine is the one ``scripts/engine`` manages. A session that finds it
up uses it and leaves it up; a session that has to start it stops it at
the end. Where it cannot start (not root, no apt-get), every test here is
skipped with the script's reason.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

ENGINE_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "engine"
GO_DOCKER = Path("/usr/local/bin/docker")
LABEL_KEY = "dkr.test"
NAME_PREFIX = "dkrtest-"

# Settings of the user's own engine that must not steer a test run.
FOREIGN_ENV = (
    "DOCKER_API_VERSION",
    "DOCKER_CONTEXT",
    "DOCKER_TLS_VERIFY",
    "DOCKER_CERT_PATH",
)

Result = subprocess.CompletedProcess[bytes]
Runner = Callable[..., Result]


@dataclass(frozen=True)
class Engine:
    """Where the test engine listens, and the environment to reach it."""

    host: str
    registry: str
    image: str
    env: dict[str, str]


def _engine_script(*args: str) -> subprocess.CompletedProcess[str]:
    # No timeout: a fresh machine installs packages first (under a minute).
    return subprocess.run(
        ["bash", str(ENGINE_SCRIPT), *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
    )


def _exports(text: str) -> dict[str, str]:
    """Parse the ``export NAME=value`` lines that scripts/engine prints."""
    pairs = (line.removeprefix("export ").split("=", 1) for line in text.split("\n"))
    return {pair[0]: pair[1] for pair in pairs if len(pair) == 2}


def _last_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[-1] if lines else "no output"


def _engine_dir() -> Path:
    return Path(os.environ.get("DKR_ENGINE_DIR", "/tmp/dkr-engine"))


def _other_users(users: Path) -> list[Path]:
    """Marks left by other test sessions that are still running."""
    alive = []
    for mark in users.glob("*"):
        if mark.name != str(os.getpid()) and Path(f"/proc/{mark.name}").exists():
            alive.append(mark)
    return alive


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """The running test engine; started if need be, and stopped at the end
    by the session that started it, unless other sessions still use it."""
    started = _engine_script("status").returncode != 0
    if started:
        up = _engine_script("up")
        if up.returncode != 0:
            pytest.skip(f"test engine unavailable: {_last_line(up.stderr)}")
    users = _engine_dir() / "users"
    users.mkdir(parents=True, exist_ok=True)
    mark = users / str(os.getpid())
    mark.touch()

    exports = _exports(_engine_script("env").stdout)
    env = {k: v for k, v in os.environ.items() if k not in FOREIGN_ENV}
    env["DOCKER_HOST"] = exports["DOCKER_HOST"]
    env["DOCKER_CONFIG"] = str(tmp_path_factory.mktemp("docker-config"))
    registry = exports["DKR_TEST_REGISTRY"]
    yield Engine(
        host=exports["DOCKER_HOST"],
        registry=registry,
        image=f"{registry}/busybox:latest",
        env=env,
    )

    mark.unlink(missing_ok=True)
    if started and not _other_users(users):
        _engine_script("down")


def _runner(
    command: list[str],
    env: dict[str, str],
    check: Callable[[Result], None] | None = None,
) -> Runner:
    def run(
        *args: str,
        input: bytes | str | None = None,
        timeout: float = 60,
        environ: Mapping[str, str | None] | None = None,
    ) -> Result:
        if isinstance(input, str):
            input = input.encode()
        result = subprocess.run(
            [*command, *args],
            input=input,
            # Without input, a command that reads stdin gets EOF, not the
            # terminal pytest was started from.
            stdin=subprocess.DEVNULL if input is None else None,
            capture_output=True,
            env=_updated(env, environ or {}),
            timeout=timeout,
        )
        if check:
            check(result)
        return result

    return run


def _updated(env: dict[str, str], changes: Mapping[str, str | None]) -> dict[str, str]:
    """``env`` with ``changes`` applied; a value of None unsets the name."""
    updated = {**env, **changes}
    return {key: value for key, value in updated.items() if value is not None}


def _assert_no_crash(result: Result) -> None:
    """dkr never shows a traceback, nor its catch-all for unexpected errors."""
    stderr = result.stderr.decode(errors="replace")
    assert "Traceback" not in stderr, stderr
    assert "unexpected error" not in stderr, stderr


def _go_docker_path() -> Path:
    """The Go CLI used for set-up and clean-up: the reference one if any."""
    return GO_DOCKER if GO_DOCKER.exists() else Path("/usr/bin/docker")


@pytest.fixture
def dkr(engine: Engine) -> Runner:
    """Run ``dkr ARGS...`` against the test engine; returns the process."""
    # The script installed with this Python first: a pyenv shim found on
    # PATH would cost some 0.15 s a call, and the suite makes hundreds.
    beside = Path(sys.executable).with_name("dkr")
    script = str(beside) if beside.exists() else shutil.which("dkr")
    command = [script] if script else [sys.executable, "-m", "docker_cli"]
    return _runner(command, engine.env, check=_assert_no_crash)


@pytest.fixture
def docker(engine: Engine) -> Runner:
    """Run the reference Go CLI ``docker ARGS...`` against the test engine."""
    if not GO_DOCKER.exists():
        pytest.skip(f"the reference Go docker CLI is not at {GO_DOCKER}")
    return _runner([str(GO_DOCKER)], engine.env)


@pytest.fixture(scope="session")
def go_docker(engine: Engine) -> Runner:
    """The Go CLI for set-up and clean-up, including module-scoped set-ups;
    unlike ``docker`` it may be the system's own when the reference is absent."""
    return _runner([str(_go_docker_path())], engine.env)


@pytest.fixture
def dkr_test_id() -> str:
    """A random token that marks this test's containers."""
    return secrets.token_hex(4)


@pytest.fixture
def label(dkr_test_id: str) -> str:
    """A ``dkr.test=<token>`` label for the containers this test creates."""
    return f"{LABEL_KEY}={dkr_test_id}"


@pytest.fixture
def name(dkr_test_id: str) -> str:
    """A unique container name; add suffixes to it for more containers."""
    return f"{NAME_PREFIX}{dkr_test_id}"


def _remove_containers(engine: Engine, dkr_test_id: str) -> None:
    """Remove the containers of one test, found by label and by name."""
    go_docker = _runner([str(_go_docker_path())], engine.env)
    filters = [f"label={LABEL_KEY}={dkr_test_id}", f"name=^/{NAME_PREFIX}{dkr_test_id}"]
    ids: set[str] = set()
    for query in filters:
        listed = go_docker("ps", "-aq", "--filter", query)
        ids.update(listed.stdout.decode().split())
    if ids:
        go_docker("rm", "-f", "-v", *sorted(ids))


@pytest.fixture(autouse=True)
def _remove_test_containers(engine: Engine, dkr_test_id: str) -> Iterator[None]:
    """After each test, remove its containers, by label and by name."""
    yield

    _remove_containers(engine, dkr_test_id)


@pytest.fixture
def repository(engine: Engine, name: str) -> Iterator[str]:
    """A fresh repository name, ``REGISTRY/dkrtest-<token>``, for a test's
    images; afterwards its local tags and its tags in the registry go."""
    repository = f"{engine.registry}/{name}"
    yield repository

    # The test's containers first: an image in use cannot be removed.
    _remove_containers(engine, name.removeprefix(NAME_PREFIX))
    go_docker = _runner([str(_go_docker_path())], engine.env)
    listed = go_docker("images", "--format", "{{.Repository}}:{{.Tag}}", repository)
    tags = listed.stdout.decode().split()
    if tags:
        go_docker("rmi", "-f", *tags)
    _delete_from_registry(engine.registry, name)


def _delete_from_registry(registry: str, path: str) -> None:
    """Delete every tag of ``registry/path`` (Registry HTTP API V2,
    "Deleting an Image": DELETE the manifest by its digest)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    base = f"http://{registry}/v2/{path}"
    try:
        with opener.open(f"{base}/tags/list", timeout=10) as response:
            tags = json.load(response)["tags"] or []
    except urllib.error.HTTPError:
        return  # never pushed
    for tag in tags:
        head = urllib.request.Request(
            f"{base}/manifests/{tag}", method="HEAD", headers=_MANIFEST_ACCEPT
        )
        with opener.open(head, timeout=10) as response:
            digest = response.headers["Docker-Content-Digest"]
        delete = urllib.request.Request(f"{base}/manifests/{digest}", method="DELETE")
        opener.open(delete, timeout=10).close()


_MANIFEST_ACCEPT = {
    "Accept": "application/vnd.docker.distribution.manifest.v2+json, "
    "application/vnd.oci.image.manifest.v1+json"
}


@pytest.fixture
def image_ids(engine: Engine, name: str) -> Iterator[list[str]]:
    """A list a test fills with the ids of untagged images it makes; they are
    removed afterwards, after the test's containers."""
    ids: list[str] = []
    yield ids

    _remove_containers(engine, name.removeprefix(NAME_PREFIX))
    if ids:
        go_docker = _runner([str(_go_docker_path())], engine.env)
        go_docker("rmi", "-f", *ids)


@pytest.fixture
def pulled_image(engine: Engine) -> str:
    """The busybox test image, pulled into the engine if it is not there."""
    go_docker = _runner([str(_go_docker_path())], engine.env)
    if go_docker("image", "inspect", engine.image).returncode != 0:
        pulled = go_docker("pull", "-q", engine.image)
        assert pulled.returncode == 0, pulled.stderr.decode()
    return engine.image


@pytest.fixture
def pushed_image(go_docker: Runner, pulled_image: str, repository: str) -> str:
    """A tag of the test image that is in the registry but not in the engine."""
    reference = f"{repository}:v1"
    for args in (
        ["tag", pulled_image, reference],
        ["push", reference],
        ["rmi", reference],
    ):
        done = go_docker(*args)
        assert done.returncode == 0, done.stderr.decode()
    return reference
