"""``build``: send a context to the daemon's builder and show its output."""

from __future__ import annotations

import json
import sys
import tarfile
from collections.abc import Iterable, Iterator
from typing import Any

import click

from docker_cli.api import images as api
from docker_cli.cli.context import get_env
from docker_cli.cli.errors import CommandFailed
from docker_cli.cli.helpformat import command

REMOTE_PREFIXES = ("http://", "https://", "git://", "git@", "github.com/")


@command("build")
@click.option(
    "--build-arg",
    "build_args",
    multiple=True,
    metavar="list",
    help="Set build-time variables",
)
@click.option(
    "-f",
    "--file",
    "dockerfile",
    metavar="string",
    help="Name of the Dockerfile (Default is 'PATH/Dockerfile')",
)
@click.option("--force-rm", is_flag=True, help="Always remove intermediate containers")
@click.option(
    "--label", "labels", multiple=True, metavar="list", help="Set metadata for an image"
)
@click.option(
    "--no-cache", is_flag=True, help="Do not use cache when building the image"
)
@click.option(
    "--pull", is_flag=True, help="Always attempt to pull a newer version of the image"
)
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Suppress the build output and print image ID on success",
)
@click.option(
    "--rm/--no-rm",
    default=True,
    help="Remove intermediate containers after a successful build",
)
@click.option(
    "-t",
    "--tag",
    "tags",
    multiple=True,
    metavar="list",
    help="Name and optionally a tag in the name:tag format",
)
@click.argument("source", metavar="PATH | URL | -")
def build_command(source, dockerfile, **flags):
    """Build an image from a Dockerfile"""
    params = _build_params(flags)
    context, params["dockerfile"] = _context(source, dockerfile, params)
    if context is not None and not flags["quiet"]:
        context = _announce_upload(context, sys.stdout)
    messages = api.build_image(get_env().client, context, params, _auth_configs())
    image_id = _show_build(messages, flags["quiet"])
    if flags["quiet"]:
        click.echo(image_id)


def _build_params(flags: dict[str, Any]) -> dict[str, Any]:
    from docker_cli.cli.run import environment_list

    build_args = dict(
        item.partition("=")[::2] for item in environment_list(list(flags["build_args"]))
    )
    labels = dict(label.partition("=")[::2] for label in flags["labels"])
    return {
        "t": list(flags["tags"]) or None,
        "q": flags["quiet"],
        "nocache": flags["no_cache"],
        "pull": flags["pull"],
        "rm": flags["rm"],
        "forcerm": flags["force_rm"],
        "buildargs": json.dumps(build_args) if build_args else None,
        "labels": json.dumps(labels) if labels else None,
    }


def _context(
    source: str, dockerfile: str | None, params: dict[str, Any]
) -> tuple[Iterable[bytes] | None, str | None]:
    """The context to upload and the Dockerfile's name in it. A URL is
    fetched by the daemon itself; ``-`` is a tar or a lone Dockerfile."""
    if source.startswith(REMOTE_PREFIXES):
        params["remote"] = source
        return None, dockerfile
    if source == "-":
        return _stdin_context(), dockerfile
    from docker_cli.cli.buildcontext import context_tar, locate_dockerfile

    located = locate_dockerfile(source, dockerfile)
    tar = context_tar(source, located.name, extra_dockerfile=located.extra)
    return tar, located.name


def _stdin_context() -> Iterator[bytes]:
    """stdin as the context: a tar is sent as it is; anything else is taken
    as a Dockerfile, with no other files."""
    stream = sys.stdin.buffer
    head = stream.read(512)
    if len(head) == 512 and head[257:262] == b"ustar":
        yield head
        yield from iter(lambda: stream.read(64 * 1024), b"")
        return
    yield dockerfile_tar(head + stream.read())


def dockerfile_tar(dockerfile: bytes) -> bytes:
    """A tar holding only a Dockerfile, ended the way Go's archive/tar ends
    one (two zero blocks, no padding to 10 kB as Python's tarfile does), so
    that the context size docker reports is the same."""
    entry = tarfile.TarInfo("Dockerfile")
    entry.size = len(dockerfile)
    entry.mode = 0o644
    header = entry.tobuf(tarfile.GNU_FORMAT)
    padding = b"\0" * (-len(dockerfile) % tarfile.BLOCKSIZE)
    return header + dockerfile + padding + b"\0" * (2 * tarfile.BLOCKSIZE)


def _announce_upload(chunks: Iterable[bytes], out: Any) -> Iterator[bytes]:
    """Pass the context through, saying how much was sent: updated in place
    on a terminal, and once at the end in any case, like docker."""
    from docker_cli.output.humanize import human_size

    sent = 0
    terminal = out.isatty()
    for chunk in chunks:
        sent += len(chunk)
        if terminal:
            out.write(
                f"Sending build context to Docker daemon  {human_size(sent, 4)}\r"
            )
            out.flush()
        yield chunk
    out.write(f"Sending build context to Docker daemon  {human_size(sent, 4)}\r\r\n")
    out.flush()


def _auth_configs() -> str | None:
    """Every stored registry login, so that FROM can pull private images
    (the X-Registry-Config header of POST /build)."""
    import base64

    from docker_cli.cli.config import load_config
    from docker_cli.cli.credentials import get_credentials

    configs = {}
    for server in load_config().get("auths") or {}:
        credentials = get_credentials(server)
        if credentials is not None:
            configs[server] = {
                "username": credentials.username,
                "password": credentials.password,
                "identitytoken": credentials.identity_token or None,
                "serveraddress": server,
            }
    if not configs:
        return None
    return base64.urlsafe_b64encode(json.dumps(configs).encode()).decode()


def _show_build(messages: Iterable[dict[str, Any]], quiet: bool) -> str:
    """Print the builder's output; return the id of the image it built.
    A failed step ends dkr with the builder's code, as docker does."""
    from docker_cli.api.errors import StreamError
    from docker_cli.output.progress import raise_if_error, show_progress

    seen: list[dict[str, Any]] = []

    def keep(stream: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for message in stream:
            if "aux" in message or "stream" in message:
                seen.append(message)
            yield message

    try:
        if quiet:
            for message in keep(messages):
                raise_if_error(message)
        else:
            show_progress(keep(messages), sys.stdout, sys.stdout.isatty())
    except StreamError as error:
        raise CommandFailed(str(error), exit_code=error.code or 1) from None
    return built_image_id(seen)


def built_image_id(messages: list[dict[str, Any]]) -> str:
    """The id a build reports: in an ``aux`` message on current engines,
    else (quiet builds, old engines) the last word of its output."""
    for message in reversed(messages):
        image_id = (message.get("aux") or {}).get("ID")
        if image_id:
            return str(image_id)
    text = "".join(str(message.get("stream", "")) for message in messages)
    words = text.split()
    return words[-1] if words else ""
