"""The dkr command: global options, lazily loaded sub-commands, and the
error boundary that turns every failure into docker's message and status."""

from __future__ import annotations

import contextlib
import importlib
import logging
import sys
from typing import Any

import click

from docker_cli import __version__
from docker_cli.cli.context import Env, TLSOptions
from docker_cli.cli.errors import (
    EXIT_DOCKER,
    CommandFailed,
    UnknownCommand,
    describe,
    report_usage_error,
)

# Sub-commands and the module that defines each, imported only when used so
# that `dkr ps` never pays for the code of `dkr run`.
COMMANDS = {
    "__complete": "completion",  # hidden: live names for the shell scripts
    "attach": "container",
    "build": "build",
    "commit": "container",
    "container": "management",
    "completion": "completion",
    "create": "run",
    "diff": "container",
    "exec": "execute",
    "export": "container",
    "history": "image",
    "image": "management",
    "images": "image",
    "import": "image",
    "info": "system",
    "insert": "image",
    "inspect": "system",
    "kill": "container",
    "load": "image",
    "login": "auth",
    "logout": "auth",
    "logs": "container",
    "ps": "container",
    "pull": "image",
    "push": "image",
    "restart": "container",
    "rm": "container",
    "rmi": "image",
    "run": "run",
    "save": "image",
    "search": "image",
    "start": "container",
    "stop": "container",
    "system": "management",
    "tag": "image",
    "version": "system",
    "wait": "container",
}


class LazyGroup(click.Group):
    """A group that imports a sub-command's module on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        module_name = COMMANDS.get(name)
        if module_name is None:
            return None
        module = importlib.import_module(f"docker_cli.cli.{module_name}")
        command: click.Command = getattr(module, name.replace("-", "_") + "_command")
        return command

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        from docker_cli.cli.helpformat import with_context

        return with_context(ctx, super().parse_args, args)

    def format_help(self, ctx: click.Context, formatter: Any) -> None:
        from docker_cli.cli.helpformat import group_help

        formatter.write(group_help(ctx, self))

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0]
        if name not in COMMANDS:
            root = ctx.info_name
            raise UnknownCommand(f"{root}: unknown command: {root} {name}", ctx=ctx)
        return super().resolve_command(ctx, args)


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(f"dkr version {__version__}")
        ctx.exit()


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option("-H", "--host", metavar="list", help="Daemon socket to connect to")
@click.option("--config", metavar="string", help="Location of client config files")
@click.option("-D", "--debug", is_flag=True, help="Enable debug mode.")
@click.option("--tls", is_flag=True, help="Use TLS; implied by --tlsverify.")
@click.option(
    "--tlscacert", metavar="string", help="Trust certs signed only by this CA."
)
@click.option("--tlscert", metavar="string", help="Path to TLS certificate file.")
@click.option("--tlskey", metavar="string", help="Path to TLS key file.")
@click.option("--tlsverify", is_flag=True, help="Use TLS and verify the remote.")
@click.option(
    "-l",
    "--log-level",
    type=click.Choice(["debug", "info", "warn", "error", "fatal"]),
    default="info",
    metavar="string",
    help='Set the logging level ("debug", "info", "warn", "error", "fatal")',
)
@click.option(
    "-v",
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_version,
    help="Print version information and quit.",
)
@click.pass_context
def cli(
    ctx: click.Context,
    /,
    host: str | None,
    config: str | None,
    debug: bool,
    log_level: str,
    **tls: Any,
) -> None:
    """A self-sufficient runtime for containers."""
    options = TLSOptions(
        tls=tls["tls"],
        verify=tls["tlsverify"],
        ca_cert=tls["tlscacert"],
        cert=tls["tlscert"],
        key=tls["tlskey"],
    )
    ctx.obj = Env.from_options(host, config, debug, options)
    if debug or log_level == "debug":
        logging.basicConfig(
            level=logging.DEBUG, format="DEBU %(message)s", stream=sys.stderr
        )
        # urllib3's own connection chatter repeats what the API layer logs.
        logging.getLogger("urllib3").setLevel(logging.WARNING)


def main(argv: list[str] | None = None) -> None:
    """Run dkr and exit with docker's status for what happened."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "-D" in args or "--debug" in args
    _ensure_standard_streams()
    if not args:
        click.echo(cli.get_help(click.Context(cli, info_name="dkr")))
        sys.exit(0)
    if args[0] == "help":  # docker help COMMAND
        args = [*args[1:], "--help"]
    try:
        result: Any = cli.main(args=args, prog_name="dkr", standalone_mode=False)
    except click.UsageError as error:
        sys.exit(report_usage_error(error))
    except CommandFailed as error:
        error.show()
        sys.exit(error.status)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except click.exceptions.Exit as exit_:
        sys.exit(exit_.exit_code)
    except click.Abort:
        sys.exit(130)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        _quiet_broken_pipe()
    except OSError as error:
        sys.exit(_report_os_error(error, debug))
    except Exception as error:
        sys.exit(_report_unexpected(error, debug))
    sys.exit(result if isinstance(result, int) else 0)


def _ensure_standard_streams() -> None:
    """A closed stdin, stdout or stderr (``dkr ps >&-``) reads as empty and
    writes to nothing, rather than failing inside click."""
    import os

    for name, mode in (("stdin", "r"), ("stdout", "w"), ("stderr", "w")):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, mode))  # noqa: SIM115


def _report_os_error(error: OSError, debug: bool) -> int:
    """A failure of the local system (a full disk, a file that cannot be
    opened): its own words, status 1, as docker reports them."""
    if debug:
        import traceback

        traceback.print_exc()
    reason = (error.strerror or str(error)).lower()
    # Without a file name, the failure was writing our output.
    where = error.filename or "write /dev/stdout"
    message = f"{where}: {reason}"
    with contextlib.suppress(OSError):
        click.echo(message, err=True)
    return 1


def _report_unexpected(error: Exception, debug: bool) -> int:
    from docker_cli.api.errors import DockerError

    if debug:
        import traceback

        traceback.print_exc()
    if isinstance(error, DockerError):
        click.echo(describe(error), err=True)
        return 1
    click.echo(f"dkr: unexpected error: {error!r}", err=True)
    if not debug:
        click.echo("Run with --debug to see the traceback.", err=True)
    return EXIT_DOCKER


def _quiet_broken_pipe() -> None:
    """The reader of stdout went away (``dkr ps | head``): exit quietly."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(141)
