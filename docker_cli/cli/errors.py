"""The one place where failures become a message and an exit status."""

from __future__ import annotations

import click

# The exit statuses the docker CLI uses (docker run reference, "Exit status").
EXIT_ERROR = 1
EXIT_DOCKER = 125
EXIT_CANNOT_INVOKE = 126
EXIT_NOT_FOUND = 127


class CommandFailed(click.ClickException):
    """A failure already worded the docker way, with its exit status."""

    def __init__(self, message: str, exit_code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file: object = None) -> None:
        if self.message:
            click.echo(self.message, err=True)


def describe(error: Exception) -> str:
    """The one-line message docker prints for an API-layer failure."""
    from docker_cli.api.errors import APIError

    if isinstance(error, APIError):
        return f"Error response from daemon: {error.message}"
    return str(error)


def usage_line(ctx: click.Context) -> str:
    pieces = " ".join(ctx.command.collect_usage_pieces(ctx))
    return f"Usage:  {ctx.command_path} {pieces}".rstrip()


def report_usage_error(error: click.UsageError) -> int:
    """Print a flag or argument error like docker; return its exit status.

    docker answers a bad flag with status 125 but a wrong number of
    arguments with status 1, each with the usage line and a help hint.
    """
    ctx = error.ctx
    count_message = _argument_count_message(error)
    if ctx is None or ctx.parent is None:
        click.echo(error.format_message(), err=True)
        if ctx is not None:
            click.echo(f"See '{ctx.command_path} --help'.", err=True)
        return EXIT_DOCKER

    root = ctx.find_root().info_name or "dkr"
    if count_message:
        lines = [f"{root}: '{ctx.command_path}' {count_message}"]
    else:
        lines = [error.format_message()]
    lines += ["", usage_line(ctx), ""]
    lines.append(f"Run '{ctx.command_path} --help' for more information")
    click.echo("\n".join(lines), err=True)
    return EXIT_ERROR if count_message else EXIT_DOCKER


def _argument_count_message(error: click.UsageError) -> str | None:
    missing = isinstance(error, click.MissingParameter) and isinstance(
        error.param, click.Argument
    )
    extra = error.message.startswith("Got unexpected extra argument")
    if not (missing or extra) or error.ctx is None:
        return None
    arguments = [p for p in error.ctx.command.params if isinstance(p, click.Argument)]
    required = sum(max(p.nargs, 1) for p in arguments if p.required)
    plural = "argument" if required == 1 else "arguments"
    if any(p.nargs == -1 for p in arguments):
        return f"requires at least {required} {plural}"
    if all(p.required for p in arguments):
        return f"requires {required} {plural}"
    total = sum(p.nargs for p in arguments)
    return f"requires at most {total} argument{'s' if total != 1 else ''}"
