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
from docker_cli.cli.common import go_bool_option
from docker_cli.cli.config import DetachKeys, detach_keys
from docker_cli.cli.context import get_env
from docker_cli.cli.errors import (
    EXIT_CANNOT_INVOKE,
    EXIT_DOCKER,
    EXIT_NOT_FOUND,
    CommandFailed,
    describe,
)
from docker_cli.cli.helpformat import command
from docker_cli.cli.session import (
    SessionOptions,
    attach_session,
    follow_window_size,
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
    attach: list[str] = field(default_factory=list)
    volumes: list[str] = field(default_factory=list)
    detach_keys: str | None = None
    sig_proxy: bool = True

    def attaches(self, stream: str) -> bool:
        """Whether the session carries this stream: -a picks streams, -i
        adds stdin, no -a means stdout and stderr, -d means none."""
        if self.detach:
            return False
        if stream == "stdin" and self.interactive:
            return True
        if not self.attach:
            return stream != "stdin"
        return stream in self.attach

    def container_config(self, legacy: bool) -> dict[str, Any]:
        config: dict[str, Any] = {
            "Image": self.image,
            "Cmd": self.command or None,
            "Env": environment_list(self.env) or None,
            "WorkingDir": self.workdir or "",
            "User": self.user or "",
            "Hostname": self.hostname or "",
            "AttachStdin": self.attaches("stdin"),
            "AttachStdout": self.attaches("stdout"),
            "AttachStderr": self.attaches("stderr"),
            "OpenStdin": self.interactive,
            "StdinOnce": self.attaches("stdin"),
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
            "Binds": self.volumes or None,
        }
        return config


def environment_list(values: list[str]) -> list[str]:
    """``-e NAME`` without a value passes NAME on from our environment,
    and is dropped when we do not have it, as docker does."""
    result = []
    for value in values:
        if "=" in value:
            result.append(value)
        elif value in os.environ:
            result.append(f"{value}={os.environ[value]}")
    return result


def _env_files(paths: tuple[str, ...]) -> list[str]:
    """--env-file: NAME=value lines; blank lines and # comments skipped, a
    bare NAME passed on from our environment as with -e."""
    entries: list[str] = []
    for path in paths:
        try:
            with open(path, encoding="utf-8") as file:
                lines = file.read().splitlines()
        except OSError as error:
            reason = (error.strerror or str(error)).lower()
            raise CommandFailed(f"open {path}: {reason}") from None
        for line in lines:
            stripped = line.lstrip()
            if stripped and not stripped.startswith("#"):
                entries.append(stripped)
    return entries


def _absolute_bind(volume: str) -> str:
    """-v SOURCE:TARGET[:OPTIONS]: a relative host path is made absolute, a
    name (no slash) is a named volume, as docker reads it."""
    source, colon, rest = volume.partition(":")
    if colon and source.startswith((".", "~")):
        source = os.path.abspath(os.path.expanduser(source))
    return f"{source}{colon}{rest}"


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
    if options.tty and options.attaches("stdin") and not sys.stdin.isatty():
        raise CommandFailed("the input device is not a TTY")
    container_id = create(client, options)
    if options.detach:
        api.start_container(client, container_id)
        click.echo(container_id)
        return 0
    if client.legacy:
        return _run_legacy(client, options, container_id)

    # Attach and ask to be told of the exit before starting, so that the
    # output and status of a container that exits at once are not missed.
    keys = detach_keys(options.detach_keys)
    stream = api.attach_container(
        client,
        container_id,
        stdin=options.attaches("stdin"),
        stdout=options.attaches("stdout"),
        stderr=options.attaches("stderr"),
        detach_keys=keys.spec,
    )
    waiter = Waiter(client.fork(), container_id, autoremove=options.remove)
    _start_or_fail(client, container_id, options)
    status = _follow(client, stream, waiter, container_id, options, keys)
    return 0 if status is None else status


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
    copier = threading.Thread(
        target=_copy_raw, args=(errors, sys.stderr.buffer), daemon=True
    )
    copier.start()
    waiter = Waiter(client.fork(), container_id, autoremove=False)
    keys = detach_keys(options.detach_keys)
    status = _follow(client, stream, waiter, container_id, options, keys)
    if status is None:
        errors.shutdown()
        return 0
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
    waiter: Waiter,
    container_id: str,
    options: RunOptions,
    keys: DetachKeys,
) -> int | None:
    return follow(
        client,
        stream,
        waiter,
        container_id,
        tty=options.tty,
        stdin=options.attaches("stdin"),
        keys=keys,
        sig_proxy=options.sig_proxy,
    )


