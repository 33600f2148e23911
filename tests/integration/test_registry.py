"""login, logout, push and pull against the htpasswd-protected test registry."""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import Engine, Result, Runner

ENGINE_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "engine"
UNENCRYPTED = (
    "\nWARNING! Your credentials are stored unencrypted in '{path}'.\n"
    "Configure a credential helper to remove this warning. See\n"
    "https://docs.docker.com/go/credential-store/\n\n"
)
INSECURE = "WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n"
NO_TTY = b"Error: Cannot perform an interactive login from a non TTY device\n"
HELPER = "dkrtest"

# A credential helper (docker-credential-helpers protocol: the action is
# the argument, its input comes on stdin) keeping secrets in a JSON file.
HELPER_SCRIPT = """#!{python}
import json, sys
from pathlib import Path

store = Path({store!r})
secrets = json.loads(store.read_text()) if store.exists() else {{}}
action, payload = sys.argv[1], sys.stdin.read().strip()
if action == "store":
    entry = json.loads(payload)
    secrets[entry["ServerURL"]] = entry
elif action == "get":
    if payload not in secrets:
        print("credentials not found in native keychain")
        sys.exit(1)
    print(json.dumps(secrets[payload]))
elif action == "erase":
    secrets.pop(payload, None)
elif action == "list":
    print(json.dumps({{url: e["Username"] for url, e in secrets.items()}}))
store.write_text(json.dumps(secrets))
"""


@dataclass(frozen=True)
class AuthRegistry:
    """The protected registry's address and its one user."""

    address: str
    user: str
    password: str

    @property
    def basic(self) -> str:
        pair = f"{self.user}:{self.password}".encode()
        return "Basic " + base64.b64encode(pair).decode()


@pytest.fixture(scope="module")
def registry(engine: Engine) -> AuthRegistry:
    """The htpasswd-protected registry that scripts/engine runs."""
    listed = subprocess.run(
        ["bash", str(ENGINE_SCRIPT), "env"], capture_output=True, text=True
    ).stdout
    exports = dict(
        line.removeprefix("export ").split("=", 1)
        for line in listed.splitlines()
        if "=" in line
    )
    if "DKR_TEST_AUTH_REGISTRY" not in exports:
        pytest.skip("scripts/engine runs no protected registry")
    return AuthRegistry(
        exports["DKR_TEST_AUTH_REGISTRY"],
        exports["DKR_TEST_AUTH_USER"],
        exports["DKR_TEST_AUTH_PASSWORD"],
    )


@pytest.fixture
def auth_repository(
    registry: AuthRegistry, name: str, go_docker: Runner
) -> Iterator[str]:
    """``AUTH_REGISTRY/dkrtest-<token>``; its local tags and its registry
    tags are removed afterwards."""
    repository = f"{registry.address}/{name}"
    yield repository

    listed = go_docker("images", "--format", "{{.Repository}}:{{.Tag}}", repository)
    if tags := listed.stdout.decode().split():
        go_docker("rmi", "-f", *tags)
    _delete_from_registry(registry, name)


