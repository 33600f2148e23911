"""Image commands: images, pull, tag, rmi, history, import."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

import click

from docker_cli.api import images as api
from docker_cli.api.client import Client
from docker_cli.api.models import ImageSummary
from docker_cli.cli.common import (
    GO_INT,
    client_for,
    custom_format,
    filter_option,
    for_each,
    format_option,
    print_formatted,
    print_table,
)
from docker_cli.cli.context import get_env
from docker_cli.cli.errors import CommandFailed
from docker_cli.cli.helpformat import command


@command("images")
@click.option(
    "-a",
    "--all",
    "show_all",
    is_flag=True,
    help="Show all images (default hides intermediate images)",
)
@click.option("--digests", is_flag=True, help="Show digests")
@click.option("--no-trunc", is_flag=True, help="Don't truncate output")
@click.option("-q", "--quiet", is_flag=True, help="Only show image IDs")
@filter_option
@click.option("--viz", is_flag=True, help="Output the image graph in Graphviz DOT")
@click.option("--tree", is_flag=True, help="Output the image graph as a tree")
@format_option
@click.argument("reference", required=False, metavar="[REPOSITORY[:TAG]]")
def images_command(
    show_all, digests, no_trunc, quiet, filters, viz, tree, format_, reference
):
    """List images"""
    from docker_cli.output.humanize import short_id
    from docker_cli.output.lists import image_rows

    if viz or tree:
        _show_graph(viz)
        return
    from docker_cli.cli.common import parse_filters

    images = api.list_images(
        get_env().client,
        all=show_all,
        reference=reference,
        filters=parse_filters(filters),
    )
    if quiet:
        # One line per row of the table: an image with two tags shows twice.
        for image in images:
            image_id = image.id if no_trunc else short_id(image.id)
            for _ in range(max(len(image.repo_tags), 1)):
                click.echo(image_id)
        return
    if custom_format(format_):
        from docker_cli.output.contexts import IMAGE_HEADERS, ImageContext
        from docker_cli.output.formatting import Header
        from docker_cli.output.lists import repository_tags

        show_digests = digests or "Digest" in format_
        contexts = [
            ImageContext(image, repository, tag, not no_trunc, show_digests)
            for image in images
            for repository, tag in repository_tags(image)
        ]
        print_formatted(format_, contexts, Header(IMAGE_HEADERS), messages=_FAILURE)
        return
    print_table(*image_rows(images, trunc=not no_trunc, digests=digests))


def _show_graph(dot: bool) -> None:
    """The graph of all images, parents above children."""
    from docker_cli.output.graph import image_dot, image_tree

    client = get_env().client
    if dot and client.legacy:
        sys.stdout.write(api.image_graph(client))
        return
    images = api.list_images(client, all=True)
    if client.legacy:
        images = _with_parents(client, images)
    sys.stdout.write(image_dot(images) if dot else image_tree(images))


def _with_parents(client: Client, images: list[ImageSummary]) -> list[ImageSummary]:
    """The 2013 image list has no parents; inspect gives a (shortened) one."""
    details = [api.inspect_image(client, image.id) for image in images]
    full_ids = [str(detail.get("id", "")) for detail in details]
    for image, detail, full_id in zip(images, details, full_ids, strict=True):
        parent = str(detail.get("parent") or "")
        image.id = full_id
        image.parent_id = next(
            (
                candidate
                for candidate in full_ids
                if parent and candidate.startswith(parent)
            ),
            "",
        )
    return images


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


# docker words any template failure of images and history as a parse error.
_FAILURE = ("template parsing error", "template parsing error")


@command("pull")
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
    click.echo(pull(name, quiet, all_tags=all_tags))


def registry_auth(reference: str) -> str | None:
    """The stored credentials for the reference's registry, as a header."""
    from docker_cli.api.references import registry_of
    from docker_cli.cli.credentials import get_credentials

    server = registry_of(reference)
    credentials = get_credentials(server)
    return credentials.registry_auth(server) if credentials else None


@command("push")
@click.option(
    "-a", "--all-tags", is_flag=True, help="Push all tags of an image to the repository"
)
@click.option("-q", "--quiet", is_flag=True, help="Suppress verbose output")
@click.argument("name", metavar="NAME[:TAG]")
def push_command(all_tags, quiet, name):
    """Upload an image to a registry"""
    from docker_cli.api.references import split_tag
    from docker_cli.cli.credentials import anonymous_auth
    from docker_cli.output.progress import show_progress

    client = get_env().client
    # The 2013 API pushes a whole repository; today's, one tag.
    untagged = split_tag(name)[1] is None and "@" not in name
    if untagged and not all_tags and not client.legacy:
        if not quiet:
            click.echo("Using default tag: latest")
        name = f"{name}:latest"
    auth = registry_auth(name) or anonymous_auth()
    messages = api.push_image(client, name, auth, all_tags)
    if quiet:
        list(_checked(messages))
        click.echo(name)
    else:
        show_progress(messages, sys.stdout, terminal=sys.stdout.isatty())


@command("tag")
@click.argument("source", metavar="SOURCE_IMAGE[:TAG]")
@click.argument("target", metavar="TARGET_IMAGE[:TAG]")
def tag_command(source, target):
    """Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE"""
    api.tag_image(get_env().client, source, target)


