"""Container commands: ps, start, stop, restart, kill, wait, rm, logs,
diff, export, commit."""

from __future__ import annotations

import sys

import click

from docker_cli.api import containers as api
from docker_cli.cli.common import (
    GO_INT,
    custom_format,
    filter_option,
    for_each,
    format_option,
    go_bool_option,
    parse_filters,
    print_formatted,
    print_table,
    write_chunks,
)
from docker_cli.cli.config import detach_keys as resolve_detach_keys
from docker_cli.cli.context import get_env
from docker_cli.cli.errors import CommandFailed
from docker_cli.cli.helpformat import command


@command("ps")
@click.option(
    "-a",
    "--all",
    "show_all",
    is_flag=True,
    help="Show all containers (default shows just running)",
)
@filter_option
@click.option(
    "-n",
    "--last",
    type=GO_INT,
    default=-1,
    metavar="int",
    help="Show n last created containers (includes all states)",
)
@click.option(
    "-l",
    "--latest",
    is_flag=True,
    help="Show the latest created container (includes all states)",
)
@click.option("--no-trunc", is_flag=True, help="Don't truncate output")
@click.option("-q", "--quiet", is_flag=True, help="Only display container IDs")
@click.option("-s", "--size", is_flag=True, help="Display total file sizes")
@format_option
def ps_command(show_all, filters, last, latest, no_trunc, quiet, size, format_):
    """List containers"""
    from docker_cli.output.humanize import short_id
    from docker_cli.output.lists import container_rows

    custom = custom_format(format_)
    limit = 1 if latest else last
    # docker asks the daemon for sizes only when the template shows them.
    wants_size = size or bool(custom and (".Size" in format_ or "json ." in format_))
    containers = api.list_containers(
        get_env().client,
        all=show_all or limit > 0,
        limit=limit,
        size=wants_size and not quiet,
        filters=parse_filters(filters),
    )
    if quiet:
        for container in containers:
            click.echo(container.id if no_trunc else short_id(container.id))
    elif custom:
        from docker_cli.output.contexts import CONTAINER_HEADERS, ContainerContext
        from docker_cli.output.formatting import Header

        contexts = [ContainerContext(c, trunc=not no_trunc) for c in containers]
        header = Header(CONTAINER_HEADERS, ContainerContext.go_type_name)
        print_formatted(format_, contexts, header)
    else:
        print_table(*container_rows(containers, trunc=not no_trunc, size=size))


@command("start")
@click.option(
    "-a", "--attach", is_flag=True, help="Attach STDOUT/STDERR and forward signals"
)
@click.option(
    "--detach-keys",
    metavar="string",
    help="Override the key sequence for detaching a container",
)
@click.option("-i", "--interactive", is_flag=True, help="Attach container's STDIN")
@click.argument(
    "containers", nargs=-1, required=True, metavar="CONTAINER [CONTAINER...]"
)
def start_command(attach, detach_keys, interactive, containers):
    """Start one or more stopped containers"""
    client = get_env().client
    if not (attach or interactive):
        failed = for_each(
            containers, lambda ref: api.start_container(client, ref), fail=False
        )
        if failed:
            raise CommandFailed(
                f"Error: failed to start containers: {', '.join(failed)}"
            )
        return None
    if len(containers) > 1:
        raise CommandFailed("you cannot start and attach multiple containers at once")
    return _start_attached(client, containers[0], interactive, detach_keys)


def _start_attached(client, ref: str, interactive: bool, keys: str | None) -> int:
    """start -a: attach, register the wait, start, then follow the session."""
    from docker_cli.cli.run import Waiter, follow

    details = api.inspect_container(client, ref)
    config = details.get("Config") or {}
    container_id = details.get("Id", ref)
    stdin = interactive and bool(config.get("OpenStdin"))
    detach = resolve_detach_keys(keys)
    stream = api.attach_container(
        client, container_id, stdin=stdin, detach_keys=detach.spec
    )
    waiter = Waiter(client.fork(), container_id, autoremove=False)
    api.start_container(client, container_id)
    status = follow(
        client,
        stream,
        waiter,
        container_id,
        tty=bool(config.get("Tty")),
        stdin=stdin,
        keys=detach,
        sig_proxy=True,
    )
    return 0 if status is None else status


@command("attach")
@click.option(
    "--detach-keys",
    metavar="string",
    help="Override the key sequence for detaching a container",
)
@click.option("--no-stdin", is_flag=True, help="Do not attach STDIN")
@go_bool_option(
    "--sig-proxy", default=True, help="Proxy all received signals to the process"
)
@click.argument("container", metavar="CONTAINER")
def attach_command(detach_keys, no_stdin, sig_proxy, container):
    """Attach local standard input, output, and error streams to a running
    container"""
    from docker_cli.cli.run import Waiter, follow

    client = get_env().client
    details = api.inspect_container(client, container)
    state, config = details.get("State") or {}, details.get("Config") or {}
    if not state.get("Running"):
        raise CommandFailed("You cannot attach to a stopped container, start it first")
    if state.get("Paused"):
        raise CommandFailed("You cannot attach to a paused container, unpause it first")

    container_id = details.get("Id", container)
    stdin = bool(config.get("OpenStdin")) and not no_stdin
    keys = resolve_detach_keys(detach_keys)
    stream = api.attach_container(
        client, container_id, stdin=stdin, detach_keys=keys.spec
    )
    waiter = Waiter(client.fork(), container_id, autoremove=False, condition="")
    status = follow(
        client,
        stream,
        waiter,
        container_id,
        tty=bool(config.get("Tty")),
        stdin=stdin,
        keys=keys,
        sig_proxy=sig_proxy,
    )
    if status is None:
        # docker attach reports a detach as an error, with status 1.
        raise CommandFailed("read escape sequence")
    return status


