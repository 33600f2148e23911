"""Man pages in roff: dkr(1) and one dkr-COMMAND(1) a command, written from
the same click definitions as ``--help``, so that the two never differ."""

from __future__ import annotations

import re

import click

from docker_cli import __version__
from docker_cli.cli.errors import usage_line

# No date in the header: a page changes only when its command does (or
# the version does), so that regenerating the pages is a no-op otherwise.
HEADER = '.TH {title} 1 "" "dkr {version}" "dkr Manual"\n'

ENVIRONMENT = r"""
.SH ENVIRONMENT
.TP
.B DOCKER_HOST
The daemon to connect to, when \fB\-H\fR is not given; the default is
unix:///var/run/docker.sock.
.TP
.B DOCKER_API_VERSION
The Engine API version to speak, instead of the highest one that both
dkr and the daemon know.
.TP
.B DOCKER_CONFIG
The folder of the client configuration (config.json), instead of
~/.docker.
.SH EXIT STATUS
Commands exit with 0 on success and 1 on failure, or 125 on a bad flag.
\fBdkr run\fR exits with the status of the container's command, or 125
when dkr or the daemon fails, 126 when the command cannot be invoked and
127 when it is not found.
"""


def generated_files() -> dict[str, str]:
    """Every page, by its path in the source tree."""
    from docker_cli.cli.main import cli

    root = click.Context(cli, info_name="dkr", **cli.context_settings)
    pages = {"man/dkr.1": main_page(root)}
    for name, command in _visible_commands(root):
        ctx = click.Context(
            command, info_name=name, parent=root, **command.context_settings
        )
        pages[f"man/dkr-{name}.1"] = command_page(ctx)
    return pages


def _visible_commands(root: click.Context) -> list[tuple[str, click.Command]]:
    group = root.command
    assert isinstance(group, click.Group)
    found = (
        (name, group.get_command(root, name)) for name in group.list_commands(root)
    )
    return [(name, cmd) for name, cmd in found if cmd is not None and not cmd.hidden]


def main_page(root: click.Context) -> str:
    """dkr(1): the global options, then each command with its short help."""
    command = root.command
    parts = [
        _header("dkr"),
        _name_section("dkr", command),
        _synopsis(root),
        _description(command),
        _options(root),
        _commands_section(root),
        ENVIRONMENT.lstrip("\n"),
    ]
    return "".join(parts)


def command_page(ctx: click.Context) -> str:
    """dkr-COMMAND(1): usage, help text and every option, as --help has."""
    name = f"dkr-{ctx.info_name}"
    parts = [
        _header(name),
        _name_section(name, ctx.command),
        _synopsis(ctx),
        _description(ctx.command),
        _options(ctx),
        ".SH SEE ALSO\n.BR dkr (1)\n",
    ]
    return "".join(parts)


def _header(name: str) -> str:
    return HEADER.format(title=escape(name.upper()), version=__version__)


def _name_section(name: str, command: click.Command) -> str:
    summary = command.get_short_help_str(limit=200).rstrip(".")
    return f".SH NAME\n{escape(name)} \\- {escape(summary)}\n"


def _synopsis(ctx: click.Context) -> str:
    """docker's usage line ("Usage:  dkr ps [OPTIONS]") less its label."""
    path = ctx.command_path
    arguments = usage_line(ctx).removeprefix("Usage:").strip().removeprefix(path)
    return f".SH SYNOPSIS\n\\fB{escape(path)}\\fR{escape(arguments)}\n"


def _description(command: click.Command) -> str:
    paragraphs = re.split(r"\n\s*\n", (command.help or "").strip())
    text = "\n.PP\n".join(_paragraph(paragraph) for paragraph in paragraphs)
    return f".SH DESCRIPTION\n{text}\n"


def _paragraph(paragraph: str) -> str:
    # click's \b marks a paragraph it must not rewrap; roff fills anyway.
    lines = [line.strip() for line in paragraph.splitlines()]
    return "\n".join(escape(line) for line in lines if line and line != "\b")


def _options(ctx: click.Context) -> str:
    # The same rows as --help, built by dkr rather than by click, so the
    # pages do not change with the installed click version.
    from docker_cli.cli.helpformat import option_rows

    rows = option_rows(ctx, ctx.command)
    entries = [
        f".TP\n\\fB{escape(flags.strip())}\\fR\n{escape(' '.join(text.split()))}\n"
        for flags, text in rows
    ]
    return ".SH OPTIONS\n" + "".join(entries) if entries else ""


def _commands_section(root: click.Context) -> str:
    entries = []
    for name, command in _visible_commands(root):
        summary = command.get_short_help_str(limit=200)
        entries.append(f".TP\n.BR {escape(f'dkr-{name}')} (1)\n{escape(summary)}\n")
    return ".SH COMMANDS\n" + "".join(entries)


def escape(text: str) -> str:
    """Text as roff prints it literally: backslashes and hyphen-minus
    escaped, and no line that roff would read as a request."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join(_literal_line(line) for line in text.split("\n"))


def _literal_line(line: str) -> str:
    return "\\&" + line if line.startswith((".", "'")) else line