@command("rmi")
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

    for_each(images, remove, missing_ok=force)


@command("history")
@click.option(
    "-H",
    "--human/--no-human",
    default=True,
    help="Print sizes and dates in human readable format",
)
@click.option("--no-trunc", is_flag=True, help="Don't truncate output")
@click.option("-q", "--quiet", is_flag=True, help="Only show image IDs")
@format_option
@click.argument("image", metavar="IMAGE")
def history_command(human, no_trunc, quiet, format_, image):
    """Show the history of an image"""
    from docker_cli.output.humanize import short_id
    from docker_cli.output.lists import history_rows

    entries = api.image_history(get_env().client, image)
    if quiet:
        for entry in entries:
            click.echo(entry.id if no_trunc else short_id(entry.id))
        return
    if custom_format(format_):
        from docker_cli.output.contexts import HISTORY_HEADERS, HistoryContext
        from docker_cli.output.formatting import Header

        contexts = [HistoryContext(e, not no_trunc, human) for e in entries]
        print_formatted(format_, contexts, Header(HISTORY_HEADERS), messages=_FAILURE)
        return
    print_table(*history_rows(entries, trunc=not no_trunc, human=human))


@command("import")
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
    from docker_cli.api.references import split_tag
    from docker_cli.cli.files import read_chunks

    repository, tag = split_tag(reference) if reference else (None, None)
    from_url = source.startswith(("http://", "https://"))
    body = source if from_url else read_chunks(source)
    messages = api.import_image(
        get_env().client, body, repository, tag, message, list(changes)
    )
    replies = list(_checked(messages))
    click.echo(replies[-1].get("status", "") if replies else "")


@command("save")
@click.option(
    "-o", "--output", metavar="string", help="Write to a file, instead of STDOUT"
)
@click.argument("images", nargs=-1, required=True, metavar="IMAGE [IMAGE...]")
def save_command(output, images):
    """Save one or more images to a tar archive (streamed to STDOUT by default)"""
    from docker_cli.cli.files import check_output_path, write_stream

    if output is None and sys.stdout.isatty():
        raise CommandFailed(
            "cowardly refusing to save to a terminal. Use the -o flag or redirect"
        )
    client = client_for("save", "1.8")
    if output is not None:
        check_output_path(output, "failed to save image")
    write_stream(api.save_images(client, list(images)), output)


@command("load")
@click.option(
    "-i",
    "--input",
    "source",
    metavar="string",
    help="Read from tar archive file, instead of STDIN",
)
@click.option("-q", "--quiet", is_flag=True, help="Suppress the load output")
def load_command(source, quiet):
    """Load an image from a tar archive or STDIN"""
    from docker_cli.cli.files import read_chunks
    from docker_cli.output.progress import show_progress

    if source is None and sys.stdin.isatty():
        raise CommandFailed("requested load from stdin, but stdin is empty")
    client = client_for("load", "1.8")
    messages = api.load_images(client, read_chunks(source or "-"), quiet)
    show_progress(messages, sys.stdout, terminal=sys.stdout.isatty())


@command("search")
@filter_option
@click.option(
    "--limit", type=GO_INT, metavar="int", help="Max number of search results"
)
@click.option("--no-trunc", is_flag=True, help="Don't truncate output")
@format_option
@click.argument("term", metavar="TERM")
def search_command(filters, limit, no_trunc, format_, term):
    """Search Docker Hub for images"""
    from docker_cli.cli.common import parse_filters
    from docker_cli.output.lists import search_rows

    results = api.search_images(
        get_env().client, term, limit, parse_filters(filters), registry_auth(term)
    )
    if custom_format(format_):
        from docker_cli.output.contexts import SEARCH_HEADERS, SearchContext
        from docker_cli.output.formatting import Header

        contexts = [SearchContext(result, not no_trunc) for result in results]
        print_formatted(format_, contexts, Header(SEARCH_HEADERS))
        return
    print_table(*search_rows(results, trunc=not no_trunc))


@command("insert")
@click.argument("image", metavar="IMAGE")
@click.argument("url", metavar="URL")
@click.argument("path", metavar="PATH")
def insert_command(image, url, path):
    """Insert a file from URL in the IMAGE at PATH, as a new image"""
    client = get_env().client
    if client.legacy:
        replies = list(_checked(api.insert_file(client, image, url, path)))
        image_id = replies[-1].get("status", "") if replies else ""
    else:
        image_id = _insert_by_build(client, image, url, path)
    click.echo(image_id)


def _insert_by_build(client: Client, image: str, url: str, path: str) -> str:
    """Current engines dropped insert; a one-step build whose ADD fetches
    the URL on the daemon's side makes the same image."""
    import json

    from docker_cli.cli.build import dockerfile_tar

    dockerfile = f"FROM {image}\nADD {json.dumps([url, path])}\n".encode()
    params = {"q": True, "rm": True}
    context = dockerfile_tar(dockerfile)
    replies = list(_checked(api.build_image(client, context, params)))
    from docker_cli.cli.build import built_image_id

    return built_image_id(replies)
