"""Image commands: images, pull, tag, rmi, history, import."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

import click

from docker_cli.api import images as api
from docker_cli.cli.common import for_each, print_table
from docker_cli.cli.context import get_env
from docker_cli.cli.errors import CommandFailed, describe


@click.command("images")
@click.option(
    "-a",
    "--all",
    "show_all",
    is_flag=True,
    help="Show all images (default hides intermediate images)",
)
@click.option("--no-trunc", is_flag=True, help="Don't truncate output")
@click.option("-q", "--quiet", is_flag=True, help="Only show image IDs")
@click.argument("reference", required=False, metavar="[REPOSITORY[:TAG]]")
def images_command(show_all, no_trunc, quiet, reference):
    """List images"""
    from docker_cli.output.humanize import short_id
    from docker_cli.output.lists import image_rows

    images = api.list_images(get_env().client, all=show_all, reference=reference)
    if quiet:
        ids = [image.id if no_trunc else short_id(image.id) for image in images]
        for image_id in dict.fromkeys(ids):
            click.echo(image_id)
        return
    print_table(*image_rows(images, trunc=not no_trunc))


def pull(
    reference: str,
    quiet: bool,
    out: TextIO | None = None,
    default_tag_note: bool = True,
    all_tags: bool = False,
) -> str:
    """Pull an image, showing progress on out (stdout by default); return
    the reference pulled."""
    from docker_cli.api.references import split_tag
    from docker_cli.output.progress import show_progress

    out = out or sys.stdout
    repository, tag = split_tag(reference)
    if all_tags:
        if not quiet:
            out.write(f"Pulling all tags of {repository}\n")
    elif tag is None and "@" not in reference:
        if not quiet and default_tag_note:
            out.write("Using default tag: latest\n")
        reference = f"{repository}:latest"
    messages = api.pull_image(
        get_env().client, reference, registry_auth(reference), all_tags
    )
    if quiet:
        for _ in _checked(messages):
            pass
    else:
        show_progress(messages, out, terminal=out.isatty())
    return reference


def _checked(messages: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    from docker_cli.output.progress import raise_if_error

    for message in messages:
        raise_if_error(message)
        yield message


@click.command("pull")
@click.option("-q", "--quiet", is_flag=True, help="Suppress verbose output")
@click.option(
    "-a",
    "--all-tags",
    is_flag=True,
    help="Download all tagged images in the repository",
)
@click.argument("name", metavar="NAME[:TAG|@DIGEST]")
def pull_command(quiet, all_tags, name):
    """Download an image from a registry"""
    from docker_cli.api.errors import StreamError

    try:
        reference = pull(name, quiet, all_tags=all_tags)
    except StreamError as error:
        raise CommandFailed(describe(error)) from None
    click.echo(reference)


def registry_auth(reference: str) -> str | None:
    """The stored credentials for the reference's registry, as a header."""
    from docker_cli.api.references import registry_of
    from docker_cli.cli.credentials import get_credentials

    server = registry_of(reference)
    credentials = get_credentials(server)
    return credentials.registry_auth(server) if credentials else None


@click.command("push")
@click.option(
    "-a", "--all-tags", is_flag=True, help="Push all tags of an image to the repository"
)
@click.option("-q", "--quiet", is_flag=True, help="Suppress verbose output")
@click.argument("name", metavar="NAME[:TAG]")
def push_command(all_tags, quiet, name):
    """Upload an image to a registry"""
    from docker_cli.api.errors import StreamError
    from docker_cli.cli.credentials import anonymous_auth
    from docker_cli.output.progress import show_progress

    auth = registry_auth(name) or anonymous_auth()
    messages = api.push_image(get_env().client, name, auth, all_tags)
    try:
        if quiet:
            list(_checked(messages))
        else:
            show_progress(messages, sys.stdout, terminal=sys.stdout.isatty())
    except StreamError as error:
        raise CommandFailed(describe(error)) from None
    if quiet:
        click.echo(name)


@click.command("tag")
@click.argument("source", metavar="SOURCE_IMAGE[:TAG]")
@click.argument("target", metavar="TARGET_IMAGE[:TAG]")
def tag_command(source, target):
    """Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE"""
    api.tag_image(get_env().client, source, target)


@click.command("rmi")
@click.option("-f", "--force", is_flag=True, help="Force removal of the image")
@click.option("--no-prune", is_flag=True, help="Do not delete untagged parents")
@click.argument("images", nargs=-1, required=True, metavar="IMAGE [IMAGE...]")
def rmi_command(force, no_prune, images):
    """Remove one or more images"""
    client = get_env().client

    def remove(ref: str) -> str:
        report = api.remove_image(client, ref, force=force, prune=not no_prune)
        lines = [f"{kind}: {value}" for item in report for kind, value in item.items()]
        return "\n".join(lines)

    for_each(images, remove)


@click.command("history")
@click.option(
    "-H",
    "--human/--no-human",
    default=True,
    help="Print sizes and dates in human readable format",
)
@click.option("--no-trunc", is_flag=True, help="Don't truncate output")
@click.option("-q", "--quiet", is_flag=True, help="Only show image IDs")
@click.argument("image", metavar="IMAGE")
def history_command(human, no_trunc, quiet, image):
    """Show the history of an image"""
    from docker_cli.output.humanize import short_id
    from docker_cli.output.lists import history_rows

    entries = api.image_history(get_env().client, image)
    if quiet:
        for entry in entries:
            click.echo(entry.id if no_trunc else short_id(entry.id))
        return
    print_table(*history_rows(entries, trunc=not no_trunc, human=human))


@click.command("import")
@click.option(
    "-c",
    "--change",
    "changes",
    multiple=True,
    metavar="list",
    help="Apply Dockerfile instruction to the created image",
)
@click.option(
    "-m", "--message", metavar="string", help="Set commit message for imported image"
)
@click.argument("source", metavar="file|URL|-")
@click.argument("reference", required=False, metavar="[REPOSITORY[:TAG]]")
def import_command(changes, message, source, reference):
    """Import the contents from a tarball to create a filesystem image"""
    from docker_cli.api.errors import StreamError
    from docker_cli.api.references import split_tag
    from docker_cli.cli.files import read_chunks

    repository, tag = split_tag(reference) if reference else (None, None)
    from_url = source.startswith(("http://", "https://"))
    body = source if from_url else read_chunks(source)
    messages = api.import_image(
        get_env().client, body, repository, tag, message, list(changes)
    )
    try:
        replies = list(_checked(messages))
    except StreamError as error:
        raise CommandFailed(describe(error)) from None
    click.echo(replies[-1].get("status", "") if replies else "")