def _stopping_options(function):
    """The -s and -t flags of stop and restart, and their containers."""
    decorators = [
        click.option(
            "-s", "--signal", metavar="string", help="Signal to send to the container"
        ),
        click.option(
            "-t",
            "--timeout",
            type=GO_INT,
            metavar="int",
            help="Seconds to wait before killing the container",
        ),
        click.argument(
            "containers", nargs=-1, required=True, metavar="CONTAINER [CONTAINER...]"
        ),
    ]
    for decorator in reversed(decorators):
        function = decorator(function)
    return function


@command("stop")
@_stopping_options
def stop_command(signal, timeout, containers):
    """Stop one or more running containers"""
    client = get_env().client
    for_each(containers, lambda ref: api.stop_container(client, ref, timeout, signal))


@command("restart")
@_stopping_options
def restart_command(signal, timeout, containers):
    """Restart one or more containers"""
    client = get_env().client
    for_each(
        containers, lambda ref: api.restart_container(client, ref, timeout, signal)
    )


@command("kill")
@click.option("-s", "--signal", help="Signal to send to the container")
@click.argument(
    "containers", nargs=-1, required=True, metavar="CONTAINER [CONTAINER...]"
)
def kill_command(signal, containers):
    """Kill one or more running containers"""
    client = get_env().client
    for_each(containers, lambda ref: api.kill_container(client, ref, signal))


@command("wait")
@click.argument(
    "containers", nargs=-1, required=True, metavar="CONTAINER [CONTAINER...]"
)
def wait_command(containers):
    """Block until one or more containers stop, then print their exit codes"""
    client = get_env().client
    for_each(containers, lambda ref: api.wait_container(client, ref))


@command("rm")
@click.option(
    "-f",
    "--force",
    is_flag=True,
    help="Force the removal of a running container (uses SIGKILL)",
)
@click.option(
    "-v",
    "--volumes",
    is_flag=True,
    help="Remove anonymous volumes associated with the container",
)
@click.argument(
    "containers", nargs=-1, required=True, metavar="CONTAINER [CONTAINER...]"
)
def rm_command(force, volumes, containers):
    """Remove one or more containers"""
    client = get_env().client
    for_each(
        containers,
        lambda ref: api.remove_container(client, ref, force, volumes),
        missing_ok=force,
    )


@command("logs")
@click.option("-f", "--follow", is_flag=True, help="Follow log output")
@click.option(
    "-n",
    "--tail",
    default="all",
    metavar="string",
    help='Number of lines to show from the end of the logs (default "all")',
)
@click.option(
    "--since",
    metavar="string",
    help='Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or '
    'relative (e.g. "42m" for 42 minutes)',
)
@click.option(
    "--until",
    metavar="string",
    help='Show logs before a timestamp (e.g. "2013-01-02T13:23:37Z") '
    'or relative (e.g. "42m" for 42 minutes)',
)
@click.option("-t", "--timestamps", is_flag=True, help="Show timestamps")
@click.argument("container", metavar="CONTAINER")
def logs_command(follow, tail, since, until, timestamps, container):
    """Fetch the logs of a container"""
    client = get_env().client
    details = api.inspect_container(client, container)
    tty = bool((details.get("Config") or {}).get("Tty"))
    from docker_cli.cli.common import api_time

    chunks = api.container_logs(
        client,
        container,
        tty,
        follow=follow,
        tail=tail,
        timestamps=timestamps,
        since=api_time(since, "since"),
        until=api_time(until, "until"),
    )
    write_chunks(chunks)


@command("diff")
@click.argument("container", metavar="CONTAINER")
def diff_command(container):
    """Inspect changes to files or directories on a container's filesystem"""
    kinds = {0: "C", 1: "A", 2: "D"}
    for change in api.container_changes(get_env().client, container):
        click.echo(
            f"{kinds.get(int(change.get('Kind', -1)), '?')} {change.get('Path')}"
        )


@command("export")
@click.option(
    "-o", "--output", metavar="string", help="Write to a file, instead of STDOUT"
)
@click.argument("container", metavar="CONTAINER")
def export_command(output, container):
    """Export a container's filesystem as a tar archive"""
    from docker_cli.cli.files import check_output_path, write_stream

    if output is None and sys.stdout.isatty():
        raise CommandFailed(
            "cowardly refusing to save to a terminal. Use the -o flag or redirect"
        )
    if output is not None:
        check_output_path(output, "failed to export container")
    write_stream(api.export_container(get_env().client, container), output)


@command("commit")
@click.option(
    "-a",
    "--author",
    metavar="string",
    help='Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")',
)
@click.option(
    "-c",
    "--change",
    "changes",
    multiple=True,
    metavar="list",
    help="Apply Dockerfile instruction to the created image",
)
@click.option("-m", "--message", metavar="string", help="Commit message")
@click.option(
    "--pause/--no-pause",
    default=True,
    help="Pause container during commit (default true)",
)
@click.argument("container", metavar="CONTAINER")
@click.argument("repository", required=False, metavar="[REPOSITORY[:TAG]]")
def commit_command(author, changes, message, pause, container, repository):
    """Create a new image from a container's changes"""
    from docker_cli.api.references import split_tag

    repo, tag = split_tag(repository) if repository else (None, None)
    image_id = api.commit_container(
        get_env().client, container, repo, tag, message, author, list(changes), pause
    )
    click.echo(image_id)
