"""Helpers the command modules share: filters, per-container loops, output."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC
from typing import TYPE_CHECKING, Any

import click

from docker_cli.cli.errors import CommandFailed, describe

if TYPE_CHECKING:
    from docker_cli.api.client import Client


def parse_filters(values: Sequence[str]) -> dict[str, list[str]]:
    """``--filter name=value`` flags into the daemon's filters mapping."""
    filters: dict[str, list[str]] = {}
    for value in values:
        name, equals, wanted = value.partition("=")
        if not equals:
            raise click.BadParameter(
                "bad format of filter (expected name=value)",
                param_hint="'-f, --filter'",
            )
        filters.setdefault(name.strip().lower(), []).append(wanted.strip())
    return filters


def for_each(
    refs: Iterable[str],
    action: Callable[[str], object],
    echo: bool = True,
    missing_ok: bool = False,
    fail: bool = True,
) -> list[str]:
    """Apply action to each container or image like docker does: print each
    name that worked, each error on its own line, then fail (exit 1) if any
    failed, or with ``fail=False`` return the ones that failed. With
    ``missing_ok`` (``rm -f``, ``rmi -f``) a missing one is reported but
    does not count as failed."""
    from docker_cli.api.errors import DockerError, NotFound

    failed = []
    for ref in refs:
        try:
            result = action(ref)
        except DockerError as error:
            click.echo(describe(error), err=True)
            if not (missing_ok and isinstance(error, NotFound)):
                failed.append(ref)
            continue
        if echo:
            click.echo(ref if result is None else result)
    if failed and fail:
        raise CommandFailed("", exit_code=1) from None
    return failed


def print_formatted(
    text: str,
    items: Sequence[Any],
    header: Any = None,
    **options: Any,
) -> None:
    """Print items through a --format; a bad template fails like docker."""
    from docker_cli.output.formatting import FormatError, render

    try:
        sys.stdout.write(render(text, items, header, **options))
    except FormatError as error:
        raise CommandFailed(str(error)) from None


def format_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """docker's --format flag."""
    return click.option(
        "--format",
        "format_",
        metavar="string",
        help="Format output using a custom template:\n'table': Print output in "
        "table format with column headers (default)\n'table TEMPLATE': Print "
        "output in table format using the given Go template\n'json': Print in "
        "JSON format\n'TEMPLATE': Print output using the given Go template",
    )(function)


def filter_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """docker's -f/--filter flag, repeatable."""
    return click.option(
        "-f",
        "--filter",
        "filters",
        multiple=True,
        metavar="filter",
        help="Filter output based on conditions provided",
    )(function)


def custom_format(text: str | None) -> bool:
    """Whether --format asks for something other than the default table."""
    return bool(text) and text != "table"


def print_table(header: list[str], rows: list[list[str]]) -> None:
    from docker_cli.output.table import render_table

    sys.stdout.write(render_table(header, rows))


def write_chunks(chunks: Iterable[tuple[int, bytes]]) -> None:
    """Copy container output to our stdout and stderr, byte for byte."""
    from docker_cli.api.streams import STDERR

    out, err = sys.stdout.buffer, sys.stderr.buffer
    for stream, data in chunks:
        target = err if stream == STDERR else out
        target.write(data)
        target.flush()


class GoInt(click.ParamType):  # type: ignore[type-arg]
    """An integer flag whose bad value is reported in docker's words."""

    name = "int"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> int:
        if isinstance(value, int):
            return value
        try:
            return int(value)
        except ValueError:
            flag = ", ".join(param.opts) if param else "int"
            raise click.BadParameter(
                f'invalid argument "{value}" for "{flag}" flag: '
                f'strconv.ParseInt: parsing "{value}": invalid syntax',
                ctx=ctx,
                param=param,
            ) from None


GO_INT = GoInt()


def go_bool_option(*names: str, default: bool, help: str) -> Callable[..., Any]:
    """A boolean flag that also takes Go's ``--flag=false`` form, as docker's
    boolean flags do (``--sig-proxy=false``, ``--pause=false``)."""
    return click.option(
        *names,
        type=click.BOOL,
        default=default,
        is_flag=False,
        flag_value=True,
        metavar="",
        show_default=False,
        help=help,
    )


def client_for(command: str, version: str) -> Client:
    """The client, unless the daemon is too old to have this command."""
    from docker_cli.cli.context import get_env

    client = get_env().client
    if client.legacy:
        raise CommandFailed(
            f"{command} needs Engine API {version} or newer; this daemon "
            "speaks the 2013 Remote API v1.2"
        )
    return client


_DURATION_UNITS = {
    "ns": 1e-9,
    "us": 1e-6,
    "µs": 1e-6,
    "ms": 1e-3,
    "s": 1,
    "m": 60,
    "h": 3600,
}


def api_time(value: str | None, flag: str) -> str | None:
    """A --since/--until value as the daemon wants it (seconds since the
    epoch): a Go duration ("42m", "1h30m") counts back from now, a date
    (RFC 3339, or a plain date) or a number of seconds is taken as given."""
    import json
    import re
    import time
    from datetime import datetime

    if not value:
        return None
    if re.fullmatch(r"\d+(\.\d+)?", value):
        return value
    parts = re.findall(r"(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)", value)
    if parts and "".join(n + u for n, u in parts) == value:
        seconds = sum(float(n) * _DURATION_UNITS[u] for n, u in parts)
        return f"{time.time() - seconds:.9f}"
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise CommandFailed(
            f'invalid value for "{flag}": failed to parse value as time or '
            f"duration: {json.dumps(value)}"
        ) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return f"{when.timestamp():.9f}"
