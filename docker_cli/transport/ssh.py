"""ssh:// daemons: each connection is an ``ssh HOST docker system
dial-stdio`` process, whose standard streams carry the HTTP, as docker does."""

from __future__ import annotations

import socket
import subprocess
import tempfile
from dataclasses import dataclass
from typing import IO


@dataclass
class _Tunnel:
    """An ssh process behind a connection, and where its errors go."""

    process: subprocess.Popen[bytes]
    errors: IO[bytes]
    command: list[str]


# Kept so that a connection that failed can be explained by what ssh said.
_tunnels: list[_Tunnel] = []


def ssh_command(host: str, port: int, user: str) -> list[str]:
    command = ["ssh", "-o", "ConnectTimeout=30", "-T"]
    if port:
        command += ["-p", str(port)]
    if user:
        command += ["-l", user]
    return [*command, "--", host, "docker", "system", "dial-stdio"]


def open_ssh_socket(host: str, port: int, user: str) -> socket.socket:
    """A socket whose other end is the standard input and output of ssh."""
    ours, theirs = socket.socketpair()
    errors = tempfile.TemporaryFile()  # noqa: SIM115 - lives with the tunnel
    command = ssh_command(host, port, user)
    try:
        process = subprocess.Popen(
            command,
            stdin=theirs.fileno(),
            stdout=theirs.fileno(),
            stderr=errors,
            start_new_session=True,  # Ctrl-C is for dkr, not for ssh
        )
    except OSError:
        ours.close()
        errors.close()
        raise
    finally:
        theirs.close()
    _tunnels.append(_Tunnel(process, errors, command))
    return ours


def last_failure() -> str | None:
    """docker's explanation of the most recent ssh that exited in error."""
    for tunnel in reversed(_tunnels):
        status = tunnel.process.poll()
        if status in (None, 0):
            continue
        tunnel.errors.seek(0)
        said = tunnel.errors.read().decode(errors="replace").strip()
        command = " ".join(tunnel.command)
        return (
            f"command [{command}] has exited with exit status {status}, make "
            "sure the URL is valid, and Docker 18.09 or later is installed on "
            f"the remote host: stderr={said}"
        )
    return None
