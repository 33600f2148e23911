"""``run`` and ``create``: create (pulling the image when missing), start,
attach and wait, as the Remote API v1.2 document describes ``docker run``."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, BinaryIO, TypeVar

import click

from docker_cli.api import containers as api
from docker_cli.api.client import Client
from docker_cli.api.errors import DockerError, NotFound
from docker_cli.api.streams import HijackedStream
from docker_cli.cli.context import get_env
from docker_cli.cli.errors import (
    EXIT_CANNOT_INVOKE,
    EXIT_DOCKER,
    EXIT_NOT_FOUND,
    CommandFailed,
    describe,
)


@dataclass
class RunOptions:
    """What ``run`` and ``create`` were asked to do, flags already parsed."""

    image: str
    command: list[str] = field(default_factory=list)
    name: str | None = None
    detach: bool = False
    remove: bool = False
    interactive: bool = False
    tty: bool = False
    env: list[str] = field(default_factory=list)
    workdir: str | None = None
    user: str | None = None
    hostname: str | None = None
    entrypoint: str | None = None
    labels: list[str] = field(default_factory=list)
    network: str | None = None

    def container_config(self, legacy: bool) -> dict[str, Any]:
        attach_output = not self.detach
        config: dict[str, Any] = {
            "Image": self.image,
            "Cmd": self.command or None,
            "Env": _environment(self.env) or None,
            "WorkingDir": self.workdir or "",
            "User": self.user or "",
            "Hostname": self.hostname or "",
            "AttachStdin": self.interactive and not self.detach,
            "AttachStdout": attach_output,
            "AttachStderr": attach_output,
            "OpenStdin": self.interactive,
            "StdinOnce": self.interactive and not self.detach,
            "Tty": self.tty,
        }
        if legacy:
            return config
        if self.entrypoint is not None:
            config["Entrypoint"] = [self.entrypoint]
        config["Labels"] = _labels(self.labels)
        config["HostConfig"] = {
            "AutoRemove": self.remove,
            "NetworkMode": self.network or "default",
        }
        return config


def _environment(values: list[str]) -> list[str]:
    """``-e NAME`` without a value passes NAME on from our environment,
    and is dropped when we do not have it, as docker does."""
    result = []
    for value in values:
        if "=" in value:
            result.append(value)
        elif value in os.environ:
            result.append(f"{value}={os.environ[value]}")
    return result


def _labels(values: list[str]) -> dict[str, str]:
    return dict(value.partition("=")[::2] for value in values)


def create(client: Client, options: RunOptions) -> str:
    """Create the container, pulling its image first when the daemon does not
    have it; print the daemon's warnings; return the container id."""
    config = options.container_config(client.legacy)
    if client.legacy:
        _warn_unsupported(options)
    try:
        container_id, warnings = api.create_container(client, config, options.name)
    except NotFound:
        _pull_missing(options.image)
        container_id, warnings = api.create_container(client, config, options.name)
    for warning in warnings:
        click.echo(f"WARNING: {warning}", err=True)
    return container_id


def _warn_unsupported(options: RunOptions) -> None:
    """Say which flags a 2013 (API v1.2) daemon cannot honour."""
    unsupported = {
        "--name": options.name,
        "--entrypoint": options.entrypoint,
        "--label": options.labels,
        "--network": options.network,
    }
    for flag, value in unsupported.items():
        if value:
            click.echo(
                f"WARNING: the daemon speaks Remote API v1.2, which has no {flag}; "
                "it was ignored",
                err=True,
            )


def _pull_missing(image: str) -> None:
    from docker_cli.api.references import split_tag
    from docker_cli.cli.image import pull

    repository, tag = split_tag(image)
    shown = image if tag or "@" in image else f"{repository}:latest"
    click.echo(f"Unable to find image '{shown}' locally", err=True)
    pull(shown, quiet=False, out=sys.stderr, default_tag_note=False)


def run(client: Client, options: RunOptions) -> int:
    """Run a container to the end and return its exit status, or start it
    and print its id with ``--detach``."""
    container_id = create(client, options)
    if options.detach:
        api.start_container(client, container_id)
        click.echo(container_id)
        return 0
    if client.legacy:
        return _run_legacy(client, options, container_id)

    # Attach and ask to be told of the exit before starting, so that the
    # output and status of a container that exits at once are not missed.
    stream = api.attach_container(client, container_id, stdin=options.interactive)
    waiter = _Waiter(client.fork(), container_id, autoremove=options.remove)
    _start_or_fail(client, container_id, options)
    return _follow(client, stream, waiter, container_id, options)