def _delete_from_registry(registry: AuthRegistry, path: str) -> None:
    """DELETE each tag's manifest by digest (Registry HTTP API V2)."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    base = f"http://{registry.address}/v2/{path}"

    def call(url: str, method: str = "GET") -> urllib.request.Request:
        headers = {"Authorization": registry.basic, "Accept": MANIFEST_TYPES}
        return urllib.request.Request(url, method=method, headers=headers)

    try:
        with opener.open(call(f"{base}/tags/list"), timeout=10) as response:
            tags = json.load(response)["tags"] or []
    except urllib.error.HTTPError:
        return
    for tag in tags:
        with opener.open(call(f"{base}/manifests/{tag}", "HEAD"), timeout=10) as reply:
            digest = reply.headers["Docker-Content-Digest"]
        opener.open(call(f"{base}/manifests/{digest}", "DELETE"), timeout=10).close()


MANIFEST_TYPES = (
    "application/vnd.docker.distribution.manifest.v2+json, "
    "application/vnd.oci.image.manifest.v1+json"
)


@pytest.fixture
def image(go_docker: Runner, pulled_image: str, auth_repository: str) -> str:
    """``REPOSITORY:v1``, a local tag of the test image, not yet pushed."""
    reference = f"{auth_repository}:v1"
    _ok(go_docker("tag", pulled_image, reference))
    return reference


@pytest.fixture
def config(tmp_path: Path) -> Path:
    """An empty DOCKER_CONFIG directory for dkr."""
    directory = tmp_path / "dkr-config"
    directory.mkdir()
    return directory


@pytest.fixture
def go_config(tmp_path: Path) -> Path:
    """An empty DOCKER_CONFIG directory for the Go CLI."""
    directory = tmp_path / "docker-config"
    directory.mkdir()
    return directory


def _ok(result: Result) -> str:
    assert result.returncode == 0, result.stderr.decode()
    stdout: bytes = result.stdout
    return stdout.decode()


def _with(config: Path, **more: str) -> dict[str, str]:
    return {"DOCKER_CONFIG": str(config), **more}


def _login(cli: Runner, registry: AuthRegistry, config: Path, **env: str) -> Result:
    return cli(
        "login",
        "-u",
        registry.user,
        "--password-stdin",
        registry.address,
        input=registry.password,
        environ=_with(config, **env),
    )


def _config_json(config: Path) -> dict[str, object]:
    loaded: dict[str, object] = json.loads((config / "config.json").read_text())
    return loaded


def _auth_entry(registry: AuthRegistry) -> dict[str, str]:
    pair = f"{registry.user}:{registry.password}".encode()
    return {"auth": base64.b64encode(pair).decode()}


def test_login_stores_credentials_in_config_json(
    dkr: Runner, registry: AuthRegistry, config: Path
) -> None:
    """login -u --password-stdin: Login Succeeded, auths entry, mode 0600."""
    result = _login(dkr, registry, config)

    assert (result.returncode, result.stdout) == (0, b"Login Succeeded\n")
    path = config / "config.json"
    assert f"stored unencrypted in '{path}'" in result.stderr.decode()
    assert registry.password.encode() not in result.stdout + result.stderr
    assert path.stat().st_mode & 0o777 == 0o600
    assert _config_json(config) == {"auths": {registry.address: _auth_entry(registry)}}


def test_login_output_matches_docker(
    dkr: Runner,
    docker: Runner,
    registry: AuthRegistry,
    config: Path,
    go_config: Path,
) -> None:
    """login prints what docker prints, and writes the same config.json."""
    mine = _login(dkr, registry, config)
    theirs = _login(docker, registry, go_config)

    assert (mine.returncode, mine.stdout) == (theirs.returncode, theirs.stdout)
    assert theirs.stderr.decode() == UNENCRYPTED.format(path=go_config / "config.json")
    assert mine.stderr.decode() == UNENCRYPTED.format(path=config / "config.json")
    assert _config_json(config) == _config_json(go_config)


def test_login_with_a_wrong_password_fails(
    dkr: Runner, docker: Runner, registry: AuthRegistry, config: Path, go_config: Path
) -> None:
    """A refused login exits 1 with the daemon's message and stores nothing."""
    wrong = AuthRegistry(registry.address, registry.user, "not-the-password")

    mine = _login(dkr, wrong, config)
    theirs = _login(docker, wrong, go_config)

    expected = (
        "Error response from daemon: login attempt to "
        f"http://{registry.address}/v2/ failed with status: 401 Unauthorized\n"
    )
    assert (mine.returncode, mine.stdout, mine.stderr.decode()) == (1, b"", expected)
    assert (theirs.returncode, theirs.stderr.decode()) == (1, expected)
    assert not (config / "config.json").exists()


