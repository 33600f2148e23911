"""System commands: version, info, and inspect of any object."""

from __future__ import annotations

import platform
import sys

import click

from docker_cli import __version__
from docker_cli.api import system as api
from docker_cli.cli.context import get_env
from docker_cli.cli.helpformat import command


@command("version")
@click.option(
    "-f",
    "--format",
    "format_",
    metavar="string",
    help="Format output using a custom template",
)
def version_command(format_):
    """Show the Docker version information"""
    from docker_cli.api.client import MAX_API_VERSION
    from docker_cli.api.errors import DockerError
    from docker_cli.output.system import client_version_lines, server_version_lines

    client = get_env().client
    if format_:
        _format_version(client, format_)
        return
    try:
        server = api.server_version(client)
        lines = client_version_lines(
            __version__, client.api_version, MAX_API_VERSION, _platform()
        )
    except DockerError:
        lines = client_version_lines(__version__, MAX_API_VERSION, None, _platform())
        click.echo("\n".join(lines))
        raise
    lines += ["", *server_version_lines(server)]
    click.echo("\n".join(lines))


def _format_version(client, format_: str) -> None:
    """version --format: the template sees .Client and .Server as docker's."""
    from docker_cli.api.client import MAX_API_VERSION
    from docker_cli.cli.common import print_formatted

    system, machine = _platform().split("/")
    data = {
        "Client": {
            "Version": __version__,
            "ApiVersion": client.api_version or "",
            "DefaultAPIVersion": MAX_API_VERSION,
            "PythonVersion": platform.python_version(),
            "Os": system,
            "Arch": machine,
            "Context": "default",
        },
        "Server": api.server_version(client),
    }
    print_formatted(format_, [data], missing_key="default")


def _platform() -> str:
    machine = {"x86_64": "amd64", "aarch64": "arm64"}.get(
        platform.machine(), platform.machine()
    )
    return f"{sys.platform}/{machine}"


@command("info")
@click.option(
    "-f",
    "--format",
    "format_",
    metavar="string",
    help="Format output using a custom template",
)
def info_command(format_):
    """Display system-wide information"""
    from docker_cli.api.errors import DockerError
    from docker_cli.output.system import client_info_lines, server_info_lines

    env = get_env()
    if format_:
        from docker_cli.cli.common import print_formatted

        info = dict(api.system_info(env.client))
        info["ClientInfo"] = {
            "Debug": env.debug,
            "Version": __version__,
            "Context": "default",
            "Plugins": [],
            "Warnings": None,
        }
        print_formatted(format_, [info])
        return
    click.echo("\n".join(client_info_lines(__version__, env.debug)))
    click.echo("")
    click.echo("Server:")
    try:
        info = api.system_info(env.client)
    except DockerError:
        raise
    lines, warnings = server_info_lines(info)
    click.echo("\n".join(lines))
    click.echo("")
    for warning in warnings:
        click.echo(warning, err=True)


@command("inspect")
@click.option(
    "-s",
    "--size",
    is_flag=True,
    help="Display total file sizes if the type is container",
)
@click.option(
    "--type",
    "kind",
    type=click.Choice(["container", "image"]),
    help="Only inspect objects of the given type",
)
@click.option(
    "-f",
    "--format",
    "format_",
    metavar="string",
    help="Format output using a custom template",
)
@click.argument("names", nargs=-1, required=True, metavar="NAME|ID [NAME|ID...]")
def inspect_command(size, kind, format_, names):
    """Return low-level information on Docker objects"""
    from docker_cli.api.errors import DockerError, NotFound
    from docker_cli.cli.errors import CommandFailed, describe
    from docker_cli.output.jsonfmt import indent_json

    client = get_env().client
    found, errors = [], []
    for name in names:
        try:
            found.append(api.inspect_raw(client, name, kind, size))
        except NotFound as error:
            # With --type, docker passes on the daemon's own words.
            errors.append(describe(error) if kind else f"Error: {error}")
        except DockerError as error:  # an ambiguous id prefix, say
            errors.append(describe(error))
    if format_ and found:
        _format_inspected(format_, found)
    elif format_:
        click.echo("")  # nothing found: docker still prints an empty line
    else:
        click.echo(indent_json("[" + ",".join(found) + "]"))
    if errors:
        raise CommandFailed("\n".join(errors))


def _format_inspected(format_: str, found: list[str]) -> None:
    """inspect --format: a missing key is an error, and docker words every
    template failure here as a parsing error."""
    import json

    from docker_cli.cli.errors import CommandFailed
    from docker_cli.output.formatting import (
        FormatError,
        inspect_render,
        parse_inspect_template,
    )

    if format_ == "json":
        from docker_cli.output.formatting import to_json

        click.echo("[" + ",".join(to_json(json.loads(t)) for t in found) + "]")
        return
    try:
        template = parse_inspect_template(format_)
    except FormatError as error:
        raise CommandFailed(str(error), exit_code=64) from None
    try:
        sys.stdout.write(inspect_render(template, [json.loads(t) for t in found]))
    except FormatError as error:
        click.echo("")  # docker flushes an empty line before the error
        raise CommandFailed(str(error)) from None