def _run_legacy(client: Client, options: RunOptions, container_id: str) -> int:
    """The 2013 order: start, then attach with logs=1 so that output written
    before the attach is replayed, then wait.

    An old daemon mixes stdout and stderr in one raw stream; a second attach
    for stderr alone keeps the two apart, which the 2013 client never did.
    """
    _start_or_fail(client, container_id, options)
    stream = api.attach_container(
        client, container_id, stdin=options.interactive, stderr=False, logs=True
    )
    errors = api.attach_container(client, container_id, stdout=False, logs=True)
    copier = threading.Thread(target=_copy_raw, args=(errors, sys.stderr.buffer))
    copier.start()
    waiter = _Waiter(client.fork(), container_id, autoremove=False)
    status = _follow(client, stream, waiter, container_id, options)
    copier.join()
    if options.remove:
        api.remove_container(client, container_id)
    return status


def _copy_raw(stream: HijackedStream, target: BinaryIO) -> None:
    try:
        while chunk := stream.read():
            target.write(chunk)
            target.flush()
    finally:
        stream.close()


def _start_or_fail(client: Client, container_id: str, options: RunOptions) -> None:
    try:
        api.start_container(client, container_id)
    except DockerError as error:
        if options.remove:
            _remove_quietly(client, container_id)
        raise CommandFailed(
            f"dkr: {describe(error)}\n\nRun 'dkr run --help' for more information",
            exit_code=_start_failure_status(str(error)),
        ) from None


def _start_failure_status(message: str) -> int:
    """docker run's 126 and 127 for a command that cannot be run or found."""
    lowered = message.lower()
    if "executable file not found" in lowered or "no such file" in lowered:
        return EXIT_NOT_FOUND
    if "permission denied" in lowered or "cannot execute" in lowered:
        return EXIT_CANNOT_INVOKE
    return EXIT_DOCKER


def _remove_quietly(client: Client, container_id: str) -> None:
    with contextlib.suppress(DockerError):
        api.remove_container(client, container_id, force=True)


def _follow(
    client: Client,
    stream: HijackedStream,
    waiter: _Waiter,
    container_id: str,
    options: RunOptions,
) -> int:
    """Copy output (and stdin) until the container ends; return its status."""
    from docker_cli.api.streams import demultiplex, is_multiplexed
    from docker_cli.cli.common import write_chunks

    multiplexed = is_multiplexed(options.tty, client.legacy, stream.content_type)
    if options.interactive:
        _pump_stdin(stream)
    restore = _proxy_signals(client.fork(), container_id, options.tty)
    try:
        write_chunks(demultiplex(iter(stream.read, b""), multiplexed))
        return waiter.result()
    finally:
        restore()
        stream.close()


def _pump_stdin(stream: HijackedStream) -> None:
    """Copy our stdin to the container in the background; at its end, close
    the write side so the container sees end of input."""

    def copy() -> None:
        fd = sys.stdin.fileno()
        try:
            while chunk := os.read(fd, 64 * 1024):
                stream.write(chunk)
        except OSError:
            pass
        stream.close_write()

    threading.Thread(target=copy, daemon=True).start()


def _proxy_signals(client: Client, container_id: str, tty: bool) -> Callable[[], None]:
    """Pass SIGINT, SIGTERM and SIGHUP on to the container, as docker's
    --sig-proxy does; a TTY container gets Ctrl-C through the terminal."""
    if tty or threading.current_thread() is not threading.main_thread():
        return lambda: None
    proxied = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP]

    def forward(number: int, frame: object) -> None:
        name = signal.Signals(number).name
        threading.Thread(
            target=_kill_quietly, args=(client, container_id, name), daemon=True
        ).start()

    previous = {number: signal.signal(number, forward) for number in proxied}

    def restore() -> None:
        for number, handler in previous.items():
            signal.signal(number, handler)

    return restore


def _kill_quietly(client: Client, container_id: str, name: str) -> None:
    with contextlib.suppress(DockerError):
        api.kill_container(client, container_id, name)


