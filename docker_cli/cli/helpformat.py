"""``--help`` laid out as docker lays it out: docker's usage line, the
description, then the options in pflag's two columns, wrapped at 80."""

from __future__ import annotations

import textwrap
from typing import Any

import click

from docker_cli.cli.errors import usage_line

WIDTH = 80
COMMON_COMMANDS = [
    "run", "exec", "ps", "build", "pull", "push", "images", "login",
    "logout", "search", "version", "info",
]  # fmt: skip


def option_rows(ctx: click.Context, command: click.Command) -> list[tuple[str, str]]:
    """(flags, description) for each visible option, sorted by long name."""
    rows = []
    for param in command.get_params(ctx):
        if not isinstance(param, click.Option) or param.hidden:
            continue
        if "--help" in param.opts:
            continue
        rows.append((_sort_key(param), _flags(param), _description(param)))
    return [(flags, text) for _, flags, text in sorted(rows)]


def _sort_key(option: click.Option) -> str:
    longs = [name for name in option.opts if name.startswith("--")]
    return (longs or option.opts)[0].lstrip("-")


def _flags(option: click.Option) -> str:
    shorts = [name for name in option.opts if not name.startswith("--")]
    longs = [name for name in option.opts if name.startswith("--")]
    text = f"{shorts[0]}, " if shorts else "    "
    text += longs[0] if longs else ""
    if not option.is_flag and option.metavar:
        text += f" {option.metavar}"
    return text


def _description(option: click.Option) -> str:
    text = (option.help or "").rstrip(".")
    default = option.default
    unset = getattr(click.core, "UNSET", None)  # click 8.3+ marks "no default"
    if option.is_flag or default is unset or default in (None, "", False, ()):
        return text
    if callable(default):
        return text
    if isinstance(default, bool):
        return text
    shown = f'"{default}"' if isinstance(default, str) else str(default)
    return f"{text} (default {shown})"


def two_columns(rows: list[tuple[str, str]]) -> list[str]:
    """pflag's layout: flags, then the wrapped description three spaces
    after the longest flags."""
    if not rows:
        return []
    left = max(len(flags) for flags, _ in rows) + 2
    column = left + 3
    lines = []
    for flags, text in rows:
        wrapped = textwrap.wrap(text, WIDTH - column) or [""]
        lines.append(f"  {flags:<{left - 2}}   {wrapped[0]}".rstrip())
        lines += [" " * column + more for more in wrapped[1:]]
    return lines


TRUE_WORDS = {"1", "t", "true", "True", "TRUE"}
FALSE_WORDS = {"0", "f", "false", "False", "FALSE"}


def go_bool_args(
    command: click.Command, ctx: click.Context, args: list[str]
) -> list[str]:
    """Rewrite Go's ``--flag=true`` and ``--flag=false`` (which docker takes
    for every boolean flag) into what click understands: the bare flag, or
    nothing. Only the command's own options are touched, so the arguments
    of the command run in a container are left as they are."""
    flags = {
        name: option
        for option in command.get_params(ctx)
        if isinstance(option, click.Option) and option.is_flag
        for name in option.opts
    }
    takes_value = {
        name
        for option in command.get_params(ctx)
        if isinstance(option, click.Option) and not option.is_flag
        for name in option.opts
    }
    result: list[str] = []
    index = 0
    while index < len(args):
        token = args[index]
        index += 1
        if token == "--" or not token.startswith("-"):
            if not ctx.allow_interspersed_args or token == "--":
                return result + [token] + args[index:]
            result.append(token)
            continue
        name, equals, value = token.partition("=")
        if equals and name in flags and value in TRUE_WORDS | FALSE_WORDS:
            option = flags[name]
            if value in TRUE_WORDS:
                result.append(name)
            elif option.secondary_opts:  # --human=false is --no-human
                result.append(option.secondary_opts[0])
            continue
        result.append(token)
        if token in takes_value and index < len(args):
            result.append(args[index])
            index += 1
    return result


def with_context(ctx: click.Context, parse: Any, args: list[str]) -> list[str]:
    """Parse, making sure a usage error knows its command (click's parser
    raises some without one, and docker's message names the command)."""
    try:
        return list(parse(ctx, go_bool_args(ctx.command, ctx, args)))
    except click.UsageError as error:
        if error.ctx is None:
            error.ctx = ctx
        raise


class DockerCommand(click.Command):
    """A sub-command whose help and flags read like docker's."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return with_context(ctx, super().parse_args, args)

    def format_usage(self, ctx: click.Context, formatter: Any) -> None:
        formatter.write(usage_line(ctx) + "\n")

    def format_help(self, ctx: click.Context, formatter: Any) -> None:
        lines = [usage_line(ctx), "", _summary(self.help)]
        rows = option_rows(ctx, self)
        if rows:
            lines += ["", "Options:", *two_columns(rows)]
        formatter.write("\n".join(lines) + "\n")


def group_help(ctx: click.Context, group: click.Group) -> str:
    root = ctx.info_name or "dkr"
    names = [n for n in group.list_commands(ctx) if not n.startswith("_")]
    summaries = {name: _short(ctx, group, name) for name in names}
    common = [name for name in COMMON_COMMANDS if name in summaries]
    others = [name for name in names if name not in common]
    lines = [f"Usage:  {root} [OPTIONS] COMMAND", "", _summary(group.help), ""]
    lines.append("Common Commands:")
    lines += [f"  {name:<11} {summaries[name]}" for name in common]
    managed = [name for name in names if _is_group(ctx, group, name)]
    others = [name for name in others if name not in managed]
    lines += ["", "Management Commands:"]
    lines += [f"  {name:<11} {summaries[name]}" for name in managed]
    lines += ["", "Commands:"]
    lines += [f"  {name:<11} {summaries[name]}" for name in others]
    lines += ["", "Global Options:", *two_columns(option_rows(ctx, group)), ""]
    lines.append(f"Run '{root} COMMAND --help' for more information on a command.")
    return "\n".join(lines) + "\n"


def _is_group(ctx: click.Context, group: click.Group, name: str) -> bool:
    return isinstance(group.get_command(ctx, name), click.Group)


def _short(ctx: click.Context, group: click.Group, name: str) -> str:
    command = group.get_command(ctx, name)
    return _summary(command.help if command else "").split("\n")[0]


def _summary(text: str | None) -> str:
    return " ".join((text or "").split()).rstrip(".") if text else ""


def command(name: str, **settings: Any) -> Any:
    """click.command with docker's help layout."""
    return click.command(name, cls=DockerCommand, **settings)
