"""docker's management commands (``container ls``, ``image rm``, ...):
each one the same command as its short form, under its long name."""

from __future__ import annotations

from typing import Any

import click

# Sub-command name -> the top-level command it is.
GROUPS = {
    "container": {
        "attach": "attach", "commit": "commit", "create": "create",
        "diff": "diff", "exec": "exec", "export": "export",
        "inspect": "inspect", "kill": "kill", "list": "ps", "logs": "logs",
        "ls": "ps", "ps": "ps", "remove": "rm", "restart": "restart",
        "rm": "rm", "run": "run", "start": "start", "stop": "stop",
        "wait": "wait",
    },
    "image": {
        "build": "build", "history": "history", "import": "import",
        "inspect": "inspect", "list": "images", "load": "load", "ls": "images",
        "pull": "pull", "push": "push", "remove": "rmi", "rm": "rmi",
        "save": "save", "tag": "tag",
    },
    "system": {"info": "info"},
}  # fmt: skip
SUMMARIES = {
    "container": "Manage containers",
    "image": "Manage images",
    "system": "Manage Docker",
}


class ManagementGroup(click.Group):
    """A group whose sub-commands are top-level commands under other names.
    Hidden from the generated completions and man pages, which describe
    the short forms."""

    def __init__(self, name: str) -> None:
        super().__init__(name, help=SUMMARIES[name], hidden=True)
        self.aliases = GROUPS[name]

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self.aliases)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = self.aliases.get(name)
        if target is None or ctx.parent is None:
            return None
        root = ctx.find_root().command
        assert isinstance(root, click.Group)
        return root.get_command(ctx.find_root(), target)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and args[0] not in self.aliases:
            from docker_cli.cli.errors import UnknownCommand

            root = ctx.find_root().info_name
            path = ctx.command_path
            raise UnknownCommand(f"{root}: unknown command: {path} {args[0]}", ctx=ctx)
        return super().resolve_command(ctx, args)

    def format_help(self, ctx: click.Context, formatter: Any) -> None:
        lines = [f"Usage:  {ctx.command_path} COMMAND", "", self.help or "", ""]
        lines.append("Commands:")
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            summary = " ".join((command.help or "").split()) if command else ""
            lines.append(f"  {name:<11} {summary}")
        lines += ["", f"Run '{ctx.command_path} COMMAND --help' for more information."]
        formatter.write("\n".join(lines) + "\n")


container_command = ManagementGroup("container")
image_command = ManagementGroup("image")
system_command = ManagementGroup("system")
