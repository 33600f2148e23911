"""``exec``: run a command in a running container."""

from __future__ import annotations

import sys

import click

from docker_cli.api import execs as api
from docker_cli.api.client import Client
from docker_cli.cli.common import client_for
from docker_cli.cli.config import DetachKeys, detach_keys
from docker_cli.cli.errors import CommandFailed
from docker_cli.cli.helpformat import command

_SETTINGS = {"allow_interspersed_args": False}


@command("exec", context_settings=_SETTINGS)
@click.option(
    "-d", "--detach", is_flag=True, help="Detached mode: run command in the background"
)
@click.option(
    "--detach-keys",
    metavar="string",
    help="Override the key sequence for detaching a container",
)
@click.option(
    "-e", "--env", multiple=True, metavar="list", help="Set environment variables"
)
@click.option(
    "-i", "--interactive", is_flag=True, help="Keep STDIN open even if not attached"
)
@click.option(
    "--privileged", is_flag=True, help="Give extended privileges to the command"
)
@click.option("-t", "--tty", is_flag=True, help="Allocate a pseudo-TTY")
@click.option(
    "-u",
    "--user",
    metavar="string",
    help='Username or UID (format: "<name|uid>[:<group|gid>]")',
)
@click.option(
    "-w", "--workdir", metavar="string", help="Working directory inside the container"
)
@click.argument("container", metavar="CONTAINER")
@click.argument("command", nargs=-1, required=True, metavar="COMMAND [ARG...]")
def exec_command(container, command, **flags):
    """Execute a command in a running container"""
    client = client_for("exec", "1.15")
    return execute(client, container, list(command), **flags)


def execute(client: Client, container: str, command: list[str], **flags) -> int:
    """Run the command; return its exit status (0 at once with -d)."""
    from docker_cli.cli.run import environment_list

    interactive, tty, detach = flags["interactive"], flags["tty"], flags["detach"]
    keys = detach_keys(flags["detach_keys"])
    if tty and interactive and not detach and not sys.stdin.isatty():
        raise CommandFailed("the input device is not a TTY")
    config = {
        "AttachStdin": interactive and not detach,
        "AttachStdout": not detach,
        "AttachStderr": not detach,
        "Tty": tty,
        "Cmd": command,
        "Env": environment_list(list(flags["env"])) or None,
        "User": flags["user"] or "",
        "WorkingDir": flags["workdir"] or "",
        "Privileged": flags["privileged"],
        "DetachKeys": keys.spec,
    }
    exec_id = api.create_exec(client, container, config)
    if detach:
        api.start_exec_detached(client, exec_id, tty)
        return 0
    return _attached(client, exec_id, tty, interactive, keys)


def _attached(
    client: Client, exec_id: str, tty: bool, interactive: bool, keys: DetachKeys
) -> int:
    from docker_cli.api.streams import is_multiplexed
    from docker_cli.cli.session import (
        SessionOptions,
        attach_session,
        follow_window_size,
    )

    stream = api.start_exec_attached(client, exec_id, tty)
    session = SessionOptions(
        tty=tty,
        multiplexed=is_multiplexed(tty, False, stream.content_type),
        send_stdin=interactive,
        detach_keys=keys.sequence,
    )
    resize_client = client.fork()

    def resize(rows: int, columns: int) -> None:
        api.resize_exec(resize_client, exec_id, rows, columns)

    with follow_window_size(resize if tty else None):
        if attach_session(stream, session):
            # docker exec reports a detach as an error, with status 1.
            raise CommandFailed("read escape sequence")
    exit_code = api.inspect_exec(client, exec_id).get("ExitCode")
    return 126 if exit_code is None else int(exit_code)