class _Waiter:
    """A wait request sent now, answered when the container exits."""

    def __init__(self, client: Client, container_id: str, autoremove: bool) -> None:
        self._status: int | None = None
        self._error: DockerError | None = None
        condition = "removed" if autoremove else "next-exit"
        self._thread = threading.Thread(
            target=self._wait, args=(client, container_id, condition), daemon=True
        )
        self._ready = threading.Event()
        self._thread.start()

    def _wait(self, client: Client, container_id: str, condition: str) -> None:
        try:
            self._status = api.wait_container(client, container_id, condition)
        except DockerError as error:
            self._error = error

    def result(self) -> int:
        self._thread.join()
        if self._error is not None:
            raise CommandFailed(f"dkr: {describe(self._error)}", EXIT_DOCKER)
        return self._status if self._status is not None else EXIT_DOCKER


def run_options(image: str, command: tuple[str, ...], **flags: Any) -> RunOptions:
    return RunOptions(
        image=image,
        command=list(command),
        name=flags["name"],
        detach=flags.get("detach", False),
        remove=flags["rm"],
        interactive=flags["interactive"],
        tty=flags["tty"],
        env=list(flags["env"]),
        workdir=flags["workdir"],
        user=flags["user"],
        hostname=flags["hostname"],
        entrypoint=flags["entrypoint"],
        labels=list(flags["label"]),
        network=flags["network"],
    )


def container_flags(function):
    """The flags ``run`` and ``create`` share."""
    flags = [
        click.option(
            "--entrypoint",
            metavar="string",
            help="Overwrite the default ENTRYPOINT of the image",
        ),
        click.option(
            "-e",
            "--env",
            multiple=True,
            metavar="list",
            help="Set environment variables",
        ),
        click.option("-h", "--hostname", metavar="string", help="Container host name"),
        click.option(
            "-i",
            "--interactive",
            is_flag=True,
            help="Keep STDIN open even if not attached",
        ),
        click.option(
            "-l",
            "--label",
            multiple=True,
            metavar="list",
            help="Set meta data on a container",
        ),
        click.option("--name", metavar="string", help="Assign a name to the container"),
        click.option(
            "--network", metavar="network", help="Connect a container to a network"
        ),
        click.option(
            "--rm",
            is_flag=True,
            help="Automatically remove the container and its associated "
            "anonymous volumes when it exits",
        ),
        click.option("-t", "--tty", is_flag=True, help="Allocate a pseudo-TTY"),
        click.option(
            "-u",
            "--user",
            metavar="string",
            help="Username or UID (format: <name|uid>[:<group|gid>])",
        ),
        click.option(
            "-w",
            "--workdir",
            metavar="string",
            help="Working directory inside the container",
        ),
    ]
    for flag in reversed(flags):
        function = flag(function)
    return function


_SETTINGS = {
    "help_option_names": ["--help"],
    "allow_interspersed_args": False,
}


@click.command("run", context_settings=_SETTINGS)
@click.option(
    "-d",
    "--detach",
    is_flag=True,
    help="Run container in background and print container ID",
)
@container_flags
@click.argument("image", metavar="IMAGE")
@click.argument("command", nargs=-1, metavar="[COMMAND] [ARG...]")
def run_command(image, command, **flags):
    """Create and run a new container from an image"""
    options = run_options(image, command, **flags)
    return _report_run_errors(lambda: run(get_env().client, options), "run")


@click.command("create", context_settings=_SETTINGS)
@container_flags
@click.argument("image", metavar="IMAGE")
@click.argument("command", nargs=-1, metavar="[COMMAND] [ARG...]")
def create_command(image, command, **flags):
    """Create a new container"""
    options = run_options(image, command, **flags)
    container_id = _report_run_errors(
        lambda: create(get_env().client, options), "create"
    )
    click.echo(container_id)


T = TypeVar("T")


def _report_run_errors(action: Callable[[], T], name: str) -> T:
    """docker run and create report daemon failures with status 125."""
    try:
        return action()
    except DockerError as error:
        raise CommandFailed(
            f"dkr: {describe(error)}\n\nRun 'dkr {name} --help' for more information",
            exit_code=EXIT_DOCKER,
        ) from None