def follow(
    client: Client,
    stream: HijackedStream,
    waiter: Waiter,
    container_id: str,
    *,
    tty: bool,
    stdin: bool,
    keys: DetachKeys,
    sig_proxy: bool,
) -> int | None:
    """Run an attached session on a started container; return its exit
    status, or None when the user detached and left it running."""
    from docker_cli.api.streams import is_multiplexed

    session = SessionOptions(
        tty=tty,
        multiplexed=is_multiplexed(tty, client.legacy, stream.content_type),
        send_stdin=stdin,
        detach_keys=keys.sequence,
    )
    resize = _resizer(client, container_id) if tty else None
    proxy = sig_proxy and not tty
    restore = proxy_signals(client.fork(), container_id) if proxy else _nothing
    try:
        with follow_window_size(resize):
            detached = attach_session(stream, session)
    finally:
        restore()
    return None if detached else waiter.result()


def _nothing() -> None:
    pass


def _resizer(client: Client, container_id: str) -> Callable[[int, int], None]:
    resize_client = client.fork()

    def resize(rows: int, columns: int) -> None:
        api.resize_container(resize_client, container_id, rows, columns)

    return resize


def proxy_signals(client: Client, container_id: str) -> Callable[[], None]:
    """Pass SIGINT, SIGTERM and SIGHUP on to the container, as docker's
    --sig-proxy does; return the function that stops doing so. (A TTY
    session needs none: Ctrl-C travels through the terminal.)"""
    if threading.current_thread() is not threading.main_thread():
        return _nothing
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


class Waiter:
    """Learns a container's exit status. Where the API can (1.30 and later)
    the wait is registered at once, before the container starts, so that
    an exit right after the start is not missed."""

    def __init__(
        self,
        client: Client,
        container_id: str,
        autoremove: bool,
        condition: str = "next-exit",
    ) -> None:
        self._client = client
        self._container_id = container_id
        condition = "removed" if autoremove else condition
        self._pending = None
        if client.at_least("1.30"):
            self._pending = api.begin_wait(client, container_id, condition or None)

    def result(self) -> int:
        try:
            if self._pending is not None:
                return self._pending()
            return api.wait_container(self._client, self._container_id)
        except DockerError as error:
            raise CommandFailed(f"dkr: {describe(error)}", EXIT_DOCKER) from None


def run_options(image: str, command: tuple[str, ...], **flags: Any) -> RunOptions:
    return RunOptions(
        image=image,
        command=list(command),
        name=flags["name"],
        detach=flags.get("detach", False),
        remove=flags["rm"],
        interactive=flags["interactive"],
        tty=flags["tty"],
        env=_env_files(flags["env_file"]) + list(flags["env"]),
        volumes=[_absolute_bind(volume) for volume in flags["volume"]],
        workdir=flags["workdir"],
        user=flags["user"],
        hostname=flags["hostname"],
        entrypoint=flags["entrypoint"],
        labels=list(flags["label"]),
        network=flags["network"],
        attach=list(flags["attach"]),
        detach_keys=flags.get("detach_keys"),
        sig_proxy=flags.get("sig_proxy", True),
    )


def container_flags(function):
    """The flags ``run`` and ``create`` share."""
    flags = [
        click.option(
            "-a",
            "--attach",
            multiple=True,
            type=click.Choice(["stdin", "stdout", "stderr"], case_sensitive=False),
            metavar="list",
            help="Attach to STDIN, STDOUT or STDERR",
        ),
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
        click.option(
            "--env-file",
            multiple=True,
            metavar="list",
            help="Read in a file of environment variables",
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
            "-v",
            "--volume",
            multiple=True,
            metavar="list",
            help="Bind mount a volume",
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


@command("run", context_settings=_SETTINGS)
@click.option(
    "-d",
    "--detach",
    is_flag=True,
    help="Run container in background and print container ID",
)
@click.option(
    "--detach-keys",
    metavar="string",
    help="Override the key sequence for detaching a container",
)
@go_bool_option(
    "--sig-proxy", default=True, help="Proxy received signals to the process"
)
@container_flags
@click.argument("image", metavar="IMAGE")
@click.argument("command", nargs=-1, metavar="[COMMAND] [ARG...]")
def run_command(image, command, **flags):
    """Create and run a new container from an image"""
    try:
        options = run_options(image, command, **flags)
    except CommandFailed as error:
        raise CommandFailed(
            f"dkr: {error.message}\n\nRun 'dkr run --help' for more information",
            exit_code=EXIT_DOCKER,
        ) from None
    if options.detach and options.attach:
        raise click.UsageError("Conflicting options: -a and -d")
    return _report_run_errors(lambda: run(get_env().client, options), "run")


@command("create", context_settings=_SETTINGS)
@container_flags
@click.argument("image", metavar="IMAGE")
@click.argument("command", nargs=-1, metavar="[COMMAND] [ARG...]")
def create_command(image, command, **flags):
    """Create a new container"""
    options = run_options(image, command, **flags)
    try:
        container_id = create(get_env().client, options)
    except DockerError as error:
        # Unlike run, docker create reports the daemon's refusal plainly.
        raise CommandFailed(describe(error)) from None
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