def test_login_with_password_flag_warns(
    dkr: Runner, registry: AuthRegistry, config: Path
) -> None:
    """login -p works, with docker's warning about passwords on the command line."""
    result = dkr(
        "login",
        "-u",
        registry.user,
        "-p",
        registry.password,
        registry.address,
        environ=_with(config),
    )

    assert (result.returncode, result.stdout) == (0, b"Login Succeeded\n")
    assert result.stderr.decode().startswith(INSECURE)
    assert registry.password.encode() not in result.stderr


def test_password_stdin_needs_a_username(
    dkr: Runner, docker: Runner, registry: AuthRegistry, config: Path
) -> None:
    """--password-stdin without -u fails as docker does, before reading stdin."""
    args = ("login", "--password-stdin", registry.address)

    mine = dkr(*args, input="secret", environ=_with(config))
    theirs = docker(*args, input="secret", environ=_with(config))

    expected = b"the --password-stdin option requires --username to be set\n"
    assert (theirs.returncode, theirs.stderr) == (1, expected)
    assert (mine.returncode, mine.stdout, mine.stderr) == (1, b"", expected)


@pytest.mark.parametrize("args", [[], ["-u", "someone"]], ids=["bare", "username"])
def test_login_without_a_terminal_fails(
    dkr: Runner, registry: AuthRegistry, config: Path, args: list[str]
) -> None:
    """login that would prompt, with stdin not a terminal, fails at once."""
    result = dkr("login", *args, registry.address, timeout=15, environ=_with(config))

    assert (result.returncode, result.stdout, result.stderr) == (1, b"", NO_TTY)


def test_push_without_login_fails(
    dkr: Runner, docker: Runner, image: str, config: Path
) -> None:
    """push to the protected registry with no credentials: exit 1, as docker."""
    mine = dkr("push", image, environ=_with(config))
    theirs = docker("push", image, environ=_with(config))

    assert (mine.returncode, mine.stderr) == (1, b"no basic auth credentials\n")
    assert (mine.stdout, mine.stderr) == (theirs.stdout, theirs.stderr)
    repository = image.removesuffix(":v1")
    assert mine.stdout.decode().startswith(
        f"The push refers to repository [{repository}]\n"
    )


def test_push_after_login(
    dkr: Runner,
    docker: Runner,
    registry: AuthRegistry,
    image: str,
    config: Path,
    go_config: Path,
) -> None:
    """After login, push prints docker's lines and ends with the digest."""
    _ok(_login(dkr, registry, config))

    first = dkr("push", image, environ=_with(config))

    assert (first.returncode, first.stderr) == (0, b"")
    lines = first.stdout.decode().splitlines()
    repository = image.removesuffix(":v1")
    assert lines[0] == f"The push refers to repository [{repository}]"
    assert re.fullmatch(r"v1: digest: sha256:[0-9a-f]{64} size: \d+", lines[-1])
    layers = [line for line in lines[1:-1] if not line.endswith(": Preparing")]
    done = r"[0-9a-f]{12}: (Pushed|Layer already exists|Mounted from \S+)"
    assert layers and all(re.fullmatch(done, line) for line in layers), lines

    _ok(_login(docker, registry, go_config))
    again = dkr("push", image, environ=_with(config))
    theirs = docker("push", image, environ=_with(go_config))
    assert (again.returncode, again.stdout) == (theirs.returncode, theirs.stdout)
    assert "Layer already exists" in again.stdout.decode()


def test_push_quiet_prints_the_reference(
    dkr: Runner, registry: AuthRegistry, image: str, config: Path
) -> None:
    """push -q prints only the pushed reference."""
    _ok(_login(dkr, registry, config))

    result = dkr("push", "-q", image, environ=_with(config))

    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        f"{image}\n".encode(),
        b"",
    )


