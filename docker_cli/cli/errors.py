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
        # Not click's exit_code: click 8.5 makes that a class-wide constant.
        self.status = exit_code

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
    pieces = ctx.command.collect_usage_pieces(ctx)
    has_options = any(
        isinstance(param, click.Option)
        for param in ctx.command.get_params(ctx)
        if "--help" not in param.opts
    )
    if not has_options:
        pieces = [piece for piece in pieces if piece != "[OPTIONS]"]
    return f"Usage:  {ctx.command_path} {' '.join(pieces)}".rstrip()


def report_usage_error(error: click.UsageError) -> int:
    """Print a flag or argument error like docker; return its exit status.

    docker answers a bad flag with status 125 but a wrong number of
    arguments, or an unknown command, with status 1, each followed by the
    usage line and a pointer to --help.
    """
    ctx = error.ctx
    root = ctx.find_root().info_name if ctx else "dkr"
    count_message = _argument_count_message(error) or ""
    if isinstance(error, UnknownCommand):
        click.echo(f"{error.format_message()}\n", err=True)
        click.echo(f"Run '{root} --help' for more information", err=True)
        return EXIT_ERROR
    if ctx is None or ctx.parent is None:
        lines = [_flag_message(error), "", f"Usage:  {root} [OPTIONS] COMMAND [ARG...]"]
        lines += ["", f"Run '{root} --help' for more information"]
        click.echo("\n".join(lines), err=True)
        return EXIT_DOCKER

    lines = [
        f"{root}: '{ctx.command_path}' {count_message}"
        if count_message
        else _flag_message(error)
    ]
    lines += ["", usage_line(ctx), ""]
    # docker's "at least N" check alone says See; its other checks say Run.
    minimum_only = "at least" in count_message and "at most" not in count_message
    verb = "See" if minimum_only else "Run"
    lines.append(f"{verb} '{ctx.command_path} --help' for more information")
    click.echo("\n".join(lines), err=True)
    return EXIT_ERROR if count_message else EXIT_DOCKER


class UnknownCommand(click.UsageError):
    """A sub-command name dkr does not have."""


def _flag_message(error: click.UsageError) -> str:
    if isinstance(error, click.NoSuchOption):
        name = error.option_name
        if name.startswith("--"):
            return f"unknown flag: {name}"
        return f"unknown shorthand flag: '{name[1:]}' in {name}"
    if isinstance(error, click.BadOptionUsage) and "requires an argument" in str(
        error.message
    ):
        return f"flag needs an argument: {error.option_name}"
    if isinstance(error, click.BadParameter) and error.message.startswith(
        "invalid argument"
    ):
        return error.message  # already in Go's words (see common.GoInt)
    return error.format_message()


def _argument_count_message(error: click.UsageError) -> str | None:
    """docker's wording for a wrong number of arguments, or None when the
    error is about something else."""
    missing = isinstance(error, click.MissingParameter) and isinstance(
        error.param, click.Argument
    )
    extra = error.message.startswith("Got unexpected extra argument")
    if not (missing or extra) or error.ctx is None:
        return None
    arguments = [p for p in error.ctx.command.params if isinstance(p, click.Argument)]
    required = sum(1 for p in arguments if p.required)
    optional = len(arguments) - required
    if not arguments:
        return "accepts no arguments"
    if any(p.nargs == -1 for p in arguments):
        return f"requires at least {_count(required)}"
    if optional == 0:
        return f"requires {_count(required)}"
    if required == 0:
        return f"requires at most {_count(optional)}"
    return f"requires at least {required} and at most {_count(required + optional)}"


def _count(number: int) -> str:
    return f"{number} argument" if number == 1 else f"{number} arguments"
