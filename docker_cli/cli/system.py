"""System commands: version, info, and inspect of any object."""

from __future__ import annotations

import platform
import sys

import click

from docker_cli import __version__
from docker_cli.api import system as api
from docker_cli.cli.context import get_env


@click.command("version")
def version_command():
    """Show the Docker version information"""
    from docker_cli.api.client import MAX_API_VERSION
    from docker_cli.api.errors import DockerError
    from docker_cli.output.system import client_version_lines, server_version_lines

    client = get_env().client
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


def _platform() -> str:
    machine = {"x86_64": "amd64", "aarch64": "arm64"}.get(
        platform.machine(), platform.machine()
    )
    return f"{sys.platform}/{machine}"


@click.command("info")
def info_command():
    """Display system-wide information"""
    from docker_cli.api.errors import DockerError
    from docker_cli.output.system import client_info_lines, server_info_lines

    env = get_env()
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


@click.command("inspect")
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
@click.argument("names", nargs=-1, required=True, metavar="NAME|ID [NAME|ID...]")
def inspect_command(size, kind, names):
    """Return low-level information on Docker objects"""
    from docker_cli.api.errors import NotFound
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
    click.echo(indent_json("[" + ",".join(found) + "]"))
    if errors:
        raise CommandFailed("\n".join(errors))
