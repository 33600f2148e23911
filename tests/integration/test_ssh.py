"""dkr over ssh://: a private sshd on loopback whose only command is
``docker system dial-stdio`` towards the test engine, as on a remote host."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import GO_DOCKER, Engine, Runner

SSHD = Path("/usr/sbin/sshd")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _write_sshd_config(folder: Path, port: int, engine: Engine) -> Path:
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(folder / "host")],
        check=True,
    )
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(folder / "user")],
        check=True,
    )
    shutil.copy(folder / "user.pub", folder / "authorized_keys")
    dial = f"env DOCKER_HOST={engine.host} {GO_DOCKER} system dial-stdio"
    config = folder / "sshd_config"
    config.write_text(
        f"ListenAddress 127.0.0.1\nPort {port}\nHostKey {folder / 'host'}\n"
        f"AuthorizedKeysFile {folder / 'authorized_keys'}\n"
        f"PidFile {folder / 'sshd.pid'}\nPasswordAuthentication no\n"
        "KbdInteractiveAuthentication no\nUsePAM no\nStrictModes no\n"
        f"PermitRootLogin prohibit-password\nForceCommand {dial}\n"
    )
    return config


def _client_wrapper(folder: Path, port: int) -> Path:
    """An ``ssh`` first on PATH that uses the test key and trusts the test
    host, so that dkr's own ssh command line is what gets exercised."""
    (folder / "ssh_config").write_text(
        f"Host dkr-ssh-test\n  HostName 127.0.0.1\n  Port {port}\n"
        f"  IdentityFile {folder / 'user'}\n  IdentitiesOnly yes\n"
        "  StrictHostKeyChecking no\n  UserKnownHostsFile /dev/null\n"
        "  LogLevel ERROR\n"
    )
    bin_dir = folder / "bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "ssh"
    wrapper.write_text(
        f'#!/bin/sh\nexec /usr/bin/ssh -F {folder / "ssh_config"} "$@"\n'
    )
    wrapper.chmod(0o755)
    return bin_dir


@pytest.fixture(scope="module")
def ssh_path(engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A PATH whose ssh reaches the sshd started here; stopped afterwards."""
    if not SSHD.exists() or not GO_DOCKER.exists():
        pytest.skip("needs Debian's openssh-server and the Go docker CLI")
    folder = tmp_path_factory.mktemp("ssh")
    port = _free_port()
    config = _write_sshd_config(folder, port, engine)
    Path("/run/sshd").mkdir(exist_ok=True)  # sshd's privilege separation dir
    log = folder / "sshd.log"
    sshd = subprocess.Popen([str(SSHD), "-D", "-f", str(config), "-E", str(log)])
    try:
        for _ in range(50):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        bin_dir = _client_wrapper(folder, port)
        yield f"{bin_dir}:{os.environ['PATH']}"
    finally:
        sshd.terminate()
        sshd.wait(timeout=10)


def test_ps_over_ssh(dkr: Runner, ssh_path: str) -> None:
    """-H ssh://HOST runs the API through ssh and dial-stdio."""
    result = dkr(
        "-H", "ssh://root@dkr-ssh-test", "ps", "-a", environ={"PATH": ssh_path}
    )

    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.startswith(b"CONTAINER ID   IMAGE")


def test_run_with_stdin_over_ssh(
    dkr: Runner, ssh_path: str, pulled_image: str, name: str
) -> None:
    """The attach stream, stdin and its end included, works through ssh."""
    result = dkr(
        "run",
        "--rm",
        "-i",
        "--name",
        name,
        pulled_image,
        "sh",
        "-c",
        "cat; exit 5",
        input=b"tunnelled\n",
        environ={"PATH": ssh_path, "DOCKER_HOST": "ssh://root@dkr-ssh-test"},
    )

    assert (result.returncode, result.stdout) == (5, b"tunnelled\n"), result.stderr


def test_ssh_failure_is_explained(dkr: Runner, ssh_path: str) -> None:
    """An ssh that cannot log in is reported with what ssh said, in one line."""
    result = dkr(
        "-H", "ssh://nobody-here@127.0.0.1:1", "ps", environ={"PATH": ssh_path}
    )

    assert result.returncode == 1
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error during connect: command [ssh ")
    assert "stderr=" in lines[0]
