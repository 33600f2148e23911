"""``login`` and ``logout``: registry credentials, checked by the daemon."""

from __future__ import annotations

import sys

import click

from docker_cli.cli.context import get_env
from docker_cli.cli.errors import CommandFailed
from docker_cli.cli.helpformat import command

UNENCRYPTED_WARNING = (
    "\nWARNING! Your credentials are stored unencrypted in '{path}'.\n"
    "Configure a credential helper to remove this warning. See\n"
    "https://docs.docker.com/go/credential-store/\n"
)


@command("login")
@click.option(
    "-p", "--password", metavar="string", help="Password or Personal Access Token (PAT)"
)
@click.option(
    "--password-stdin",
    is_flag=True,
    help="Take the Password or Personal Access Token (PAT) from stdin",
)
@click.option("-u", "--username", metavar="string", help="Username")
@click.argument("server", required=False, metavar="[SERVER]")
def login_command(password, password_stdin, username, server):
    """Authenticate to a registry.
    Defaults to Docker Hub if no server is specified."""
    from docker_cli.api.references import INDEX_SERVER

    server = server or INDEX_SERVER
    if password and password_stdin:
        raise CommandFailed("--password and --password-stdin are mutually exclusive")
    if password:
        click.echo(
            "WARNING! Using --password via the CLI is insecure. Use --password-stdin.",
            err=True,
        )
    if password_stdin:
        if not username:
            raise CommandFailed(
                "the --password-stdin option requires --username to be set"
            )
        password = sys.stdin.read().rstrip("\r\n")
    username = username or _prompt_username()
    password = password or _prompt_password()
    login(server, username, password)


def _prompt_username() -> str:
    if not sys.stdin.isatty():
        raise CommandFailed(
            "Error: Cannot perform an interactive login from a non TTY device"
        )
    username = str(click.prompt("Username", prompt_suffix=": ", err=True)).strip()
    if not username:
        raise CommandFailed("Error: Non-null Username Required")
    return username


def _prompt_password() -> str:
    import getpass

    if not sys.stdin.isatty():
        raise CommandFailed(
            "Error: Cannot perform an interactive login from a non TTY device"
        )
    password = getpass.getpass("Password: ")
    if not password:
        raise CommandFailed("Error: Password Required")
    return password


def login(server: str, username: str, password: str) -> None:
    """Check the credentials with the daemon, then keep them."""
    from docker_cli.api import system as api
    from docker_cli.cli.config import config_path
    from docker_cli.cli.credentials import Credentials, store_credentials

    reply = api.check_login(get_env().client, username, password, server)
    token = str(reply.get("IdentityToken") or "")
    credentials = Credentials(username, "" if token else password, token)
    if store_credentials(server, credentials):
        click.echo(UNENCRYPTED_WARNING.format(path=config_path()), err=True)
    click.echo(reply.get("Status") or "Login Succeeded")


@command("logout")
@click.argument("server", required=False, metavar="[SERVER]")
def logout_command(server):
    """Log out from a registry.
    If no server is specified, the default is defined by the daemon."""
    from docker_cli.api.references import INDEX_SERVER
    from docker_cli.cli.credentials import erase_credentials

    server = server or INDEX_SERVER
    click.echo(f"Removing login credentials for {server}")
    erase_credentials(server)