def test_pull_uses_the_stored_credentials(
    dkr: Runner,
    go_docker: Runner,
    registry: AuthRegistry,
    image: str,
    config: Path,
    tmp_path: Path,
) -> None:
    """pull from the protected registry fails without login, works after."""
    _ok(_login(dkr, registry, config))
    _ok(dkr("push", "-q", image, environ=_with(config)))
    _ok(go_docker("rmi", image))
    anonymous = tmp_path / "anonymous"
    anonymous.mkdir()

    refused = dkr("pull", image, environ=_with(anonymous))
    pulled = dkr("pull", image, environ=_with(config))

    path = image.removeprefix(f"{registry.address}/").replace(":", "/manifests/")
    expected = (
        f'Error response from daemon: Head "http://{registry.address}/v2/{path}": '
        "no basic auth credentials\n"
    )
    assert (refused.returncode, refused.stdout, refused.stderr.decode()) == (
        1,
        b"",
        expected,
    )
    assert (pulled.returncode, pulled.stderr) == (0, b"")
    assert pulled.stdout.decode().endswith(
        f"Status: Downloaded newer image for {image}\n{image}\n"
    )
    assert go_docker("image", "inspect", image).returncode == 0


def test_logout_removes_the_credentials(
    dkr: Runner, docker: Runner, registry: AuthRegistry, image: str, config: Path
) -> None:
    """logout SERVER says so, empties auths, and push is refused again."""
    _ok(_login(dkr, registry, config))

    result = dkr("logout", registry.address, environ=_with(config))
    again = dkr("logout", registry.address, environ=_with(config))
    theirs = docker("logout", registry.address, environ=_with(config))

    removing = f"Removing login credentials for {registry.address}\n".encode()
    assert (result.returncode, result.stdout, result.stderr) == (0, removing, b"")
    assert (again.returncode, again.stdout) == (theirs.returncode, theirs.stdout)
    assert _config_json(config) == {"auths": {}}
    refused = dkr("push", image, environ=_with(config))
    assert (refused.returncode, refused.stderr) == (1, b"no basic auth credentials\n")


@pytest.fixture
def helper(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A fake ``docker-credential-dkrtest`` in a directory for PATH, and the
    JSON file where it keeps what it stores."""
    directory = tmp_path / "bin"
    directory.mkdir()
    store = tmp_path / "helper-store.json"
    script = directory / f"docker-credential-{HELPER}"
    script.write_text(HELPER_SCRIPT.format(python=sys.executable, store=str(store)))
    script.chmod(0o755)
    yield directory, store


@pytest.mark.parametrize("setting", ["credsStore", "credHelpers"])
def test_credential_helper_keeps_the_secret(
    dkr: Runner,
    go_docker: Runner,
    registry: AuthRegistry,
    image: str,
    config: Path,
    helper: tuple[Path, Path],
    setting: str,
) -> None:
    """With a credential helper, the secret goes to it, not to config.json,
    and push, pull and logout use it."""
    directory, store = helper
    initial: dict[str, object] = {"credsStore": HELPER}
    if setting == "credHelpers":
        initial = {"credHelpers": {registry.address: HELPER}}
    (config / "config.json").write_text(json.dumps(initial))
    path = f"{directory}{os.pathsep}{os.environ['PATH']}"

    login = _login(dkr, registry, config, PATH=path)

    assert (login.returncode, login.stdout, login.stderr) == (
        0,
        b"Login Succeeded\n",
        b"",
    )
    assert _config_json(config) == {**initial, "auths": {registry.address: {}}}
    assert registry.password not in (config / "config.json").read_text()
    entry = {
        "ServerURL": registry.address,
        "Username": registry.user,
        "Secret": registry.password,
    }
    assert json.loads(store.read_text()) == {registry.address: entry}

    _ok(dkr("push", "-q", image, environ=_with(config, PATH=path)))
    _ok(go_docker("rmi", image))
    _ok(dkr("pull", "-q", image, environ=_with(config, PATH=path)))

    _ok(dkr("logout", registry.address, environ=_with(config, PATH=path)))
    assert json.loads(store.read_text()) == {}
    assert _config_json(config) == {**initial, "auths": {}}
